#!/bin/sh
# Mounts tracefs and bpffs where they are missing (bpfkit needs tracefs for
# tracepoints; bpffs is for pinning).
set -e
grep -q ' /sys/kernel/tracing tracefs ' /proc/mounts ||
	mount -t tracefs nodev /sys/kernel/tracing
grep -q ' /sys/fs/bpf bpf ' /proc/mounts ||
	mount -t bpf bpf /sys/fs/bpf
