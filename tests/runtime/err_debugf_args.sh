# debugf() with more arguments than bpf_trace_printk takes.
RC=1
ARGS=(-e 'BEGIN { debugf("%d %d %d %d", 1, 2, 3, 4); }')
