# default_str_length() (bpftrace 0.27's strings.bt: the size str() gives a
# string, its max_strlen) and assert_str() (a check when compiling that a
# value is string-like) on a string, a char array and a pointer to char.
# bpftrace 0.17 has neither: the expected text is written by hand.
ARGS=(-e 'config = { max_strlen = 100 } BEGIN { assert_str("x"); assert_str(comm); assert_str(curtask->comm); assert_str((int8 *)0); print(default_str_length()); print(sizeof(str((int8 *)0)) == default_str_length()); exit(); }')
