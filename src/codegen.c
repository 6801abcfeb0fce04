/* Code generator: typed AST to BPF instructions.
 *
 * Registers: r6 holds the context, r7-r9 hold expression values (they
 * survive helper calls), r0-r5 are scratch between calls. When r7-r9 are
 * all taken, the oldest value is spilled to a frame slot and reloaded when
 * used. Strings, tuples and records live in frame memory; temporaries of a
 * statement are released when the statement ends.
 *
 * The frame is the 512-byte BPF stack (r10). A program that needs more is
 * generated again with its frame in a per-CPU scratch map value, addressed
 * through r9 the same way (negative offsets from its end). */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <arpa/inet.h>
#include <sys/stat.h>
#include <bpf/libbpf.h>
#include "bpf_insn.h"
#include "codegen.h"
#include "lexer.h"
#include "tseries.h"

#define STACK_LIMIT 512
#define NVREGS 3
#define R_SCRATCH_FP BPF_REG_9
#define R_CTX BPF_REG_6

enum val_kind { V_NONE, V_IMM, V_REG, V_SPILL, V_MEM };

/* Where an expression's value is. */
struct val {
	enum val_kind kind;
	int64_t imm;		/* V_IMM */
	int reg;		/* V_REG */
	int off;		/* V_SPILL and V_MEM: offset from r10 (negative) */
	uint32_t size;		/* V_MEM */
};

struct vreg {
	struct val *owner;	/* NULL when free */
	unsigned seq;		/* allocation order, to spill the oldest */
};

struct fixups {
	int *at;
	int n, cap;
};

struct loop {
	struct fixups breaks, continues;
};

struct cg {
	struct program *prog;
	struct probe_info *pi;
	struct probe *probe;	/* the probe whose args and name are used */
	struct diag *diag;
	struct bpf_code *code;
	int cap;
	struct loc loc;		/* recorded with each instruction */
	int stack;		/* bytes of stack in use */
	int max_stack;
	struct vreg vregs[NVREGS];
	int nvregs;		/* 3, or 2 when r9 is the scratch frame */
	int fp;			/* frame base: r10, or r9 into the scratch map */
	int frame_limit;	/* bytes the frame may use */
	bool overflow;		/* the stack frame was too small */
	unsigned seq;
	int *var_off;		/* stack slot of each variable */
	struct fixups returns;
	struct fixups value_returns;	/* `return v`: R0 already holds v */
	struct loop *loop;
	bool dead;		/* after exit/return/break/continue in this block */
	struct map_loop *map_loops;	/* callbacks to emit after the program */
	int nmap_loops;
	struct fixups count_callbacks;	/* ld_imm64s naming the counting callback */
	int failed;
};

/* A for ($kv : @m) whose body is emitted as a callback once the main
 * program is done. */
struct map_loop {
	struct node *node;
	int ld_insn;		/* the ld_imm64 that names the callback */
	int stack_mark;		/* frame in use at the loop */
};

/* ---- emission ---- */

static void emit(struct cg *cg, struct bpf_insn insn)
{
	struct bpf_code *c = cg->code;
	if (c->ninsns == cg->cap) {
		cg->cap = cg->cap ? 2 * cg->cap : 256;
		c->insns = realloc(c->insns, (size_t)cg->cap * sizeof(*c->insns));
		c->locs = realloc(c->locs, (size_t)cg->cap * sizeof(*c->locs));
		if (!c->insns || !c->locs)
			abort();
	}
	c->locs[c->ninsns] = cg->loc;
	c->insns[c->ninsns++] = insn;
}

static int here(const struct cg *cg)
{
	return cg->code->ninsns;
}

static void emit_ld64(struct cg *cg, int reg, int64_t v)
{
	emit(cg, I_LD64_LO(reg, 0, (int)(uint32_t)v));
	emit(cg, I_LD64_HI((int)(uint32_t)((uint64_t)v >> 32)));
}

static void emit_mov_imm(struct cg *cg, int reg, int64_t v)
{
	if (v >= INT32_MIN && v <= INT32_MAX)
		emit(cg, I_MOV_IMM(reg, (int)v));
	else
		emit_ld64(cg, reg, v);
}

static void emit_map_ref(struct cg *cg, int reg, int map_id)
{
	emit(cg, I_LD64_LO(reg, BPF_PSEUDO_MAP_FD, map_id));
	emit(cg, I_LD64_HI(0));
}

static int internal_map(const struct cg *cg, enum internal_map m)
{
	return cg->prog->nmaps + (int)m;
}

static void fixup_add(struct fixups *f, int at)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? 2 * f->cap : 8;
		f->at = realloc(f->at, (size_t)f->cap * sizeof(int));
		if (!f->at)
			abort();
	}
	f->at[f->n++] = at;
}

/* Points the jump at `from` to `to`. */
static void patch_jump(struct cg *cg, int from, int to)
{
	cg->code->insns[from].off = (__s16)(to - from - 1);
}

static void patch_all(struct cg *cg, struct fixups *f, int to)
{
	for (int i = 0; i < f->n; i++)
		patch_jump(cg, f->at[i], to);
	free(f->at);
	memset(f, 0, sizeof(*f));
}

__attribute__((format(printf, 3, 4)))
static void cg_error(struct cg *cg, struct loc at, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (!cg->failed)
		diag_error(cg->diag, at, "%s", msg);
	cg->failed = 1;
}

/* ---- stack ---- */

static int stack_alloc(struct cg *cg, uint32_t size)
{
	size = (size + 7) & ~7u;
	if (cg->stack + (int)size > cg->frame_limit) {
		if (cg->fp == BPF_REG_10)
			cg->overflow = true;	/* retried with the scratch frame */
		else
			cg_error(cg, cg->loc, "this probe needs more than %d bytes of memory for its values; use shorter strings (BPFTRACE_STRLEN)",
				 cg->frame_limit);
		return -(int)size;	/* a valid slot, so generation can go on */
	}
	cg->stack += (int)size;
	if (cg->stack > cg->max_stack)
		cg->max_stack = cg->stack;
	return -cg->stack;
}

static void stack_zero(struct cg *cg, int off, uint32_t size)
{
	for (uint32_t i = 0; i < size; i += 8)
		emit(cg, I_ST(BPF_DW, cg->fp, off + (int)i, 0));
}

/* Copies size bytes (a multiple of 8) between stack slots. */
static void stack_copy(struct cg *cg, int dst, int src, uint32_t size)
{
	for (uint32_t i = 0; i < size; i += 8) {
		emit(cg, I_LDX(BPF_DW, BPF_REG_0, cg->fp, src + (int)i));
		emit(cg, I_STX(BPF_DW, cg->fp, BPF_REG_0, dst + (int)i));
	}
}

/* Copies from memory at reg+0 to a stack slot. */
static void mem_to_stack(struct cg *cg, int dst, int reg, uint32_t size)
{
	for (uint32_t i = 0; i < size; i += 8) {
		emit(cg, I_LDX(BPF_DW, BPF_REG_0, reg, (int)i));
		emit(cg, I_STX(BPF_DW, cg->fp, BPF_REG_0, dst + (int)i));
	}
}

/* ---- registers and values ---- */

static int vreg_reg(int i) { return BPF_REG_7 + i; }

static void val_release(struct cg *cg, struct val *v)
{
	if (v->kind == V_REG)
		cg->vregs[v->reg - BPF_REG_7].owner = NULL;
	v->kind = V_NONE;
}

static void spill(struct cg *cg, int i)
{
	struct val *owner = cg->vregs[i].owner;
	int off = stack_alloc(cg, 8);
	emit(cg, I_STX(BPF_DW, cg->fp, vreg_reg(i), off));
	owner->kind = V_SPILL;
	owner->off = off;
	cg->vregs[i].owner = NULL;
}

/* A callee-saved register for `owner`, spilling the oldest value if needed. */
static int reg_alloc(struct cg *cg, struct val *owner)
{
	int pick = -1;
	for (int i = 0; i < cg->nvregs; i++) {
		if (!cg->vregs[i].owner) {
			pick = i;
			break;
		}
		if (pick < 0 || cg->vregs[i].seq < cg->vregs[pick].seq)
			pick = i;
	}
	if (cg->vregs[pick].owner)
		spill(cg, pick);
	cg->vregs[pick].owner = owner;
	cg->vregs[pick].seq = ++cg->seq;
	return vreg_reg(pick);
}

/* Moves a value from a scratch register into a fresh callee-saved one. */
static void val_from_reg(struct cg *cg, struct val *v, int src)
{
	v->kind = V_REG;
	v->reg = reg_alloc(cg, v);
	emit(cg, I_MOV_REG(v->reg, src));
}

/* Makes v live in a callee-saved register and returns it. */
static int val_in_reg(struct cg *cg, struct val *v)
{
	switch (v->kind) {
	case V_REG:
		return v->reg;
	case V_IMM: {
		int64_t k = v->imm;
		v->kind = V_REG;
		v->reg = reg_alloc(cg, v);
		emit_mov_imm(cg, v->reg, k);
		return v->reg;
	}
	case V_SPILL: {
		int off = v->off;
		v->kind = V_REG;
		v->reg = reg_alloc(cg, v);
		emit(cg, I_LDX(BPF_DW, v->reg, cg->fp, off));
		return v->reg;
	}
	default:
		v->kind = V_REG;
		v->reg = reg_alloc(cg, v);
		emit(cg, I_MOV_IMM(v->reg, 0));
		return v->reg;
	}
}

/* Copies an integer value into scratch register r (v is unchanged). */
static void val_to(struct cg *cg, const struct val *v, int r)
{
	switch (v->kind) {
	case V_REG:
		if (v->reg != r)
			emit(cg, I_MOV_REG(r, v->reg));
		break;
	case V_IMM:
		emit_mov_imm(cg, r, v->imm);
		break;
	case V_SPILL:
		emit(cg, I_LDX(BPF_DW, r, cg->fp, v->off));
		break;
	default:
		emit(cg, I_MOV_IMM(r, 0));
	}
}

/* Puts the address of a memory value in scratch register r. */
static void mem_addr(struct cg *cg, const struct val *v, int r)
{
	emit(cg, I_MOV_REG(r, cg->fp));
	emit(cg, I_ALU64_IMM(BPF_ADD, r, v->off));
}

static void val_mem(struct val *v, int off, uint32_t size)
{
	v->kind = V_MEM;
	v->off = off;
	v->size = size;
}

/* Stores a value of type t at r10+dst in the canonical layout. */
static void store_val(struct cg *cg, int dst, const struct type *t, const struct val *v)
{
	uint32_t size = type_layout_size(t);
	if (v->kind == V_MEM) {
		uint32_t n = v->size < size ? v->size : size;
		n &= ~7u;
		if (dst != v->off)
			stack_copy(cg, dst, v->off, n);
		if (n < size)
			stack_zero(cg, dst + (int)n, size - n);
		return;
	}
	if (v->kind == V_IMM && v->imm >= INT32_MIN && v->imm <= INT32_MAX) {
		emit(cg, I_ST(BPF_DW, cg->fp, dst, (int)v->imm));
		return;
	}
	if (v->kind == V_REG) {	/* straight from its register */
		emit(cg, I_STX(BPF_DW, cg->fp, v->reg, dst));
		return;
	}
	val_to(cg, v, BPF_REG_0);
	emit(cg, I_STX(BPF_DW, cg->fp, BPF_REG_0, dst));
}

static void gen_expr(struct cg *cg, struct node *n, struct val *out);
static void gen_stmt(struct cg *cg, struct node *n);
static void gen_incdec_value(struct cg *cg, struct node *n, struct val *out);
static void gen_stack(struct cg *cg, struct node *n, struct val *out);
static void gen_len(struct cg *cg, struct node *n, struct val *out);
static void gen_ctx_field(struct cg *cg, const struct ctx_field *f, struct node *n,
			  struct val *out);


/* ---- helpers for builtins ---- */

static void call(struct cg *cg, enum bpf_func_id fn)
{
	emit(cg, I_CALL(fn));
}

static void gen_helper_value(struct cg *cg, enum bpf_func_id fn, struct val *out)
{
	call(cg, fn);
	val_from_reg(cg, out, BPF_REG_0);
}

/* Writes the bytes of s (size bytes, zero padded) at r10+off. */
static void store_bytes(struct cg *cg, int off, const char *s, size_t len, uint32_t size)
{
	for (uint32_t i = 0; i < size; i += 4) {
		uint32_t w = 0;
		for (uint32_t k = 0; k < 4; k++)
			if (i + k < len)
				w |= (uint32_t)(unsigned char)s[i + k] << (8 * k);
		emit(cg, I_ST(BPF_W, cg->fp, off + (int)i, (int)w));
	}
}

static void gen_string_const(struct cg *cg, const char *s, size_t len, uint32_t tsize, struct val *out)
{
	uint32_t size = (tsize + 7) & ~7u;
	int off = stack_alloc(cg, size);
	store_bytes(cg, off, s, len, size);
	val_mem(out, off, size);
}

/* pid(curr_ns), tid(curr_ns): as seen from bpfkit's own PID namespace. */
static void gen_ns_pid(struct cg *cg, struct node *n, struct val *out)
{
	struct stat st;
	if (stat("/proc/self/ns/pid", &st)) {
		cg_error(cg, n->loc, "%s(curr_ns): /proc/self/ns/pid: %s", n->str, strerror(errno));
		return;
	}
	int off = stack_alloc(cg, 8);	/* struct bpf_pidns_info { pid, tgid } */
	emit(cg, I_ST(BPF_DW, cg->fp, off, 0));
	emit_mov_imm(cg, BPF_REG_1, (int64_t)st.st_dev);
	emit_mov_imm(cg, BPF_REG_2, (int64_t)st.st_ino);
	mem_addr(cg, &(struct val){ .off = off }, BPF_REG_3);
	emit(cg, I_MOV_IMM(BPF_REG_4, 8));
	call(cg, BPF_FUNC_get_ns_current_pid_tgid);
	out->kind = V_REG;
	out->reg = reg_alloc(cg, out);
	emit(cg, I_LDX(BPF_W, out->reg, cg->fp, off + (n->str[0] == 'p' ? 4 : 0)));
}

/* nsecs and its clocks; sw_tai is boot time plus TAI's offset from it,
 * measured now. */
static void gen_nsecs(struct cg *cg, struct node *n, struct val *out)
{
	if (n->num == BM_BOOT || n->num == BM_SW_TAI)
		gen_helper_value(cg, BPF_FUNC_ktime_get_boot_ns, out);
	else if (n->num == BM_TAI)
		gen_helper_value(cg, BPF_FUNC_ktime_get_tai_ns, out);
	else
		gen_helper_value(cg, BPF_FUNC_ktime_get_ns, out);
	if (n->num != BM_SW_TAI)
		return;
	struct timespec tai, boot;
	clock_gettime(CLOCK_TAI, &tai);
	clock_gettime(CLOCK_BOOTTIME, &boot);
	int64_t delta = (tai.tv_sec - boot.tv_sec) * 1000000000LL + (tai.tv_nsec - boot.tv_nsec);
	emit_mov_imm(cg, BPF_REG_1, delta);
	emit(cg, I_ALU64_REG(BPF_ADD, val_in_reg(cg, out), BPF_REG_1));
}

/* usermode: the saved code segment's privilege level, in probes whose
 * context starts with the registers; other probes run in the kernel. */
static void gen_usermode(struct cg *cg, struct val *out)
{
	enum bpf_prog_type pt = cg->probe->prov->prog_type;
	if (pt != BPF_PROG_TYPE_KPROBE && pt != BPF_PROG_TYPE_PERF_EVENT) {
		out->kind = V_IMM;
		out->imm = 0;
		return;
	}
	out->kind = V_REG;
	out->reg = reg_alloc(cg, out);
	emit(cg, I_LDX(BPF_DW, out->reg, R_CTX, 17 * 8));	/* pt_regs.cs on x86-64 */
	emit(cg, I_ALU64_IMM(BPF_AND, out->reg, 3));
	emit(cg, I_ALU64_IMM(BPF_RSH, out->reg, 1));	/* CPL 3 -> 1, 0 -> 0 */
}

/* Whether reading through a value of type t reads user memory: it is
 * marked so, or it is a plain integer in a uprobe/usdt program. */
static bool reads_user(const struct cg *cg, const struct type *t)
{
	return t->is_user || (t->kind != T_PTR && probe_in_user_space(cg->probe));
}

