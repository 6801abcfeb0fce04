# Array casts (bpftrace 0.19+, docs/language.md "Array casts"): the doc's
# own example, (int8[8])12345 printed with %x and cast back with
# (uint64), prints "39 30" and "12345". The rest follows from the same
# rule (the integer's little-endian bytes, sizes equal): (uint8[])
# takes its size from the value, (uint16[2]) of 0x10002 is (2, 1), int8
# elements are signed, a string literal's bytes include its NUL (the
# doc's (int8[])"mystring"), (uint32)pton("127.0.0.1") is 0x0100007f
# (the doc's IP comparison), an index known only at run time reads its
# element or, past the end, 0 (bpfkit's choice: no error then), and
# arrays of one type compare with == (1, as comparisons print in
# bpftrace 0.17). Arrays print as bpftrace's tests/runtime/array
# expects: "@a: [1,2,3,4]", as a key "@x[[1,2,3,4]]".
ARGS=(-e 'BEGIN {
	$a = (int8[8])12345;
	printf("%x %x\n", $a[0], $a[1]);
	printf("%d\n", (uint64)$a);
	print($a);
	$b = (uint8[])(uint32)258;
	print($b);
	$c = (uint16[2])(uint32)0x10002;
	print(($c[0], $c[1]));
	print((int8[2])(int16)-2);
	print((int8[])"ab");
	print((uint32)pton("127.0.0.1"));
	$i = 1;
	print($a[$i]);
	print(($b[$1], $b[$2]));
	print(($a == (int8[8])12345, $a != (int8[8])12345));
	if ((uint8[4])pton("10.0.0.1") == (uint8[4])(uint32)0x0100000a) { print("same address"); }
	@k[$b] = 1;
	@v = $a;
	exit();
}' 1 9)
