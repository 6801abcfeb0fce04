#!/bin/sh
# Installs the Debian 12 packages bpfkit builds with, when any is missing;
# with --test also what the test suite compares and boots with (bpftrace,
# the reference; QEMU, busybox and cpio for the kernel-gated probe types)
# and g++ for the C++ target of the uprobe :cpp: tests.
# Quiet when everything is there.
set -e
need="gcc make pkg-config libc6-dev linux-libc-dev libbpf-dev libdw-dev libelf-dev zlib1g-dev"
[ "${1:-}" = --test ] && need="$need g++ bpftrace qemu-system-x86 busybox-static cpio file"
missing=""
for p in $need; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
