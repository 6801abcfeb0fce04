# uprobe arguments: probetest_add(i, 10 * i) for i = 1..3. The binary is
# reached through a fixed symlink so that probe names do not depend on
# where the repository is.
ln -sf "$ROOT/build/probetest" /tmp/bpfkit-probetest
ARGS=(-c "/tmp/bpfkit-probetest calls 3" -e 'uprobe:/tmp/bpfkit-probetest:probetest_add { @[probe, arg0] = sum(arg1); }')
