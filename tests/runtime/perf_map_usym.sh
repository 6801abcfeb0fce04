# A JIT's /tmp/perf-PID.map names addresses that are in no file mapping:
# usym() of such an address in that process prints the map's name. The
# workload starts (same pid, by exec) after bpfkit has attached, and is
# traced as it enters a 600 ms sleep, so it lives while its symbols are
# read.
( sleep 0.3; exec "$W" sleep 600 ) &
P=$!
printf '7000000000 1000 jitted_function_for_test\n' >"/tmp/perf-$P.map"
ARGS=(-p "$P" -e 'tracepoint:syscalls:sys_enter_clock_nanosleep /pid == $1/ { printf("%s\n", usym(0x7000000010)); }' "$P")
CLEANUP="rm -f /tmp/perf-$P.map"
