# strncmp, cat() and system() (with --unsafe), compared with bpftrace.
ARGS=(--unsafe -e 'BEGIN { printf("%d %d %d\n", strncmp("hello", "help", 3), strncmp("hello", "help", 4), strncmp("abc", "abd", 2)); cat("/proc/sys/kernel/ostype"); system("echo from %s %d", "system", 42); exit(); }')
