/* DWARF of user binaries through libdw: function parameters and their
 * types. Types become BTF (libbpf's btf__add_* API) with DWARF's own
 * offsets and sizes, so a struct's layout is the compiler's, bitfields
 * and packing included. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <dwarf.h>
#include <elfutils/libdw.h>
#include <bpf/btf.h>
#include "debuginfo.h"

struct debuginfo {
	int fd;
	Dwarf *dw;
};

struct debuginfo *debuginfo_open(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	Dwarf *dw = dwarf_begin(fd, DWARF_C_READ);
	if (!dw) {
		close(fd);
		errno = ENODATA;
		return NULL;
	}
	struct debuginfo *di = calloc(1, sizeof(*di));
	if (!di)
		abort();
	di->fd = fd;
	di->dw = dw;
	return di;
}

void debuginfo_close(struct debuginfo *di)
{
	if (!di)
		return;
	dwarf_end(di->dw);
	close(di->fd);
	free(di);
}

/* ---- finding a function ---- */

/* The DIE's DW_AT_type, false for none (void). */
static bool type_of(Dwarf_Die *die, Dwarf_Die *out)
{
	Dwarf_Attribute a;
	return dwarf_attr_integrate(die, DW_AT_type, &a) && dwarf_formref_die(&a, out);
}

/* A function is what its symbol's name, or its address (an alias such as
 * glibc's malloc for __libc_malloc), finds. */
struct func_key {
	const char *name;
	uint64_t addr;		/* 0: by name only */
};

static bool is_function(Dwarf_Die *die, const struct func_key *key)
{
	if (dwarf_tag(die) != DW_TAG_subprogram || dwarf_hasattr(die, DW_AT_declaration))
		return false;
	Dwarf_Addr low;
	if (key->addr)
		return dwarf_lowpc(die, &low) == 0 && low == key->addr;
	const char *func = key->name;
	Dwarf_Attribute a;
	const char *name = dwarf_diename(die);
	const char *linkage = dwarf_formstring(dwarf_attr_integrate(die, DW_AT_linkage_name, &a));
	return (name && !strcmp(name, func)) || (linkage && !strcmp(linkage, func));
}

/* Looks for func among the children of parent, and inside namespaces
 * (C++ functions are nested in them). */
static bool find_in(Dwarf_Die *parent, const struct func_key *key, Dwarf_Die *out)
{
	Dwarf_Die die;
	if (dwarf_child(parent, &die) != 0)
		return false;
	do {
		if (is_function(&die, key)) {
			*out = die;
			return true;
		}
		if (dwarf_tag(&die) == DW_TAG_namespace && find_in(&die, key, out))
			return true;
	} while (dwarf_siblingof(&die, &die) == 0);
	return false;
}

/* By address first: in the unit whose ranges hold it (two static
 * functions may share a name); then by name in every unit. */
static bool find_function(Dwarf *dw, const char *func, uint64_t addr, Dwarf_Die *out)
{
	Dwarf_Die cu;
	struct func_key by_addr = { func, addr }, by_name = { func, 0 };
	if (addr && dwarf_addrdie(dw, addr, &cu) && find_in(&cu, &by_addr, out))
		return true;
	Dwarf_Off off = 0, next;
	size_t header;
	while (dwarf_nextcu(dw, off, &next, &header, NULL, NULL, NULL) == 0) {
		if (dwarf_offdie(dw, off + header, &cu) && find_in(&cu, &by_name, out))
			return true;
		off = next;
	}
	return false;
}

/* ---- C spelling of a type, as bpftrace prints it ("const char*") ---- */

static void spell(Dwarf_Die *type, char *buf, size_t len);

static void spell_target(Dwarf_Die *die, char *buf, size_t len)
{
	Dwarf_Die t;
	if (type_of(die, &t))
		spell(&t, buf, len);
	else
		snprintf(buf, len, "void");
}

