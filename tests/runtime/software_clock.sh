# software cpu-clock and task-clock (default count: one sample per ms of
# CPU time) over a 300 ms spin.
# Hand-written expected output: bpftrace 0.17 counts nothing on software
# events on this machine.
ARGS=(-c "$W spin 300" -e 's:cpu-clock:1000000 /pid == cpid/ { @c++; } software:task-clock /pid == cpid/ { @t++; }
END { printf("cpu-clock > 100: %d, task-clock > 100: %d\n", @c > 100, @t > 100); clear(@c); clear(@t); }')
