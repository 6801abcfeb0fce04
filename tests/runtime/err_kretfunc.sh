# The same for kretfunc (fexit), with retval from BTF.
# Hand-written expected output: bpftrace's message differs.
RC=1
ARGS=(-e 'kretfunc:vfs_read { @ = retval; }')