static void gen_builtin(struct cg *cg, struct node *n, struct val *out)
{
	const char *name = n->str;
	if ((!strcmp(name, "pid") || !strcmp(name, "tid")) && n->num == BM_CURR_NS) {
		gen_ns_pid(cg, n, out);
	} else if (!strcmp(name, "pid") || !strcmp(name, "tid")) {
		call(cg, BPF_FUNC_get_current_pid_tgid);
		if (name[0] == 'p')
			emit(cg, I_ALU64_IMM(BPF_RSH, BPF_REG_0, 32));
		else	/* a 32-bit move clears the upper half */
			emit(cg, bpf_insn_make(BPF_ALU | BPF_MOV | BPF_X, BPF_REG_0, BPF_REG_0, 0, 0));
		val_from_reg(cg, out, BPF_REG_0);
	} else if (!strcmp(name, "uid") || !strcmp(name, "gid")) {
		call(cg, BPF_FUNC_get_current_uid_gid);
		if (name[0] == 'g')
			emit(cg, I_ALU64_IMM(BPF_RSH, BPF_REG_0, 32));
		else
			emit(cg, bpf_insn_make(BPF_ALU | BPF_MOV | BPF_X, BPF_REG_0, BPF_REG_0, 0, 0));
		val_from_reg(cg, out, BPF_REG_0);
	} else if (!strcmp(name, "nsecs")) {
		gen_nsecs(cg, n, out);
	} else if (!strcmp(name, "jiffies")) {
		gen_helper_value(cg, BPF_FUNC_jiffies64, out);
	} else if (!strcmp(name, "usermode")) {
		gen_usermode(cg, out);
	} else if (!strcmp(name, "ctx")) {
		val_from_reg(cg, out, R_CTX);
	} else if (!strcmp(name, "probetype")) {
		const char *type = probe_type_name(cg->probe);
		gen_string_const(cg, type, strlen(type), n->type.size, out);
	} else if (!strcmp(name, "elapsed")) {
		int key = stack_alloc(cg, 8);
		emit(cg, I_ST(BPF_W, cg->fp, key, 0));
		emit_map_ref(cg, BPF_REG_1, internal_map(cg, IMAP_STATE));
		mem_addr(cg, &(struct val){ .off = key }, BPF_REG_2);
		call(cg, BPF_FUNC_map_lookup_elem);
		out->kind = V_REG;
		out->reg = reg_alloc(cg, out);
		emit(cg, I_MOV_IMM(out->reg, 0));
		emit(cg, I_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 1));
		emit(cg, I_LDX(BPF_DW, out->reg, BPF_REG_0, 0));
		call(cg, BPF_FUNC_ktime_get_ns);
		emit(cg, I_ALU64_REG(BPF_SUB, BPF_REG_0, out->reg));
		emit(cg, I_MOV_REG(out->reg, BPF_REG_0));
	} else if (!strcmp(name, "cpu")) {
		gen_helper_value(cg, BPF_FUNC_get_smp_processor_id, out);
	} else if (!strcmp(name, "rand")) {
		gen_helper_value(cg, BPF_FUNC_get_prandom_u32, out);
	} else if (!strcmp(name, "cgroup")) {
		gen_helper_value(cg, BPF_FUNC_get_current_cgroup_id, out);
	} else if (!strcmp(name, "numaid")) {
		gen_helper_value(cg, BPF_FUNC_get_numa_node_id, out);
	} else if (!strcmp(name, "curtask")) {
		gen_helper_value(cg, BPF_FUNC_get_current_task, out);
	} else if (!strcmp(name, "username")) {
		call(cg, BPF_FUNC_get_current_uid_gid);
		emit(cg, bpf_insn_make(BPF_ALU | BPF_MOV | BPF_X, BPF_REG_0, BPF_REG_0, 0, 0));
		val_from_reg(cg, out, BPF_REG_0);
	} else if (!strcmp(name, "cpid")) {
		out->kind = V_IMM;
		out->imm = cg->prog->opts.cpid;
	} else if (!strcmp(name, "comm")) {
		/* zeroed: kernels before 6.2 leave the bytes after the NUL as
		 * they were, and comm is compared and hashed as 16 bytes */
		int off = stack_alloc(cg, 16);
		stack_zero(cg, off, 16);
		mem_addr(cg, &(struct val){ .off = off }, BPF_REG_1);
		emit(cg, I_MOV_IMM(BPF_REG_2, 16));
		call(cg, BPF_FUNC_get_current_comm);
		val_mem(out, off, 16);
	} else if (!strcmp(name, "probe")) {
		gen_string_const(cg, cg->probe->name, strlen(cg->probe->name), n->type.size, out);
	} else if (!strcmp(name, "kstack") || !strcmp(name, "ustack")) {
		gen_stack(cg, n, out);
	} else if (!strcmp(name, "func")) {
		gen_string_const(cg, cg->probe->func, strlen(cg->probe->func), n->type.size, out);
	} else if (probe_field(cg->probe, name)) {
		gen_ctx_field(cg, probe_field(cg->probe, name), n, out);
	} else {
		cg_error(cg, n->loc, "no code for builtin '%s'", name);
	}
}

/* ---- arguments from the context ---- */

static void load_ctx_int(struct cg *cg, const struct ctx_field *f, struct val *out)
{
	static const int sizes[] = { [1] = BPF_B, [2] = BPF_H, [4] = BPF_W, [8] = BPF_DW };
	uint32_t size = f->size == 1 || f->size == 2 || f->size == 4 ? f->size : 8;
	out->kind = V_REG;
	out->reg = reg_alloc(cg, out);
	emit(cg, I_LDX(sizes[size], out->reg, R_CTX, (int)f->offset));
	/* A kernel pointer loaded from a typed context may be NULL, and the
	 * verifier refuses arithmetic on it until it is tested: this test
	 * changes nothing but splits the NULL and non-NULL cases. */
	if (f->btf_type_id)
		emit(cg, I_JMP_IMM(BPF_JEQ, out->reg, 0, 0));
	if (f->is_signed && size < 8) {
		int sh = 64 - 8 * (int)size;
		emit(cg, I_ALU64_IMM(BPF_LSH, out->reg, sh));
		emit(cg, I_ALU64_IMM(BPF_ARSH, out->reg, sh));
	}
}

/* A USDT memory operand: size bytes of user memory at reg + disp. */
static void load_user_mem(struct cg *cg, const struct ctx_field *f, struct val *out)
{
	int off = stack_alloc(cg, 8);
	emit(cg, I_ST(BPF_DW, cg->fp, off, 0));
	emit(cg, I_LDX(BPF_DW, BPF_REG_3, R_CTX, (int)f->offset));
	if (f->disp)
		emit(cg, I_ALU64_IMM(BPF_ADD, BPF_REG_3, (int)f->disp));
	mem_addr(cg, &(struct val){ .off = off }, BPF_REG_1);
	emit(cg, I_MOV_IMM(BPF_REG_2, (int)(f->size > 8 ? 8 : f->size)));
	call(cg, BPF_FUNC_probe_read_user);
	out->kind = V_REG;
	out->reg = reg_alloc(cg, out);
	emit(cg, I_LDX(BPF_DW, out->reg, cg->fp, off));
	if (f->is_signed && f->size < 8) {
		int sh = 64 - 8 * (int)f->size;
		emit(cg, I_ALU64_IMM(BPF_LSH, out->reg, sh));
		emit(cg, I_ALU64_IMM(BPF_ARSH, out->reg, sh));
	}
}

static void gen_args_field(struct cg *cg, struct node *n, struct val *out)
{
	const struct ctx_field *f = probe_field(cg->probe, n->str);
	if (!f) {
		cg_error(cg, n->loc, "%s has no argument named '%s'", cg->probe->name, n->str);
		return;
	}
	gen_ctx_field(cg, f, n, out);
}

static void gen_ctx_field(struct cg *cg, const struct ctx_field *f, struct node *n,
			  struct val *out)
{
	if (f->kind == F_CONST) {
		out->kind = V_IMM;
		out->imm = f->value;
		return;
	}
	if (f->kind == F_USER_MEM) {
		load_user_mem(cg, f, out);
		return;
	}
	if (f->kind == F_INT || f->kind == F_PTR) {
		struct ctx_field g = *f;
		if (f->kind == F_PTR)
			g.size = 8, g.is_signed = false;
		load_ctx_int(cg, &g, out);
		return;
	}
	uint32_t size = (n->type.size + 7) & ~7u;
	int off = stack_alloc(cg, size);
	if (f->kind == F_CHAR_ARRAY) {
		/* Byte loads: the array need not be 8-aligned or 8-sized. */
		stack_zero(cg, off, size);
		for (uint32_t i = 0; i < f->size; i++) {
			emit(cg, I_LDX(BPF_B, BPF_REG_0, R_CTX, (int)(f->offset + i)));
			emit(cg, I_STX(BPF_B, cg->fp, BPF_REG_0, off + (int)i));
		}
		val_mem(out, off, size);
		return;
	}
	/* __data_loc: the low 16 bits give the string's offset in the record. */
	stack_zero(cg, off, size);
	emit(cg, I_LDX(BPF_W, BPF_REG_3, R_CTX, (int)f->offset));
	emit(cg, I_ALU64_IMM(BPF_AND, BPF_REG_3, 0xffff));
	emit(cg, I_ALU64_REG(BPF_ADD, BPF_REG_3, R_CTX));
	mem_addr(cg, &(struct val){ .off = off }, BPF_REG_1);
	emit(cg, I_MOV_IMM(BPF_REG_2, (int)n->type.size));
	call(cg, BPF_FUNC_probe_read_kernel_str);
	val_mem(out, off, size);
}

/* ---- calls ---- */

static void gen_str(struct cg *cg, struct node *n, struct val *out)
{
	struct node *arg = n->kids[0];
	uint32_t size = n->type.size;
	uint32_t rsize = (size + 7) & ~7u;
	struct val a = { 0 };
	gen_expr(cg, arg, &a);
	int off = stack_alloc(cg, rsize);
	if (arg->type.kind == T_STR) {
		store_val(cg, off, &n->type, &a);
		emit(cg, I_ST(BPF_B, cg->fp, off + (int)size - 1, 0));
		val_release(cg, &a);
		val_mem(out, off, rsize);
		return;
	}
	struct val len = { .kind = V_IMM, .imm = size };
	if (n->nkids == 2)
		gen_expr(cg, n->kids[1], &len);
	stack_zero(cg, off, rsize);
	val_to(cg, &a, BPF_REG_3);
	if (n->nkids == 2 && len.kind != V_IMM) {
		/* A run-time length: bound it by the buffer for the verifier. */
		val_to(cg, &len, BPF_REG_2);
		emit(cg, I_ALU64_IMM(BPF_ADD, BPF_REG_2, 1));
		emit(cg, I_JMP_IMM(BPF_JLE, BPF_REG_2, (int)size, 1));
		emit(cg, I_MOV_IMM(BPF_REG_2, (int)size));
	} else {
		emit(cg, I_MOV_IMM(BPF_REG_2, (int)size));
	}
	mem_addr(cg, &(struct val){ .off = off }, BPF_REG_1);
	call(cg, reads_user(cg, &arg->type) ? BPF_FUNC_probe_read_user_str : BPF_FUNC_probe_read_kernel_str);
	val_release(cg, &a);
	val_release(cg, &len);
	val_mem(out, off, rsize);
}

/* r0 = lookup(@m, frame+key) */
static void gen_lookup(struct cg *cg, int map_id, int key)
{
	emit_map_ref(cg, BPF_REG_1, map_id);
	mem_addr(cg, &(struct val){ .off = key }, BPF_REG_2);
	call(cg, BPF_FUNC_map_lookup_elem);
}

static void gen_lookup_internal(struct cg *cg, enum internal_map m, int key)
{
	gen_lookup(cg, internal_map(cg, m), key);
}

/* Sends the record at r10+off (size bytes) to user space, counting drops. */
static void emit_event(struct cg *cg, int off, uint32_t size)
{
	emit_map_ref(cg, BPF_REG_1, internal_map(cg, IMAP_RINGBUF));
	mem_addr(cg, &(struct val){ .off = off }, BPF_REG_2);
	emit(cg, I_MOV_IMM(BPF_REG_3, (int)size));
	emit(cg, I_MOV_IMM(BPF_REG_4, 0));
	call(cg, BPF_FUNC_ringbuf_output);
	int skip = here(cg);
	emit(cg, I_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0));
	int key = stack_alloc(cg, 8);
	emit(cg, I_ST(BPF_DW, cg->fp, key, 0));
	emit_map_ref(cg, BPF_REG_1, internal_map(cg, IMAP_STATE));
	mem_addr(cg, &(struct val){ .off = key }, BPF_REG_2);
	call(cg, BPF_FUNC_map_lookup_elem);
	emit(cg, I_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 2));
	emit(cg, I_MOV_IMM(BPF_REG_1, 1));
	emit(cg, I_ATOMIC_ADD(BPF_REG_0, BPF_REG_1, (int)offsetof(struct bpf_state, lost_events)));
	patch_jump(cg, skip, here(cg));
}

/* A record of kind, id and (optionally) three more words. */
static void gen_simple_event(struct cg *cg, enum event_kind kind, int64_t id,
			     const int64_t *extra, int nextra)
{
	uint32_t size = 16 + 8 * (uint32_t)nextra;
	int off = stack_alloc(cg, size);
	emit(cg, I_ST(BPF_DW, cg->fp, off, kind));
	emit(cg, I_ST(BPF_DW, cg->fp, off + 8, (int)id));
	for (int i = 0; i < nextra; i++)
		emit(cg, I_ST(BPF_DW, cg->fp, off + 16 + 8 * i, (int)extra[i]));
	emit_event(cg, off, size);
}

/* EV_EXIT with exit()'s code, 0 without one. */
static void gen_exit_event(struct cg *cg, struct node *n)
{
	int off = stack_alloc(cg, 16);
	emit(cg, I_ST(BPF_DW, cg->fp, off, EV_EXIT));
	struct val code = { .kind = V_IMM, .imm = 0 };
	if (n->nkids)
		gen_expr(cg, n->kids[0], &code);
	store_val(cg, off + 8, &(struct type){ .kind = T_INT, .size = 8 }, &code);
	val_release(cg, &code);
	emit_event(cg, off, 16);
}

static void gen_fmt_event(struct cg *cg, enum event_kind kind, int fmt_id,
			  struct node **args, int nargs);

/* assert(cond, msg): unless cond, the message, exit(1), and the probe
 * ends here. */
static void gen_assert(struct cg *cg, struct node *n)
{
	struct val c = { 0 };
	gen_expr(cg, n->kids[0], &c);
	int r = val_in_reg(cg, &c);
	int holds = here(cg);
	emit(cg, I_JMP_IMM(BPF_JNE, r, 0, 0));
	val_release(cg, &c);
	gen_fmt_event(cg, EV_DIAG, n->id, n->kids + 1, 1);
	int64_t code = 1;
	gen_simple_event(cg, EV_EXIT, code, NULL, 0);
	fixup_add(&cg->returns, here(cg));
	emit(cg, I_JA(0));
	patch_jump(cg, holds, here(cg));
}

/* EV_PRINTF / EV_PRINT_VALUE: header then the arguments. */
static void gen_fmt_event(struct cg *cg, enum event_kind kind, int fmt_id,
			  struct node **args, int nargs)
{
	const struct fmt_info *f = &cg->prog->fmts[fmt_id];
	uint32_t size = 16 + f->args.size;
	int off = stack_alloc(cg, size);
	emit(cg, I_ST(BPF_DW, cg->fp, off, kind));
	emit(cg, I_ST(BPF_DW, cg->fp, off + 8, fmt_id));
	for (int i = 0; i < nargs; i++) {
		struct val v = { 0 };
		cg->loc = args[i]->loc;
		gen_expr(cg, args[i], &v);
		int dst = off + 16 + (int)type_tuple_offset(&f->args, (uint32_t)i);
		const struct type *t = &f->args.elems[i];
		if (t->kind == T_RECORD) {
			/* The record's bytes, read from its address. */
			int addr = val_in_reg(cg, &v);
			emit(cg, I_MOV_REG(BPF_REG_3, addr));
			mem_addr(cg, &(struct val){ .off = dst }, BPF_REG_1);
			emit(cg, I_MOV_IMM(BPF_REG_2, (int)t->size));
			call(cg, t->is_user ? BPF_FUNC_probe_read_user : BPF_FUNC_probe_read_kernel);
		} else {
			store_val(cg, dst, t, &v);
		}
		val_release(cg, &v);
	}
	emit_event(cg, off, size);
}

/* Builds the BPF key of @m[...] on the stack (plus room for a bucket). */
static int gen_map_key(struct cg *cg, struct node *m)
{
	const struct map_info *mi = &cg->prog->maps[m->id];
	uint32_t ksize = map_key_size(mi);
	int off = stack_alloc(cg, ksize);
	if (m->nkids == 0) {
		/* Histograms and series write their slot here later. */
		if (!type_has_slot_key(&mi->value))
			emit(cg, I_ST(BPF_DW, cg->fp, off, 0));
		return off;
	}
	for (int i = 0; i < m->nkids; i++) {
		const struct type *kt = m->nkids == 1 ? &mi->key : &mi->key.elems[i];
		int at = off + (m->nkids == 1 ? 0 : (int)type_tuple_offset(&mi->key, (uint32_t)i));
		struct val v = { 0 };
		gen_expr(cg, m->kids[i], &v);
		store_val(cg, at, kt, &v);
		val_release(cg, &v);
	}
	return off;
}


static void gen_simple_event(struct cg *cg, enum event_kind kind, int64_t id,
			     const int64_t *extra, int nextra);

/* Updates @map; a refused update (the map is full) is reported to user
 * space, never dropped silently. */
static void gen_update(struct cg *cg, int map_id, int key, int value, int flags)
{
	emit_map_ref(cg, BPF_REG_1, map_id);
	mem_addr(cg, &(struct val){ .off = key }, BPF_REG_2);
	mem_addr(cg, &(struct val){ .off = value }, BPF_REG_3);
	emit(cg, I_MOV_IMM(BPF_REG_4, flags));
	call(cg, BPF_FUNC_map_update_elem);
	int ok = here(cg);
	emit(cg, I_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0));
	gen_simple_event(cg, EV_MAP_FULL, map_id, NULL, 0);
	patch_jump(cg, ok, here(cg));
}

/* Combines this CPU's slot at r0 into the total at r10+acc (acc + 8: set,
 * for min and max): count and sum add up, min and max keep the least or
 * greatest value set. Jumps to `next` are added to skip. */
static void gen_percpu_combine(struct cg *cg, enum type_kind kind, int acc, struct fixups *skip)
{
	if (kind == T_MIN || kind == T_MAX) {
		emit(cg, I_LDX(BPF_DW, BPF_REG_2, BPF_REG_0, 8));
		fixup_add(skip, here(cg));	/* never set on this CPU */
		emit(cg, I_JMP_IMM(BPF_JEQ, BPF_REG_2, 0, 0));
		emit(cg, I_LDX(BPF_DW, BPF_REG_1, BPF_REG_0, 0));
		emit(cg, I_LDX(BPF_DW, BPF_REG_2, cg->fp, acc + 8));
		emit(cg, I_JMP_IMM(BPF_JEQ, BPF_REG_2, 0, 2));	/* the first value set */
		emit(cg, I_LDX(BPF_DW, BPF_REG_2, cg->fp, acc));
		fixup_add(skip, here(cg));
		emit(cg, I_JMP_REG(kind == T_MIN ? BPF_JSGE : BPF_JSLE, BPF_REG_1, BPF_REG_2, 0));
		emit(cg, I_STX(BPF_DW, cg->fp, BPF_REG_1, acc));
		emit(cg, I_ST(BPF_DW, cg->fp, acc + 8, 1));
		return;
	}
	emit(cg, I_LDX(BPF_DW, BPF_REG_1, BPF_REG_0, 0));
	emit(cg, I_LDX(BPF_DW, BPF_REG_2, cg->fp, acc));
	emit(cg, I_ALU64_REG(BPF_ADD, BPF_REG_2, BPF_REG_1));
	emit(cg, I_STX(BPF_DW, cg->fp, BPF_REG_2, acc));
}

/* The value of a count, sum, min or max under the key at r10+key, over
 * every CPU, as newer bpftrace reads a per-CPU aggregation (bpftrace 0.17
 * read only the CPU the probe ran on): a loop of
 * bpf_map_lookup_percpu_elem over the possible CPUs. Returns the stack
 * offset of the value. */
