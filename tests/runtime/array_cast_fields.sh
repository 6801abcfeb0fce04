# Casts of kernel byte arrays (bpftrace docs/language.md: char arrays
# are strings "but can be casted back to an int array"): a tracepoint's
# char comm[16] (sched_process_exit of the workload, named "workload")
# and a BTF member's (curtask->comm, the same task) become the bytes of
# "workload" and 8 zeros; as (uint64[2]) the first 8 bytes read as one
# little-endian integer are 0x64616f6c6b726f77 ("workload" backwards).
ARGS=(-c "$W read 1" -e 'tracepoint:sched:sched_process_exit /pid == cpid/ {
	print((uint8[16])args->comm);
	$t = (uint8[])curtask->comm;
	print($t == (uint8[16])args->comm);
	$w = (uint64[2])args->comm;
	printf("%llx %llx\n", $w[0], $w[1]);
	exit();
}')
