# A function neither bpftrace nor bpfkit has (bpfkit compiles every one
# of bpftrace's that docs/language.md lists; skboutput() and unwatch(),
# once refused here, are implemented).
RC=1
ARGS=(-e 'BEGIN { no_such_function(1); }')
