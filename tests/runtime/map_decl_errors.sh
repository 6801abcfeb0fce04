# A declared kind must suit the map's values (aggregations per CPU, other
# values not), percpuarray holds a keyless map, a declared map must be
# used, and the kind and size must be known; every such error is reported.
ARGS=(-e 'let @a = hash(5); let @b = percpuhash(5); let @e = hash(1); let @k = percpuarray(1); BEGIN { @a = count(); @b = 1; @k[1] = count(); }')
RC=1
