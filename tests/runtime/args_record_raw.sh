# Raw tracepoint arguments by name, as bpftrace's tests/runtime/probe case
# "rawtracepoint args" reads them (args.action of irq_handler_entry): the
# names are the parameters of the tracepoint's prototype. sys_enter has
# (struct pt_regs *regs, long id); the workload's getpid is system call 39
# on x86-64, which regs->orig_ax holds too. print(args) shows the record,
# the pointer in hex (filtered: an address).
FILTER="sed -E 's/0x[0-9a-f]+/0xADDR/g'"
ARGS=(-c "$W getpid 1" -e 'rawtracepoint:sys_enter /pid == cpid && args.id == 39/ { print(args); printf("%d %d\n", args.regs->orig_ax, arg1); }')
