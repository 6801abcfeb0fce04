# A series keeps the last N intervals in N slots, reused in turn: each
# 100 ms interval stores its own number (nsecs(tai) / 100 ms), so a row
# whose value is not its own interval's number would be a stale slot or a
# misplaced row. Over a second of 20 ms ticks the chart must show the last
# 3 intervals, each with its own number (the filter checks value % 10
# against the row's tenth of a second, and drops the range lines: times
# and numbers vary from run to run).
ARGS=(-e 'interval:ms:20 { @ticks++; @a = tseries(nsecs(tai) / 100000000, 100ms, 3); if (@ticks == 50) { clear(@ticks); exit(); } }')
FILTER="awk '/^[0-9][0-9]:[0-9][0-9]:[0-9][0-9]\\./ { rows++; if (\$NF % 10 != substr(\$1, 10, 1)) bad++; next } /^ +[0-9]/ { next } { print } END { print rows \" rows, \" (bad + 0) \" not their own interval\" }'"
