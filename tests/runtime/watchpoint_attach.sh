# A write watchpoint on the workload's static buffer attaches on every
# CPU (this VM's debug registers never fire, so nothing is counted).
# Hand-written expected output: bpftrace 0.17 needs -p for watchpoints.
A=$(nm "$W" | awk '$3 == "buf" { print "0x" $1 }')
ARGS=(-e "watchpoint:$A:8:w { @ = count(); } interval:ms:100 { exit(); }")
