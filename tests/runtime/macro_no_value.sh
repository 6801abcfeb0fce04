# A macro whose body ends with a statement has no value: using it as one
# is an error at the call, before anything is loaded.
ARGS=(-e 'macro stop() { exit(); } BEGIN { $x = stop(); }')
RC=1
