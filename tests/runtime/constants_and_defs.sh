# Script conveniences of bpftrace's tools: #include (ignored: BTF has the
# types), a C struct definition at the top (skipped), 1e6 literals and
# well-known kernel macros. bpftrace 0.17 here cannot compile the headers
# that define TASK_RUNNING, so the expected text is written by hand.
ARGS=(-e '#include <linux/socket.h>
#include <linux/sched.h>
struct my_pair { int a; int b; };
BEGIN { printf("%d %d %d %d %d\n", 1e6, 5e0, AF_INET, AF_INET6, TASK_RUNNING); exit(); }')
