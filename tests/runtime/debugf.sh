# debugf() writes through bpf_trace_printk to the kernel's trace buffer;
# the -c command reads it back. bpftrace 0.17 lacks debugf, so the expected
# text is written from bpf_trace_printk's format.
: >/sys/kernel/tracing/trace
# The first bpf_trace_printk after boot sets up the kernel's printk buffers,
# so the line may take a while to show: the command waits up to 3 s for it.
printf '#!/bin/sh\nfor i in $(seq 30); do grep -q bpfkit-dbg /sys/kernel/tracing/trace && break; sleep 0.1; done\ngrep -o "bpfkit-dbg.*" /sys/kernel/tracing/trace\n' >/tmp/bpfkit-debugf.sh
chmod +x /tmp/bpfkit-debugf.sh
ARGS=(-c /tmp/bpfkit-debugf.sh -e 'BEGIN { debugf("bpfkit-dbg %d %s %x\n", 42, "text", 255); }')
CLEANUP=": >/sys/kernel/tracing/trace; rm -f /tmp/bpfkit-debugf.sh"
