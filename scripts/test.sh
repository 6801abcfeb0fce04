#!/bin/sh
# The whole test suite, on a fresh Debian 12 machine as root: installs what
# is missing, builds the normal and the sanitizer (ASan + UBSan) binaries,
# and runs tests/run-all.sh, which ends with "N passed, N failed".
set -e
cd "$(dirname "$0")/.."
sh scripts/install-deps.sh --test
make -s all unit
make -s asan
exec tests/run-all.sh
