# Type tests answered when compiling (is_str, is_integer,
# is_unsigned_integer, is_ptr, is_array, is_literal), static_assert on a
# constant expression, and assert(): a false one prints the message after
# its place, ends the run with status 1 (END still runs) and stops the
# probe there. Newer bpftrace; expected output written from its
# documentation.
RC=1
ARGS=(-e 'BEGIN { $s = "x"; printf("%d %d %d %d %d %d %d\n", is_str($s), is_str(1), is_integer(1), is_unsigned_integer((uint8)1), is_ptr(curtask), is_array(curtask->comm), is_literal(5));
print((is_array(curtask->cpus_mask.bits), is_literal($s)));
static_assert(sizeof(int32) * 2 == 8 && 1 + 1 == 2, "math");
assert(pid > 0, "pid");
@x = 1;
assert(@x == 2, "x is 2 (100%)");
print("not reached"); }
END { print("end"); }')
