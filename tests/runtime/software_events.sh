# software page faults (count 1) and context switches (alias cs, count 1)
# of a process that sleeps: it faults in its pages and switches out to
# sleep at least once.
# Hand-written expected output: bpftrace 0.17 counts nothing on software
# events on this machine.
ARGS=(-c "$W sleep 50" -e 'software:page-faults:1 /pid == cpid/ { @f++; } s:cs:1 /pid == cpid/ { @s++; }
END { printf("faults > 3: %d, switches > 0: %d\n", @f > 3, @s > 0); clear(@f); clear(@s); }')
