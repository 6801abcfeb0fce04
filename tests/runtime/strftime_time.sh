# strftime() of nsecs is the wall-clock time now; the year stands in for it.
FILTER="sed s/$(date +%Y)/YEAR/g"
ARGS=(-e 'BEGIN { printf("[%s]\n", strftime("%Y", nsecs)); @[strftime("%Y!", nsecs)] = count(); exit(); }')
