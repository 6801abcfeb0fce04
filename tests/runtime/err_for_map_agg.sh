# A for loop over a map of per-CPU aggregations is refused with a reason.
RC=1
ARGS=(-e 'BEGIN { @c[1] = count(); for ($kv : @c) { printf("%d\n", $kv.1); } }')