static int gen_percpu_read(struct cg *cg, int map_id, int key, enum type_kind kind)
{
	int ncpus = libbpf_num_possible_cpus();
	int acc = stack_alloc(cg, 24);	/* value, set, cpu */
	emit(cg, I_ST(BPF_DW, cg->fp, acc, 0));
	emit(cg, I_ST(BPF_DW, cg->fp, acc + 8, 0));
	emit(cg, I_ST(BPF_DW, cg->fp, acc + 16, 0));
	int loop = here(cg);
	emit_map_ref(cg, BPF_REG_1, map_id);
	mem_addr(cg, &(struct val){ .off = key }, BPF_REG_2);
	emit(cg, I_LDX(BPF_DW, BPF_REG_3, cg->fp, acc + 16));
	call(cg, BPF_FUNC_map_lookup_percpu_elem);
	struct fixups next = { 0 };
	fixup_add(&next, here(cg));
	emit(cg, I_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0));
	gen_percpu_combine(cg, kind, acc, &next);
	patch_all(cg, &next, here(cg));
	emit(cg, I_LDX(BPF_DW, BPF_REG_1, cg->fp, acc + 16));
	emit(cg, I_ALU64_IMM(BPF_ADD, BPF_REG_1, 1));
	emit(cg, I_STX(BPF_DW, cg->fp, BPF_REG_1, acc + 16));
	emit(cg, I_JMP_IMM(BPF_JLT, BPF_REG_1, ncpus > 0 ? ncpus : 1, 0));
	patch_jump(cg, here(cg) - 1, loop);
	return acc;
}

static void gen_map_read(struct cg *cg, struct node *n, struct val *out)
{
	const struct map_info *mi = &cg->prog->maps[n->id];
	int key = gen_map_key(cg, n);
	if (type_is_agg(&mi->value)) {
		int acc = gen_percpu_read(cg, n->id, key, mi->value.kind);
		out->kind = V_REG;
		out->reg = reg_alloc(cg, out);
		emit(cg, I_LDX(BPF_DW, out->reg, cg->fp, acc));
		return;
	}
	gen_lookup(cg, n->id, key);
	if (type_in_memory(&n->type)) {
		uint32_t size = type_layout_size(&mi->value);
		int off = stack_alloc(cg, size);
		stack_zero(cg, off, size);
		int skip = here(cg);
		emit(cg, I_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0));
		emit(cg, I_MOV_REG(BPF_REG_1, BPF_REG_0));
		mem_to_stack(cg, off, BPF_REG_1, size);
		patch_jump(cg, skip, here(cg));
		val_mem(out, off, size);
		return;
	}
	out->kind = V_REG;
	out->reg = reg_alloc(cg, out);
	emit(cg, I_MOV_IMM(out->reg, 0));
	emit(cg, I_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 1));
	emit(cg, I_LDX(BPF_DW, out->reg, BPF_REG_0, 0));
}

/* ---- stacks and symbols ---- */

/* Sends EV_NEW_PID the first time the pid stored at r10+pid_off is seen,
 * so user space can snapshot that process's symbols while it lives. */
static void gen_note_pid(struct cg *cg, int pid_off)
{
	int key = stack_alloc(cg, 8);
	emit(cg, I_LDX(BPF_DW, BPF_REG_1, cg->fp, pid_off));
	emit(cg, I_STX(BPF_W, cg->fp, BPF_REG_1, key));
	gen_lookup_internal(cg, IMAP_PIDS, key);
	struct fixups done = { 0 };
	fixup_add(&done, here(cg));
	emit(cg, I_JMP_IMM(BPF_JNE, BPF_REG_0, 0, 0));
	emit_map_ref(cg, BPF_REG_1, internal_map(cg, IMAP_PIDS));
	mem_addr(cg, &(struct val){ .off = key }, BPF_REG_2);
	mem_addr(cg, &(struct val){ .off = key }, BPF_REG_3);
	emit(cg, I_MOV_IMM(BPF_REG_4, BPF_NOEXIST));
	call(cg, BPF_FUNC_map_update_elem);
	fixup_add(&done, here(cg));	/* another CPU reported it first */
	emit(cg, I_JMP_IMM(BPF_JNE, BPF_REG_0, 0, 0));
	int ev = stack_alloc(cg, 16);
	emit(cg, I_ST(BPF_DW, cg->fp, ev, EV_NEW_PID));
	emit(cg, I_LDX(BPF_DW, BPF_REG_1, cg->fp, pid_off));
	emit(cg, I_STX(BPF_DW, cg->fp, BPF_REG_1, ev + 8));
	emit_event(cg, ev, 16);
	patch_all(cg, &done, here(cg));
}

/* kstack / ustack: the frames themselves, zero padded, so equal stacks
 * are equal keys and no stack is lost to a stack-id collision. */
static void gen_stack(struct cg *cg, struct node *n, struct val *out)
{
	bool user = n->type.kind == T_USTACK;
	uint32_t size = type_layout_size(&n->type);
	int off = stack_alloc(cg, size);
	stack_zero(cg, off, size);
	int frames = off;
	if (user) {
		call(cg, BPF_FUNC_get_current_pid_tgid);
		emit(cg, I_ALU64_IMM(BPF_RSH, BPF_REG_0, 32));
		emit(cg, I_STX(BPF_DW, cg->fp, BPF_REG_0, off));
		frames += 8;
	}
	emit(cg, I_MOV_REG(BPF_REG_1, R_CTX));
	mem_addr(cg, &(struct val){ .off = frames }, BPF_REG_2);
	emit(cg, I_MOV_IMM(BPF_REG_3, (int)(8 * n->type.stack_depth)));
	emit(cg, I_MOV_IMM(BPF_REG_4, user ? BPF_F_USER_STACK : 0));
	call(cg, BPF_FUNC_get_stack);
	if (user)
		gen_note_pid(cg, off);
	val_mem(out, off, size);
}

/* usym(addr): the pid, then the address. */
static void gen_usym(struct cg *cg, struct node *n, struct val *out)
{
	struct val addr = { 0 };
	gen_expr(cg, n->kids[0], &addr);
	int off = stack_alloc(cg, 16);
	call(cg, BPF_FUNC_get_current_pid_tgid);
	emit(cg, I_ALU64_IMM(BPF_RSH, BPF_REG_0, 32));
	emit(cg, I_STX(BPF_DW, cg->fp, BPF_REG_0, off));
	val_to(cg, &addr, BPF_REG_0);
	emit(cg, I_STX(BPF_DW, cg->fp, BPF_REG_0, off + 8));
	val_release(cg, &addr);
	gen_note_pid(cg, off);
	val_mem(out, off, 16);
}

/* strncmp(a, b, n): 0 when the first n bytes match (up to a NUL), else 1. */
/* strncmp(a, b, n): 0 when equal up to n bytes or a NUL, else 1.
 * memcmp(a, b, n): n bytes; 0, or a[i] - b[i] at the first difference.
 * Buffers (buf()) are compared from their bytes, after the length. */
static void gen_strncmp(struct cg *cg, struct node *n, struct val *out)
{
	bool mem = !strcmp(n->str, "memcmp");
	struct val a = { 0 }, b = { 0 };
	gen_expr(cg, n->kids[0], &a);
	gen_expr(cg, n->kids[1], &b);
	int skip_a = n->kids[0]->type.kind == T_BUF ? 8 : 0;
	int skip_b = n->kids[1]->type.kind == T_BUF ? 8 : 0;
	uint32_t len = (uint32_t)n->num;
	uint32_t max_a = a.size - (uint32_t)skip_a, max_b = b.size - (uint32_t)skip_b;
	uint32_t max = max_a < max_b ? max_a : max_b;
	if (len > max)
		len = max;
	struct fixups differ = { 0 }, equal = { 0 };
	for (uint32_t i = 0; i < len; i++) {
		emit(cg, I_LDX(BPF_B, BPF_REG_1, cg->fp, a.off + skip_a + (int)i));
		emit(cg, I_LDX(BPF_B, BPF_REG_2, cg->fp, b.off + skip_b + (int)i));
		fixup_add(&differ, here(cg));
		emit(cg, I_JMP_REG(BPF_JNE, BPF_REG_1, BPF_REG_2, 0));
		if (!mem) {
			fixup_add(&equal, here(cg));
			emit(cg, I_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0));
		}
	}
	patch_all(cg, &equal, here(cg));
	emit(cg, I_MOV_IMM(BPF_REG_0, 0));
	emit(cg, I_JA(mem ? 2 : 1));
	patch_all(cg, &differ, here(cg));
	if (mem) {
		emit(cg, I_MOV_REG(BPF_REG_0, BPF_REG_1));
		emit(cg, I_ALU64_REG(BPF_SUB, BPF_REG_0, BPF_REG_2));
	} else {
		emit(cg, I_MOV_IMM(BPF_REG_0, 1));
	}
	val_from_reg(cg, out, BPF_REG_0);
}

static void gen_has_key(struct cg *cg, struct node *n, struct val *out)
{
	struct node *m = n->kids[0];
	int key = gen_map_key(cg, m);
	gen_lookup(cg, m->id, key);
	emit(cg, I_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 1));
	emit(cg, I_MOV_IMM(BPF_REG_0, 1));
	val_from_reg(cg, out, BPF_REG_0);
}

/* find(@m[k], $v): a lookup; when found, the value is copied into $v's
 * slot, 8 bytes at a time (the layout's unit). */
static void gen_find(struct cg *cg, struct node *n, struct val *out)
{
	struct node *m = n->kids[0];
	int key = gen_map_key(cg, m);
	gen_lookup(cg, m->id, key);
	int missing = here(cg);
	emit(cg, I_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0));
	const struct node *var = n->kids[1];
	int slot = cg->var_off[var->id];
	uint32_t size = type_layout_size(&cg->pi->vars[var->id].type);
	for (uint32_t off = 0; off < size; off += 8) {
		emit(cg, I_LDX(BPF_DW, BPF_REG_1, BPF_REG_0, (int)off));
		emit(cg, I_STX(BPF_DW, cg->fp, BPF_REG_1, slot + (int)off));
	}
	emit(cg, I_MOV_IMM(BPF_REG_0, 1));
	patch_jump(cg, missing, here(cg));	/* r0 is 0 there */
	val_from_reg(cg, out, BPF_REG_0);
}

static void gen_bswap(struct cg *cg, struct node *n, struct val *out)
{
	gen_expr(cg, n->kids[0], out);
	int bits = 8 * (int)n->type.size;
	if (bits < 16)
		return;
	int r = val_in_reg(cg, out);
	/* BPF_TO_BE on a little-endian machine swaps the bytes. */
	emit(cg, bpf_insn_make(BPF_ALU | BPF_END | BPF_TO_BE, r, 0, 0, bits));
}

/* join(argv): up to JOIN_MAX strings of a NULL-terminated pointer array,
 * sent in one record; user space joins them with the delimiter. */
static void gen_join(struct cg *cg, struct node *n)
{
	uint32_t len = (uint32_t)cg->prog->opts.strlen;
	uint32_t slot = (len + 7) & ~7u;
	uint32_t size = 24 + JOIN_MAX * slot;
	int off = stack_alloc(cg, size);
	stack_zero(cg, off, size);
	emit(cg, I_ST(BPF_DW, cg->fp, off, EV_JOIN));
	emit(cg, I_ST(BPF_DW, cg->fp, off + 8, n->id));
	emit(cg, I_ST(BPF_DW, cg->fp, off + 16, (int)slot));
	struct val arr = { 0 };
	gen_expr(cg, n->kids[0], &arr);
	int base = val_in_reg(cg, &arr);
	bool user = n->kids[0]->type.is_user || n->kids[0]->type.kind != T_PTR;
	int ptr = stack_alloc(cg, 8);
	struct fixups done = { 0 };
	for (int i = 0; i < JOIN_MAX; i++) {
		mem_addr(cg, &(struct val){ .off = ptr }, BPF_REG_1);
		emit(cg, I_MOV_IMM(BPF_REG_2, 8));
		emit(cg, I_MOV_REG(BPF_REG_3, base));
		emit(cg, I_ALU64_IMM(BPF_ADD, BPF_REG_3, 8 * i));
		call(cg, user ? BPF_FUNC_probe_read_user : BPF_FUNC_probe_read_kernel);
		fixup_add(&done, here(cg));
		emit(cg, I_JMP_IMM(BPF_JNE, BPF_REG_0, 0, 0));
		emit(cg, I_LDX(BPF_DW, BPF_REG_3, cg->fp, ptr));
		fixup_add(&done, here(cg));
		emit(cg, I_JMP_IMM(BPF_JEQ, BPF_REG_3, 0, 0));
		mem_addr(cg, &(struct val){ .off = off + 24 + i * (int)slot }, BPF_REG_1);
		emit(cg, I_MOV_IMM(BPF_REG_2, (int)len));
		call(cg, user ? BPF_FUNC_probe_read_user_str : BPF_FUNC_probe_read_kernel_str);
	}
	patch_all(cg, &done, here(cg));
	val_release(cg, &arr);
	emit_event(cg, off, size);
}

/* buf(): u64 length, then the bytes (an array is copied, a pointer read). */
static void gen_buf(struct cg *cg, struct node *n, struct val *out)
{
	uint32_t cap = n->type.size;
	uint32_t size = 8 + ((cap + 7) & ~7u);
	struct val a = { 0 };
	gen_expr(cg, n->kids[0], &a);
	int off = stack_alloc(cg, size);
	stack_zero(cg, off, size);
	const struct type *at = &n->kids[0]->type;
	if (at->kind == T_STR) {
		uint32_t copy = a.size < size - 8 ? a.size : size - 8;
		stack_copy(cg, off + 8, a.off, copy & ~7u);
		emit(cg, I_ST(BPF_DW, cg->fp, off, (int)(at->size < cap ? at->size : cap)));
		val_mem(out, off, size);
		return;
	}
	struct val len = { .kind = V_IMM, .imm = cap };
	if (n->nkids == 2)
		gen_expr(cg, n->kids[1], &len);
	/* The length read, bounded by the buffer for the verifier. */
	val_to(cg, &len, BPF_REG_2);
	emit(cg, I_JMP_IMM(BPF_JLE, BPF_REG_2, (int)cap, 1));
	emit(cg, I_MOV_IMM(BPF_REG_2, (int)cap));
	emit(cg, I_STX(BPF_DW, cg->fp, BPF_REG_2, off));
	val_to(cg, &a, BPF_REG_3);
	mem_addr(cg, &(struct val){ .off = off + 8 }, BPF_REG_1);
	call(cg, reads_user(cg, at) ? BPF_FUNC_probe_read_user : BPF_FUNC_probe_read_kernel);
	val_release(cg, &len);
	val_release(cg, &a);
	val_mem(out, off, size);
}

/* ntop([family, ] addr): family, then the address bytes. */
static void gen_ntop(struct cg *cg, struct node *n, struct val *out)
{
	struct node *addr = n->kids[n->nkids - 1];
	struct val a = { 0 };
	gen_expr(cg, addr, &a);
	int off = stack_alloc(cg, 24);
	stack_zero(cg, off, 24);
	bool v6 = addr->type.kind == T_STR && addr->type.size == 16;
	emit(cg, I_ST(BPF_DW, cg->fp, off, v6 ? 10 /* AF_INET6 */ : 2 /* AF_INET */));
	if (addr->type.kind == T_STR)
		stack_copy(cg, off + 8, a.off, v6 ? 16 : 8);
	else {
		val_to(cg, &a, BPF_REG_0);
		emit(cg, I_STX(BPF_W, cg->fp, BPF_REG_0, off + 8));
	}
	val_release(cg, &a);
	val_mem(out, off, 24);
}

/* strcontains(s, "lit"): a naive search, unrolled over the haystack. */
static void gen_strcontains(struct cg *cg, struct node *n, struct val *out)
{
	struct val hay = { 0 };
	gen_expr(cg, n->kids[0], &hay);
	const char *needle = n->kids[1]->str;
	uint32_t nlen = (uint32_t)n->kids[1]->num;
	uint32_t hsize = n->kids[0]->type.size;
	bool index = !strcmp(n->str, "strstr");	/* where, not whether */
	struct fixups found = { 0 };
	for (uint32_t i = 0; nlen && i + nlen <= hsize; i++) {
		struct fixups next = { 0 };
		for (uint32_t k = 0; k < nlen; k++) {
			emit(cg, I_LDX(BPF_B, BPF_REG_1, cg->fp, hay.off + (int)(i + k)));
			fixup_add(&next, here(cg));
			emit(cg, I_JMP_IMM(BPF_JNE, BPF_REG_1, (unsigned char)needle[k], 0));
		}
		emit(cg, I_MOV_IMM(BPF_REG_0, index ? (int)i : 1));
		fixup_add(&found, here(cg));
		emit(cg, I_JA(0));
		patch_all(cg, &next, here(cg));
	}
	emit(cg, I_MOV_IMM(BPF_REG_0, nlen ? (index ? -1 : 0) : (index ? 0 : 1)));
	patch_all(cg, &found, here(cg));
	val_from_reg(cg, out, BPF_REG_0);
}

/* percpu_kaddr(): the variable's BTF id in an ld_imm64 the kernel
 * resolves, then this CPU's copy or cpu's copy. */
static void gen_percpu_kaddr(struct cg *cg, struct node *n, struct val *out)
{
	struct val cpu = { 0 };
	if (n->nkids == 2)
		gen_expr(cg, n->kids[1], &cpu);
	emit(cg, I_LD64_LO(BPF_REG_1, BPF_PSEUDO_BTF_ID, (int)n->num));
	emit(cg, I_LD64_HI(0));
	if (n->nkids == 2) {
		val_to(cg, &cpu, BPF_REG_2);
		val_release(cg, &cpu);
		call(cg, BPF_FUNC_per_cpu_ptr);
	} else {
		call(cg, BPF_FUNC_this_cpu_ptr);
	}
	val_from_reg(cg, out, BPF_REG_0);
}

/* A kernel pointer reached from args (sema's is_kernel_ref): each hop is
 * a direct load, which keeps the verifier's knowledge of its kernel type
 * (bpf_probe_read would make it a plain number). An embedded record is
 * its address. */
static void gen_kernel_ref(struct cg *cg, struct node *n, struct val *out)
{
	if (n->a->kind == N_BUILTIN) {
		gen_args_field(cg, n, out);
		return;
	}
	gen_kernel_ref(cg, n->a, out);
	int reg = val_in_reg(cg, out);
	if (n->member_offset)
		emit(cg, I_ALU64_IMM(BPF_ADD, reg, (int)n->member_offset));
	if (n->type.kind == T_PTR)
		emit(cg, I_LDX(BPF_DW, reg, reg, 0));
}

/* path(): the kernel writes the path, NUL-terminated, into a zeroed
 * buffer (zeroed so that equal paths make equal map keys). */
