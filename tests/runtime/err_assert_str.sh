# assert_str() of values that are not string-like, with the messages of
# bpftrace 0.27's strings.bt.
RC=1
ARGS=(-e 'BEGIN { assert_str(1); assert_str((int32 *)0); }')
