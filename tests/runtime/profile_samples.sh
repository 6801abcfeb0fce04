# profile samples every CPU; over a 300 ms spin at 997 Hz the spinning
# process gets about 300 samples. The count varies, so the test prints a
# bound and then clears the map.
ARGS=(-c "$W spin 300" -e 'profile:hz:997 /pid == cpid/ { @n++; } END { printf("more than 100 samples: %d\n", @n > 100); clear(@n); }')
