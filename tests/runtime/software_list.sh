# -l of the software events.
# Hand-written expected output: bpftrace 0.17 prints the pattern itself
# ("software:*:"); bpfkit prints each event in the form older bpftrace
# versions used.
ARGS=(-l 'software:*')
