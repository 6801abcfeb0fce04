# Integer casts spelled as C and the kernel spell them (unsigned char,
# short, uint64_t, u32...), which bpftrace 0.17 does not parse; expected
# output written from C's conversions (printf's %d is 32-bit, as in
# bpftrace).
ARGS=(-e 'BEGIN { printf("%d %d %lld %lld %lld\n", (unsigned char)300, (short)-1, (uint64_t)(unsigned int)-1, (u16)65537, (long long)-5); exit(); }')
