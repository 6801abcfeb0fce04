# An interval probe fires until the script exits; END runs once.
ARGS=(-e 'interval:ms:50 { @n++; if (@n == 3) { exit(); } } END { printf("end after %d\n", @n); }')
