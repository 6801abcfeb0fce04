# Newer bpftrace indexes tuples with [i] as well as .i (i known when
# compiling) and writes a one-element tuple as (x,).
ARGS=(-e 'BEGIN { $t = (1, "two", 3); $u = (7,); print(($t[1], $t[1 + 1], $u, $u[0], (4, 5)[0])); exit(); }')
