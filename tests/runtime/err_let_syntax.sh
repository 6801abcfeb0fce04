# let without a variable.
RC=1
ARGS=(-e 'BEGIN { let x = 1; }')
