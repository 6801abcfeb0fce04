#!/bin/sh
# One command on a fresh Debian 12 machine, as root: install what is
# missing, build, mount tracefs/bpffs, and run the default trace (system
# calls counted by process for 5 seconds).
set -e
cd "$(dirname "$0")/.."
sh scripts/install-deps.sh
make -s
sh scripts/mount.sh
echo "Tracing system calls by process for 5 seconds..."
exec build/bpfkit -e 'tracepoint:raw_syscalls:sys_enter { @syscalls[comm] = count(); } interval:s:5 { exit(); }'