static void spell(Dwarf_Die *type, char *buf, size_t len)
{
	char inner[256];
	const char *name = dwarf_diename(type);
	const char *tag = "";
	switch (dwarf_tag(type)) {
	case DW_TAG_pointer_type: case DW_TAG_reference_type: case DW_TAG_rvalue_reference_type:
		spell_target(type, inner, sizeof(inner));
		snprintf(buf, len, "%s*", inner);
		return;
	case DW_TAG_const_type: case DW_TAG_volatile_type: {
		spell_target(type, inner, sizeof(inner));
		bool is_const = dwarf_tag(type) == DW_TAG_const_type;
		snprintf(buf, len, "%s %s", is_const ? "const" : "volatile", inner);
		return;
	}
	case DW_TAG_restrict_type: case DW_TAG_atomic_type:
		spell_target(type, buf, len);
		return;
	case DW_TAG_array_type: {
		Dwarf_Word size = 0, elem = 0;
		Dwarf_Die t;
		spell_target(type, inner, sizeof(inner));
		if (type_of(type, &t) && !dwarf_aggregate_size(&t, &elem) && elem &&
		    !dwarf_aggregate_size(type, &size))
			snprintf(buf, len, "%s[%llu]", inner, (unsigned long long)(size / elem));
		else
			snprintf(buf, len, "%s[]", inner);
		return;
	}
	case DW_TAG_subroutine_type:
		snprintf(buf, len, "void");	/* a function pointer reads as void* */
		return;
	case DW_TAG_structure_type: case DW_TAG_class_type: tag = "struct "; break;
	case DW_TAG_union_type: tag = "union "; break;
	case DW_TAG_enumeration_type: tag = "enum "; break;
	}
	snprintf(buf, len, "%s%s", tag, name ? name : "(anonymous)");
}

/* ---- DWARF types as BTF ---- */

struct converted {
	Dwarf_Off die;
	uint32_t id;
	bool busy;		/* a record whose members are being converted */
};

struct back_pointer {
	uint32_t ptr_id;
	Dwarf_Off record;
};

struct conv {
	struct btf *btf;
	struct converted *done;
	int ndone;
	struct back_pointer *back;
	int nback;
	uint32_t index_type;	/* the int type arrays are indexed by */
};

static struct converted *find_converted(struct conv *c, Dwarf_Off die)
{
	for (int i = 0; i < c->ndone; i++)
		if (c->done[i].die == die)
			return &c->done[i];
	return NULL;
}

static void remember(struct conv *c, Dwarf_Off die, uint32_t id, bool busy)
{
	struct converted *e = find_converted(c, die);
	if (!e) {
		c->done = realloc(c->done, (size_t)(c->ndone + 1) * sizeof(*c->done));
		if (!c->done)
			abort();
		e = &c->done[c->ndone++];
	}
	*e = (struct converted){ die, id, busy };
}

static uint32_t to_btf(struct conv *c, Dwarf_Die *type);

static uint32_t target_to_btf(struct conv *c, Dwarf_Die *die)
{
	Dwarf_Die t;
	return type_of(die, &t) ? to_btf(c, &t) : 0;
}

static uint32_t id_or_void(int id)
{
	return id > 0 ? (uint32_t)id : 0;
}

static uint32_t base_to_btf(struct conv *c, Dwarf_Die *die)
{
	Dwarf_Word enc = 0;
	Dwarf_Attribute a;
	dwarf_formudata(dwarf_attr(die, DW_AT_encoding, &a), &enc);
	int size = dwarf_bytesize(die);
	const char *name = dwarf_diename(die);
	if (enc == DW_ATE_float)
		return id_or_void(btf__add_float(c->btf, name, (size_t)size));
	int flags = enc == DW_ATE_signed || enc == DW_ATE_signed_char ? BTF_INT_SIGNED : 0;
	if (enc == DW_ATE_boolean)
		flags = BTF_INT_BOOL;
	if (enc == DW_ATE_signed_char || enc == DW_ATE_unsigned_char)
		flags |= BTF_INT_CHAR;
	return id_or_void(btf__add_int(c->btf, name ? name : "int", (size_t)size, flags));
}

/* A pointer back to a record still being converted points at void until
 * that record exists (see record_to_btf). */
static uint32_t pointer_to_btf(struct conv *c, Dwarf_Die *die)
{
	Dwarf_Die target, peeled;
	if (type_of(die, &target) && dwarf_peel_type(&target, &peeled) == 0) {
		struct converted *e = find_converted(c, dwarf_dieoffset(&peeled));
		if (e && e->busy) {
			uint32_t id = id_or_void(btf__add_ptr(c->btf, 0));
			c->back = realloc(c->back, (size_t)(c->nback + 1) * sizeof(*c->back));
			if (!c->back)
				abort();
			c->back[c->nback++] = (struct back_pointer){ id, e->die };
			return id;
		}
	}
	return id_or_void(btf__add_ptr(c->btf, target_to_btf(c, die)));
}

