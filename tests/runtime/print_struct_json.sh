# print() of a struct in JSON: {"type": "value", "data": { "vals": [...],
# "tag": "..." }} with bpftrace's spacing; arrays as [1,2,3]. The struct
# lays the vals and tag members of probetest's struct dwarftest_point
# (offset 32) over the pointer dwarftest_ints gets (see
# tests/compare/print_struct_arrays.bt). Expected text from bpftrace 0.17
# (tests/expect-from-bpftrace.sh).
ln -sf "$ROOT/build/probetest" /tmp/bpfkit-probetest
ARGS=(-f json -c '/tmp/bpfkit-probetest dwarf 2' -e 'struct arrays { int vals[3]; char tag[8]; }
uprobe:/tmp/bpfkit-probetest:dwarftest_ints { print(*(struct arrays *)(arg5 + 32)); }')
