# A function bpfkit knows but cannot compile says why.
RC=1
ARGS=(-e 'BEGIN { print(path(0)); }')
