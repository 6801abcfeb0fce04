# sarg0..N: a uprobe's arguments passed on the stack (the 7th and 8th of
# workload_many), as bpftrace reads them.
ARGS=(-c "$W many" -e "uprobe:$W:workload_many { printf(\"%d %d %d %d\\n\", arg0, arg5, sarg0, sarg1); }")
