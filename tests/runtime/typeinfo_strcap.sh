# typeinfo() and strcap() (newer bpftrace), answered when compiling.
# typeinfo gives the record (btf_id, base_ty, full_ty) of bpftrace's
# docs/type_resolution.md, printed as records print; base names as
# bpftrace's stdlib (meta.bt) tests them ("int", "string", "pointer",
# "array"), fields by name or position; strings.bt compares
# typeinfo(x[0]) == typeinfo(int8). strcap() is stdlib.md's "capacity":
# strings.bt defines it as sizeof() of a string (a literal "ab" is
# string[3], comm string[16]) and the element count of an array.
ARGS=(-e 'BEGIN {
	$a = (int8[4])(uint32)1;
	print(typeinfo($a));
	print(typeinfo(int8));
	print((typeinfo("ab").1, typeinfo((struct task_struct *)curtask).base_ty, typeinfo((uint16)1).full_ty));
	print(typeinfo($a[0]) == typeinfo(int8));
	print(typeinfo($a[0]) == typeinfo(uint8));
	print((strcap("ab"), strcap(comm), strcap($a), strcap((int8[])"hello")));
	exit();
}')
