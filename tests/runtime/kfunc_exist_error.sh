# kfunc_exist() takes the name as a string literal (it is answered when
# compiling). Hand-written expected output: bpfkit's message.
RC=1
ARGS=(-e 'BEGIN { $x = "a"; print(kfunc_exist($x)); }')
