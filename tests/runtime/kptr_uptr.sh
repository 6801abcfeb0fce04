# uptr()/kptr() choose the address space str() reads from, as in bpftrace:
# a user string read as kernel memory gives nothing.
ARGS=(-c "$W open /tmp/bpfkit-kptr 1" -e 'tracepoint:syscalls:sys_enter_openat /pid == cpid/ { printf("%s|%s\n", str(uptr(args->filename)), str(kptr(args->filename))); }')
