/* load: a fixed, predictable syscall workload for the benchmarks.
 *
 *   load getpid N   N calls of syscall(SYS_getpid)
 *   load read N     N one-byte read()s of /dev/zero
 *   load openat N   N open()+close() pairs of /dev/null
 *
 * getpid goes through syscall() on purpose: the C library may cache or
 * inline getpid(), and every call must reach the sys_enter_getpid
 * tracepoint. Exits 0 on success, 2 on a usage error, 1 on a failed call.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static int usage(void)
{
    fprintf(stderr, "usage: load getpid|read|openat N\n");
    return 2;
}

static int run_getpid(long n)
{
    for (long i = 0; i < n; i++)
        syscall(SYS_getpid);
    return 0;
}

static int run_read(long n)
{
    int fd = open("/dev/zero", O_RDONLY | O_CLOEXEC);
    char c;

    if (fd < 0) {
        perror("load: open /dev/zero");
        return 1;
    }
    for (long i = 0; i < n; i++) {
        if (read(fd, &c, 1) != 1) {
            perror("load: read");
            close(fd);
            return 1;
        }
    }
    close(fd);
    return 0;
}

static int run_openat(long n)
{
    for (long i = 0; i < n; i++) {
        int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);

        if (fd < 0) {
            perror("load: open /dev/null");
            return 1;
        }
        close(fd);
    }
    return 0;
}

int main(int argc, char **argv)
{
    char *end;
    long n;

    if (argc != 3)
        return usage();
    errno = 0;
    n = strtol(argv[2], &end, 10);
    if (errno || *end || n < 0)
        return usage();
    if (strcmp(argv[1], "getpid") == 0)
        return run_getpid(n);
    if (strcmp(argv[1], "read") == 0)
        return run_read(n);
    if (strcmp(argv[1], "openat") == 0)
        return run_openat(n);
    return usage();
}
