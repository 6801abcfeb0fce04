# USDT arguments of every operand form: registers of 1, 2, 4 and 8 bytes
# (signed and unsigned), stack memory, and constants. probetest usdt 2.
ln -sf "$ROOT/build/probetest" /tmp/bpfkit-probetest
ARGS=(-c "/tmp/bpfkit-probetest usdt 2" -e 'usdt:/tmp/bpfkit-probetest:probetest:reg { printf("reg %ld %ld %ld %ld %ld\n", arg0, arg1, arg2, arg3, arg4); }
usdt:/tmp/bpfkit-probetest:probetest:mem { printf("mem %ld %ld %ld\n", arg0, arg1, arg2); }
U:/tmp/bpfkit-probetest:const { printf("const %ld %ld %ld\n", arg0, arg1, arg2); }')
