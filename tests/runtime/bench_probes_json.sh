# --bench with -f json: one record a benchmark, as bpftrace's JSON output
# writes benchmark results (src/output/json.cpp,
# JsonOutput::benchmark_result): {"type": "benchmark_result", "data":
# {NAME: {"average": NS, "iters": N}}}, in the order the benchmarks ran.
# bpftrace 0.17 has no bench probes; the numbers (which vary) are masked.
ARGS=(-f json --bench -e 'bench:count { @b = count(); }
bench:loop { $a = 0; for ($i : 0..10) { $a++; } }')
FILTER="sed -E 's/\"average\": [0-9]+, \"iters\": [1-9][0-9]*/\"average\": N, \"iters\": N/'"
