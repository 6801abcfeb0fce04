# C definitions in the script: a struct cast onto a uprobe argument (libc's
# clock_nanosleep gets sleep 0.01's timespec, {0, 10000000}: y[2] is
# tv_nsec's low half), and sizeof, offsetof, nested and anonymous members,
# unions, arrays, pointers to undeclared structs, typedefs and enums.
# bpftrace 0.17 prints the same for the parts it accepts (its guide's
# examples); the rest is C's x86-64 layout, written by hand.
ARGS=(-c "/usr/bin/sleep 0.01" -e 'struct MyStruct { int y[4]; }
typedef unsigned short port_t;
enum custom { CUSTOM_ENUM = 3, NEXT, LAST = -1 };
struct Foo {
	char c;
	struct { struct { int d; } b; } a;
	port_t ports[3];
	struct Nowhere *p;
	union { char s; long l; } u;
	struct MyStruct m;
}
BEGIN {
	printf("%d %d %d %d\n", sizeof(struct Foo), offsetof(struct Foo, a), offsetof(struct Foo, ports), offsetof(struct Foo, u));
	printf("%d %d %d %d %d\n", sizeof(((struct Foo *)0)->c), sizeof(((struct Foo *)0)->ports), CUSTOM_ENUM, NEXT, LAST);
}
uprobe:/lib/x86_64-linux-gnu/libc.so.6:clock_nanosleep /pid == cpid/ { $s = (struct MyStruct *)arg2; printf("%d %d\n", $s->y[2], $s->y[0]); }')