/* Bits from the start of the record to member m. */
static uint32_t member_bit_offset(Dwarf_Die *m)
{
	Dwarf_Attribute a;
	Dwarf_Word v = 0;
	if (dwarf_formudata(dwarf_attr(m, DW_AT_data_bit_offset, &a), &v) == 0)
		return (uint32_t)v;
	dwarf_formudata(dwarf_attr(m, DW_AT_data_member_location, &a), &v);
	uint32_t bits = (uint32_t)v * 8;
	int bit_size = dwarf_bitsize(m), old = dwarf_bitoffset(m);
	int storage = dwarf_bytesize(m);
	/* DWARF 2/3 bitfields: DW_AT_bit_offset counts from the storage
	 * unit's most significant bit; x86-64 is little-endian. */
	if (bit_size > 0 && old >= 0 && storage > 0)
		bits += (uint32_t)(storage * 8 - old - bit_size);
	return bits;
}

struct member {
	const char *name;
	uint32_t type, bit_offset, bit_size;
};

static int collect_members(struct conv *c, Dwarf_Die *rec, struct member **out)
{
	Dwarf_Die m;
	int n = 0;
	*out = NULL;
	if (dwarf_child(rec, &m) != 0)
		return 0;
	do {
		if (dwarf_tag(&m) != DW_TAG_member || dwarf_hasattr(&m, DW_AT_external))
			continue;	/* C++ static members have no place in the record */
		*out = realloc(*out, (size_t)(n + 1) * sizeof(**out));
		if (!*out)
			abort();
		int bit_size = dwarf_bitsize(&m);
		(*out)[n++] = (struct member){ dwarf_diename(&m), target_to_btf(c, &m),
					      member_bit_offset(&m),
					      bit_size > 0 ? (uint32_t)bit_size : 0 };
	} while (dwarf_siblingof(&m, &m) == 0);
	return n;
}

/* libbpf adds fields only to the type added last, so a record's member
 * types are converted before the record; pointers back to it made
 * meanwhile get its id once it has one. */
static uint32_t record_to_btf(struct conv *c, Dwarf_Die *die)
{
	bool is_union = dwarf_tag(die) == DW_TAG_union_type;
	const char *name = dwarf_diename(die);
	if (dwarf_hasattr(die, DW_AT_declaration))
		return id_or_void(btf__add_fwd(c->btf, name ? name : "",
					       is_union ? BTF_FWD_UNION : BTF_FWD_STRUCT));
	Dwarf_Off off = dwarf_dieoffset(die);
	remember(c, off, 0, true);
	struct member *m;
	int n = collect_members(c, die, &m);
	int size = dwarf_bytesize(die);
	size = size < 0 ? 0 : size;
	int id = is_union ? btf__add_union(c->btf, name, (uint32_t)size) :
			    btf__add_struct(c->btf, name, (uint32_t)size);
	for (int i = 0; id > 0 && i < n; i++)
		btf__add_field(c->btf, m[i].name, (int)m[i].type, m[i].bit_offset, m[i].bit_size);
	free(m);
	for (int i = 0; id > 0 && i < c->nback; i++)
		if (c->back[i].record == off)
			((struct btf_type *)btf__type_by_id(c->btf, c->back[i].ptr_id))->type = (uint32_t)id;
	remember(c, off, id_or_void(id), false);
	return id_or_void(id);
}

static uint32_t enum_to_btf(struct conv *c, Dwarf_Die *die)
{
	int size = dwarf_bytesize(die);
	int id = btf__add_enum(c->btf, dwarf_diename(die), (uint32_t)(size > 0 ? size : 4));
	Dwarf_Die e;
	if (id <= 0 || dwarf_child(die, &e) != 0)
		return id_or_void(id);
	do {
		Dwarf_Attribute a;
		Dwarf_Sword v = 0;
		if (dwarf_tag(&e) == DW_TAG_enumerator &&
		    dwarf_formsdata(dwarf_attr(&e, DW_AT_const_value, &a), &v) == 0)
			btf__add_enum_value(c->btf, dwarf_diename(&e), v);
	} while (dwarf_siblingof(&e, &e) == 0);
	return (uint32_t)id;
}

