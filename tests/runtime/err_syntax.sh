# A syntax error names the place and shows it.
RC=1
ARGS=(-e 'BEGIN { @x = 1 +; }')
