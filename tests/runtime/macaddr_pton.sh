# macaddr() of a 6-byte value, and pton() addresses compared and turned
# back with ntop(). bpftrace 0.17 counts the literal's NUL (7 bytes) and
# refuses it, so the expected text is written by hand.
ARGS=(-e 'BEGIN { printf("%s %s %d %d\n", macaddr("\x00\x11\x22\xaa\xbb\xcc"), ntop(pton("10.1.2.3")), pton("127.0.0.1") == pton("127.0.0.1"), pton("127.0.0.1") == pton("127.0.0.2")); exit(); }')
