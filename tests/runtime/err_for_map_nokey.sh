# A for loop over a map without keys is refused with a reason.
RC=1
ARGS=(-e 'BEGIN { @c = 1; for ($kv : @c) { printf("%d\n", $kv.1); } }')
