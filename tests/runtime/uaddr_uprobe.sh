# uaddr() of the probed (fixed-address) binary: at a uprobe on a function,
# the instruction pointer is that function's address.
ARGS=(-c "$W stack 2" -e "uprobe:$W:workload_leaf { printf(\"%d %d\\n\", uaddr(\"workload_leaf\") == reg(\"ip\"), uaddr(\"workload_mid\") > uaddr(\"workload_leaf\")); }")
