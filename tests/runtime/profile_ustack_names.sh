# Profiling a program with known function names: after it has exited, its
# sampled user stacks still show those names (bpftrace 0.17 shows bare
# addresses here). The filter keeps the distinct workload function names.
FILTER="grep -o 'workload_burn_[a-z]*' | sort -u"
ARGS=(-c "$W burn 300" -e 'profile:hz:997 /pid == cpid/ { @[ustack(3)] = count(); }')
