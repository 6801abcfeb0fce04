# Casts to integer pointers: '*' reads that width (from user memory in a
# uprobe), char * strings; expected output from bpftrace.
ARGS=(-c "$ROOT/build/probetest calls 1" -e 'uprobe:'"$ROOT"'/build/probetest:probetest_str { printf("%s %d %d %c\n", str((int8 *)arg0), *(uint8 *)arg0, *(uint16 *)arg0, *(int8 *)arg0); print(sizeof(*(uint16 *)arg0)); }')
