#!/usr/bin/env bash
# The probe types this machine's kernel does not allow (kprobe, kretprobe,
# fentry, fexit) run here inside QEMU, on Debian 12's cloud kernel, which
# allows them. No KVM is needed: QEMU emulates the CPU (TCG).
#
# The guest boots from two concatenated cpio archives: busybox and /init,
# then the payload (a statically linked bpfkit, the static test workload
# and the cases). /init runs each case and writes its stdout and exit
# status to the second serial port, which QEMU writes to a file; the kernel
# console goes to the first. Each case is tests/qemu/cases/NAME.args
# (bpfkit's arguments, one shell line) and NAME.out (the exact stdout,
# hand-written: bpftrace cannot run in the guest). In NAME.args,
# @workload:SYMBOL@ is the address of SYMBOL in the (static, non-PIE) test
# workload, for watchpoints.
#
# Needs qemu-system-x86_64, busybox-static and cpio; downloads the kernel
# package with apt-get once (into build/qemu). Ends with
# "qemu: N passed, N failed".
set -eu
cd "$(dirname "$0")/../.."
ROOT=$PWD
DIR=$ROOT/build/qemu
CASES=$ROOT/tests/qemu/cases
mkdir -p "$DIR"

die() {
	echo "tests/qemu/run.sh: $*" >&2
	echo "qemu: 0 passed, 1 failed"
	exit 1
}

command -v qemu-system-x86_64 >/dev/null || die "qemu-system-x86_64 is not installed"
command -v cpio >/dev/null || die "cpio is not installed"
BUSYBOX=/bin/busybox
file -L "$BUSYBOX" 2>/dev/null | grep -q "statically linked" ||
	die "$BUSYBOX is not static (apt-get install busybox-static)"

# The kernel: the image linux-image-cloud-amd64 depends on, unsigned.
kernel=$(ls "$DIR"/vmlinuz-* 2>/dev/null | head -n 1 || true)
if [ -z "$kernel" ]; then
	pkg=$(apt-cache depends linux-image-cloud-amd64 2>/dev/null |
		awk '/Depends: linux-image-[0-9]/ { print $2; exit }')
	[ -n "$pkg" ] || die "apt-cache knows no linux-image-cloud-amd64 (run apt-get update)"
	(cd "$DIR" && apt-get download -q "$pkg-unsigned" >/dev/null 2>&1) ||
		die "cannot download $pkg-unsigned"
	deb=$(ls "$DIR"/"$pkg"-unsigned_*.deb | head -n 1)
	dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$DIR" --wildcards './boot/vmlinuz-*'
	mv "$DIR"/boot/vmlinuz-* "$DIR"/
	rm -rf "$DIR/boot" "$deb"
	kernel=$(ls "$DIR"/vmlinuz-* | head -n 1)
fi

# A static bpfkit (Debian has libbpf.a, libelf.a and libz.a).
make -s BUILD=build/static LDFLAGS=-static build/static/bpfkit 2>&1 |
	grep -v "dlopen\|demangler_load" >&2 || true
[ -x build/static/bpfkit ] || die "cannot build a static bpfkit"
make -s build/workload build/pcapcheck

# The base archive: busybox and /init.
base=$DIR/base
rm -rf "$base" "$DIR/payload"
mkdir -p "$base/bin" "$base/proc" "$base/sys" "$base/dev" "$base/tmp"
cp "$BUSYBOX" "$base/bin/busybox"
cat >"$base/init" <<'EOF'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
ip link set lo up	# loopback, as on any system: packets for skboutput()
cd /tmp
for args in /cases/*.args; do
	name=${args##*/}
	name=${name%.args}
	eval "timeout 60 /bin/bpfkit $(cat "$args")" >/tmp/out 2>/tmp/err
	rc=$?
	{
		echo "@@@ BEGIN $name"
		cat /tmp/out
		echo "@@@ END $name rc=$rc"
		sed 's/^/@@@ stderr: /' /tmp/err
	} >/dev/ttyS1
done
echo "@@@ DONE" >/dev/ttyS1
reboot -f
EOF
chmod +x "$base/init"
(cd "$base" && find . | cpio -o -H newc --quiet | gzip -1) >"$DIR/initrd"

# The payload archive, appended: the kernel unpacks both.
payload=$DIR/payload
mkdir -p "$payload/bin" "$payload/cases"
cp build/static/bpfkit build/workload build/pcapcheck "$payload/bin/"
for args in "$CASES"/*.args; do
	line=$(cat "$args")
	while [[ $line =~ @workload:([A-Za-z0-9_]+)@ ]]; do
		sym=${BASH_REMATCH[1]}
		addr=$(nm build/workload | awk -v s="$sym" '$3 == s { print "0x" $1 }')
		line=${line//@workload:$sym@/$addr}
	done
	printf '%s\n' "$line" >"$payload/cases/${args##*/}"
done
(cd "$payload" && find . | cpio -o -H newc --quiet | gzip -1) >>"$DIR/initrd"

results=$DIR/results.txt
raw=$DIR/serial.txt
rm -f "$results" "$raw"
# One CPU: attaching fentry patches kernel text, and under TCG another
# emulated CPU running that code at the same moment has crashed the guest.
timeout 480 qemu-system-x86_64 -accel tcg -cpu max -smp 1 -m 1024 -nographic \
	-no-reboot -kernel "$kernel" -initrd "$DIR/initrd" \
	-append "console=ttyS0 panic=-1 quiet loglevel=3" \
	-serial mon:stdio -serial "file:$raw" >"$DIR/console.log" 2>&1 </dev/null ||
	true
# The guest's tty ends lines with CR LF.
tr -d '\r' <"$raw" >"$results" 2>/dev/null || true
grep -q "^@@@ DONE" "$results" 2>/dev/null ||
	die "the guest did not finish (see $DIR/console.log)"

passed=0
failed=0
for args in "$CASES"/*.args; do
	name=${args##*/}
	name=${name%.args}
	got=$(sed -n "/^@@@ BEGIN $name\$/,/^@@@ END $name rc=/p" "$results" | sed '1d;$d')
	rc=$(sed -n "s/^@@@ END $name rc=//p" "$results")
	if [ "$rc" == 0 ] && [ "$got" == "$(cat "${args%.args}.out")" ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAIL: qemu $name (exit status $rc)" >&2
		diff <(echo "$got") "${args%.args}.out" >&2 || true
		grep "^@@@ stderr: " "$results" >&2 || true
	fi
done
echo "qemu: $passed passed, $failed failed"
[ $failed -eq 0 ]
