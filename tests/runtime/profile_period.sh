# profile with a period (alias p): 1 ms over a 300 ms spin.
ARGS=(-c "$W spin 300" -e 'p:ms:1 /pid == cpid/ { @n++; } END { printf("more than 100 samples: %d\n", @n > 100); clear(@n); }')
