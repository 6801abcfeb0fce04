# A map whose only assignment reads it (starts at 0), and an empty kernel
# stack as a key (a sample taken in user mode has none), printed as
# bpftrace prints them.
ARGS=(-c "$W burn 100" -e 'BEGIN { @s = @s + 1; @t[1] = @t[1] + 2; } profile:hz:99 /pid == cpid && usermode && @n < 1/ { @n = @n + 1; @k[kstack] = 1; }')
