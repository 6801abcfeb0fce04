# exit(code): END still runs and maps print; bpfkit's exit status is the
# code (newer bpftrace; 0.17's exit() takes no code).
RC=3
ARGS=(-e 'BEGIN { @n = 1; $c = 2; exit($c + 1); } END { print("end"); }')
