# self:signal:SIGUSR1 (newer bpftrace): bpfkit runs the probe each time its
# own process gets the signal; here the -c script signals its parent
# (bpfkit) twice, 200 ms apart.
printf '%s\n' 'kill -USR1 $PPID' 'sleep 0.2' 'kill -USR1 $PPID' 'sleep 0.2' >/tmp/bpfkit-sig.sh
ARGS=(-c "/bin/sh /tmp/bpfkit-sig.sh" -e 'self:signal:SIGUSR1 { @n++; printf("signal %d\n", @n); }')
CLEANUP="rm -f /tmp/bpfkit-sig.sh"
