/* Tests of x86-64 system call names (src/syscalls.c), whose table is
 * generated from <asm/unistd_64.h>: known numbers, the numbers glibc's
 * SYS_* constants give, and numbers with no name. */
#define _GNU_SOURCE
#include <limits.h>
#include <sys/syscall.h>
#include "check.h"
#include "syscalls.h"

static void test_known_numbers(void)
{
	CHECK_STR(syscall_name(0), "read");
	CHECK_STR(syscall_name(1), "write");
	CHECK_STR(syscall_name(2), "open");
	CHECK_STR(syscall_name(3), "close");
	CHECK_STR(syscall_name(59), "execve");
	CHECK_STR(syscall_name(60), "exit");
	CHECK_STR(syscall_name(62), "kill");
	CHECK_STR(syscall_name(231), "exit_group");
	CHECK_STR(syscall_name(257), "openat");
	CHECK_STR(syscall_name(334), "rseq");
	/* after the gap 335..386 (numbers kept free on x86-64) */
	CHECK_STR(syscall_name(424), "pidfd_send_signal");
	CHECK_STR(syscall_name(435), "clone3");
}

/* The same numbers as glibc's <sys/syscall.h>. */
static void test_agrees_with_libc(void)
{
	CHECK_STR(syscall_name(SYS_read), "read");
	CHECK_STR(syscall_name(SYS_mmap), "mmap");
	CHECK_STR(syscall_name(SYS_ioctl), "ioctl");
	CHECK_STR(syscall_name(SYS_clone), "clone");
	CHECK_STR(syscall_name(SYS_bpf), "bpf");
	CHECK_STR(syscall_name(SYS_perf_event_open), "perf_event_open");
	CHECK_STR(syscall_name(SYS_io_uring_setup), "io_uring_setup");
}

static void test_unknown_numbers(void)
{
	CHECK(syscall_name(-1) == NULL);
	CHECK(syscall_name(LONG_MIN) == NULL);
	CHECK(syscall_name(335) == NULL);
	CHECK(syscall_name(386) == NULL);
	CHECK(syscall_name(100000) == NULL);
	CHECK(syscall_name(LONG_MAX) == NULL);
}

int main(void)
{
	test_known_numbers();
	test_agrees_with_libc();
	test_unknown_numbers();
	return check_report("syscalls");
}
