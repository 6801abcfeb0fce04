# -f json of print(args): the record as a JSON object, the form bpftrace's
# JSON gives structs ({"m": 2, "n": 3}, tests/runtime/json-output case
# print_non_map_struct), with a pointer as a number (json-output's
# print_hex_values: a pointer 0x32 prints 50). Values as in args_record:
# read(3, buf, 10) of the workload; the buffer's address is filtered.
FILTER="sed -E 's/\"buf\": [0-9]+/\"buf\": ADDR/'"
ARGS=(-f json -c "$W read 10" -e 'tracepoint:syscalls:sys_enter_read /pid == cpid && args.count == 10/ { print(args); }')
