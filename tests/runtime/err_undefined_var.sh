# A variable read before any assignment.
RC=1
ARGS=(-e 'BEGIN { printf("%d\n", $nope); }')
