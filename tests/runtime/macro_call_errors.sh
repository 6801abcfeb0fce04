# Calls that fit no definition (count, or kind: a $variable or @map
# parameter takes only that), recursion through three macros, and a
# statement macro used as a value. bpftrace's wording; nothing is loaded.
printf '%s\n' 'macro set($x) { $x = 1; }' 'macro setm(@m) { @m = 1; }' 'macro r1(x) { r3(x) }' 'macro r2(x) { r1(x) }' 'macro r3(x) { r2(x) }' 'BEGIN { $a = 1; set($a, 1); set(@b); set(1 + 1); setm($a); $c = set; print(r3(1)); }' >/tmp/bpfkit-macro-call.bt
ARGS=(/tmp/bpfkit-macro-call.bt)
RC=1
CLEANUP="rm -f /tmp/bpfkit-macro-call.bt"
