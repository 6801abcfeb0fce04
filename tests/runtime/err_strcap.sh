# strcap() of a value that is not string-like, with the wording of
# bpftrace's strings.bt ("string-like values must be either strings,
# arrays or pointers").
RC=1
ARGS=(-e 'BEGIN { print(strcap(5)); exit(); }')
