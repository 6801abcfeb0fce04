# cgroup_path() of a cgroup made for the test, with and without a filter
# on the hierarchy's name (cgroup2 is "unified"), as %s, print() and a
# map value; expected output from bpftrace.
CG=$(awk '$1 == "cgroup2" { print $2; exit }' /proc/mounts)
mkdir -p "$CG/bpfkit-rt-test/child"
ID=$(stat -c %i "$CG/bpfkit-rt-test/child")
ARGS=(-e 'BEGIN { printf("[%s] [%s]\n", cgroup_path('"$ID"', "unified"), cgroup_path('"$ID"', "nomatch")); print(cgroup_path('"$ID"', "unif*")); @c = cgroup_path('"$ID"', "*fied"); exit(); }')
CLEANUP="rmdir '$CG/bpfkit-rt-test/child' '$CG/bpfkit-rt-test'"
