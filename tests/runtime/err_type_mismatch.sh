# A map given values of two types.
RC=1
ARGS=(-e 'BEGIN { @m = 1; @m = "str"; }')
