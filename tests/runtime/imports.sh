# import: a directory, a script named twice and a .h file of C types, from
# the main script's directory (tests/runtime/imports/). bpftrace 0.17 has
# no imports; the expected output follows bpftrace's import rules (probes
# of imported files first, each file read once).
ARGS=("$ROOT/tests/runtime/imports/main.bt")
