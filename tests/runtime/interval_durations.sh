# Newer bpftrace's interval forms: a count with a duration suffix
# (interval:50ms) and a bare count of nanoseconds; both tick at their
# period (4 ticks of 50 ms take at least 200 ms, 3 of 100 ms at least
# 300 ms, by which time the 50 ms probe has stopped counting).
ARGS=(-e 'interval:50ms { if (@a < 4) { @a++; if (@a == 4) { printf("50ms: %d\n", elapsed >= 200000000); } } } interval:100000000 { @b++; if (@b == 3) { printf("100000000: %d\n", elapsed >= 300000000); exit(); } }')
