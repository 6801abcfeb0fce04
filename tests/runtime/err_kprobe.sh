# This kernel has no kprobes: attaching says so and names what works.
# Hand-written expected output: bpftrace's message differs.
RC=1
ARGS=(-e 'kprobe:vfs_read { @ = count(); }')