static void gen_path(struct cg *cg, struct node *n, struct val *out)
{
	struct val p = { 0 };
	gen_kernel_ref(cg, n->kids[0], &p);
	uint32_t size = (n->type.size + 7) & ~7u;
	int off = stack_alloc(cg, size);
	stack_zero(cg, off, size);
	val_to(cg, &p, BPF_REG_1);
	val_release(cg, &p);
	mem_addr(cg, &(struct val){ .off = off }, BPF_REG_2);
	emit(cg, I_MOV_IMM(BPF_REG_3, (int)n->type.size));
	call(cg, BPF_FUNC_d_path);
	val_mem(out, off, size);
}

/* ---- globmatch ---- */

/* Bytes of the pattern element at pat (of avail bytes): a class [...]
 * (a ']' first in it is a member), else one character. */
static size_t glob_elem_len(const char *pat, size_t avail)
{
	if (pat[0] != '[')
		return 1;
	size_t i = pat[1] == '!' ? 3 : 2;
	while (i < avail && pat[i] != ']')
		i++;
	return i < avail ? i + 1 : 1;	/* no ']': a plain '[' */
}

/* Jumps to miss unless the string byte in r1 matches the pattern
 * element at pat: a character, '?' (any but the end), or a class [abc],
 * [a-z], [!...]. Returns the element's length in the pattern. */
static size_t glob_elem(struct cg *cg, const char *pat, size_t avail, struct fixups *miss)
{
	size_t elen = glob_elem_len(pat, avail);
	if (elen == 1) {
		fixup_add(miss, here(cg));
		if (*pat == '?')
			emit(cg, I_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0));
		else
			emit(cg, I_JMP_IMM(BPF_JNE, BPF_REG_1, (unsigned char)*pat, 0));
		return 1;
	}
	const char *p = pat + 1, *end = pat + elen - 1;	/* end: the ']' */
	bool negate = *p == '!';
	p += negate;
	struct fixups in = { 0 };
	fixup_add(miss, here(cg));
	emit(cg, I_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0));
	do {	/* a ']' right after '[' or '[!' is a member */
		if (p + 2 < end && p[1] == '-') {
			emit(cg, I_JMP_IMM(BPF_JLT, BPF_REG_1, (unsigned char)p[0], 1));
			fixup_add(&in, here(cg));
			emit(cg, I_JMP_IMM(BPF_JLE, BPF_REG_1, (unsigned char)p[2], 0));
			p += 3;
		} else {
			fixup_add(&in, here(cg));
			emit(cg, I_JMP_IMM(BPF_JEQ, BPF_REG_1, (unsigned char)*p, 0));
			p++;
		}
	} while (p < end);
	if (negate) {		/* not in the class: a match */
		emit(cg, I_JA(1));
		patch_all(cg, &in, here(cg));
		fixup_add(miss, here(cg));
		emit(cg, I_JA(0));
	} else {
		fixup_add(miss, here(cg));
		emit(cg, I_JA(0));
		patch_all(cg, &in, here(cg));
	}
	return elen;
}

/* Pattern elements in seg (len bytes of pattern): the bytes it matches. */
static int glob_count(const char *seg, size_t len)
{
	int n = 0;
	for (size_t i = 0; i < len; n++)
		i += glob_elem_len(seg + i, len - i);
	return n;
}

/* Jumps to miss unless the pattern segment (no '*') matches the string
 * at byte off of the string at frame offset base. */
static void glob_segment_at(struct cg *cg, int base, int off, const char *seg, size_t len,
			    struct fixups *miss)
{
	for (size_t i = 0; i < len; off++) {
		emit(cg, I_LDX(BPF_B, BPF_REG_1, cg->fp, base + off));
		i += glob_elem(cg, seg + i, len - i, miss);
	}
}

/* globmatch(s, "pattern"): the pattern split at its '*'s; the first part
 * must match at the start, the last at the end (r3 = the length of s),
 * each one between at its leftmost place after the one before (r2 = where
 * the next may start). Unrolled over the string's bytes. */
static void gen_globmatch(struct cg *cg, struct node *n, struct val *out)
{
	struct val s = { 0 };
	gen_expr(cg, n->kids[0], &s);
	const char *pat = n->kids[1]->str;
	int size = (int)n->kids[0]->type.size - 1;	/* bytes before the last NUL */
	int least = 0;	/* bytes any match needs */
	for (const char *p = pat; *p; ) {
		size_t len = *p == '*' ? 1 : strcspn(p, "*");
		least += *p == '*' ? 0 : glob_count(p, len);
		p += len;
	}
	if (least > size) {	/* no string of this size can match */
		out->kind = V_IMM;
		out->imm = 0;
		return;
	}
	struct fixups fail = { 0 }, done = { 0 };
	emit(cg, I_MOV_IMM(BPF_REG_3, size));
	for (int i = size - 1; i >= 0; i--) {	/* r3 = the first NUL */
		emit(cg, I_LDX(BPF_B, BPF_REG_1, cg->fp, s.off + i));
		emit(cg, I_JMP_IMM(BPF_JNE, BPF_REG_1, 0, 1));
		emit(cg, I_MOV_IMM(BPF_REG_3, i));
	}
	const char *star = strchr(pat, '*');
	size_t first = star ? (size_t)(star - pat) : strlen(pat);
	int nfirst = glob_count(pat, first);
	glob_segment_at(cg, s.off, 0, pat, first, &fail);
	emit(cg, I_MOV_IMM(BPF_REG_2, nfirst));
	if (!star) {		/* no '*': the whole string */
		fixup_add(&fail, here(cg));
		emit(cg, I_JMP_IMM(BPF_JNE, BPF_REG_3, nfirst, 0));
	}
	while (star) {
		const char *seg = star + 1;
		star = strchr(seg, '*');
		size_t len = star ? (size_t)(star - seg) : strlen(seg);
		int count = glob_count(seg, len);
		struct fixups found = { 0 };
		for (int i = 0; i + count <= size && (len || !star); i++) {
			struct fixups next = { 0 };
			fixup_add(&next, here(cg));
			if (star)	/* a middle part: leftmost at or after r2 */
				emit(cg, I_JMP_IMM(BPF_JGT, BPF_REG_2, i, 0));
			else		/* the last part: ends the string */
				emit(cg, I_JMP_IMM(BPF_JNE, BPF_REG_3, i + count, 0));
			if (!star) {
				fixup_add(&fail, here(cg));
				emit(cg, I_JMP_IMM(BPF_JGT, BPF_REG_2, i, 0));
			}
			glob_segment_at(cg, s.off, i, seg, len, &next);
			emit(cg, I_MOV_IMM(BPF_REG_2, i + count));
			fixup_add(&found, here(cg));
			emit(cg, I_JA(0));
			patch_all(cg, &next, here(cg));
		}
		if (len || !star) {
			fixup_add(&fail, here(cg));
			emit(cg, I_JA(0));
		}
		patch_all(cg, &found, here(cg));
	}
	emit(cg, I_MOV_IMM(BPF_REG_0, 1));
	fixup_add(&done, here(cg));
	emit(cg, I_JA(0));
	patch_all(cg, &fail, here(cg));
	emit(cg, I_MOV_IMM(BPF_REG_0, 0));
	patch_all(cg, &done, here(cg));
	val_from_reg(cg, out, BPF_REG_0);
}

/* comm(pid): task = bpf_task_from_pid(pid); its comm copied out; the
 * reference released. An unknown pid gives "". */
static void gen_comm_of_pid(struct cg *cg, struct node *n, struct val *out)
{
	struct val pid = { 0 }, task = { 0 };
	gen_expr(cg, n->kids[0], &pid);
	int off = stack_alloc(cg, 16);
	stack_zero(cg, off, 16);
	val_to(cg, &pid, BPF_REG_1);
	val_release(cg, &pid);
	emit(cg, bpf_insn_make(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_KFUNC_CALL, 0, (int)n->num));
	val_from_reg(cg, &task, BPF_REG_0);
	int r = val_in_reg(cg, &task);
	int none = here(cg);
	emit(cg, I_JMP_IMM(BPF_JEQ, r, 0, 0));
	mem_addr(cg, &(struct val){ .off = off }, BPF_REG_1);
	emit(cg, I_MOV_IMM(BPF_REG_2, 16));
	emit(cg, I_MOV_REG(BPF_REG_3, r));
	emit(cg, I_ALU64_IMM(BPF_ADD, BPF_REG_3, (int)n->member_offset));
	call(cg, BPF_FUNC_probe_read_kernel);
	emit(cg, I_MOV_REG(BPF_REG_1, val_in_reg(cg, &task)));
	emit(cg, bpf_insn_make(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_KFUNC_CALL, 0, n->id));
	patch_jump(cg, none, here(cg));
	val_release(cg, &task);
	val_mem(out, off, 16);
}

/* strlen(s): the index of the first NUL in the string's bytes. */
static void gen_strlen(struct cg *cg, struct node *n, struct val *out)
{
	struct val s = { 0 };
	gen_expr(cg, n->kids[0], &s);
	uint32_t size = n->kids[0]->type.size;
	struct fixups done = { 0 };
	for (uint32_t i = 0; i < size; i++) {
		emit(cg, I_MOV_IMM(BPF_REG_0, (int)i));
		emit(cg, I_LDX(BPF_B, BPF_REG_1, cg->fp, s.off + (int)i));
		fixup_add(&done, here(cg));
		emit(cg, I_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0));
	}
	emit(cg, I_MOV_IMM(BPF_REG_0, (int)size));
	patch_all(cg, &done, here(cg));
	val_from_reg(cg, out, BPF_REG_0);
}

/* debugf(fmt, a, b, c): bpf_trace_printk; strings go by address. */
static void gen_debugf(struct cg *cg, struct node *n)
{
	struct val args[3] = { { 0 } }, fmt = { 0 };
	int nargs = n->nkids - 1;
	for (int i = 0; i < nargs; i++)
		gen_expr(cg, n->kids[i + 1], &args[i]);
	size_t len = strlen(n->kids[0]->str);
	gen_string_const(cg, n->kids[0]->str, len, (uint32_t)len + 1, &fmt);
	for (int i = 0; i < nargs; i++) {
		if (args[i].kind == V_MEM)
			mem_addr(cg, &args[i], BPF_REG_3 + i);
		else
			val_to(cg, &args[i], BPF_REG_3 + i);
		val_release(cg, &args[i]);
	}
	mem_addr(cg, &fmt, BPF_REG_1);
	emit(cg, I_MOV_IMM(BPF_REG_2, (int)len + 1));
	call(cg, BPF_FUNC_trace_printk);
}

static void gen_signal(struct cg *cg, struct node *n)
{
	if (n->num >= 0) {
		emit(cg, I_MOV_IMM(BPF_REG_1, (int)n->num));
	} else {
		struct val v = { 0 };
		gen_expr(cg, n->kids[0], &v);
		val_to(cg, &v, BPF_REG_1);
		val_release(cg, &v);
	}
	call(cg, strcmp(n->str, "signal_thread") ? BPF_FUNC_send_signal : BPF_FUNC_send_signal_thread);
}

/* strftime(), cgroup_path(): a format's id, then an integer; user space
 * formats the pair when it prints it. */
static void gen_id_and_value(struct cg *cg, int id, struct node *arg, struct val *out)
{
	struct val v = { 0 };
	gen_expr(cg, arg, &v);
	int off = stack_alloc(cg, 16);
	emit(cg, I_ST(BPF_DW, cg->fp, off, id));
	store_val(cg, off + 8, &(struct type){ .kind = T_INT, .size = 8 }, &v);
	val_release(cg, &v);
	val_mem(out, off, 16);
}

/* ksym, strerror, syscall_name, kptr, uptr: the argument's value; only
 * its type (how it prints, which memory it reads) differs. */
static void gen_argument_call(struct cg *cg, struct node *n, struct val *out)
{
	gen_expr(cg, n->kids[0], out);
}

static void gen_cgroup_path_call(struct cg *cg, struct node *n, struct val *out)
{
	gen_id_and_value(cg, n->id, n->kids[0], out);
}

static void gen_time_call(struct cg *cg, struct node *n, struct val *out)
{
	(void)out;
	gen_simple_event(cg, EV_TIME, n->id, NULL, 0);
}

/* cat and system: a formatted name, acted on by user space. */
static void gen_cat_call(struct cg *cg, struct node *n, struct val *out)
{
	const char *fn = n->str;
	(void)out;
	gen_fmt_event(cg, fn[0] == 'c' ? EV_CAT : EV_SYSTEM, n->id, n->kids + 1, n->nkids - 1);
}

static void gen_signal_call(struct cg *cg, struct node *n, struct val *out)
{
	(void)out;
	gen_signal(cg, n);
}

static void gen_join_call(struct cg *cg, struct node *n, struct val *out)
{
	(void)out;
	gen_join(cg, n);
}

static void gen_macaddr_call(struct cg *cg, struct node *n, struct val *out)
{
	struct val a = { 0 };
	gen_expr(cg, n->kids[0], &a);
	int off = stack_alloc(cg, 8);
	stack_zero(cg, off, 8);
	if (n->kids[0]->type.kind == T_STR) {
		for (int i = 0; i < 6; i++) {
			emit(cg, I_LDX(BPF_B, BPF_REG_0, cg->fp, a.off + i));
			emit(cg, I_STX(BPF_B, cg->fp, BPF_REG_0, off + i));
		}
	} else {
		val_to(cg, &a, BPF_REG_3);
		mem_addr(cg, &(struct val){ .off = off }, BPF_REG_1);
		emit(cg, I_MOV_IMM(BPF_REG_2, 6));
		call(cg, reads_user(cg, &n->kids[0]->type) ? BPF_FUNC_probe_read_user : BPF_FUNC_probe_read_kernel);
	}
	val_release(cg, &a);
	val_mem(out, off, 8);
}

static void gen_pton_call(struct cg *cg, struct node *n, struct val *out)
{
	/* The literal was checked by sema; its bytes are constants. */
	unsigned char bytes[16];
	inet_pton(n->type.size == 4 ? AF_INET : AF_INET6, n->kids[0]->str, bytes);
	gen_string_const(cg, (const char *)bytes, n->type.size, n->type.size, out);
}

/* kaddr, cgroupid, uaddr, offsetof: a value sema found when compiling. */
static void gen_constant_call(struct cg *cg, struct node *n, struct val *out)
{
	(void)cg;
	out->kind = V_IMM;
	out->imm = n->num;
}

static void gen_override_call(struct cg *cg, struct node *n, struct val *out)
{
	(void)out;
	struct val v = { 0 };
	gen_expr(cg, n->kids[0], &v);
	val_to(cg, &v, BPF_REG_2);
	val_release(cg, &v);
	emit(cg, I_MOV_REG(BPF_REG_1, R_CTX));
	call(cg, BPF_FUNC_override_return);
}

static void gen_strftime_call(struct cg *cg, struct node *n, struct val *out)
{
	gen_id_and_value(cg, n->id, n->kids[1], out);
}

static void gen_reg_call(struct cg *cg, struct node *n, struct val *out)
{
	out->kind = V_REG;
	out->reg = reg_alloc(cg, out);
	emit(cg, I_LDX(BPF_DW, out->reg, R_CTX, (int)n->num));
}

static void gen_printf_call(struct cg *cg, struct node *n, struct val *out)
{
	(void)out;
	gen_fmt_event(cg, EV_PRINTF, n->id, n->kids + 1, n->nkids - 1);
}

static void gen_assert_call(struct cg *cg, struct node *n, struct val *out)
{
	(void)out;
	gen_assert(cg, n);
}

/* static_assert and fail were checked when compiling: no code. */
static void gen_static_assert_call(struct cg *cg, struct node *n, struct val *out)
{
	(void)cg, (void)n, (void)out;
}

static void gen_errorf_call(struct cg *cg, struct node *n, struct val *out)
{
	(void)out;
	gen_fmt_event(cg, EV_DIAG, n->id, n->kids + 1, n->nkids - 1);
}

/* is_err(p): p >= (u64)-4095 (the immediate is sign-extended). */
static void gen_is_err_call(struct cg *cg, struct node *n, struct val *out)
{
	struct val p = { 0 };
	gen_expr(cg, n->kids[0], &p);
	val_to(cg, &p, BPF_REG_1);
	val_release(cg, &p);
	emit(cg, I_MOV_IMM(BPF_REG_0, 1));
	emit(cg, I_JMP_IMM(BPF_JGE, BPF_REG_1, -4095, 1));
	emit(cg, I_MOV_IMM(BPF_REG_0, 0));
	val_from_reg(cg, out, BPF_REG_0);
}

static void gen_debugf_call(struct cg *cg, struct node *n, struct val *out)
{
	(void)out;
	gen_debugf(cg, n);
}

static void gen_socket_cookie_call(struct cg *cg, struct node *n, struct val *out)
{
	struct val sk = { 0 };
	gen_kernel_ref(cg, n->kids[0], &sk);
	val_to(cg, &sk, BPF_REG_1);
	val_release(cg, &sk);
	gen_helper_value(cg, BPF_FUNC_get_socket_cookie, out);
}

static void gen_clear_call(struct cg *cg, struct node *n, struct val *out)
{
	const char *fn = n->str;
	(void)out;
	gen_simple_event(cg, fn[0] == 'c' ? EV_CLEAR : EV_ZERO, n->kids[0]->id, NULL, 0);
}

/* delete(@m[k]): true when there was such an entry (out NULL: a
 * statement, no value). A keyless aggregation lives in an array, whose
 * entry cannot go: user space zeroes it on every CPU, as zero() does,
 * which prints as bpftrace prints it. */
static void gen_delete_call(struct cg *cg, struct node *n, struct val *out)
{
	struct node *m = n->kids[0];
	if (map_is_array(&cg->prog->maps[m->id])) {
		gen_simple_event(cg, EV_ZERO, m->id, NULL, 0);
		if (out)
			*out = (struct val){ .kind = V_IMM, .imm = 1 };
		return;
	}
	int key = gen_map_key(cg, m);
	emit_map_ref(cg, BPF_REG_1, m->id);
	mem_addr(cg, &(struct val){ .off = key }, BPF_REG_2);
	call(cg, BPF_FUNC_map_delete_elem);
	if (!out)
		return;
	emit(cg, I_MOV_IMM(BPF_REG_1, 1));
	emit(cg, I_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 1));
	emit(cg, I_MOV_IMM(BPF_REG_1, 0));
	val_from_reg(cg, out, BPF_REG_1);
}

static void gen_exit_call(struct cg *cg, struct node *n, struct val *out)
{
	(void)out;
	gen_exit_event(cg, n);
	fixup_add(&cg->returns, here(cg));
	emit(cg, I_JA(0));
	cg->dead = true;
}

/* print(value) sends the value; print(@m[, top[, div]]) asks user space
 * to print the map. */
