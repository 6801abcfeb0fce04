# write_user() without --unsafe (bpftrace 0.26 refuses it the same way).
RC=1
ARGS=(-e 'BEGIN { write_user(0, "x", 2); }')
