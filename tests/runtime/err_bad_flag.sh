# An invalid option value.
RC=2
ARGS=(-f xml -e 'BEGIN { exit(); }')
