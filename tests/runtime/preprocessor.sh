# The preprocessor beyond what bpftrace 0.17's comparison can show: #elif,
# #if 0, #undef, a directive inside a block comment (ignored), and names
# left alone in strings and after '$' and '@'. Expected output written
# from C's rules.
printf '%s\n' '#define A 1' '#ifndef A' 'BEGIN { printf("not taken\n"); }' '#elif A' '/* #define B 2' '*/' '#define B 3' '#else' '#define B 4' '#endif' '#if 0' 'BEGIN { printf("if 0\n"); }' '#endif' '#undef A' '#ifdef A' '#define C 1' '#else' '#define C 0' '#endif' 'BEGIN { printf("%d %d %s $A @A\n", B, C, "A"); $A = 5; @A = 6; exit(); }' >/tmp/bpfkit-pp.bt
ARGS=(/tmp/bpfkit-pp.bt)
CLEANUP="rm -f /tmp/bpfkit-pp.bt"
