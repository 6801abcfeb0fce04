# Records, bpftrace's named tuples (PR #4947, bpftrace 0.26): the programs
# and expected lines are bpftrace's tests/runtime/record cases "basic
# record", "record printing" and "record evaluation order". Fields are read
# by name, a record prints as a struct does, and a record assigned again
# with its fields in another order keeps the first order while its values
# are evaluated as written ("helloworld" twice, then foo = 2, bar = 1).
ARGS=(-e 'begin { $v = 99; $t = (a=0, b=1, c="str", d=(5, 6), e=$v); printf("%d %d %s %d %d %d\n", $t.a, $t.b, $t.c, $t.d.0, $t.d.1, $t.e); }
begin { $v = (x=1, y=2); $t = (a=0, b=1, c="str", d=(5, 6), e=$v); print($t); }
begin { $a = (foo={ printf("hello"); 1 }, bar={ printf("world"); 2 }); $a = (bar={ printf("hello"); 1 }, foo={ printf("world\n"); 2 }); print($a); exit(); }')
