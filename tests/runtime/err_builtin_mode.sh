# A builtin called with a variant it does not have.
RC=1
ARGS=(-e 'BEGIN { print(pid(boot)); }')
