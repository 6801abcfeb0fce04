# A ternary choosing between two printf calls, and positional parameters
# that were not given (0, and "" in str()); expected output from bpftrace.
ARGS=(-e 'BEGIN { $p = 7; $p & 1 ? printf("Odd\n") : printf("Even\n"); $p = 8; $p & 1 ? printf("Odd\n") : printf("Even\n"); printf("I got %d, %s (%d args)\n", $1, str($2), $#); exit(); }')
