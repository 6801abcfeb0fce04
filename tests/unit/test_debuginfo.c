/* Unit tests of DWARF reading (src/debuginfo.c): the parameters of
 * build/probetest's dwarftest_* functions (built with -g), their C
 * spellings, registers and BTF types. */
#include <errno.h>
#include <string.h>
#include <bpf/btf.h>
#include "check.h"
#include "debuginfo.h"
#include "elfsym.h"

#define PROBETEST "build/probetest"

static void test_ints(struct debuginfo *di)
{
	struct btf *btf = btf__new_empty();
	struct debuginfo_param *p;
	int n = debuginfo_params(di, "dwarftest_ints", 0, btf, &p);
	CHECK(n == 6);
	if (n != 6)
		return;
	static const char *const names[] = { "c", "us", "i", "ul", "name", "pt" };
	static const char *const ctypes[] = { "signed char", "short unsigned int", "int",
		"long unsigned int", "const char*", "struct dwarftest_point*" };
	static const unsigned sizes[] = { 1, 2, 4, 8, 8, 8 };
	static const bool signs[] = { true, false, true, false, false, false };
	for (int i = 0; i < n; i++) {
		CHECK_STR(p[i].name, names[i]);
		CHECK_STR(p[i].ctype, ctypes[i]);
		CHECK(p[i].place == PARAM_REG && p[i].reg == i);
		CHECK(p[i].size == sizes[i] && p[i].is_signed == signs[i]);
		CHECK(p[i].btf_id != 0);
		CHECK(p[i].is_pointer == (i >= 4));
	}
	/* pt: a pointer to a struct whose `next` points back to it. */
	const struct btf_type *ptr = btf__type_by_id(btf, p[5].btf_id);
	CHECK(ptr && btf_is_ptr(ptr));
	const struct btf_type *rec = ptr ? btf__type_by_id(btf, ptr->type) : NULL;
	CHECK(rec && btf_is_struct(rec) && btf_vlen(rec) == 6 && rec->size == 56);
	if (rec && btf_is_struct(rec) && btf_vlen(rec) == 6) {
		const struct btf_member *m = btf_members(rec);
		CHECK_STR(btf__name_by_offset(btf, m[3].name_off), "next");
		CHECK(btf_member_bit_offset(rec, 3) == 24 * 8);
		const struct btf_type *next = btf__type_by_id(btf, m[3].type);
		CHECK(next && btf_is_ptr(next) && next->type == ptr->type);
	}
	debuginfo_params_free(p, n);
	btf__free(btf);
}

static void test_places(struct debuginfo *di)
{
	struct debuginfo_param *p;
	int n = debuginfo_params(di, "dwarftest_unreadable", 0, NULL, &p);
	CHECK(n == 8);
	if (n != 8)
		return;
	CHECK(p[0].place == PARAM_SSE);
	CHECK(p[1].place == PARAM_MEMORY);	/* struct pair, in rdi */
	for (int i = 2; i < 7; i++)		/* after, a4..a7: rsi..r9 */
		CHECK(p[i].place == PARAM_REG && p[i].reg == i - 1);
	CHECK(p[7].place == PARAM_STACK);	/* a8 */
	CHECK(p[7].btf_id == 0);		/* no BTF asked for */
	debuginfo_params_free(p, n);
}

/* An alias (a symbol of another name at the function's address) finds
 * the function by address. */
static void test_by_address(struct debuginfo *di)
{
	struct elfsym *es = elfsym_open(PROBETEST, NULL);
	struct elfsym_sym sym;
	CHECK(es && elfsym_lookup(es, "dwarftest_flags", &sym) == 0);
	if (es) {
		struct debuginfo_param *p;
		int n = debuginfo_params(di, "an_alias", sym.addr, NULL, &p);
		CHECK(n == 3 && !strcmp(p[0].name, "color"));
		debuginfo_params_free(p, n);
		CHECK(debuginfo_params(di, "an_alias", 0, NULL, &p) == -ENOENT);
	}
	elfsym_free(es);
}

int main(void)
{
	struct debuginfo *di = debuginfo_open(PROBETEST);
	CHECK(di != NULL);
	if (di) {
		test_ints(di);
		test_places(di);
		test_by_address(di);
		struct debuginfo_param *p;
		CHECK(debuginfo_params(di, "_start", 0, NULL, &p) == -ENOENT);
		debuginfo_close(di);
	}
	errno = 0;
	CHECK(debuginfo_open("/lib/x86_64-linux-gnu/libc.so.6") == NULL && errno == ENODATA);
	CHECK(debuginfo_open("/nonexistent") == NULL && errno == ENOENT);
	return check_report("test_debuginfo");
}
