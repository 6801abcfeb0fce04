# A constant index past an array's end is an error when compiling, worded
# as bpftrace's tests/runtime/array expects ("the index 5 is out of
# bounds for array of size 4").
RC=1
ARGS=(-e 'BEGIN { $a = (uint8[4])(uint32)1; print($a[5]); exit(); }')
