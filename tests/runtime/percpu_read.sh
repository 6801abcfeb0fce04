# Reading a count, sum, min or max in an expression, and for loops over
# such maps, give the value over every CPU, as newer bpftrace does
# (bpftrace 0.17 read only the CPU the probe ran on, and refused for
# loops over them). The workload calls getpid 5 times pinned to CPU 0 and
# 7 times pinned to CPU 1, so no single CPU holds the totals: 12 calls,
# cpu from 0 to 1, a sum of 5*0 + 7*1. END reads them on one CPU.
# Expected text written from these numbers; the maps print at exit too
# (the cleared @by as an empty line, as bpftrace 0.17 prints a cleared map).
printf '#!/bin/sh\ntaskset -c 0 %s getpid 5\ntaskset -c 1 %s getpid 7\n' "$W" "$W" >/tmp/bpfkit-percpu.sh
chmod +x /tmp/bpfkit-percpu.sh
CLEANUP="rm -f /tmp/bpfkit-percpu.sh"
ARGS=(-c /tmp/bpfkit-percpu.sh -e 'tracepoint:syscalls:sys_enter_getpid /comm == "workload"/ { @calls = count(); @cpus = sum(cpu); @low = min(cpu); @high = max(cpu); @by[comm] = count(); }
END { printf("%d %d %d %d\n", @calls, @cpus, @low, @high); for ($kv : @by) { printf("%s %d\n", $kv.0, $kv.1); } clear(@by); }')
