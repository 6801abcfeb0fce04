# printf with a format that does not match its arguments.
RC=1
ARGS=(-e 'BEGIN { printf("%d %d\n", 1); }')
