# -lv of a raw tracepoint: its arguments, counted from BTF.
# Hand-written expected output: bpftrace 0.17 has no rawtracepoint probes.
ARGS=(-lv 'rawtracepoint:sched_switch')
