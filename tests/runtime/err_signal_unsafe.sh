# signal_thread() without --unsafe.
RC=1
ARGS=(-e 'BEGIN { signal_thread("KILL"); }')
