# This kernel refuses BPF trampolines: fentry fails before attaching.
# Hand-written expected output: bpftrace's message differs.
RC=1
ARGS=(-e 'fentry:vfs_read { @ = args->count; }')
