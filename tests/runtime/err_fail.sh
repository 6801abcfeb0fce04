# fail() reached: a compile-time error with its formatted message.
RC=1
ARGS=(-e 'BEGIN { if ($1 < 2) { fail("Expected the first positional param to be greater than 1. Got %d", $1); } exit(); }' 1)
