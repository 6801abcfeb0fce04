# The program read from standard input ("-"), with the output to a file.
OUTFILE=/tmp/bpfkit-test-output.txt
ARGS=(-o "$OUTFILE" -)
exec 0<<<'BEGIN { printf("from stdin\n"); @x = 7; exit(); }'
