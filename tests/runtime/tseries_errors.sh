# tseries() arguments: the interval and count are literals of at least 1
# (bpftrace's messages), the aggregation one of avg, max, min, sum; a
# series' value cannot be read as a number. Nothing is loaded.
ARGS=(-e 'BEGIN { @a = tseries(1, $1, 5); @b = tseries(1, 0, 5); @c = tseries(1, 1s, 0); @d = tseries(1, 1s, 2000000); @e = tseries(1, 1s, 5, "median"); @f = tseries(1, 1s); @g = tseries(1, 1s, 3); $x = @g + 1; }')
RC=1
