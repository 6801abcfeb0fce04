# A probe at an address: probetest_add's, from the symbol table.
ln -sf "$ROOT/build/probetest" /tmp/bpfkit-probetest
A=$(nm "$ROOT/build/probetest" | awk '$3 == "probetest_add" { print "0x" $1 }')
ARGS=(-c "/tmp/bpfkit-probetest calls 4" -e "uprobe:/tmp/bpfkit-probetest:$A { @ = count(); @a = sum(arg0); }")
