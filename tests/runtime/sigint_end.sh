# SIGINT (sent by the runner after TIMEOUT seconds) runs END and prints maps.
TIMEOUT=1
ARGS=(-e 'BEGIN { @started = 1; } END { printf("bye\n"); }')
