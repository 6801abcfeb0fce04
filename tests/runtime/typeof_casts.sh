# typeof (newer bpftrace, docs/type_resolution.md: "let $a: typeof($b)",
# casts to typeof): a cast to typeof(x) is a cast to x's type; a type in
# typeof(...) names itself; let with a typeof (or array) type and no
# value holds zeros (bpftrace: "If no assignment is specified variables
# will initialize to 0"); sizeof(typeof(x)) is x's size (4 bytes for
# uint8[4], 2 for uint16) and sizeof(int32[3]) is C's 12. Values follow
# from the casts: 70000 as uint16 is 4464, 200 as int8 is -56,
# 0x08070605's bytes are 5 6 7 8. A variable's typeof is its stored
# type; bpfkit keeps integer variables 64-bit as bpftrace 0.17 does, so
# the integer cases cast expressions.
ARGS=(-e 'BEGIN {
	$a = (uint8[4])(uint32)0x04030201;
	print((typeof($a))(uint32)0x08070605);
	print((typeof((uint16)0))70000);
	print((typeof(int8))200);
	let $c: typeof($a);
	print($c);
	let $d: uint8[8];
	print($d);
	$s = "hello";
	let $w: typeof($s) = "abc";
	print($w);
	let $b: typeof(bool) = 5;
	print($b);
	print((sizeof(typeof($a)), sizeof(typeof(uint16)), sizeof(int32[3])));
	exit();
}')
