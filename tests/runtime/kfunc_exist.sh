# kfunc_exist("name") (newer bpftrace's stdlib): whether the kernel has that
# kfunc, a bool known when compiling; here from the kernel's BTF, whose
# "bpf_kfunc" tags mark kfuncs (vfs_read is a function but not a kfunc).
# bpftrace 0.17 lacks it: expected text written by hand.
ARGS=(-e 'BEGIN { printf("%d %d %d\n", kfunc_exist("bpf_task_from_pid"), kfunc_exist("no_such_kfunc"), kfunc_exist("vfs_read"));
print(kfunc_exist("bpf_rcu_read_lock"));
if (kfunc_exist("bpf_task_from_pid")) { printf("has bpf_task_from_pid\n"); }
exit(); }')
