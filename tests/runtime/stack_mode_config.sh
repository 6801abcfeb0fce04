# config stack_mode = perf makes plain ustack print as ustack(perf) does:
# the workload's getpid stack printed both ways must give the same lines
# (the filter counts how often each line appears: every one twice).
printf '%s\n' 'config = { stack_mode = perf }' 'tracepoint:syscalls:sys_enter_getpid /pid == cpid/ { print(ustack(3)); print(ustack(perf, 3)); }' >/tmp/bpfkit-stackmode.bt
ARGS=(-c "$W stack 1" /tmp/bpfkit-stackmode.bt)
FILTER="awk 'NR > 1 && NF' | sort | uniq -c | awk '{ print \$1, (\$3 ~ /^workload_/) }' | sort | uniq -c"
CLEANUP="rm -f /tmp/bpfkit-stackmode.bt"
