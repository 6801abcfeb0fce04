# A kernel array of integers (BTF) cast to an array value reads its bytes
# (bpftrace: "casts from/to byte arrays"; sizes must match, here the
# whole cpumask): element 0 equals the mask's first 8 bytes read through
# '&', and the element count follows from the mask's size (cpumask bits
# of NR_CPUS, a multiple of 64); sizeof an array is its bytes, as in C.
ARGS=(-e 'BEGIN {
	$b = (uint64[])curtask->cpus_mask.bits;
	print($b[0] == *(uint64 *)&curtask->cpus_mask);
	print(strcap((int8[])curtask->cpus_mask.bits) == sizeof(curtask->cpus_mask));
	print(sizeof($b) == sizeof(curtask->cpus_mask));
	print(sizeof((uint8[4])(uint32)1));
	exit();
}')
