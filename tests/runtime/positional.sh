# Positional parameters: numbers, strings and their count.
ARGS=(-e 'BEGIN { printf("%d %s %d\n", $1 + 1, str($2), $#); exit(); }' 41 hello)
