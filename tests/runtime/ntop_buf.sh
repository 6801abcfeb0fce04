# ntop() of IPv4 addresses and buf() printed with %r, as bpftrace prints.
ARGS=(-e 'BEGIN { printf("%s %s %r|\n", ntop(0x0100007f), ntop(0xffffffff), buf("ab\x01cd", 5)); @[ntop(0x0200000a)] = count(); exit(); }')
