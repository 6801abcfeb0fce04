# Record errors (messages are bpfkit's own; bpftrace's tests name no
# wording): a field named twice, a field the record lacks, a record given
# other fields than it holds, and == between a record and a tuple.
RC=1
ARGS=(-e 'begin { $a = (x=1, x=2); $b = (x=1, y=2); print($b.z); $b = (x=1, z=2); if ($b == (1, 2)) { } }')