/* Each dimension (a DW_TAG_subrange_type child) is an array of the next. */
static uint32_t array_to_btf(struct conv *c, Dwarf_Die *die)
{
	uint32_t counts[8];
	int ndims = 0;
	Dwarf_Die d;
	if (dwarf_child(die, &d) == 0) {
		do {
			Dwarf_Attribute a;
			Dwarf_Word n = 0;
			if (dwarf_tag(&d) != DW_TAG_subrange_type || ndims == 8)
				continue;
			if (dwarf_formudata(dwarf_attr(&d, DW_AT_count, &a), &n) != 0 &&
			    dwarf_formudata(dwarf_attr(&d, DW_AT_upper_bound, &a), &n) == 0)
				n++;
			counts[ndims++] = (uint32_t)n;
		} while (dwarf_siblingof(&d, &d) == 0);
	}
	uint32_t elem = target_to_btf(c, die);
	if (!c->index_type)
		c->index_type = id_or_void(btf__add_int(c->btf, "__ARRAY_SIZE_TYPE__", 4, 0));
	for (int i = ndims - 1; i >= 0; i--)
		elem = id_or_void(btf__add_array(c->btf, (int)c->index_type, (int)elem, counts[i]));
	return elem;
}

static uint32_t convert(struct conv *c, Dwarf_Die *type)
{
	switch (dwarf_tag(type)) {
	case DW_TAG_base_type:
		return base_to_btf(c, type);
	case DW_TAG_pointer_type: case DW_TAG_reference_type: case DW_TAG_rvalue_reference_type:
		return pointer_to_btf(c, type);
	case DW_TAG_structure_type: case DW_TAG_class_type: case DW_TAG_union_type:
		return record_to_btf(c, type);
	case DW_TAG_enumeration_type:
		return enum_to_btf(c, type);
	case DW_TAG_array_type:
		return array_to_btf(c, type);
	case DW_TAG_typedef:
		return id_or_void(btf__add_typedef(c->btf, dwarf_diename(type), (int)target_to_btf(c, type)));
	case DW_TAG_const_type:
		return id_or_void(btf__add_const(c->btf, (int)target_to_btf(c, type)));
	case DW_TAG_volatile_type:
		return id_or_void(btf__add_volatile(c->btf, (int)target_to_btf(c, type)));
	case DW_TAG_restrict_type: case DW_TAG_atomic_type:
		return target_to_btf(c, type);
	default:	/* functions, unspecified types: void */
		return 0;
	}
}

static uint32_t to_btf(struct conv *c, Dwarf_Die *type)
{
	Dwarf_Off off = dwarf_dieoffset(type);
	struct converted *e = find_converted(c, off);
	if (e)
		return e->id;
	uint32_t id = convert(c, type);
	remember(c, off, id, false);
	return id;
}

/* ---- types by name ---- */

static bool is_record_named(Dwarf_Die *die, int tag, const char *name)
{
	int t = dwarf_tag(die);
	const char *n = dwarf_diename(die);
	bool tag_ok = t == tag || (tag == DW_TAG_structure_type && t == DW_TAG_class_type);
	return tag_ok && n && !strcmp(n, name) && !dwarf_hasattr(die, DW_AT_declaration);
}

static bool find_record_in(Dwarf_Die *parent, int tag, const char *name, Dwarf_Die *out)
{
	Dwarf_Die die;
	if (dwarf_child(parent, &die) != 0)
		return false;
	do {
		if (is_record_named(&die, tag, name)) {
			*out = die;
			return true;
		}
		if (dwarf_tag(&die) == DW_TAG_namespace && find_record_in(&die, tag, name, out))
			return true;
	} while (dwarf_siblingof(&die, &die) == 0);
	return false;
}