static void gen_print_call(struct cg *cg, struct node *n, struct val *out)
{
	(void)out;
	if (n->kids[0]->kind != N_MAP) {
		gen_fmt_event(cg, EV_PRINT_VALUE, n->id, n->kids, 1);
		return;
	}
	/* top and div; a series takes (min, max) instead, flagged by the third */
	int64_t extra[3] = { 0, 0, n->nkids == 3 };
	for (int i = 1; i < n->nkids && i < 3; i++)
		extra[i - 1] = n->kids[i]->kind == N_INT ? n->kids[i]->num : 0;
	gen_simple_event(cg, EV_PRINT_MAP, n->kids[0]->id, extra, 3);
}

/* The address of a value's bytes in r2: a string's own, or an integer
 * stored in a fresh slot. */
static void value_bytes_addr(struct cg *cg, const struct val *v, int reg)
{
	if (v->kind == V_MEM) {
		mem_addr(cg, v, reg);
		return;
	}
	int off = stack_alloc(cg, 8);
	val_to(cg, v, BPF_REG_0);
	emit(cg, I_STX(BPF_DW, cg->fp, BPF_REG_0, off));
	mem_addr(cg, &(struct val){ .off = off }, reg);
}

/* write_user(dst, src, len): bpf_probe_write_user(dst, &src, len) == 0. */
static void gen_write_user_call(struct cg *cg, struct node *n, struct val *out)
{
	struct val dst = { 0 }, src = { 0 };
	gen_expr(cg, n->kids[0], &dst);
	gen_expr(cg, n->kids[1], &src);
	value_bytes_addr(cg, &src, BPF_REG_2);
	val_to(cg, &dst, BPF_REG_1);
	emit(cg, I_MOV_IMM(BPF_REG_3, (int)n->num));
	call(cg, BPF_FUNC_probe_write_user);
	val_release(cg, &src);
	val_release(cg, &dst);
	emit(cg, I_MOV_IMM(BPF_REG_1, 1));
	emit(cg, I_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 1));
	emit(cg, I_MOV_IMM(BPF_REG_1, 0));
	val_from_reg(cg, out, BPF_REG_1);
}

/* str_concat(a, b): a's bytes up to its NUL, then b's, into a zeroed
 * string; each copy by probe_read_kernel_str, whose result (bytes with the
 * NUL) says where b goes, bounded for the verifier. */
static void gen_str_concat_call(struct cg *cg, struct node *n, struct val *out)
{
	struct val a = { 0 }, b = { 0 };
	gen_expr(cg, n->kids[0], &a);
	gen_expr(cg, n->kids[1], &b);
	uint32_t asize = n->kids[0]->type.size, bsize = n->kids[1]->type.size;
	uint32_t size = (n->type.size + 7) & ~7u;
	int off = stack_alloc(cg, size);
	stack_zero(cg, off, size);
	mem_addr(cg, &(struct val){ .off = off }, BPF_REG_1);
	emit(cg, I_MOV_IMM(BPF_REG_2, (int)asize));
	mem_addr(cg, &a, BPF_REG_3);
	call(cg, BPF_FUNC_probe_read_kernel_str);
	emit(cg, I_JMP_IMM(BPF_JSGE, BPF_REG_0, 1, 1));
	emit(cg, I_MOV_IMM(BPF_REG_0, 1));
	emit(cg, I_JMP_IMM(BPF_JSLE, BPF_REG_0, (int)asize, 1));
	emit(cg, I_MOV_IMM(BPF_REG_0, (int)asize));
	emit(cg, I_ALU64_IMM(BPF_ADD, BPF_REG_0, off - 1));
	emit(cg, I_MOV_REG(BPF_REG_1, cg->fp));
	emit(cg, I_ALU64_REG(BPF_ADD, BPF_REG_1, BPF_REG_0));
	emit(cg, I_MOV_IMM(BPF_REG_2, (int)bsize));
	mem_addr(cg, &b, BPF_REG_3);
	call(cg, BPF_FUNC_probe_read_kernel_str);
	val_release(cg, &a);
	val_release(cg, &b);
	val_mem(out, off, size);
}

/* skboutput(path, skb, len, offset): bpf_skb_output(skb, perf array,
 * len << 32 | BPF_F_CURRENT_CPU, &meta, sizeof(meta)); the kernel sends
 * meta, then the packet's first len bytes. len keeps the 20 bits the flag
 * has room for. */
static void gen_skboutput_call(struct cg *cg, struct node *n, struct val *out)
{
	struct val skb = { 0 }, len = { 0 }, offset = { 0 };
	int meta = stack_alloc(cg, sizeof(struct skb_meta));
	gen_expr(cg, n->kids[2], &len);
	gen_expr(cg, n->kids[3], &offset);
	emit(cg, I_ST(BPF_DW, cg->fp, meta + (int)offsetof(struct skb_meta, path_id), n->id));
	val_to(cg, &offset, BPF_REG_0);
	emit(cg, I_STX(BPF_DW, cg->fp, BPF_REG_0, meta + (int)offsetof(struct skb_meta, offset)));
	val_to(cg, &len, BPF_REG_0);
	emit(cg, I_ALU64_IMM(BPF_AND, BPF_REG_0, 0xfffff));
	emit(cg, I_STX(BPF_DW, cg->fp, BPF_REG_0, meta + (int)offsetof(struct skb_meta, len)));
	val_release(cg, &len);
	val_release(cg, &offset);
	call(cg, BPF_FUNC_ktime_get_boot_ns);
	emit(cg, I_STX(BPF_DW, cg->fp, BPF_REG_0, meta + (int)offsetof(struct skb_meta, boot_ns)));
	gen_kernel_ref(cg, n->kids[1], &skb);
	val_to(cg, &skb, BPF_REG_1);
	val_release(cg, &skb);
	emit_map_ref(cg, BPF_REG_2, internal_map(cg, IMAP_SKB_OUTPUT));
	emit(cg, I_LDX(BPF_DW, BPF_REG_3, cg->fp, meta + (int)offsetof(struct skb_meta, len)));
	emit(cg, I_ALU64_IMM(BPF_LSH, BPF_REG_3, 32));
	emit(cg, bpf_insn_make(BPF_ALU | BPF_MOV | BPF_K, BPF_REG_0, 0, 0, -1));	/* BPF_F_CURRENT_CPU */
	emit(cg, I_ALU64_REG(BPF_OR, BPF_REG_3, BPF_REG_0));
	mem_addr(cg, &(struct val){ .off = meta }, BPF_REG_4);
	emit(cg, I_MOV_IMM(BPF_REG_5, (int)sizeof(struct skb_meta)));
	gen_helper_value(cg, BPF_FUNC_skb_output, out);
}

/* unwatch(addr): EV_UNWATCH with the address. */
static void gen_unwatch_call(struct cg *cg, struct node *n, struct val *out)
{
	(void)out;
	int off = stack_alloc(cg, 16);
	emit(cg, I_ST(BPF_DW, cg->fp, off, EV_UNWATCH));
	struct val addr = { 0 };
	gen_expr(cg, n->kids[0], &addr);
	store_val(cg, off + 8, &(struct type){ .kind = T_INT, .size = 8 }, &addr);
	val_release(cg, &addr);
	emit_event(cg, off, 16);
}

/* Each function and the code it makes. */
static const struct {
	const char *name;
	void (*gen)(struct cg *, struct node *, struct val *);
} call_gens[] = {
	{ "comm", gen_comm_of_pid }, { "str", gen_str }, { "kstack", gen_stack }, { "ustack", gen_stack },
	{ "ksym", gen_argument_call }, { "strerror", gen_argument_call },
	{ "syscall_name", gen_argument_call }, { "cgroup_path", gen_cgroup_path_call },
	{ "signal_name", gen_argument_call }, { "is_err", gen_is_err_call },
	{ "usym", gen_usym }, { "kaddr", gen_constant_call }, { "time", gen_time_call },
	{ "cat", gen_cat_call }, { "system", gen_cat_call }, { "signal", gen_signal_call },
	{ "signal_thread", gen_signal_call }, { "join", gen_join_call },
	{ "strcontains", gen_strcontains }, { "strstr", gen_strcontains },
	{ "len", gen_len }, { "kptr", gen_argument_call }, { "uptr", gen_argument_call },
	{ "macaddr", gen_macaddr_call }, { "pton", gen_pton_call },
	{ "cgroupid", gen_constant_call }, { "uaddr", gen_constant_call },
	{ "offsetof", gen_constant_call }, { "override", gen_override_call },
	{ "buf", gen_buf }, { "strftime", gen_strftime_call }, { "ntop", gen_ntop },
	{ "reg", gen_reg_call }, { "strncmp", gen_strncmp },
	{ "memcmp", gen_strncmp }, { "has_key", gen_has_key },
	{ "find", gen_find }, { "bswap", gen_bswap }, { "printf", gen_printf_call },
	{ "assert", gen_assert_call }, { "static_assert", gen_static_assert_call },
	{ "fail", gen_static_assert_call },
	{ "errorf", gen_errorf_call }, { "warnf", gen_errorf_call },
	{ "debugf", gen_debugf_call }, { "path", gen_path },
	{ "globmatch", gen_globmatch }, { "socket_cookie", gen_socket_cookie_call },
	{ "percpu_kaddr", gen_percpu_kaddr }, { "strlen", gen_strlen },
	{ "clear", gen_clear_call }, { "zero", gen_clear_call }, { "delete", gen_delete_call },
	{ "exit", gen_exit_call }, { "print", gen_print_call },
	{ "write_user", gen_write_user_call }, { "str_concat", gen_str_concat_call },
	{ "assert_str", gen_static_assert_call },
	{ "default_str_length", gen_constant_call },
	{ "skboutput", gen_skboutput_call }, { "unwatch", gen_unwatch_call },
};

static void gen_call(struct cg *cg, struct node *n, struct val *out)
{
	out->kind = V_NONE;
	for (size_t i = 0; i < sizeof(call_gens) / sizeof(call_gens[0]); i++) {
		if (!strcmp(n->str, call_gens[i].name)) {
			call_gens[i].gen(cg, n, out);
			return;
		}
	}
	cg_error(cg, n->loc, "no code for function %s()", n->str);
}

/* ---- operators ---- */

static int jmp_op(int tok, bool is_signed)
{
	switch (tok) {
	case TK_EQ: return BPF_JEQ;
	case TK_NE: return BPF_JNE;
	case TK_LT: return is_signed ? BPF_JSLT : BPF_JLT;
	case TK_LE: return is_signed ? BPF_JSLE : BPF_JLE;
	case TK_GT: return is_signed ? BPF_JSGT : BPF_JGT;
	case TK_GE: return is_signed ? BPF_JSGE : BPF_JGE;
	default: return -1;
	}
}

static int alu_op(int tok)
{
	switch (tok) {
	case TK_PLUS: case TK_ADD_ASSIGN: case TK_INC: return BPF_ADD;
	case TK_MINUS: case TK_SUB_ASSIGN: case TK_DEC: return BPF_SUB;
	case TK_STAR: case TK_MUL_ASSIGN: return BPF_MUL;
	case TK_SLASH: case TK_DIV_ASSIGN: return BPF_DIV;
	case TK_PERCENT: case TK_MOD_ASSIGN: return BPF_MOD;
	case TK_AMP: case TK_AND_ASSIGN: return BPF_AND;
	case TK_PIPE: case TK_OR_ASSIGN: return BPF_OR;
	case TK_CARET: case TK_XOR_ASSIGN: return BPF_XOR;
	case TK_SHL: case TK_SHL_ASSIGN: return BPF_LSH;
	case TK_SHR: case TK_SHR_ASSIGN: return BPF_RSH;
	default: return -1;
	}
}

/* dst op= b, where dst is a register; b any integer value. */
static void emit_alu(struct cg *cg, int op, int dst, const struct val *b, bool is_signed)
{
	if (op == BPF_RSH && is_signed)
		op = BPF_ARSH;
	if (b->kind == V_IMM && b->imm >= INT32_MIN && b->imm <= INT32_MAX) {
		emit(cg, I_ALU64_IMM(op, dst, (int)b->imm));
		return;
	}
	int src = b->kind == V_REG ? b->reg : BPF_REG_1;
	if (b->kind != V_REG)
		val_to(cg, b, BPF_REG_1);
	emit(cg, I_ALU64_REG(op, dst, src));
}

/* Compares memory strings a and b (zero padded), 8 bytes at a time. */
static void gen_str_equal(struct cg *cg, struct val *a, struct val *b, bool ne, struct val *out)
{
	uint32_t n = a->size < b->size ? a->size : b->size;
	out->kind = V_REG;
	out->reg = reg_alloc(cg, out);
	emit(cg, I_MOV_IMM(out->reg, ne ? 1 : 0));
	struct fixups differ = { 0 };
	for (uint32_t i = 0; i < n; i += 8) {
		emit(cg, I_LDX(BPF_DW, BPF_REG_1, cg->fp, a->off + (int)i));
		emit(cg, I_LDX(BPF_DW, BPF_REG_2, cg->fp, b->off + (int)i));
		fixup_add(&differ, here(cg));
		emit(cg, I_JMP_REG(BPF_JNE, BPF_REG_1, BPF_REG_2, 0));
	}
	emit(cg, I_MOV_IMM(out->reg, ne ? 0 : 1));
	patch_all(cg, &differ, here(cg));
}

static void gen_cond_jump_false(struct cg *cg, struct node *n, struct fixups *to_false);

/* Materializes a condition as 0 or 1. */
static void gen_bool(struct cg *cg, struct node *n, struct val *out)
{
	struct fixups f = { 0 };
	gen_cond_jump_false(cg, n, &f);
	out->kind = V_REG;
	out->reg = reg_alloc(cg, out);
	emit(cg, I_MOV_IMM(out->reg, 1));
	emit(cg, I_JA(1));
	patch_all(cg, &f, here(cg));
	emit(cg, I_MOV_IMM(out->reg, 0));
}

static void gen_binop(struct cg *cg, struct node *n, struct val *out)
{
	int op = n->op;
	if (op == TK_ANDAND || op == TK_OROR || jmp_op(op, false) >= 0) {
		if (n->a->type.kind == T_STR || n->a->type.kind == T_ARRAY) {
			struct val a = { 0 }, b = { 0 };
			gen_expr(cg, n->a, &a);
			gen_expr(cg, n->b, &b);
			gen_str_equal(cg, &a, &b, op == TK_NE, out);
			return;
		}
		gen_bool(cg, n, out);
		return;
	}
	struct val a = { 0 }, b = { 0 };
	gen_expr(cg, n->a, &a);
	gen_expr(cg, n->b, &b);
	int dst = val_in_reg(cg, &a);
	emit_alu(cg, alu_op(op), dst, &b, n->type.is_signed);
	val_release(cg, &b);
	*out = a;
	cg->vregs[dst - BPF_REG_7].owner = out;
}

/* Emits jumps (added to to_false) taken when n is false; falls through
 * when it is true. Comparisons become a single conditional jump. */
static void gen_cond_jump_false(struct cg *cg, struct node *n, struct fixups *to_false)
{
	if (n->kind == N_BINOP && n->op == TK_ANDAND) {
		gen_cond_jump_false(cg, n->a, to_false);
		gen_cond_jump_false(cg, n->b, to_false);
		return;
	}
	if (n->kind == N_BINOP && n->op == TK_OROR) {
		struct fixups a_false = { 0 };
		gen_cond_jump_false(cg, n->a, &a_false);
		int to_true = here(cg);
		emit(cg, I_JA(0));
		patch_all(cg, &a_false, here(cg));
		gen_cond_jump_false(cg, n->b, to_false);
		patch_jump(cg, to_true, here(cg));
		return;
	}
	if (n->kind == N_UNOP && n->op == TK_BANG) {
		struct fixups inner_false = { 0 };
		gen_cond_jump_false(cg, n->a, &inner_false);
		fixup_add(to_false, here(cg));
		emit(cg, I_JA(0));
		patch_all(cg, &inner_false, here(cg));
		return;
	}
	if (n->kind == N_BINOP && jmp_op(n->op, false) >= 0 && !type_in_memory(&n->a->type)) {
		struct val a = { 0 }, b = { 0 };
		gen_expr(cg, n->a, &a);
		gen_expr(cg, n->b, &b);
		bool is_signed = n->a->type.is_signed && n->b->type.is_signed;
		static const int inverse[] = {
			[TK_EQ] = TK_NE, [TK_NE] = TK_EQ, [TK_LT] = TK_GE,
			[TK_LE] = TK_GT, [TK_GT] = TK_LE, [TK_GE] = TK_LT,
		};
		int jop = jmp_op(inverse[n->op], is_signed);
		int ra = val_in_reg(cg, &a);
		fixup_add(to_false, here(cg));
		if (b.kind == V_IMM && b.imm >= INT32_MIN && b.imm <= INT32_MAX) {
			emit(cg, I_JMP_IMM(jop, ra, (int)b.imm, 0));
		} else {
			int rb = b.kind == V_REG ? b.reg : BPF_REG_1;
			if (b.kind != V_REG)
				val_to(cg, &b, BPF_REG_1);
			emit(cg, I_JMP_REG(jop, ra, rb, 0));
		}
		val_release(cg, &a);
		val_release(cg, &b);
		return;
	}
	/* Constants are tested at run time too: an unconditional jump would
	 * leave code the verifier refuses as unreachable. */
	struct val v = { 0 };
	gen_expr(cg, n, &v);
	int r = val_in_reg(cg, &v);
	fixup_add(to_false, here(cg));
	emit(cg, I_JMP_IMM(BPF_JEQ, r, 0, 0));
	val_release(cg, &v);
}

/* Reads size bytes of kernel (or user) memory at the address in register
 * addr into a zeroed slot; returns the slot. */
static int read_mem(struct cg *cg, int addr, uint32_t size, bool user)
{
	uint32_t rsize = (size + 7) & ~7u;
	int off = stack_alloc(cg, rsize);
	stack_zero(cg, off, rsize);
	emit(cg, I_MOV_REG(BPF_REG_3, addr));
	mem_addr(cg, &(struct val){ .off = off }, BPF_REG_1);
	emit(cg, I_MOV_IMM(BPF_REG_2, (int)size));
	call(cg, user ? BPF_FUNC_probe_read_user : BPF_FUNC_probe_read_kernel);
	return off;
}

