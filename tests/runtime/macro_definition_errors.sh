# A macro's definition is checked once, before any call: a parameter
# named twice, a second definition taking the same arguments (the more
# specific one must come first), a map the body was not given. Every
# error is reported, with bpftrace's wording; nothing is loaded.
printf '%s\n' 'macro twice($x, $x) { $x }' 'macro maps(@m, @m) { 1 }' 'macro f($x) { 1 }' 'macro f($y) { 2 }' 'macro g(x) { 1 }' 'macro g($x) { 2 }' 'macro leak() { @global[1] }' 'BEGIN { exit(); }' >/tmp/bpfkit-macro-def.bt
ARGS=(/tmp/bpfkit-macro-def.bt)
RC=1
CLEANUP="rm -f /tmp/bpfkit-macro-def.bt"
