# Imports that cannot be: a config block inside an imported file, a .h
# file with more than type definitions, a C source (it would need a
# compiler), a missing file, a file in a directory every user may write
# to. Each is one error naming the place; nothing is loaded. The fixtures
# are reached through a link so that messages name a fixed path.
ln -sfn "$ROOT/tests/runtime/imports" /tmp/bpfkit-imports
mkdir -p /tmp/bpfkit-ww && chmod 777 /tmp/bpfkit-ww && echo 'macro m() { 1 }' >/tmp/bpfkit-ww/m.bt
ARGS=(-e 'import "/tmp/bpfkit-imports/bad/config.bt"; import "/tmp/bpfkit-imports/bad/function.h"; import "/tmp/bpfkit-imports/bad/prog.bpf.c"; import "nope.bt"; import "/tmp/bpfkit-ww/m.bt"; BEGIN { exit(); }')
RC=1
CLEANUP="rm -rf /tmp/bpfkit-imports /tmp/bpfkit-ww"
