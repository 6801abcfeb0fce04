# An array cast whose sizes differ is an error naming the place (bpftrace:
# "Both the cast and the destination type must have the same size"); a
# literal is 64-bit in bpfkit, as in bpftrace 0.17.
RC=1
ARGS=(-e 'BEGIN { $a = (int8[4])12345; exit(); }')
