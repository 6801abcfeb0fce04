# A program the kernel's verifier refuses is reported at the statement that
# produced the refused instruction, with the verifier's reason.
RC=1
ARGS=(-e 'BEGIN { @x = 1;
  while (1) { }
}')
