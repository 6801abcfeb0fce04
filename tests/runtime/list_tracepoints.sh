# -l with a wildcard, as bpftrace lists it.
ARGS=(-l 'tracepoint:sched:sched_s*')
