# A source line without code (probetest.c's line 1 is a comment): an
# error that says so. Hand-written expected output: bpfkit's message.
ln -sf "$ROOT/build/probetest" /tmp/bpfkit-probetest
RC=1
ARGS=(-e 'uprobe:/tmp/bpfkit-probetest@probetest.c:1 { }')
