# A record literal names every field: (x=1, 2) is a syntax error.
RC=1
ARGS=(-e 'begin { $a = (x=1, 2); }')
