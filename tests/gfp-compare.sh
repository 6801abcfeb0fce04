# Used by printf_gfp_kernel.sh: bpfkit's %gr lines (stdin) against the
# gfp_flags= names of the kernel's trace buffer, as sets of distinct
# names: what is checked is how each combination of flags is named, and
# the two sides may count an event or two apart (the trace buffer has
# been seen to miss one now and then). Prints one verdict line.
T=/sys/kernel/tracing
grep -v '^Attaching' | grep . | sort -u >/tmp/bpfkit-gfp-ours
grep -o 'gfp_flags=[^ ]*' "$T/trace" | sed 's/^gfp_flags=//' | sort -u >/tmp/bpfkit-gfp-kernel
if [ ! -s /tmp/bpfkit-gfp-ours ]; then
	echo "bpfkit printed no flags"
elif cmp -s /tmp/bpfkit-gfp-ours /tmp/bpfkit-gfp-kernel; then
	echo "bpfkit and the kernel name every event's flags alike"
else
	echo "bpfkit and the kernel differ:"
	diff /tmp/bpfkit-gfp-kernel /tmp/bpfkit-gfp-ours
fi
rm -f /tmp/bpfkit-gfp-ours /tmp/bpfkit-gfp-kernel