int debuginfo_record(struct debuginfo *di, const char *name, struct btf *btf)
{
	int tag = DW_TAG_structure_type;
	if (!strncmp(name, "struct ", 7)) {
		name += 7;
	} else if (!strncmp(name, "union ", 6)) {
		name += 6;
		tag = DW_TAG_union_type;
	}
	Dwarf_Off off = 0, next;
	size_t header;
	Dwarf_Die cu, rec;
	while (dwarf_nextcu(di->dw, off, &next, &header, NULL, NULL, NULL) == 0) {
		if (dwarf_offdie(di->dw, off + header, &cu) && find_record_in(&cu, tag, name, &rec)) {
			struct conv c = { .btf = btf };
			uint32_t id = to_btf(&c, &rec);
			free(c.done);
			free(c.back);
			return id ? (int)id : -EINVAL;
		}
		off = next;
	}
	return -ENOENT;
}

/* ---- parameters ---- */

/* Whether a record holds only integers and pointers, however nested. */
static bool all_integers(Dwarf_Die *rec)
{
	Dwarf_Die m, t;
	if (dwarf_child(rec, &m) != 0)
		return true;
	do {
		if (dwarf_tag(&m) != DW_TAG_member || dwarf_hasattr(&m, DW_AT_external))
			continue;
		if (!type_of(&m, &t) || dwarf_peel_type(&t, &t) != 0)
			return false;
		while (dwarf_tag(&t) == DW_TAG_array_type)
			if (!type_of(&t, &t) || dwarf_peel_type(&t, &t) != 0)
				return false;
		Dwarf_Attribute a;
		Dwarf_Word enc = 0;
		switch (dwarf_tag(&t)) {
		case DW_TAG_structure_type: case DW_TAG_class_type: case DW_TAG_union_type:
			if (!all_integers(&t))
				return false;
			break;
		case DW_TAG_base_type:
			dwarf_formudata(dwarf_attr(&t, DW_AT_encoding, &a), &enc);
			if (enc == DW_ATE_float)
				return false;
			break;
		}
	} while (dwarf_siblingof(&m, &m) == 0);
	return true;
}

/* Where the System V ABI puts a parameter of this type, and how many of
 * the six integer registers it takes (*gp). */
static enum param_place classify(Dwarf_Die *type, struct debuginfo_param *p, int *gp)
{
	Dwarf_Die t;
	Dwarf_Attribute a;
	Dwarf_Word enc = 0, size = 0;
	*gp = 0;
	if (dwarf_peel_type(type, &t) != 0)
		return PARAM_UNKNOWN;
	dwarf_aggregate_size(&t, &size);
	p->size = (uint32_t)size;
	switch (dwarf_tag(&t)) {
	case DW_TAG_pointer_type: case DW_TAG_reference_type: case DW_TAG_rvalue_reference_type:
		p->is_pointer = true;
		p->size = 8;
		*gp = 1;
		return PARAM_REG;
	case DW_TAG_enumeration_type:
		if (type_of(&t, &t))
			dwarf_formudata(dwarf_attr(&t, DW_AT_encoding, &a), &enc);
		p->is_signed = enc == DW_ATE_signed;
		*gp = 1;
		return PARAM_REG;
	case DW_TAG_base_type:
		dwarf_formudata(dwarf_attr(&t, DW_AT_encoding, &a), &enc);
		if (enc == DW_ATE_float)
			return size <= 8 ? PARAM_SSE : PARAM_MEMORY;	/* long double: memory */
		p->is_signed = enc == DW_ATE_signed || enc == DW_ATE_signed_char;
		*gp = size <= 8 ? 1 : 2;	/* __int128 takes two */
		return size <= 8 ? PARAM_REG : PARAM_MEMORY;
	default:
		/* A record of up to 16 bytes of integers takes one or two
		 * integer registers; with floats in it its eightbytes may
		 * go to SSE registers, which bpfkit does not work out, so
		 * what follows is unknown. Bigger ones are in memory. */
		if (size > 16)
			*gp = 0;
		else if (all_integers(&t))
			*gp = size <= 8 ? 1 : 2;
		else
			*gp = -1;
		return PARAM_MEMORY;
	}
}

