# Records as map keys and values. bpftrace's tests/runtime/record case
# "record printing complex args" expects
#   @[{ .a = 1, .b = hello, .c = ({ .n = 0x..., .c = 120 }, { .x = 100, .y = 120 }) }]: (bye, { .m = { .n = 0x..., .c = 120 }, .n = 10 })
# (a record key prints in braces inside @[...], tuples and records nest);
# the same shapes here are built from plain values, since its uprobe args
# need DWARF. Records of the same fields compare by name, as tuples of one
# shape compare element by element; == is 1 for equal records.
ARGS=(-e 'begin { $p = (n=(int8 *)0x10, c=120); $a = (a=1, b="hello", c=($p, (x=100, y=$p.c))); @[$a] = ("bye", (m=$p, n=10)); $r = (x=1, y="s"); printf("%d %d %d\n", $r == (y="s", x=1), $r != (x=2, y="s"), $r == (x=2, y="s")); @k[(y=2, x=1)] = 1; @k[(x=3, y=4)] = 2; exit(); }')
# Maps print one after another without a blank line between them, as
# bpftrace 0.17 does here for maps of plain values.
