# debugf() writes through bpf_trace_printk to the kernel's trace buffer;
# the -c command reads it back. bpftrace 0.17 lacks debugf, so the expected
# text is written from bpf_trace_printk's format.
: >/sys/kernel/tracing/trace
printf '#!/bin/sh\nsleep 0.2\ngrep -o "bpfkit-dbg.*" /sys/kernel/tracing/trace\n' >/tmp/bpfkit-debugf.sh
chmod +x /tmp/bpfkit-debugf.sh
ARGS=(-c /tmp/bpfkit-debugf.sh -e 'BEGIN { debugf("bpfkit-dbg %d %s %x\n", 42, "text", 255); }')
CLEANUP=": >/sys/kernel/tracing/trace; rm -f /tmp/bpfkit-debugf.sh"
