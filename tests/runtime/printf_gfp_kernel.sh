# printf("%gr") against the kernel's own names for the same events: the
# kernel's trace buffer records kmem:kmalloc for ls (by comm) while
# bpfkit writes each event's flags with %gr to a file (ls prints to
# stdout); the two lists, sorted, must be the same and not empty
# (tests/gfp-compare.sh).
T=/sys/kernel/tracing
sh "$ROOT/scripts/mount.sh" >/dev/null 2>&1
echo 0 >"$T/events/kmem/kmalloc/enable"
echo >"$T/trace"
echo 'comm == "ls"' >"$T/events/kmem/kmalloc/filter"
echo 1 >"$T/events/kmem/kmalloc/enable"
ARGS=(-o /tmp/bpfkit-gfp.out -c "/bin/ls -laR /proc/self/net /sys/kernel/mm" -e 'tracepoint:kmem:kmalloc /comm == "ls"/ { printf("%gr\n", args->gfp_flags); }')
OUTFILE=/tmp/bpfkit-gfp.out
FILTER="sh $ROOT/tests/gfp-compare.sh"
CLEANUP="echo 0 >$T/events/kmem/kmalloc/enable; echo 0 >$T/events/kmem/kmalloc/filter"
