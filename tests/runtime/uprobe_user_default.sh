# In a uprobe an integer argument read as a pointer reads user memory, as
# in bpftrace; kptr() makes it a kernel address instead (nothing there).
ARGS=(-c "$ROOT/build/probetest calls 1" -e 'uprobe:'"$ROOT"'/build/probetest:probetest_str { printf("[%s] [%s] [%s] %d\n", str(arg0), str(uptr(arg0)), str(kptr(arg0)), *(arg0) & 0xff); printf("%s\n", str((char *)arg0)); }')
