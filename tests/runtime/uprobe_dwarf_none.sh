# args in a binary without DWARF (Debian's libc is stripped): a one-line
# error naming the binary. Hand-written expected output: bpfkit's message.
RC=1
ARGS=(-e 'uprobe:libc:getpid { print(args.x); }')
