# An unknown setting in a config block.
RC=1
ARGS=(-e 'config = { max_strlen = 8; no_such_thing = 1 } BEGIN { exit(); }')
