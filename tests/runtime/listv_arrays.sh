# -lv shows tracepoint array fields with their [N], and a __data_loc
# type's own brackets, as bpftrace does.
ARGS=(-lv 'tracepoint:sock:inet_sock_set_state')
