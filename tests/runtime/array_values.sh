# A kernel or user array of integers used as a value is copied, as
# bpftrace's tests/runtime/array expects ("array assignment into map":
# "@a: [1,2,3,4]"; "array as a map key": "@x[[1,2,3,4]]: 0"; element
# access through a variable). Here struct A { short x[3]; } laid over
# probetest_str's "hello\0": the shorts "he", "ll", "o\0" are 0x6568 =
# 25960, 0x6c6c = 27756 and 0x006f = 111 (little-endian).
ARGS=(-c "$ROOT/build/probetest calls 1" -e 'struct A { short x[3]; }
uprobe:'"$ROOT"'/build/probetest:probetest_str {
	$p = (struct A *)arg0;
	@a = $p->x;
	$v = $p->x;
	print($v);
	print($p->x);
	@k[$p->x] = 1;
	print(($v[2], $p->x[1]));
	exit();
}')
