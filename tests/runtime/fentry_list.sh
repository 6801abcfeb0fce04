# -lv of a kernel function from BTF: its parameters as C types.
# Hand-written expected output: bpftrace 0.17 lists no kfuncs here.
ARGS=(-lv 'fentry:vfs_read')
