/* x86-64 system call names by number, from the kernel's UAPI header
 * <asm/unistd_64.h> (package linux-libc-dev), turned into a table at build
 * time ($(BUILD)/gen/syscall_table.h, see the Makefile). */
#ifndef BPFKIT_SYSCALLS_H
#define BPFKIT_SYSCALLS_H

/* "read" for 0, "openat" for 257; NULL for a number with no name. */
const char *syscall_name(long nr);

#endif
