# A :cpp: name the binary does not have: an error. Hand-written expected
# output: bpfkit's message (bpftrace 0.17 has no :cpp:).
ln -sf "$ROOT/build/cpptarget" /tmp/bpfkit-cpptarget
RC=1
ARGS=(-e 'uprobe:/tmp/bpfkit-cpptarget:cpp:"shapes::nothing" { }')
