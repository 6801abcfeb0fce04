# This virtual machine has no CPU performance counters.
# Hand-written expected output: bpftrace's message differs.
RC=1
ARGS=(-e 'hardware:cycles:1000000 { @ = count(); }')
