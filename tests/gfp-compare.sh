# Used by printf_gfp_kernel.sh: bpfkit's %gr lines (stdin) against the
# gfp_flags= names of the kernel's trace buffer. Prints one verdict line.
T=/sys/kernel/tracing
grep -v '^Attaching' | grep . | sort >/tmp/bpfkit-gfp-ours
grep -o 'gfp_flags=[^ ]*' "$T/trace" | sed 's/^gfp_flags=//' | sort >/tmp/bpfkit-gfp-kernel
if [ ! -s /tmp/bpfkit-gfp-ours ]; then
	echo "bpfkit printed no flags"
elif cmp -s /tmp/bpfkit-gfp-ours /tmp/bpfkit-gfp-kernel; then
	echo "bpfkit and the kernel name every event's flags alike"
else
	echo "bpfkit and the kernel differ:"
	diff /tmp/bpfkit-gfp-kernel /tmp/bpfkit-gfp-ours
fi
rm -f /tmp/bpfkit-gfp-ours /tmp/bpfkit-gfp-kernel
