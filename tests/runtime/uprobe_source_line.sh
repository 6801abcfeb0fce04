# A source line probe (FUNCTION@FILE:LINE in newer bpftrace) needs DWARF
# line tables, which bpfkit does not read: a one-line error that says so.
# Hand-written expected output: bpfkit's message.
ln -sf "$ROOT/build/cpptarget" /tmp/bpfkit-cpptarget
RC=1
ARGS=(-e 'uprobe:/tmp/bpfkit-cpptarget:main@cpptarget.cpp:25 { }')
