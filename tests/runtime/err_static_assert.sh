# static_assert with a false constant condition.
RC=1
ARGS=(-e 'BEGIN { static_assert(sizeof(int32) == 8, "int32 is 8 bytes"); }')
