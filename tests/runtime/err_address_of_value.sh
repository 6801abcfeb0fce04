# '&' of a value that has no address (a literal) is an error naming it.
RC=1
ARGS=(-e 'BEGIN { $p = &(1 + 2); exit(); }')
