/* C type definitions; # lines are skipped. */
#include <linux/types.h>
#define WIDE 1
struct wide {
	long x[4];
};
