# After kill -9 of bpfkit nothing of its uprobes is left: perf PMU uprobes
# live only as long as their file descriptors and never appear in tracefs
# (the counts are of lines naming the probed binary).
# The experiment runs here, with the bpfkit under test; the case's own
# bpfkit run then prints its result.
# Hand-written expected output: it is about bpfkit's own process.
ln -sf "$ROOT/build/probetest" /tmp/bpfkit-probetest
K=${bpfkit:-$ROOT/build/bpfkit}
"$K" -e 'uprobe:/tmp/bpfkit-probetest:probetest_add { printf("fired\n"); }' >/tmp/bpfkit-kill9.out 2>&1 &
KPID=$!
# Attached once a call fires the probe.
for _ in $(seq 200); do
	/tmp/bpfkit-probetest calls 1
	grep -q fired /tmp/bpfkit-kill9.out && break
	sleep 0.05
done
A=$(grep -c probetest /sys/kernel/tracing/uprobe_events)
kill -9 $KPID
wait $KPID 2>/dev/null
B=$(grep -c probetest /sys/kernel/tracing/uprobe_events)
C=$(grep -c probetest /sys/kernel/tracing/uprobe_profile)
F=$(grep -c fired /tmp/bpfkit-kill9.out)
rm -f /tmp/bpfkit-kill9.out
R="fired $([ "$F" -gt 0 ] && echo yes); uprobe_events $A then $B; uprobe_profile $C"
ARGS=(-e 'BEGIN { printf("%s\n", str($1)); exit(); }' "$R")
