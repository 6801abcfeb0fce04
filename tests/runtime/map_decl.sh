# Map declarations (newer bpftrace's preamble): lruhash(2) keeps the newest
# keys, never full; percpuhash(3) is full at its declared size (with the
# warning naming it); a keyless count in a percpuarray. Expected output
# written from bpftrace's documentation of declarations.
ARGS=(-e 'let @lru = lruhash(2); let @c = percpuhash(3); let @k = percpuarray(1); BEGIN { @lru[1] = 1; @lru[2] = 2; @lru[3] = 3; printf("%d %d\n", len(@lru), has_key(@lru, 3)); clear(@lru); @c[1] = count(); @c[2] = count(); @c[3] = count(); @c[4] = count(); @k = count(); exit(); }')
