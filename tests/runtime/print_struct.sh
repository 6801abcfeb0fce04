# print() of whole kernel structs through BTF: a tracepoint's struct
# argument and a nested member of curtask (the load weight of nice 0).
# The text follows newer bpftrace's struct printing (0.17 cannot), so it
# is written by hand.
ARGS=(-c "$W sleep 1200" -e 'tracepoint:syscalls:sys_enter_clock_nanosleep /pid == cpid/ { print(*args->rqtp); print(curtask->se.load); }')
