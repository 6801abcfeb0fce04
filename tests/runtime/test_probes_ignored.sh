# Without --test or --bench, test and bench probes are ignored (bpftrace's
# docs/language.md, "test" and "bench"): only BEGIN runs here.
ARGS=(-e 'test:x { printf("not run\n"); } bench:y { printf("not run\n"); }
BEGIN { printf("begin\n"); exit(); }')
