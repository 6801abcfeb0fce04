# username, strcontains() and cgroupid(); bpftrace 0.17 has no strcontains,
# so the expected text is written by hand (the suite runs as root).
ARGS=(-e 'BEGIN { printf("%s %d %d %d %d\n", username, strcontains("hello world", "o w"), strcontains("hello", "xyz"), strcontains(comm, "kit"), cgroupid("/sys/fs/cgroup") > 0); @[username] = count(); exit(); }')
