# memcmp(): 0 when the first n bytes agree, else the difference of the
# first bytes that differ; on strings and buf() (newer bpftrace; expected
# output written from its definition).
ARGS=(-e 'BEGIN { printf("%d %d %d %d %d\n", memcmp("abc", "abd", 3), memcmp("abd", "abc", 3), memcmp("abc", "abd", 2), memcmp(buf(comm, 3), "bpf", 3), memcmp("a\0c", "a\0d", 3)); exit(); }')
