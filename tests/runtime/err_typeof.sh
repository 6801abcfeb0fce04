# A cast to typeof(x) of a value that cannot take x's type (an integer
# to a string) is an error naming both types.
RC=1
ARGS=(-e 'BEGIN { $x = (typeof(comm))5; exit(); }')
