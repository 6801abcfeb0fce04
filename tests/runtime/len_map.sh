# len(@m): the number of keys, of plain and of per-CPU maps, also inside a
# loop over a map (bpftrace 0.17 has no len(); written by hand).
ARGS=(-e 'BEGIN { @m[1] = 10; @m[2] = 20; @c[5] = count(); @c[6] = count(); @c[7] = count(); printf("%d %d\n", len(@m), len(@c)); for ($kv : @m) { printf("in loop: %d\n", len(@m)); break; } exit(); }')
