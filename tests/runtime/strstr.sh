# strstr(): the index of a literal in a string, -1 when absent, 0 for an
# empty needle (newer bpftrace; expected output written from its
# definition). strcontains beside it, which bpftrace 0.17 has.
ARGS=(-e 'BEGIN { printf("%d %d %d %d %d %d\n", strstr("hello world", "world"), strstr("hello", "xyz"), strstr("hello", ""), strcontains("hello", "ell"), strcontains("hello", "z"), strstr(comm, "kit")); exit(); }')
