# A JIT's /tmp/perf-PID.map names addresses that are in no file mapping:
# usym() of such an address in that process prints the map's name.
"$W" sleep 600 &
P=$!
printf '7000000000 1000 jitted_function_for_test\n' >"/tmp/perf-$P.map"
ARGS=(-p "$P" -e 'tracepoint:syscalls:sys_exit_clock_nanosleep /pid == $1/ { printf("%s\n", usym(0x7000000010)); }' "$P")
CLEANUP="rm -f /tmp/perf-$P.map"