/* An integer of type t (or a bitfield) read from the address in addr. */
static void read_int(struct cg *cg, int addr, const struct type *t, bool user,
		     uint32_t bit_shift, uint32_t bit_size, struct val *out)
{
	uint32_t size = t->kind == T_PTR ? 8 : t->size;
	if (bit_size)	/* the bytes holding the bitfield */
		size = (bit_shift + bit_size + 7) / 8;
	int off = read_mem(cg, addr, size, user);
	out->kind = V_REG;
	out->reg = reg_alloc(cg, out);
	emit(cg, I_LDX(BPF_DW, out->reg, cg->fp, off));
	int bits = bit_size ? (int)(bit_shift + bit_size) : 8 * (int)size;
	bool sign = t->kind == T_INT && t->is_signed;
	if (bit_size || (bits < 64 && sign)) {
		emit(cg, I_ALU64_IMM(BPF_LSH, out->reg, 64 - bits));
		emit(cg, I_ALU64_IMM(sign ? BPF_ARSH : BPF_RSH, out->reg,
				     64 - (bit_size ? (int)bit_size : bits)));
	}
}

/* The value of n's type at the address held by `addr` (a register
 * value): a record stays an address, a char array is copied, an integer
 * (or n's bitfield) is read. */
static void read_at(struct cg *cg, struct val *addr, bool user, struct node *n,
		    struct val *out)
{
	const struct type *t = &n->type;
	int reg = addr->reg;
	if (t->kind == T_STRUCT) {
		*out = *addr;
		cg->vregs[reg - BPF_REG_7].owner = out;
		return;
	}
	if (t->kind == T_STR) {
		int off = read_mem(cg, reg, t->size, user);
		val_release(cg, addr);
		val_mem(out, off, (t->size + 7) & ~7u);
		return;
	}
	read_int(cg, reg, t, user, n->bit_shift, n->bit_size, out);
	val_release(cg, addr);
}

/* ptr->member or record.member of a kernel type. A T_STRUCT value is the
 * record's address, so nested members cost one read at the end. */
static void gen_btf_field(struct cg *cg, struct node *n, struct val *out)
{
	struct val base = { 0 };
	gen_expr(cg, n->a, &base);
	int addr = val_in_reg(cg, &base);
	if (n->member_offset)
		emit(cg, I_ALU64_IMM(BPF_ADD, addr, (int)n->member_offset));
	read_at(cg, &base, n->a->type.is_user, n, out);
}

/* The BPF load/store size of an integer of size bytes. */
static int mem_size(uint32_t size)
{
	return size == 1 ? BPF_B : size == 2 ? BPF_H : size == 4 ? BPF_W : BPF_DW;
}

/* An integer of type t at r+off: loaded, then sign-extended if signed. */
static void load_int_at(struct cg *cg, int dst, int r, int off, const struct type *t)
{
	emit(cg, I_LDX(mem_size(t->size), dst, r, off));
	if (t->is_signed && t->size < 8) {
		emit(cg, I_ALU64_IMM(BPF_LSH, dst, 64 - 8 * (int)t->size));
		emit(cg, I_ALU64_IMM(BPF_ARSH, dst, 64 - 8 * (int)t->size));
	}
}

/* $a[i] of an array value in memory. sema refuses a literal index out of
 * range; any other out of range reads 0, so the verifier sees every
 * stack access in bounds. */
static void gen_array_index(struct cg *cg, struct node *n, struct val *base, struct val *idx,
			    struct val *out)
{
	const struct type *elem = n->a->type.elems;
	out->kind = V_REG;
	out->reg = reg_alloc(cg, out);
	if (idx->kind == V_IMM && idx->imm >= 0 && idx->imm < n->a->type.nelems) {
		load_int_at(cg, out->reg, cg->fp, base->off + (int)(idx->imm * elem->size), elem);
		return;
	}
	if (idx->kind == V_IMM) {	/* e.g. a positional parameter past the end */
		emit(cg, I_MOV_IMM(out->reg, 0));
		return;
	}
	val_to(cg, idx, BPF_REG_1);
	val_release(cg, idx);
	emit(cg, I_MOV_IMM(out->reg, 0));
	int skip = here(cg);
	emit(cg, I_JMP_IMM(BPF_JGE, BPF_REG_1, (int)n->a->type.nelems, 0));
	emit(cg, I_ALU64_IMM(BPF_MUL, BPF_REG_1, (int)elem->size));
	mem_addr(cg, base, BPF_REG_2);
	emit(cg, I_ALU64_REG(BPF_ADD, BPF_REG_2, BPF_REG_1));
	load_int_at(cg, out->reg, BPF_REG_2, 0, elem);
	patch_jump(cg, skip, here(cg));
}

/* base[i]: the element at base + i * size (member_offset holds the size). */
static void gen_index(struct cg *cg, struct node *n, struct val *out)
{
	struct val base = { 0 }, idx = { 0 };
	gen_expr(cg, n->a, &base);
	gen_expr(cg, n->b, &idx);
	if (n->a->type.kind == T_STR) {	/* a byte of a string in memory */
		out->kind = V_REG;
		out->reg = reg_alloc(cg, out);
		emit(cg, I_LDX(BPF_B, out->reg, cg->fp, base.off + (int)idx.imm));
		emit(cg, I_ALU64_IMM(BPF_LSH, out->reg, 56));
		emit(cg, I_ALU64_IMM(BPF_ARSH, out->reg, 56));
		return;
	}
	if (n->a->type.kind == T_ARRAY) {
		gen_array_index(cg, n, &base, &idx, out);
		return;
	}
	int addr = val_in_reg(cg, &base);
	if (idx.kind == V_IMM) {
		emit_mov_imm(cg, BPF_REG_1, idx.imm * (int64_t)n->member_offset);
	} else {
		val_to(cg, &idx, BPF_REG_1);
		emit(cg, I_ALU64_IMM(BPF_MUL, BPF_REG_1, (int)n->member_offset));
	}
	emit(cg, I_ALU64_REG(BPF_ADD, addr, BPF_REG_1));
	val_release(cg, &idx);
	read_at(cg, &base, n->a->type.is_user, n, out);
}

/* &$x: the variable's slot; &p->member: the member's address. */
static void gen_address_of(struct cg *cg, struct node *n, struct val *out)
{
	struct node *x = n->a;
	if (x->kind == N_VAR) {
		out->kind = V_REG;
		out->reg = reg_alloc(cg, out);
		emit(cg, I_MOV_REG(out->reg, cg->fp));
		emit(cg, I_ALU64_IMM(BPF_ADD, out->reg, cg->var_off[x->id]));
		return;
	}
	gen_expr(cg, x->a, out);	/* a pointer, or a record by its address */
	int r = val_in_reg(cg, out);
	if (x->member_offset)
		emit(cg, I_ALU64_IMM(BPF_ADD, r, (int)x->member_offset));
}

static void gen_unop(struct cg *cg, struct node *n, struct val *out)
{
	if (n->op == TK_AMP) {
		gen_address_of(cg, n, out);
		return;
	}
	if (n->op == TK_STAR && n->type.kind == T_STRUCT) {
		gen_expr(cg, n->a, out);	/* a record is used by its address */
		return;
	}
	if (n->op == TK_STAR) {
		struct val p = { 0 };
		gen_expr(cg, n->a, &p);
		int addr = val_in_reg(cg, &p);
		read_int(cg, addr, &n->type, reads_user(cg, &n->a->type), 0, 0, out);
		val_release(cg, &p);
		return;
	}
	if (n->op == TK_BANG) {
		gen_bool(cg, n, out);
		return;
	}
	gen_expr(cg, n->a, out);
	if (out->kind == V_IMM) {
		/* Two's complement wrap, as the BPF instruction would. */
		uint64_t u = (uint64_t)out->imm;
		out->imm = (int64_t)(n->op == TK_MINUS ? 0 - u : ~u);
		return;
	}
	int r = val_in_reg(cg, out);
	if (n->op == TK_MINUS)
		emit(cg, I_ALU64_IMM(BPF_NEG, r, 0));
	else
		emit(cg, I_ALU64_IMM(BPF_XOR, r, -1));
}

static void gen_ternary(struct cg *cg, struct node *n, struct val *out)
{
	struct fixups to_false = { 0 };
	gen_cond_jump_false(cg, n->a, &to_false);
	if (n->type.kind == T_NONE) {	/* two actions, no value */
		struct val v = { 0 };
		gen_expr(cg, n->b, &v);
		val_release(cg, &v);
		int to_end = here(cg);
		emit(cg, I_JA(0));
		patch_all(cg, &to_false, here(cg));
		gen_expr(cg, n->c, &v);
		val_release(cg, &v);
		patch_jump(cg, to_end, here(cg));
		return;
	}
	if (n->type.kind == T_STR) {
		uint32_t size = (n->type.size + 7) & ~7u;
		int off = stack_alloc(cg, size);
		struct val v = { 0 };
		gen_expr(cg, n->b, &v);
		store_val(cg, off, &n->type, &v);
		val_release(cg, &v);
		int to_end = here(cg);
		emit(cg, I_JA(0));
		patch_all(cg, &to_false, here(cg));
		gen_expr(cg, n->c, &v);
		store_val(cg, off, &n->type, &v);
		val_release(cg, &v);
		patch_jump(cg, to_end, here(cg));
		val_mem(out, off, size);
		return;
	}
	/* Both branches store into one slot: registers may be spilled
	 * differently on each path. */
	int slot = stack_alloc(cg, 8);
	struct val v = { 0 };
	gen_expr(cg, n->b, &v);
	store_val(cg, slot, &n->type, &v);
	val_release(cg, &v);
	int to_end = here(cg);
	emit(cg, I_JA(0));
	patch_all(cg, &to_false, here(cg));
	gen_expr(cg, n->c, &v);
	store_val(cg, slot, &n->type, &v);
	val_release(cg, &v);
	patch_jump(cg, to_end, here(cg));
	out->kind = V_SPILL;
	out->off = slot;
}

static void gen_tuple(struct cg *cg, struct node *n, struct val *out)
{
	uint32_t size = type_layout_size(&n->type);
	int off = stack_alloc(cg, size);
	for (int i = 0; i < n->nkids; i++) {
		struct node *kid = n->kids[i];
		int slot = i;
		if (kid->kind == N_ASSIGN) {	/* a record's NAME=value */
			slot = type_field_index(&n->type, kid->a->str);
			kid = kid->b;
		}
		struct val v = { 0 };
		gen_expr(cg, kid, &v);
		store_val(cg, off + (int)type_tuple_offset(&n->type, (uint32_t)slot),
			  &n->type.elems[slot], &v);
		val_release(cg, &v);
	}
	val_mem(out, off, size);
}

/* (int8[8])x: an integer's bytes as an array, in a zeroed slot; a kernel
 * array's bytes read from its address. A string or array already is its
 * bytes. */
static void gen_cast_to_array(struct cg *cg, struct node *n, struct val *out)
{
	if (type_in_memory(&n->a->type))
		return;	/* out is the source's memory; only the type changes */
	if (n->a->type.kind == T_STRUCT) {	/* a kernel array, by its address */
		int off = read_mem(cg, val_in_reg(cg, out), n->type.size, reads_user(cg, &n->a->type));
		val_release(cg, out);
		val_mem(out, off, type_layout_size(&n->type));
		return;
	}
	struct val v = *out;
	uint32_t size = type_layout_size(&n->type);	/* 8 but for an array of zeros */
	int off = stack_alloc(cg, size);
	stack_zero(cg, off, size);
	if (size > 8) {
		val_mem(out, off, size);
		return;
	}
	val_to(cg, &v, BPF_REG_0);
	val_release(cg, &v);
	emit(cg, I_STX(mem_size(n->type.size), cg->fp, BPF_REG_0, off));
	val_mem(out, off, size);
}

/* (uint32)$a: an integer read from an array's (or a byte string's) bytes. */
static void gen_cast_from_memory(struct cg *cg, struct node *n, struct val *out)
{
	int off = out->off;
	out->kind = V_REG;
	out->reg = reg_alloc(cg, out);
	load_int_at(cg, out->reg, cg->fp, off, &n->type);
}

static void gen_cast(struct cg *cg, struct node *n, struct val *out)
{
	gen_expr(cg, n->a, out);
	if (n->type.kind == T_ARRAY) {
		gen_cast_to_array(cg, n, out);
		return;
	}
	if (n->type.kind == T_INT && type_in_memory(&n->a->type)) {
		gen_cast_from_memory(cg, n, out);
		return;
	}
	if (n->type.kind == T_BOOL) {	/* any non-zero value is true */
		if (out->kind == V_IMM) {
			out->imm = out->imm != 0;
			return;
		}
		int r = val_in_reg(cg, out);
		emit(cg, I_JMP_IMM(BPF_JEQ, r, 0, 1));
		emit(cg, I_MOV_IMM(r, 1));
		return;
	}
	uint32_t bits = n->type.size * 8;
	if (bits >= 64)
		return;
	if (out->kind == V_IMM) {
		uint64_t v = (uint64_t)out->imm & ((1ULL << bits) - 1);
		if (n->type.is_signed && (v >> (bits - 1)))
			v |= ~((1ULL << bits) - 1);
		out->imm = (int64_t)v;
		return;
	}
	int r = val_in_reg(cg, out);
	emit(cg, I_ALU64_IMM(BPF_LSH, r, 64 - (int)bits));
	emit(cg, I_ALU64_IMM(n->type.is_signed ? BPF_ARSH : BPF_RSH, r, 64 - (int)bits));
}

static void gen_expr(struct cg *cg, struct node *n, struct val *out)
{
	out->kind = V_NONE;
	switch (n->kind) {
	case N_INT:
		out->kind = V_IMM;
		out->imm = n->num;
		break;
	case N_STR:
		gen_string_const(cg, n->str, (size_t)n->num, n->type.size, out);
		break;
	case N_POSITIONAL: {
		const struct options *o = &cg->prog->opts;
		if (n->str) {
			out->kind = V_IMM;
			out->imm = o->nparams;
		} else if (n->type.kind == T_INT) {
			out->kind = V_IMM;
			out->imm = n->num <= o->nparams ? strtoll(o->params[n->num - 1], NULL, 0) : 0;
		} else {
			const char *s = n->num <= o->nparams ? o->params[n->num - 1] : "";
			gen_string_const(cg, s, strlen(s), n->type.size, out);
		}
		break;
	}
	case N_BUILTIN:
		gen_builtin(cg, n, out);
		break;
	case N_VAR:
		if (type_in_memory(&n->type)) {
			val_mem(out, cg->var_off[n->id], type_layout_size(&n->type));
		} else {
			out->kind = V_REG;
			out->reg = reg_alloc(cg, out);
			emit(cg, I_LDX(BPF_DW, out->reg, cg->fp, cg->var_off[n->id]));
		}
		break;
	case N_MAP:
		gen_map_read(cg, n, out);
		break;
	case N_CALL:
		gen_call(cg, n, out);
		break;
	case N_BINOP:
		gen_binop(cg, n, out);
		break;
	case N_UNOP:
		gen_unop(cg, n, out);
		break;
	case N_TERNARY:
		gen_ternary(cg, n, out);
		break;
	case N_TUPLE:
		gen_tuple(cg, n, out);
		break;
	case N_TUPLE_INDEX: {
		struct val t = { 0 };
		gen_expr(cg, n->a, &t);
		int off = t.off + (int)type_tuple_offset(&n->a->type, (uint32_t)n->num);
		if (type_in_memory(&n->type)) {
			val_mem(out, off, type_layout_size(&n->type));
		} else {
			out->kind = V_REG;
			out->reg = reg_alloc(cg, out);
			emit(cg, I_LDX(BPF_DW, out->reg, cg->fp, off));
		}
		break;
	}
	case N_INDEX:
		gen_index(cg, n, out);
		break;
	case N_BLOCK_EXPR:
		for (int i = 0; i < n->nkids; i++)
			gen_stmt(cg, n->kids[i]);
		if (n->a)
			gen_expr(cg, n->a, out);
		break;
	case N_FIELD:
		if (n->a->kind == N_BUILTIN && !strcmp(n->a->str, "args"))
			gen_args_field(cg, n, out);
		else
			gen_btf_field(cg, n, out);
		break;
	case N_CAST:
		gen_cast(cg, n, out);
		break;
	case N_SIZEOF:
		out->kind = V_IMM;
		out->imm = n->num;
		break;
	case N_INCDEC:
		gen_incdec_value(cg, n, out);
		break;
	default:
		cg_error(cg, n->loc, "no code for %s", node_kind_name(n->kind));
	}
}

/* ---- aggregations ---- */

/* r3 = bucket index of the value in r1 for hist(n, bits), N = 2^bits
 * sub-buckets per power of two: 0 for negatives, n + 1 below N, else
 * ((L - bits + 1) << bits) + (the bits after the leading 1) + 1 where L is
 * the leading 1's position (bpftrace's numbering; with bits 0, L + 2). L
 * comes from a binary search over the bits. */
static void gen_log2_bucket(struct cg *cg, uint32_t bits)
{
	struct fixups done = { 0 };
	emit(cg, I_MOV_IMM(BPF_REG_3, 0));
	fixup_add(&done, here(cg));
	emit(cg, I_JMP_IMM(BPF_JSLT, BPF_REG_1, 0, 0));
	if (bits) {
		emit(cg, I_MOV_REG(BPF_REG_3, BPF_REG_1));
		emit(cg, I_ALU64_IMM(BPF_ADD, BPF_REG_3, 1));
	} else {
		emit(cg, I_MOV_IMM(BPF_REG_3, 1));
	}
	fixup_add(&done, here(cg));
	emit(cg, bits ? I_JMP_IMM(BPF_JLT, BPF_REG_1, 1 << bits, 0) : I_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0));
	if (bits)
		emit(cg, I_MOV_REG(BPF_REG_4, BPF_REG_1));
	emit(cg, I_MOV_IMM(BPF_REG_3, bits ? 0 : 2));
	for (int sh = 32; sh >= 1; sh /= 2) {
		/* if (r1 >> sh) { r1 >>= sh; r3 += sh; } */
		emit(cg, I_MOV_REG(BPF_REG_2, BPF_REG_1));
		emit(cg, I_ALU64_IMM(BPF_RSH, BPF_REG_2, sh));
		emit(cg, I_JMP_IMM(BPF_JEQ, BPF_REG_2, 0, 2));
		emit(cg, I_MOV_REG(BPF_REG_1, BPF_REG_2));
		emit(cg, I_ALU64_IMM(BPF_ADD, BPF_REG_3, sh));
	}
	if (bits) {	/* r3 = L - bits; the sub-bucket from the next bits */
		emit(cg, I_ALU64_IMM(BPF_SUB, BPF_REG_3, (int)bits));
		emit(cg, I_ALU64_REG(BPF_RSH, BPF_REG_4, BPF_REG_3));
		emit(cg, I_ALU64_IMM(BPF_AND, BPF_REG_4, (1 << bits) - 1));
		emit(cg, I_ALU64_IMM(BPF_ADD, BPF_REG_3, 1));
		emit(cg, I_ALU64_IMM(BPF_LSH, BPF_REG_3, (int)bits));
		emit(cg, I_ALU64_REG(BPF_ADD, BPF_REG_3, BPF_REG_4));
		emit(cg, I_ALU64_IMM(BPF_ADD, BPF_REG_3, 1));
	}
	patch_all(cg, &done, here(cg));
}

