# ++ and -- as values: prefix gives the new value, postfix the old one, on
# variables, scalar maps and keyed maps (expected output is bpftrace's).
ARGS=(-e 'BEGIN { $x = 1; $y = $x++; print(($x,$y)); $z = ++$x; print(($x, $z)); $w = --$x; print(($x,$w, $x--, $x)); @a = 5; @b = ++@a; @c = @a++; print((@a, @b, @c)); @m[1] = 1; printf("%d %d\n", @m[1]++, @m[1]); if (@m[1]++ == 2) { print("yes"); } exit(); }')
