#!/usr/bin/env bash
# The whole test suite: unit tests, golden tests of the compiler's output,
# runtime tests that load real BPF into this kernel (with the normal and the
# sanitizer build), and, when bpftrace is installed, side-by-side
# comparisons with it. Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
ROOT=$PWD
sh scripts/mount.sh

passed=0
failed=0
failures=()

pass() { passed=$((passed + 1)); }

# tests/run-all.sh [GLOB...] runs only the runtime and comparison cases
# whose names match a GLOB (and no QEMU cases); with none, all of them.
SELECT=("$@")
selected() {
	local g
	[ ${#SELECT[@]} -eq 0 ] && return 0
	for g in "${SELECT[@]}"; do
		# shellcheck disable=SC2053
		[[ $1 == $g ]] && return 0
	done
	return 1
}
fail() {
	failed=$((failed + 1))
	failures+=("$1")
	echo "FAIL: $1" >&2
}

# Unit test programs print "NAME: N passed, N failed".
run_unit_tests() {
	local t line p f
	for t in build/unit/test_* build-asan/unit/test_*; do
		[ -x "$t" ] || continue
		line=$("$t" 2>"/tmp/bpfkit-unit.$$" | tail -n 1)
		if [[ $line =~ ([0-9]+)\ passed,\ ([0-9]+)\ failed ]]; then
			p=${BASH_REMATCH[1]}
			f=${BASH_REMATCH[2]}
			passed=$((passed + p))
			[ "$f" -eq 0 ] || { cat "/tmp/bpfkit-unit.$$" >&2; fail "$t: $f failed"; }
		else
			cat "/tmp/bpfkit-unit.$$" >&2
			fail "$t: crashed or printed no summary"
		fi
	done
	rm -f "/tmp/bpfkit-unit.$$"
}

# Golden tests: `bpfkit -d --dry-run` of tests/golden/NAME.bt must print
# tests/golden/NAME.out exactly (AST, typed AST and BPF assembly).
run_golden_tests() {
	local bt want got
	for bt in tests/golden/*.bt; do
		want=${bt%.bt}.out
		got=$(build/bpfkit -d --dry-run "$bt" 2>&1)
		if [ "$got" == "$(cat "$want")" ]; then
			pass
		else
			diff <(echo "$got") "$want" >&2
			fail "golden ${bt##*/}"
		fi
	done
}

# Runtime tests: tests/runtime/NAME.sh sets ARGS (bpfkit's arguments) and
# optionally RC (default 0), TIMEOUT (seconds until SIGINT, default 60)
# OUTFILE (compared instead of stdout), FILTER (a command the output goes
# through first) and CLEANUP (a command run after the case). NAME.out is the exact stdout; NAME.err, when
# present, the exact stderr. $W is the test workload.
run_runtime_tests() {
	local bpfkit=$ROOT/$1 label=$2 case name out err rc
	for case in tests/runtime/*.sh; do
		name=${case##*/}
		name=${name%.sh}
		selected "$name" || continue
		(
			W=$ROOT/build/workload
			RC=0
			TIMEOUT=60
			ARGS=()
			# shellcheck disable=SC1090
			. "$case"
			cd /tmp || exit 99
			timeout --preserve-status -s INT "${TIMEOUT:-60}" "$bpfkit" "${ARGS[@]}" >"/tmp/bpfkit-out.$$" 2>"/tmp/bpfkit-err.$$"
			echo $? >"/tmp/bpfkit-rc.$$"
			# A case that writes its output with -o names the file in OUTFILE.
			if [ -n "${OUTFILE:-}" ]; then
				cat "$OUTFILE" >"/tmp/bpfkit-out.$$"
				rm -f "$OUTFILE"
			fi
			# CLEANUP removes what the case made (files, processes).
			if [ -n "${CLEANUP:-}" ]; then
				sh -c "$CLEANUP"
			fi
			# FILTER removes what depends on the build (symbol offsets).
			if [ -n "${FILTER:-}" ]; then
				sh -c "$FILTER" <"/tmp/bpfkit-out.$$" >"/tmp/bpfkit-filtered.$$"
				mv "/tmp/bpfkit-filtered.$$" "/tmp/bpfkit-out.$$"
			fi
			[ "$(cat "/tmp/bpfkit-rc.$$")" == "$RC" ]
		)
		rc=$?
		out=$(cat "/tmp/bpfkit-out.$$")
		err=$(cat "/tmp/bpfkit-err.$$")
		if [ $rc -ne 0 ]; then
			echo "exit status $(cat "/tmp/bpfkit-rc.$$"); stderr:" >&2
			echo "$err" >&2
			fail "runtime $name ($label): exit status"
		elif [ "$out" != "$(cat "tests/runtime/$name.out")" ]; then
			diff <(echo "$out") "tests/runtime/$name.out" >&2
			echo "$err" >&2
			fail "runtime $name ($label): stdout"
		elif [ -f "tests/runtime/$name.err" ] && [ "$err" != "$(cat "tests/runtime/$name.err")" ]; then
			diff <(echo "$err") "tests/runtime/$name.err" >&2
			fail "runtime $name ($label): stderr"
		elif [[ $label == asan && $err == *Sanitizer* ]]; then
			echo "$err" >&2
			fail "runtime $name ($label): sanitizer report"
		else
			pass
		fi
	done
	rm -f /tmp/bpfkit-out.$$ /tmp/bpfkit-err.$$ /tmp/bpfkit-rc.$$
}

