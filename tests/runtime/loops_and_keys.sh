# Range for loops with continue/break, has_key and bswap: bpftrace 0.17 has
# none of these, so the expected text is written by hand.
ARGS=(-e 'BEGIN { for ($i : 0..6) { if ($i == 1) { continue; } if ($i == 5) { break; } @sq[$i] = $i * $i; } @m[1] = 2; printf("%d %d\n", has_key(@m, 1), has_key(@m, 2)); printf("%x %x %lx\n", bswap((uint32)0x11223344), bswap((uint16)0x1122), bswap(0x0102030405060708)); exit(); }')
