# -p PID: bpfkit ends (running END) when the target process ends.
"$W" sleep 400 &
ARGS=(-p $! -e 'END { printf("target ended\n"); }')
