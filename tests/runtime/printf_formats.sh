# printf conversions, widths, flags and escapes.
ARGS=(-e 'BEGIN { printf("%d %u %x %X %o|%5d|%-5d|%05d|%s|%10s|%-10s|%c|%%\n", -42, 4294967295, 255, 255, 8, 42, 42, 42, "str", "right", "left", 65); printf("tab\there \"quoted\" back\\slash\n"); exit(); }')
