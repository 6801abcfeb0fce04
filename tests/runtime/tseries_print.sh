# print(@series, min, max) fixes the value axis (values outside it keep
# their number but get no point); clear() leaves "<no data>"; the JSON of
# a series and of a keyed series. The clock time is replaced.
ARGS=(-e 'BEGIN { @a = tseries(3, 1d, 2); @k["x"] = tseries(-4, 1d, 2, "max"); print(@a, 0, 10); print(@k, -5, -4); print(@k, 0, 10); clear(@a); print(@a); exit(); }')
FILTER="sed 's/^[0-9][0-9]:[0-9][0-9]:[0-9][0-9]\./HH:MM:SS./'"
