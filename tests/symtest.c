/* Target process for the symbol tests (tests/unit/test_syms.c) and for
 * stack tests: built as a PIE with frame pointers and no optimization so
 * its functions keep their names and frames:
 *   gcc -O0 -g -fno-omit-frame-pointer -fPIE -pie -o build/symtest tests/symtest.c
 *
 * It prints one line with its pid and the runtime addresses of its known
 * functions, a data object and an anonymous executable page (where a JIT
 * would put code), then calls bpfkit_test_mid -> bpfkit_test_leaf every
 * 10 ms until killed.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

volatile unsigned long bpfkit_test_data[4];

__attribute__((noinline)) unsigned long bpfkit_test_leaf(unsigned long x)
{
	bpfkit_test_data[0] += x;
	return bpfkit_test_data[0];
}

__attribute__((noinline)) unsigned long bpfkit_test_mid(unsigned long x)
{
	return bpfkit_test_leaf(x + 1) + 1;
}

int main(void)
{
	struct timespec tick = { 0, 10 * 1000 * 1000 };
	void *jit = mmap(NULL, 4096, PROT_READ | PROT_EXEC,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (jit == MAP_FAILED)
		return 1;
	printf("pid=%d leaf=%p mid=%p data=%p jit=%p\n", (int)getpid(),
	       (void *)bpfkit_test_leaf, (void *)bpfkit_test_mid,
	       (void *)bpfkit_test_data, jit);
	fflush(stdout);
	for (unsigned long i = 0;; i++) {
		bpfkit_test_mid(i);
		nanosleep(&tick, NULL);
	}
}
