# Macros: the cases of bpftrace's runtime tests for macros (bpftrace 0.17
# has none, so the expected output is theirs, written by hand), plus
# overloads by kind and count. See macros.bt.
ARGS=("$ROOT/tests/runtime/macros.bt")
