# bench:NAME probes with --bench (bpftrace 0.24+; bpftrace 0.17 has none).
# The script and the table's layout are those of bpftrace's
# docs/language.md ("bench"): one row a benchmark, sorted by name, with its
# average time in nanoseconds; the numbers (which vary) are masked, the
# layout is kept. The benchmarks' own output is dropped, and the
# tracepoint probe is left out.
ARGS=(--bench -e 'bench:lhist { @a = lhist(rand % 10, 1, 10, 1); }
bench:count { @b = count(); }
bench:my_loop { $a = 0; for ($i : 0..10) { $a++; } }
bench:prints_a_lot { printf("dropped\n"); }
tracepoint:syscalls:sys_enter_getpid { printf("never\n"); }')
FILTER="sed -E 's/\\| [0-9]+ +\\|\$/| N           |/'"
