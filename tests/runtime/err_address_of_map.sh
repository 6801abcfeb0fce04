# '&' of a map: bpftrace (PR #4435) takes it only to pass the map to
# functions of imported BPF C files, which bpfkit does not build.
RC=1
ARGS=(-e 'BEGIN { @a = 1; $p = &@a; exit(); }')
