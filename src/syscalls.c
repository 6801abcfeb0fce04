/* x86-64 system call names; the table is generated from <asm/unistd_64.h>
 * ("#define __NR_read 0" becomes `[0] = "read",`). */
#include <stddef.h>

#include "syscalls.h"

static const char *const names[] = {
#include "syscall_table.h"
};

const char *syscall_name(long nr)
{
	if (nr < 0 || (size_t)nr >= sizeof(names) / sizeof(names[0]))
		return NULL;
	return names[nr];
}