# Same script through bpftrace and bpfkit, same command: same text. Lines
# are sorted, because entries with equal values may print in any order.
run_bpftrace_comparisons() {
	command -v bpftrace >/dev/null || { echo "bpftrace not installed: comparisons not run"; return; }
	local bt cmd a b name
	# The uprobe cases probe the uprobe test target by this fixed path.
	ln -sf "$ROOT/build/probetest" /tmp/bpfkit-probetest
	for bt in tests/compare/*.bt; do
		name=${bt##*/}
		selected "${name%.bt}" || continue
		cmd=$(sed -n 's/^\/\/ cmd: //p' "$bt")
		cmd=${cmd//\$W/$ROOT/build/workload}
		a=$(cd /tmp && timeout -s INT 60 "$ROOT/build/bpfkit" -c "$cmd" "$ROOT/$bt" 2>/dev/null | sort)
		b=$(cd /tmp && timeout -s INT 60 bpftrace -c "$cmd" "$ROOT/$bt" 2>/dev/null | sort)
		# Two empty outputs would agree without testing anything (a
		# probe that never fired on this machine): a case must print.
		if ! echo "$a" | grep -v '^Attaching [0-9]* probes*\.\.\.$' | grep -q .; then
			fail "compare ${bt##*/}: bpfkit printed nothing to compare"
		elif [ "$a" == "$b" ]; then
			pass
		else
			diff <(echo "$a") <(echo "$b") >&2
			fail "compare ${bt##*/} with bpftrace"
		fi
	done
}

# kprobe, kretprobe, fentry and fexit inside QEMU on Debian's cloud
# kernel (this machine's kernel does not allow them); only where
# qemu-system-x86_64 is installed. The script ends with
# "qemu: N passed, N failed".
run_qemu_tests() {
	command -v qemu-system-x86_64 >/dev/null || { echo "qemu-system-x86_64 not installed: QEMU tests not run"; return; }
	local line
	line=$(tests/qemu/run.sh 2>"/tmp/bpfkit-qemu.$$" | tail -n 1)
	if [[ $line =~ ([0-9]+)\ passed,\ ([0-9]+)\ failed ]]; then
		passed=$((passed + BASH_REMATCH[1]))
		[ "${BASH_REMATCH[2]}" -eq 0 ] || { cat "/tmp/bpfkit-qemu.$$" >&2; fail "qemu: ${BASH_REMATCH[2]} failed"; }
	else
		cat "/tmp/bpfkit-qemu.$$" >&2
		fail "qemu: no summary"
	fi
	rm -f "/tmp/bpfkit-qemu.$$"
}

run_unit_tests
run_golden_tests
run_runtime_tests build/bpfkit normal
ASAN_OPTIONS=detect_leaks=1 run_runtime_tests build-asan/bpfkit asan
run_bpftrace_comparisons
[ ${#SELECT[@]} -eq 0 ] && run_qemu_tests

if [ $failed -ne 0 ]; then
	echo "failed:" >&2
	printf '  %s\n' "${failures[@]}" >&2
fi
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
