# name=probe: bpftrace's docs/language.md ("Action Blocks") write a block as
# `[name=]probe[,probe]`, the name reserved for bpftrace's own use. bpfkit
# accepts it before a block's first attach point; it changes nothing seen:
# `probe` still names the probe that fired.
ARGS=(-e 'first_one=BEGIN { printf("%s\n", probe); }
second_one=interval:ms:10, END { printf("%s\n", probe); exit(); }')
