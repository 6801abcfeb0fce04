# write_user(dst, src, len): len is a literal no larger than src, and src
# a string or an integer.
RC=1
ARGS=(--unsafe -e 'BEGIN { write_user(0, "ab", 8); write_user(0, 1, 9); write_user(0, (1, 2), 1); }')
