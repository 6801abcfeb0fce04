# --bench on a script without bench probes, and a bench probe whose NAME is
# not a name: errors with bpfkit's wording (bpftrace's docs name neither).
RC=1
ARGS=(--bench -e 'bench:1st { } BEGIN { exit(); }')