static void describe_param(Dwarf_Die *die, struct conv *c, struct debuginfo_param *p,
			   int *next_reg)
{
	Dwarf_Die type;
	char ctype[512];
	bool typed = type_of(die, &type);
	const char *name = dwarf_diename(die);
	if (typed)
		spell(&type, ctype, sizeof(ctype));
	else
		snprintf(ctype, sizeof(ctype), "void");
	p->name = strdup(name ? name : "");
	p->ctype = strdup(ctype);
	if (!p->name || !p->ctype)
		abort();
	int gp = 0;
	enum param_place place = typed ? classify(&type, p, &gp) : PARAM_UNKNOWN;
	if (*next_reg < 0) {
		p->place = PARAM_UNKNOWN;
	} else if (gp > 0 && *next_reg + gp > 6) {
		/* Too few registers left: all of it goes on the stack. */
		p->place = place == PARAM_REG ? PARAM_STACK : place;
		*next_reg = place == PARAM_REG ? 6 : *next_reg;
	} else {
		p->place = place;
		p->reg = *next_reg;
		*next_reg = gp < 0 ? -1 : *next_reg + gp;
	}
	if (c->btf && typed)
		p->btf_id = to_btf(c, &type);
}

int debuginfo_params(struct debuginfo *di, const char *func, uint64_t addr, struct btf *btf,
		     struct debuginfo_param **out)
{
	Dwarf_Die fn, die;
	*out = NULL;
	if (!find_function(di->dw, func, addr, &fn))
		return -ENOENT;
	struct conv c = { .btf = btf };
	int n = 0, next_reg = 0;
	if (dwarf_child(&fn, &die) == 0) {
		do {
			if (dwarf_tag(&die) != DW_TAG_formal_parameter)
				continue;
			*out = realloc(*out, (size_t)(n + 1) * sizeof(**out));
			if (!*out)
				abort();
			memset(&(*out)[n], 0, sizeof(**out));
			describe_param(&die, &c, &(*out)[n++], &next_reg);
		} while (dwarf_siblingof(&die, &die) == 0);
	}
	free(c.done);
	free(c.back);
	return n;
}

void debuginfo_params_free(struct debuginfo_param *params, int n)
{
	for (int i = 0; i < n; i++) {
		free(params[i].name);
		free(params[i].ctype);
	}
	free(params);
}

/* ---- source lines ---- */

/* name is file, or ends with "/" + file. */
static bool path_matches(const char *name, const char *file)
{
	size_t n = strlen(name), f = strlen(file);
	return n >= f && !strcmp(name + n - f, file) && (n == f || name[n - f - 1] == '/');
}

struct line_search {
	const char *file;
	int line, col;
	const char *path, *other;	/* the files that matched */
	bool found;
	uint64_t addr;
};

static void search_lines(Dwarf_Lines *lines, size_t n, struct line_search *ls)
{
	for (size_t i = 0; i < n; i++) {
		Dwarf_Line *l = dwarf_onesrcline(lines, i);
		const char *name = l ? dwarf_linesrc(l, NULL, NULL) : NULL;
		if (!name || !path_matches(name, ls->file))
			continue;
		if (!ls->path)
			ls->path = name;
		else if (strcmp(ls->path, name) && !ls->other)
			ls->other = name;
		int lineno = 0, col = 0;
		bool stmt = false, end = false;
		Dwarf_Addr addr;
		dwarf_lineno(l, &lineno);
		dwarf_linecol(l, &col);
		dwarf_linebeginstatement(l, &stmt);
		dwarf_lineendsequence(l, &end);
		if (lineno != ls->line || (ls->col && col != ls->col) || !stmt || end ||
		    dwarf_lineaddr(l, &addr) != 0)
			continue;
		if (!ls->found || addr < ls->addr)
			ls->addr = addr;
		ls->found = true;
	}
}

int debuginfo_line_address(struct debuginfo *di, const char *file, int line, int col,
			   uint64_t *addr, const char **path, const char **other)
{
	struct line_search ls = { .file = file, .line = line, .col = col };
	Dwarf_Off off = 0, next;
	size_t header;
	while (dwarf_nextcu(di->dw, off, &next, &header, NULL, NULL, NULL) == 0) {
		Dwarf_Die cu;
		Dwarf_Lines *lines;
		size_t n;
		if (dwarf_offdie(di->dw, off + header, &cu) &&
		    dwarf_getsrclines(&cu, &lines, &n) == 0)
			search_lines(lines, n, &ls);
		off = next;
	}
	*path = ls.path;
	*other = ls.other;
	*addr = ls.addr;
	if (!ls.path)
		return -ENOENT;
	if (ls.other)
		return -EEXIST;
	return ls.found ? 0 : -ENODATA;
}
