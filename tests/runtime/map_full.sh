# A full map is reported once per map on stderr, never dropped silently.
export BPFTRACE_MAP_KEYS_MAX=2
ARGS=(-e 'BEGIN { @a[1] = 1; @a[2] = 2; @a[3] = 3; @c[4] = count(); @c[5] = count(); @c[6] = count(); exit(); }')
