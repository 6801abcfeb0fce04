# Preprocessor lines bpfkit does not take: #define with parameters (a
# macro does that) and an #if left open; the error names the line.
printf '%s\n' '#define SQ(x) ((x) * (x))' 'BEGIN { exit(); }' >/tmp/bpfkit-pp-err.bt
ARGS=(/tmp/bpfkit-pp-err.bt)
RC=1
CLEANUP="rm -f /tmp/bpfkit-pp-err.bt"
