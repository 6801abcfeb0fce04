# C precedence, unsigned division, shifts, logic and comparisons.
ARGS=(-e 'BEGIN { printf("%d %d %d %d %d\n", 1 + 2 * 3 - 4 / 2, (1 + 2) * 3, 17 % 5, 1 << 4 | 1, 0xff & ~0xf); printf("%d %d %d %d %d %d\n", 3 > 2, 3 < 2, 2 >= 2, 1 == 1 && 0, 1 || 0, !5); printf("%d %d\n", -7 + 2, 10 - 20); exit(); }')