/* r3 = lhist bucket of r1: 0 below min, 1..n for the steps, n+1 at or above max. */
static void gen_linear_bucket(struct cg *cg, const struct type *t)
{
	int64_t nbuckets = (t->lhist_max - t->lhist_min) / t->lhist_step;
	struct fixups done = { 0 };
	emit(cg, I_MOV_IMM(BPF_REG_3, 0));
	emit_mov_imm(cg, BPF_REG_2, t->lhist_min);
	fixup_add(&done, here(cg));
	emit(cg, I_JMP_REG(BPF_JSLT, BPF_REG_1, BPF_REG_2, 0));
	emit_mov_imm(cg, BPF_REG_3, nbuckets + 1);
	emit_mov_imm(cg, BPF_REG_2, t->lhist_max);
	fixup_add(&done, here(cg));
	emit(cg, I_JMP_REG(BPF_JSGE, BPF_REG_1, BPF_REG_2, 0));
	emit_mov_imm(cg, BPF_REG_2, t->lhist_min);
	emit(cg, I_ALU64_REG(BPF_SUB, BPF_REG_1, BPF_REG_2));
	if (t->lhist_step <= INT32_MAX) {
		emit(cg, I_ALU64_IMM(BPF_DIV, BPF_REG_1, (int)t->lhist_step));
	} else {
		emit_mov_imm(cg, BPF_REG_2, t->lhist_step);
		emit(cg, I_ALU64_REG(BPF_DIV, BPF_REG_1, BPF_REG_2));
	}
	emit(cg, I_ALU64_IMM(BPF_ADD, BPF_REG_1, 1));
	emit(cg, I_MOV_REG(BPF_REG_3, BPF_REG_1));
	patch_all(cg, &done, here(cg));
}

static void gen_tseries_update(struct cg *cg, struct node *assign);

/* Adds r1 to the u64 at r0+off when r0 is a found entry: the caller has
 * already jumped away on NULL. */
static void gen_agg_update(struct cg *cg, struct node *assign)
{
	struct node *m = assign->a, *call_n = assign->b;
	const struct type *t = &cg->prog->maps[m->id].value;
	int map_id = m->id;
	if (t->kind == T_TSERIES) {
		gen_tseries_update(cg, assign);
		return;
	}
	struct val x = { .kind = V_IMM, .imm = 1 };
	if (t->kind != T_COUNT)
		gen_expr(cg, call_n->kids[0], &x);
	int key = gen_map_key(cg, m);
	if (t->kind == T_HIST || t->kind == T_LHIST) {
		const struct map_info *mi = &cg->prog->maps[map_id];
		val_to(cg, &x, BPF_REG_1);
		if (t->kind == T_HIST)
			gen_log2_bucket(cg, t->hist_bits);
		else
			gen_linear_bucket(cg, t);
		emit(cg, I_STX(map_is_array(mi) ? BPF_W : BPF_DW, cg->fp, BPF_REG_3,
			       key + (int)type_layout_size(&mi->key)));
		val_release(cg, &x);
		x.kind = V_IMM;
		x.imm = 1;
	}
	bool is_array = map_is_array(&cg->prog->maps[map_id]);
	uint32_t vsize = map_value_size(&cg->prog->maps[map_id]);
	int init = is_array ? 0 : stack_alloc(cg, vsize);
	gen_lookup(cg, map_id, key);
	int missing = here(cg);
	emit(cg, I_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0));
	/* Found: update this CPU's slot in place (per-CPU, no atomics needed). */
	if (t->kind != T_COUNT && t->kind != T_SUM && t->kind != T_HIST && t->kind != T_LHIST)
		val_to(cg, &x, BPF_REG_1);
	switch (t->kind) {
	case T_MIN: case T_MAX:
		/* if (!set || x beats value) { value = x; set = 1; } */
		emit(cg, I_LDX(BPF_DW, BPF_REG_2, BPF_REG_0, 8));
		emit(cg, I_JMP_IMM(BPF_JEQ, BPF_REG_2, 0, 2));
		emit(cg, I_LDX(BPF_DW, BPF_REG_2, BPF_REG_0, 0));
		emit(cg, I_JMP_REG(t->kind == T_MIN ? BPF_JSGE : BPF_JSLE, BPF_REG_1, BPF_REG_2, 2));
		emit(cg, I_STX(BPF_DW, BPF_REG_0, BPF_REG_1, 0));
		emit(cg, I_ST(BPF_DW, BPF_REG_0, 8, 1));
		break;
	case T_AVG: case T_STATS:
		emit(cg, I_LDX(BPF_DW, BPF_REG_2, BPF_REG_0, 0));
		emit(cg, I_ALU64_IMM(BPF_ADD, BPF_REG_2, 1));
		emit(cg, I_STX(BPF_DW, BPF_REG_0, BPF_REG_2, 0));
		emit(cg, I_LDX(BPF_DW, BPF_REG_2, BPF_REG_0, 8));
		emit(cg, I_ALU64_REG(BPF_ADD, BPF_REG_2, BPF_REG_1));
		emit(cg, I_STX(BPF_DW, BPF_REG_0, BPF_REG_2, 8));
		break;
	default:	/* count, sum, hist, lhist buckets */
		emit(cg, I_LDX(BPF_DW, BPF_REG_2, BPF_REG_0, 0));
		emit_alu(cg, BPF_ADD, BPF_REG_2, &x, false);
		emit(cg, I_STX(BPF_DW, BPF_REG_0, BPF_REG_2, 0));
	}
	if (is_array) {
		/* Array entries always exist; NULL only satisfies the verifier. */
		patch_jump(cg, missing, here(cg));
		val_release(cg, &x);
		return;
	}
	int done = here(cg);
	emit(cg, I_JA(0));
	patch_jump(cg, missing, here(cg));
	/* Missing: insert the first value. */
	val_to(cg, &x, BPF_REG_1);
	switch (t->kind) {
	case T_MIN: case T_MAX:
		emit(cg, I_STX(BPF_DW, cg->fp, BPF_REG_1, init));
		emit(cg, I_ST(BPF_DW, cg->fp, init + 8, 1));
		break;
	case T_AVG: case T_STATS:
		emit(cg, I_ST(BPF_DW, cg->fp, init, 1));
		emit(cg, I_STX(BPF_DW, cg->fp, BPF_REG_1, init + 8));
		break;
	default:
		emit(cg, I_STX(BPF_DW, cg->fp, BPF_REG_1, init));
	}
	gen_update(cg, map_id, key, init, BPF_ANY);
	patch_jump(cg, done, here(cg));
	val_release(cg, &x);
}

/* @m[k] = tseries(v, interval, n[, agg]): the slot of the current
 * interval (its number modulo n) holds struct tseries_slot; a slot still
 * holding an older interval starts over. Per CPU, so plain stores. */
static void gen_tseries_update(struct cg *cg, struct node *assign)
{
	struct node *m = assign->a;
	const struct type *t = &cg->prog->maps[m->id].value;
	int key = gen_map_key(cg, m);
	int x = stack_alloc(cg, 8), now = stack_alloc(cg, 8), slot = stack_alloc(cg, 24);
	struct val v = { 0 };
	gen_expr(cg, assign->b->kids[0], &v);
	val_to(cg, &v, BPF_REG_1);
	val_release(cg, &v);
	emit(cg, I_STX(BPF_DW, cg->fp, BPF_REG_1, x));
	call(cg, BPF_FUNC_ktime_get_tai_ns);
	emit(cg, I_STX(BPF_DW, cg->fp, BPF_REG_0, now));
	emit_mov_imm(cg, BPF_REG_1, (int64_t)t->interval_ns);
	emit(cg, I_ALU64_REG(BPF_DIV, BPF_REG_0, BPF_REG_1));
	emit(cg, I_STX(BPF_DW, cg->fp, BPF_REG_0, slot + 16));	/* the epoch */
	emit(cg, I_ALU64_IMM(BPF_MOD, BPF_REG_0, (int)t->nintervals));
	emit(cg, I_STX(BPF_DW, cg->fp, BPF_REG_0, key + (int)type_layout_size(&cg->prog->maps[m->id].key)));
	gen_lookup(cg, m->id, key);
	int missing = here(cg);
	emit(cg, I_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0));
	emit(cg, I_LDX(BPF_DW, BPF_REG_3, cg->fp, slot + 16));
	emit(cg, I_LDX(BPF_DW, BPF_REG_2, BPF_REG_0, 16));
	if (t->tseries_agg != TSERIES_LAST) {	/* an older interval: start over */
		emit(cg, I_JMP_REG(BPF_JEQ, BPF_REG_2, BPF_REG_3, 2));
		emit(cg, I_ST(BPF_DW, BPF_REG_0, 0, 0));
		emit(cg, I_ST(BPF_DW, BPF_REG_0, 8, 0));
	}
	emit(cg, I_STX(BPF_DW, BPF_REG_0, BPF_REG_3, 16));
	emit(cg, I_LDX(BPF_DW, BPF_REG_1, cg->fp, x));
	switch (t->tseries_agg) {
	case TSERIES_AVG:
		emit(cg, I_LDX(BPF_DW, BPF_REG_2, BPF_REG_0, 8));
		emit(cg, I_ALU64_IMM(BPF_ADD, BPF_REG_2, 1));
		emit(cg, I_STX(BPF_DW, BPF_REG_0, BPF_REG_2, 8));
		__attribute__((fallthrough));	/* and the sum */
	case TSERIES_SUM:
		emit(cg, I_LDX(BPF_DW, BPF_REG_2, BPF_REG_0, 0));
		emit(cg, I_ALU64_REG(BPF_ADD, BPF_REG_2, BPF_REG_1));
		emit(cg, I_STX(BPF_DW, BPF_REG_0, BPF_REG_2, 0));
		break;
	case TSERIES_MIN: case TSERIES_MAX: {
		/* if (!set || x beats value) { value = x; set = 1; } */
		bool min = t->tseries_agg == TSERIES_MIN;
		int keep = min ? (t->is_signed ? BPF_JSGE : BPF_JGE) : (t->is_signed ? BPF_JSLE : BPF_JLE);
		emit(cg, I_LDX(BPF_DW, BPF_REG_2, BPF_REG_0, 8));
		emit(cg, I_JMP_IMM(BPF_JEQ, BPF_REG_2, 0, 2));
		emit(cg, I_LDX(BPF_DW, BPF_REG_2, BPF_REG_0, 0));
		emit(cg, I_JMP_REG(keep, BPF_REG_1, BPF_REG_2, 2));
		emit(cg, I_STX(BPF_DW, BPF_REG_0, BPF_REG_1, 0));
		emit(cg, I_ST(BPF_DW, BPF_REG_0, 8, 1));
		break;
	}
	default:	/* the last value, with its time */
		emit(cg, I_STX(BPF_DW, BPF_REG_0, BPF_REG_1, 0));
		emit(cg, I_LDX(BPF_DW, BPF_REG_2, cg->fp, now));
		emit(cg, I_STX(BPF_DW, BPF_REG_0, BPF_REG_2, 8));
	}
	int done = here(cg);
	emit(cg, I_JA(0));
	patch_jump(cg, missing, here(cg));
	/* Missing: the slot as the first value makes it (epoch already set). */
	emit(cg, I_LDX(BPF_DW, BPF_REG_1, cg->fp, x));
	emit(cg, I_STX(BPF_DW, cg->fp, BPF_REG_1, slot));
	if (t->tseries_agg == TSERIES_LAST) {
		emit(cg, I_LDX(BPF_DW, BPF_REG_2, cg->fp, now));
		emit(cg, I_STX(BPF_DW, cg->fp, BPF_REG_2, slot + 8));
	} else {
		emit(cg, I_ST(BPF_DW, cg->fp, slot + 8, t->tseries_agg != TSERIES_SUM));
	}
	gen_update(cg, m->id, key, slot, BPF_ANY);
	patch_jump(cg, done, here(cg));
}

/* ---- statements ---- */

/* @m[k] op= value for integer maps (op TK_ASSIGN for plain stores). */
static void gen_map_assign(struct cg *cg, struct node *n)
{
	struct node *m = n->a;
	const struct map_info *mi = &cg->prog->maps[m->id];
	if (type_is_agg(&mi->value) && n->b->kind == N_CALL && type_is_agg(&n->b->type)) {
		gen_agg_update(cg, n);
		return;
	}
	struct val v = { 0 };
	gen_expr(cg, n->b, &v);
	int key = gen_map_key(cg, m);
	uint32_t vsize = map_value_size(mi);
	int value = stack_alloc(cg, vsize);
	if (n->op == TK_ASSIGN) {
		store_val(cg, value, &mi->value, &v);
		gen_update(cg, m->id, key, value, BPF_ANY);
		val_release(cg, &v);
		return;
	}
	/* Read-modify-write; '+=' and '-=' are atomic on an existing entry. */
	int op = alu_op(n->op);
	gen_lookup(cg, m->id, key);
	int missing = here(cg);
	emit(cg, I_JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0));
	val_to(cg, &v, BPF_REG_1);
	if (op == BPF_ADD || op == BPF_SUB) {
		if (op == BPF_SUB)
			emit(cg, I_ALU64_IMM(BPF_NEG, BPF_REG_1, 0));
		emit(cg, I_ATOMIC_ADD(BPF_REG_0, BPF_REG_1, 0));
	} else {
		emit(cg, I_LDX(BPF_DW, BPF_REG_2, BPF_REG_0, 0));
		emit(cg, I_ALU64_REG(op == BPF_RSH && mi->value.is_signed ? BPF_ARSH : op, BPF_REG_2, BPF_REG_1));
		emit(cg, I_STX(BPF_DW, BPF_REG_0, BPF_REG_2, 0));
	}
	int done = here(cg);
	emit(cg, I_JA(0));
	patch_jump(cg, missing, here(cg));
	/* Missing entries start from 0. */
	emit(cg, I_MOV_IMM(BPF_REG_2, 0));
	val_to(cg, &v, BPF_REG_1);
	emit(cg, I_ALU64_REG(op, BPF_REG_2, BPF_REG_1));
	emit(cg, I_STX(BPF_DW, cg->fp, BPF_REG_2, value));
	gen_update(cg, m->id, key, value, BPF_ANY);
	patch_jump(cg, done, here(cg));
	val_release(cg, &v);
}

static void gen_var_assign(struct cg *cg, struct node *n)
{
	int slot = cg->var_off[n->a->id];
	struct val v = { 0 };
	gen_expr(cg, n->b, &v);
	const struct var_info *vi = &cg->pi->vars[n->a->id];
	if (n->op == TK_ASSIGN) {
		store_val(cg, slot, &vi->type, &v);
	} else {
		emit(cg, I_LDX(BPF_DW, BPF_REG_5, cg->fp, slot));
		struct val cur = { 0 };
		val_from_reg(cg, &cur, BPF_REG_5);
		emit_alu(cg, alu_op(n->op), cur.reg, &v, vi->type.is_signed);
		emit(cg, I_STX(BPF_DW, cg->fp, cur.reg, slot));
		val_release(cg, &cur);
	}
	val_release(cg, &v);
}

static void gen_incdec(struct cg *cg, struct node *n)
{
	struct node fake = { .kind = N_ASSIGN, .loc = n->loc,
			     .op = n->op == TK_INC ? TK_ADD_ASSIGN : TK_SUB_ASSIGN };
	struct node one = { .kind = N_INT, .num = 1, .loc = n->loc };
	fake.a = n->a;
	fake.b = &one;
	if (n->a->kind == N_MAP)
		gen_map_assign(cg, &fake);
	else
		gen_var_assign(cg, &fake);
}

/* $x++ and ++$x as values: update, read back, and for the postfix form
 * undo the step in the copy. */
static void gen_incdec_value(struct cg *cg, struct node *n, struct val *out)
{
	gen_incdec(cg, n);
	gen_expr(cg, n->a, out);
	if (n->num)
		return;
	struct val one = { .kind = V_IMM, .imm = 1 };
	int r = val_in_reg(cg, out);
	emit_alu(cg, n->op == TK_INC ? BPF_SUB : BPF_ADD, r, &one, n->type.is_signed);
}

static void gen_block(struct cg *cg, struct node *blk);
static void gen_nested_block(struct cg *cg, struct node *blk);

/* for ($kv : @m): bpf_for_each_map_elem(map, callback, frame, 0). The
 * callback gets a pointer to this frame so $variables stay where they are. */
static void gen_map_loop_call(struct cg *cg, struct node *n)
{
	cg->map_loops = realloc(cg->map_loops, (size_t)(cg->nmap_loops + 1) * sizeof(*cg->map_loops));
	if (!cg->map_loops)
		abort();
	struct map_loop *ml = &cg->map_loops[cg->nmap_loops++];
	emit_map_ref(cg, BPF_REG_1, n->b->id);
	ml->node = n;
	ml->ld_insn = here(cg);
	ml->stack_mark = cg->stack;
	emit(cg, I_LD64_LO(BPF_REG_2, BPF_PSEUDO_FUNC, 0));
	emit(cg, I_LD64_HI(0));
	emit(cg, I_MOV_REG(BPF_REG_3, cg->fp));
	emit(cg, I_ALU64_IMM(BPF_ADD, BPF_REG_3, -cg->frame_limit));
	emit(cg, I_MOV_IMM(BPF_REG_4, 0));
	call(cg, BPF_FUNC_for_each_map_elem);
}

/* len(@m): bpf_for_each_map_elem returns how many entries it visited; the
 * callback only goes on. */
/* len(kstack), len(ustack): how many frames bpf_get_stack finds (up to
 * the stack's depth), 0 if none. */
static void gen_stack_len(struct cg *cg, const struct type *t, struct val *out)
{
	uint32_t size = 8 * t->stack_depth;
	int off = stack_alloc(cg, size);
	emit(cg, I_MOV_REG(BPF_REG_1, R_CTX));
	mem_addr(cg, &(struct val){ .off = off }, BPF_REG_2);
	emit(cg, I_MOV_IMM(BPF_REG_3, (int)size));
	emit(cg, I_MOV_IMM(BPF_REG_4, t->kind == T_USTACK ? BPF_F_USER_STACK : 0));
	call(cg, BPF_FUNC_get_stack);
	emit(cg, I_JMP_IMM(BPF_JSGE, BPF_REG_0, 0, 1));
	emit(cg, I_MOV_IMM(BPF_REG_0, 0));
	emit(cg, I_ALU64_IMM(BPF_RSH, BPF_REG_0, 3));
	val_from_reg(cg, out, BPF_REG_0);
}

