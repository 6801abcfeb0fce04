# A for loop over a map of avg(), stats(), hist() or lhist() is refused
# with a reason, as bpftrace refuses it (its values hold more than one
# number); count, sum, min and max are allowed (tests/runtime/percpu_read).
RC=1
ARGS=(-e 'BEGIN { @c[1] = hist(5); for ($kv : @c) { printf("%d\n", $kv.1); } }')
