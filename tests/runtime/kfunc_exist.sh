# kfunc_exist("name") and kfunc_allowed("name") (newer bpftrace's stdlib):
# bools known when compiling. As bpftrace's BPFfeature does it, a name
# exists when the kernel's BTF has that function, and is allowed when a
# trial program of the probe's type calling it is not refused with the
# verifier's "calling kernel function NAME is not allowed": here
# bpf_task_from_pid is refused in BEGIN (a raw tracepoint program) and
# allowed in interval (perf event), as docs/language.md's comm(pid) notes.
# bpftrace 0.17 lacks both: expected text written by hand.
ARGS=(-e 'BEGIN { printf("%d %d %d\n", kfunc_exist("bpf_task_from_pid"), kfunc_exist("no_such_kfunc"), kfunc_exist("vfs_read"));
printf("BEGIN: %d %d %d\n", kfunc_allowed("bpf_task_from_pid"), kfunc_allowed("bpf_rcu_read_lock"), kfunc_allowed("no_such_kfunc"));
print(kfunc_exist("bpf_rcu_read_lock")); }
interval:ms:10 { printf("interval: %d\n", kfunc_allowed("bpf_task_from_pid"));
if (kfunc_allowed("bpf_task_from_pid")) { printf("can call bpf_task_from_pid\n"); } exit(); }')