static void gen_len(struct cg *cg, struct node *n, struct val *out)
{
	const struct type *arg = &n->kids[0]->type;
	if (arg->kind == T_KSTACK || arg->kind == T_USTACK) {
		gen_stack_len(cg, arg, out);
		return;
	}
	emit_map_ref(cg, BPF_REG_1, n->kids[0]->id);
	fixup_add(&cg->count_callbacks, here(cg));
	emit(cg, I_LD64_LO(BPF_REG_2, BPF_PSEUDO_FUNC, 0));
	emit(cg, I_LD64_HI(0));
	emit(cg, I_MOV_IMM(BPF_REG_3, 0));
	emit(cg, I_MOV_IMM(BPF_REG_4, 0));
	call(cg, BPF_FUNC_for_each_map_elem);
	val_from_reg(cg, out, BPF_REG_0);
}

static void gen_count_callback(struct cg *cg)
{
	if (!cg->count_callbacks.n)
		return;
	struct bpf_code *c = cg->code;
	int start = here(cg);
	c->subprogs = realloc(c->subprogs, (size_t)(c->nsubprogs + 1) * sizeof(int));
	if (!c->subprogs)
		abort();
	c->subprogs[c->nsubprogs++] = start;
	for (int i = 0; i < cg->count_callbacks.n; i++) {
		int ld = cg->count_callbacks.at[i];
		cg->code->insns[ld].imm = start - ld - 1;
	}
	free(cg->count_callbacks.at);
	memset(&cg->count_callbacks, 0, sizeof(cg->count_callbacks));
	emit(cg, I_MOV_IMM(BPF_REG_0, 0));
	emit(cg, I_EXIT());
}

/* The callback of a map loop: (map, key, value, frame) -> 0 to go on, 1 to
 * stop. Its frame is the program's (through r9), one register fewer. */
static void gen_map_loop_callback(struct cg *cg, const struct map_loop *ml)
{
	struct node *n = ml->node;
	struct bpf_code *c = cg->code;
	int start = here(cg);
	c->subprogs = realloc(c->subprogs, (size_t)(c->nsubprogs + 1) * sizeof(int));
	if (!c->subprogs)
		abort();
	c->subprogs[c->nsubprogs++] = start;
	cg->code->insns[ml->ld_insn].imm = start - ml->ld_insn - 1;
	int saved_fp = cg->fp, saved_nvregs = cg->nvregs, saved_stack = cg->stack;
	struct fixups saved_returns = cg->returns;
	memset(&cg->returns, 0, sizeof(cg->returns));
	cg->loc = n->loc;
	cg->fp = R_SCRATCH_FP;
	cg->nvregs = NVREGS - 1;
	cg->stack = ml->stack_mark;
	cg->dead = false;	/* a new function: reachable from its start */
	emit(cg, I_MOV_REG(R_SCRATCH_FP, BPF_REG_4));
	emit(cg, I_ALU64_IMM(BPF_ADD, R_SCRATCH_FP, cg->frame_limit));
	const struct map_info *mi = &cg->prog->maps[n->b->id];
	int slot = cg->var_off[n->a->id];
	uint32_t ksize = type_layout_size(&mi->key);
	mem_to_stack(cg, slot, BPF_REG_2, ksize);
	if (type_is_agg(&mi->value)) {	/* the value over every CPU */
		int acc = gen_percpu_read(cg, n->b->id, slot, mi->value.kind);
		emit(cg, I_LDX(BPF_DW, BPF_REG_1, cg->fp, acc));
		emit(cg, I_STX(BPF_DW, cg->fp, BPF_REG_1, slot + (int)ksize));
	} else {
		mem_to_stack(cg, slot + (int)ksize, BPF_REG_3, type_layout_size(&mi->value));
	}
	struct loop loop = { 0 }, *outer = cg->loop;
	cg->loop = &loop;
	gen_block(cg, n->c);
	cg->loop = outer;
	/* Each way out is emitted only if something reaches it: the verifier
	 * refuses unreachable code. */
	bool falls_through = !cg->dead;
	cg->dead = false;
	if (falls_through || loop.continues.n) {
		patch_all(cg, &loop.continues, here(cg));
		emit(cg, I_MOV_IMM(BPF_REG_0, 0));
		emit(cg, I_EXIT());
	}
	/* break, and exit() (which stops the loop after sending its event) */
	if (loop.breaks.n || cg->returns.n) {
		patch_all(cg, &loop.breaks, here(cg));
		patch_all(cg, &cg->returns, here(cg));
		emit(cg, I_MOV_IMM(BPF_REG_0, 1));
		emit(cg, I_EXIT());
	}
	cg->returns = saved_returns;
	cg->fp = saved_fp;
	cg->nvregs = saved_nvregs;
	cg->stack = saved_stack;
	for (int i = 0; i < NVREGS; i++)
		cg->vregs[i].owner = NULL;
}

static void gen_stmt(struct cg *cg, struct node *n)
{
	int stack_mark = cg->stack;
	cg->loc = n->loc;
	switch (n->kind) {
	case N_EXPR_STMT:
		if (n->a->kind == N_INCDEC) {
			gen_incdec(cg, n->a);
		} else if (n->a->kind == N_CALL && !strcmp(n->a->str, "delete")) {
			gen_delete_call(cg, n->a, NULL);
		} else {
			struct val v = { 0 };
			gen_expr(cg, n->a, &v);
			val_release(cg, &v);
		}
		break;
	case N_ASSIGN:
		if (n->a->kind == N_MAP)
			gen_map_assign(cg, n);
		else
			gen_var_assign(cg, n);
		break;
	case N_IF: {
		struct fixups to_else = { 0 };
		gen_cond_jump_false(cg, n->a, &to_else);
		cg->stack = stack_mark;
		gen_block(cg, n->b);
		bool then_dead = cg->dead;
		cg->dead = false;
		if (n->c) {
			/* No jump over the else branch after a then branch that
			 * returned: the verifier refuses unreachable jumps. */
			int to_end = then_dead ? -1 : here(cg);
			if (!then_dead)
				emit(cg, I_JA(0));
			patch_all(cg, &to_else, here(cg));
			gen_stmt(cg, n->c);
			cg->dead = then_dead && cg->dead;
			if (!then_dead)
				patch_jump(cg, to_end, here(cg));
		} else {
			patch_all(cg, &to_else, here(cg));
		}
		break;
	}
	case N_WHILE: {
		struct loop loop = { 0 }, *outer = cg->loop;
		int head = here(cg);
		struct fixups to_end = { 0 };
		gen_cond_jump_false(cg, n->a, &to_end);
		cg->stack = stack_mark;
		cg->loop = &loop;
		gen_nested_block(cg, n->b);
		cg->loop = outer;
		patch_all(cg, &loop.continues, head);
		emit(cg, I_JA(head - here(cg) - 1));
		patch_all(cg, &to_end, here(cg));
		patch_all(cg, &loop.breaks, here(cg));
		break;
	}
	case N_FOR: {
		if (n->b->kind == N_MAP) {
			gen_map_loop_call(cg, n);
			break;
		}
		/* for ($i : a..b): $i from a while $i < b; continue steps $i. */
		int slot = cg->var_off[n->a->id];
		struct val v = { 0 };
		gen_expr(cg, n->b->a, &v);
		store_val(cg, slot, &n->a->type, &v);
		val_release(cg, &v);
		struct val end = { 0 };
		int end_slot = stack_alloc(cg, 8);
		gen_expr(cg, n->b->b, &end);
		store_val(cg, end_slot, &n->a->type, &end);
		val_release(cg, &end);
		struct loop loop = { 0 }, *outer = cg->loop;
		int head = here(cg);
		emit(cg, I_LDX(BPF_DW, BPF_REG_1, cg->fp, slot));
		emit(cg, I_LDX(BPF_DW, BPF_REG_2, cg->fp, end_slot));
		struct fixups to_end = { 0 };
		fixup_add(&to_end, here(cg));
		emit(cg, I_JMP_REG(BPF_JSGE, BPF_REG_1, BPF_REG_2, 0));
		cg->loop = &loop;
		gen_nested_block(cg, n->c);
		cg->loop = outer;
		patch_all(cg, &loop.continues, here(cg));
		emit(cg, I_LDX(BPF_DW, BPF_REG_1, cg->fp, slot));
		emit(cg, I_ALU64_IMM(BPF_ADD, BPF_REG_1, 1));
		emit(cg, I_STX(BPF_DW, cg->fp, BPF_REG_1, slot));
		emit(cg, I_JA(head - here(cg) - 1));
		patch_all(cg, &to_end, here(cg));
		patch_all(cg, &loop.breaks, here(cg));
		break;
	}
	case N_UNROLL:
		for (int64_t i = 0; i < n->num && !cg->dead; i++)
			gen_block(cg, n->b);
		cg->dead = false;
		break;
	case N_BLOCK:
		gen_block(cg, n);	/* dead code after it stays dead */
		break;
	case N_BREAK:
		fixup_add(&cg->loop->breaks, here(cg));
		emit(cg, I_JA(0));
		cg->dead = true;
		break;
	case N_CONTINUE:
		fixup_add(&cg->loop->continues, here(cg));
		emit(cg, I_JA(0));
		cg->dead = true;
		break;
	case N_RETURN:
		if (n->a) {	/* the program's return value: a test probe's verdict */
			struct val v = { 0 };
			gen_expr(cg, n->a, &v);
			emit(cg, I_MOV_REG(BPF_REG_0, val_in_reg(cg, &v)));
			val_release(cg, &v);
			fixup_add(&cg->value_returns, here(cg));
		} else {
			fixup_add(&cg->returns, here(cg));
		}
		emit(cg, I_JA(0));
		cg->dead = true;
		break;
	default:
		cg_error(cg, n->loc, "no code for %s statement", node_kind_name(n->kind));
	}
	cg->stack = stack_mark;
	for (int i = 0; i < cg->nvregs; i++)
		cg->vregs[i].owner = NULL;
}

/* Statements after an unconditional jump are never run; emitting them
 * would give the verifier unreachable code. The code after a nested block
 * is reachable again (through the other branch or the loop exit). */
static void gen_block(struct cg *cg, struct node *blk)
{
	for (int i = 0; i < blk->nkids && !cg->dead; i++)
		gen_stmt(cg, blk->kids[i]);
}

static void gen_nested_block(struct cg *cg, struct node *blk)
{
	gen_block(cg, blk);
	cg->dead = false;
}

/* ---- programs ---- */

/* Whether instruction `target` (at most n) is reached from the first of
 * insns[0..n): a walk of the jumps, as the verifier's own check does. */
static bool insn_reachable(const struct bpf_insn *insns, int n, int target)
{
	bool *seen = calloc((size_t)n + 1, sizeof(*seen));
	int *todo = calloc(2 * (size_t)n + 4, sizeof(*todo));
	if (!seen || !todo)
		abort();
	int ntodo = 0;
	bool found = false;
	todo[ntodo++] = 0;
	while (ntodo && !found) {
		int i = todo[--ntodo];
		if (i < 0 || i > n || seen[i])
			continue;
		seen[i] = true;
		found = i == target;
		if (i == n)
			continue;
		const struct bpf_insn *in = &insns[i];
		uint8_t cls = BPF_CLASS(in->code), op = BPF_OP(in->code);
		bool jump = (cls == BPF_JMP || cls == BPF_JMP32) && op != BPF_CALL;
		if (jump && op == BPF_EXIT)
			continue;
		if (jump)
			todo[ntodo++] = i + 1 + in->off;
		if (!jump || op != BPF_JA)
			todo[ntodo++] = i + (in->code == (BPF_LD | BPF_IMM | BPF_DW) ? 2 : 1);
	}
	free(seen);
	free(todo);
	return found;
}

static int gen_program(struct cg *cg)
{
	struct probe_info *pi = cg->pi;
	struct node *probe = pi->node;
	cg->loc = probe->loc;
	emit(cg, I_MOV_REG(R_CTX, BPF_REG_1));
	if (cg->probe->guard_offset) {
		emit(cg, I_LDX(BPF_DW, BPF_REG_1, R_CTX, (int)cg->probe->guard_offset));
		fixup_add(&cg->returns, here(cg));
		emit(cg, I_JMP_IMM(BPF_JEQ, BPF_REG_1, 0, 0));
	}
	if (cg->probe->prov->run == RUN_ON_EVENT) {
		/* Once bpfkit is exiting its probes may stay attached for a
		 * moment while they are detached; they must do nothing. */
		emit(cg, I_LD64_LO(BPF_REG_1, BPF_PSEUDO_MAP_VALUE, internal_map(cg, IMAP_STATE)));
		emit(cg, I_LD64_HI((int)offsetof(struct bpf_state, stopped)));
		emit(cg, I_LDX(BPF_DW, BPF_REG_1, BPF_REG_1, 0));
		fixup_add(&cg->returns, here(cg));
		emit(cg, I_JMP_IMM(BPF_JNE, BPF_REG_1, 0, 0));
	}
	if (cg->fp == R_SCRATCH_FP) {
		/* r9 = end of this CPU's scratch value; exit if missing. */
		emit(cg, I_ST(BPF_W, BPF_REG_10, -8, 0));
		emit_map_ref(cg, BPF_REG_1, internal_map(cg, IMAP_SCRATCH));
		emit(cg, I_MOV_REG(BPF_REG_2, BPF_REG_10));
		emit(cg, I_ALU64_IMM(BPF_ADD, BPF_REG_2, -8));
		call(cg, BPF_FUNC_map_lookup_elem);
		emit(cg, I_JMP_IMM(BPF_JNE, BPF_REG_0, 0, 2));
		emit(cg, I_MOV_IMM(BPF_REG_0, 0));
		emit(cg, I_EXIT());
		emit(cg, I_MOV_REG(R_SCRATCH_FP, BPF_REG_0));
		emit(cg, I_ALU64_IMM(BPF_ADD, R_SCRATCH_FP, SCRATCH_BYTES));
	}
	cg->var_off = calloc((size_t)pi->nvars + 1, sizeof(int));
	if (!cg->var_off)
		abort();
	for (int i = 0; i < pi->nvars; i++) {
		uint32_t size = type_layout_size(&pi->vars[i].type);
		cg->var_off[i] = stack_alloc(cg, size ? size : 8);
		stack_zero(cg, cg->var_off[i], size ? size : 8);
	}
	if (probe->a) {
		struct fixups to_false = { 0 };
		int mark = cg->stack;
		cg->loc = probe->a->loc;
		gen_cond_jump_false(cg, probe->a, &to_false);
		cg->stack = mark;
		for (int i = 0; i < to_false.n; i++)
			fixup_add(&cg->returns, to_false.at[i]);
		free(to_false.at);
		for (int i = 0; i < cg->nvregs; i++)
			cg->vregs[i].owner = NULL;
	}
	gen_block(cg, probe->b);
	cg->loc = probe->loc;
	patch_all(cg, &cg->returns, here(cg));
	/* When every path ends in `return VALUE`, `r0 = 0` would be an
	 * instruction the verifier refuses as unreachable. Those returns
	 * jump past it. */
	for (int i = 0; i < cg->value_returns.n; i++)
		patch_jump(cg, cg->value_returns.at[i], here(cg) + 1);
	if (insn_reachable(cg->code->insns, here(cg), here(cg)))
		emit(cg, I_MOV_IMM(BPF_REG_0, 0));
	patch_all(cg, &cg->value_returns, here(cg));
	emit(cg, I_EXIT());
	for (int i = 0; i < cg->nmap_loops; i++)
		gen_map_loop_callback(cg, &cg->map_loops[i]);
	gen_count_callback(cg);
	free(cg->map_loops);
	cg->map_loops = NULL;
	cg->nmap_loops = 0;
	free(cg->var_off);
	cg->var_off = NULL;
	return cg->failed ? -EINVAL : 0;
}

static struct bpf_code *new_code(struct codegen_result *r)
{
	r->progs = realloc(r->progs, (size_t)(r->nprogs + 1) * sizeof(*r->progs));
	if (!r->progs)
		abort();
	struct bpf_code *c = &r->progs[r->nprogs++];
	memset(c, 0, sizeof(*c));
	return c;
}

static int gen_for_probes(struct program *prog, struct probe_info *pi,
			  struct probe **probes, int nprobes,
			  struct codegen_result *out, struct diag *diag)
{
	struct bpf_code *c = new_code(out);
	snprintf(c->name, sizeof(c->name), "bpfkit_%u", (unsigned)(out->nprogs - 1) % 100000u);
	c->pi = pi;
	c->type = probes[0]->prov->prog_type;
	c->probes = calloc((size_t)nprobes, sizeof(*c->probes));
	if (!c->probes)
		abort();
	memcpy(c->probes, probes, (size_t)nprobes * sizeof(*probes));
	c->nprobes = nprobes;
	struct cg cg = { .prog = prog, .pi = pi, .probe = probes[0], .diag = diag, .code = c,
			 .fp = BPF_REG_10, .nvregs = NVREGS, .frame_limit = STACK_LIMIT };
	int err = gen_program(&cg);
	if (!err && cg.overflow) {
		struct cg big = { .prog = prog, .pi = pi, .probe = probes[0], .diag = diag,
				  .code = c, .fp = R_SCRATCH_FP, .nvregs = NVREGS - 1,
				  .frame_limit = SCRATCH_BYTES };
		c->ninsns = 0;
		free(c->insns);
		free(c->locs);
		free(c->subprogs);
		c->insns = NULL;
		c->locs = NULL;
		c->subprogs = NULL;
		c->nsubprogs = 0;
		err = gen_program(&big);
	}
	return err;
}

int codegen_run(struct program *prog, struct codegen_result *out, struct diag *diag)
{
	memset(out, 0, sizeof(*out));
	for (int i = 0; i < prog->nprobes; i++) {
		struct probe_info *pi = &prog->probes[i];
		/* One program per probe when the code differs per probe (args,
		 * probe name); else one per provider, shared by its probes. */
		int start = 0;
		while (start < pi->probes.n) {
			int end = start + 1;
			while (!pi->per_probe_code && end < pi->probes.n &&
			       pi->probes.v[end]->prov == pi->probes.v[start]->prov)
				end++;
			if (gen_for_probes(prog, pi, pi->probes.v + start, end - start, out, diag))
				return -EINVAL;
			start = end;
		}
	}
	return 0;
}

void codegen_free(struct codegen_result *r)
{
	for (int i = 0; i < r->nprogs; i++) {
		free(r->progs[i].insns);
		free(r->progs[i].locs);
		free(r->progs[i].probes);
		free(r->progs[i].subprogs);
	}
	free(r->progs);
	memset(r, 0, sizeof(*r));
}
