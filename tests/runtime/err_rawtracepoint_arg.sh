# sys_enter has two arguments, so arg2 does not exist.
# Hand-written expected output: bpftrace 0.17 has no rawtracepoint probes.
RC=1
ARGS=(-e 'rawtracepoint:sys_enter { @ = arg2; }')
