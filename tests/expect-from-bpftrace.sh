#!/usr/bin/env bash
# Writes tests/runtime/NAME.out by running the case through bpftrace 0.17:
# the expected text of a runtime test is what bpftrace prints, not what
# bpfkit prints. Usage: tests/expect-from-bpftrace.sh NAME...
set -eu
cd "$(dirname "$0")/.."
ROOT=$PWD
for name in "$@"; do
	(
		W=$ROOT/build/workload
		TIMEOUT=60
		ARGS=()
		. "tests/runtime/$name.sh"
		cd /tmp
		timeout -s INT "$TIMEOUT" bpftrace "${ARGS[@]}" 2>/dev/null >"$ROOT/tests/runtime/$name.out" || true
	)
	echo "== $name"
	cat "tests/runtime/$name.out"
done
