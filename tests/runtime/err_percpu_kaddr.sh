# percpu_kaddr() on this kernel, which lists no variables in kallsyms (works in QEMU: tests/qemu/cases/percpu_kaddr).
RC=1
ARGS=(-e 'BEGIN { printf("%d\n", *percpu_kaddr("process_counts")); }')
