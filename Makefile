# bpfkit — `make` builds build/bpfkit; `make test` runs the whole suite.
CC      ?= gcc
PKGS    := libbpf libdw libelf zlib
# OPTFLAGS is what a build variant changes (the sanitizer build sets it,
# with the debug information the shipped binary leaves out);
# CFLAGS from the environment is added last.
OPTFLAGS ?= -O2
ALL_CFLAGS = $(OPTFLAGS) -std=gnu11 -Wall -Wextra -Werror -Isrc \
	$(shell pkg-config --cflags $(PKGS)) $(CFLAGS)
# A static link (LDFLAGS=-static, as tests/qemu/run.sh builds) needs the
# libraries the others use too (libdw's bzip2 and lzma, ...).
PKG_STATIC = $(if $(filter -static,$(LDFLAGS)),--static)
LDLIBS  += $(shell pkg-config $(PKG_STATIC) --libs $(PKGS))

BUILD   ?= build
SRCS    := $(filter-out src/main.c,$(wildcard src/*.c src/providers/*.c))
OBJS    := $(SRCS:src/%.c=$(BUILD)/obj/%.o)
UNIT    := $(wildcard tests/unit/test_*.c)
UNITBIN := $(UNIT:tests/unit/%.c=$(BUILD)/unit/%)

all: $(BUILD)/bpfkit $(BUILD)/workload $(BUILD)/symtest $(BUILD)/probetest $(BUILD)/probetest-stripped \
	$(BUILD)/cpptarget

$(BUILD)/bpfkit: $(BUILD)/obj/main.o $(BUILD)/libbpfkit.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/libbpfkit.a: $(OBJS)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/obj/%.o: src/%.c $(wildcard src/*.h src/providers/*.h)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -c -o $@ $<

# x86-64 system call names from the UAPI header (linux-libc-dev):
# "#define __NR_read 0" becomes `[0] = "read",`.
$(BUILD)/gen/syscall_table.h: /usr/include/x86_64-linux-gnu/asm/unistd_64.h
	@mkdir -p $(@D)
	awk '$$1 == "#define" && $$2 ~ /^__NR_/ && $$3 ~ /^[0-9]+$$/ { printf "\t[%s] = \"%s\",\n", $$3, substr($$2, 6) }' $< >$@.tmp && mv $@.tmp $@

$(BUILD)/obj/syscalls.o: $(BUILD)/gen/syscall_table.h
$(BUILD)/obj/syscalls.o: ALL_CFLAGS += -I$(BUILD)/gen

$(BUILD)/unit/%: tests/unit/%.c tests/unit/check.h $(BUILD)/libbpfkit.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -Itests/unit -o $@ $< $(BUILD)/libbpfkit.a $(LDLIBS)

# The test workload is static (no dynamic loader syscalls, so counts are
# exact) and keeps frame pointers so stack tests see names.
$(BUILD)/workload: tests/workload.c
	@mkdir -p $(@D)
	$(CC) -O1 -g -static -fno-omit-frame-pointer -Wall -Wextra -Werror -o $@ $<

# Reads the pcap files of skboutput() in the QEMU tests (static, as the
# guest has no C library).
$(BUILD)/pcapcheck: tests/pcapcheck.c
	@mkdir -p $(@D)
	$(CC) -O1 -static -Wall -Wextra -Werror -o $@ $<

# Target process of the symbol tests: a PIE with frame pointers.
$(BUILD)/symtest: tests/symtest.c
	@mkdir -p $(@D)
	$(CC) -O0 -g -fno-omit-frame-pointer -fPIE -pie -Wall -Wextra -Werror -o $@ $<

# Target of the uprobe/USDT tests: a PIE with frame pointers, linked to a
# shared library found next to it ($ORIGIN).
$(BUILD)/libprobetest.so: tests/libprobetest.c
	@mkdir -p $(@D)
	$(CC) -O1 -g -fno-omit-frame-pointer -fPIC -shared -Wall -Wextra -Werror -o $@ $<

$(BUILD)/probetest: tests/probetest.c $(BUILD)/libprobetest.so
	@mkdir -p $(@D)
	$(CC) -O1 -g -fno-omit-frame-pointer -Wall -Wextra -Werror -o $@ $< \
		-L$(BUILD) -lprobetest -Wl,-rpath,'$$ORIGIN'

# probetest stripped of its symbols and DWARF, which a separate debug file
# beside it (named by .gnu_debuglink) keeps: the uprobe DWARF tests.
$(BUILD)/probetest-stripped: $(BUILD)/probetest
	objcopy --only-keep-debug $< $(BUILD)/probetest.debug
	cd $(BUILD) && objcopy --strip-all --add-gnu-debuglink=probetest.debug probetest probetest-stripped

# Target of the uprobe :cpp: tests (g++: scripts/install-deps.sh --test).
$(BUILD)/cpptarget: tests/cpptarget.cpp
	@mkdir -p $(@D)
	$(CXX) -O1 -g -Wall -Wextra -Werror -o $@ $<

$(BUILD)/unit/test_syms: $(BUILD)/symtest
$(BUILD)/unit/test_providers: $(BUILD)/probetest
$(BUILD)/unit/test_debuginfo: $(BUILD)/probetest

unit: $(UNITBIN)

asan:
	$(MAKE) BUILD=build-asan OPTFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" all unit

test: all unit asan
	tests/run-all.sh

clean:
	rm -rf build build-asan

.PHONY: all unit asan test clean
-include $(OBJS:.o=.d)
