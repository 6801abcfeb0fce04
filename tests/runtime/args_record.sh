# `args` as one value (bpftrace's docs/language.md, "args": print the whole
# structure with print(args)). For tracepoints this is bpftrace's open PR
# #5347 ("Support tracepoint args as records", after issue #2688): the
# format file's fields without the common_* ones, printed as bpftrace
# prints records and structs ({ .a = 1, .p = 0x... }). Here the workload
# reads 10 bytes from /dev/zero, its first file after stdin, stdout and
# stderr: sys_enter_read's fields are __syscall_nr (0, read), fd 3, buf
# (an address: filtered) and count 10; sys_exit_read's are __syscall_nr
# and ret 10. A copy in a variable reads by name; maps take args as value
# and key.
FILTER="sed -E 's/\.buf = 0x[0-9a-f]+/.buf = 0xADDR/'"
ARGS=(-c "$W read 10" -e 'tracepoint:syscalls:sys_enter_read /pid == cpid && args.count == 10/ { print(args); $a = args; printf("%d %d\n", $a.fd, $a.count); @enter[comm] = args; }
tracepoint:syscalls:sys_exit_read /pid == cpid && args.ret == 10/ { @exit[args] = count(); }')
