# This kernel has no kprobes (kretprobe, alias kr).
# Hand-written expected output: bpftrace's message differs.
RC=1
ARGS=(-e 'kr:vfs_read { @ = retval; }')
