# -f json: a series is a list of {"interval_start", "value"} records
# (bpftrace's format: UTC, nanoseconds); a keyed series an object of them;
# a cleared series an empty list. The date and time are replaced.
ARGS=(-f json -e 'BEGIN { @a = tseries(3, 1d, 2); @k["x"] = tseries(-4, 1d, 2, "max"); @k["y"] = tseries(9, 1d, 2, "max"); print(@a); print(@k); clear(@a); print(@a); exit(); }')
FILTER="sed 's/\"interval_start\":\"[0-9-]* 00:00:00\.000000000\"/\"interval_start\":\"DATE 00:00:00.000000000\"/g'"
