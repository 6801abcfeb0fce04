# A watchpoint cannot both execute and write.
# Hand-written expected output: bpftrace's message differs.
RC=1
ARGS=(-e 'watchpoint:0x1000:8:wx { @ = count(); }')
