# Newer bpftrace indexes tuples with [i] as well as .i (i known when
# compiling), writes a one-element tuple as (x,), and compares tuples of
# the same shape with == and != (element by element).
ARGS=(-e 'BEGIN { $t = (1, "two", 3); $u = (7,); print(($t[1], $t[1 + 1], $u, $u[0], (4, 5)[0])); $a = (1, "x"); $b = (1, "x"); $c = (2, "x"); printf("%d %d %d %d %d\n", $a == $b, $a == $c, $a != $b, $a != $c, (1, 2, 3) == (1, 2, 3)); exit(); }')
