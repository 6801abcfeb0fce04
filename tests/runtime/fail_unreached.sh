# fail() in a branch that a condition known when compiling rules out (a
# positional parameter given as a number) is no error; bpftrace's own
# example (newer bpftrace; expected output written from its documentation).
ARGS=(-e 'BEGIN { if ($1 < 2) { fail("Expected the first positional param to be greater than 1. Got %d", $1); } else { printf("ok %d\n", $1); } if ($# == 1) { printf("one\n"); } else { fail("never"); } exit(); }' 5)
