# find() on a map of aggregations.
RC=1
ARGS=(-e 'BEGIN { @c[1] = count(); if (find(@c, 1, $v)) { print($v); } }')
