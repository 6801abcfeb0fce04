# hist(n, bits): 2^bits buckets per power of two (newer bpftrace; 0.17 has
# only hist(n)). Labels as bpftrace makes them: single values up to
# 2^(bits+1), then [lo, hi) whose K/M suffix follows the bucket's width
# (so [1280, 1536) but [3584, 4K)). Expected labels from bpftrace's
# formulas (its source and docs); the JSON case is its own test's output.
ARGS=(-e 'BEGIN { @h[0] = hist(-3, 2); @h[1] = hist(7, 2); @h[2] = hist(9, 2); @h[3] = hist(100, 2); @h[4] = hist(225, 2); @h[5] = hist(1300, 2); @h[6] = hist(4000, 2); @h[7] = hist(5000, 2); @h[8] = hist(3600000, 2); @k[1] = hist(1600, 1); @k[2] = hist(5000, 1); @z = hist(40000, 5); @w = hist(12, 1); @w = hist(13, 1); @w = hist(20, 1); exit(); }')
