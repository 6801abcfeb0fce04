# A named parameter the script's getopt() does not ask for.
RC=1
ARGS=(-e 'BEGIN { print(getopt("aa", 1)); exit(); }' -- --aa=2 --bb)
