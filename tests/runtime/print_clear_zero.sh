# print() of a map during the run, clear() and zero(), as bpftrace prints.
ARGS=(-e 'interval:ms:20 { @n++; @c[@n % 2] = count(); @h = hist(@n * 100); if (@n == 2) { print(@c); clear(@c); } if (@n == 5) { print(@c); print(@h); zero(@c); print(@c); print(@n); exit(); } }')
