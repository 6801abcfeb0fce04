# import takes a quoted file name: a bare word is a syntax error there.
ARGS=(-e 'import lib; BEGIN { exit(); }')
RC=1
