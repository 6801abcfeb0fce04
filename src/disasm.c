/* Readable BPF assembly (the kernel verifier's notation) for -d. */
#include <stdio.h>
#include "bpf_insn.h"

static const char *helper_name(int id)
{
	switch (id) {
	case BPF_FUNC_map_lookup_elem: return "map_lookup_elem";
	case BPF_FUNC_map_update_elem: return "map_update_elem";
	case BPF_FUNC_map_delete_elem: return "map_delete_elem";
	case BPF_FUNC_ktime_get_ns: return "ktime_get_ns";
	case BPF_FUNC_get_prandom_u32: return "get_prandom_u32";
	case BPF_FUNC_get_smp_processor_id: return "get_smp_processor_id";
	case BPF_FUNC_get_current_pid_tgid: return "get_current_pid_tgid";
	case BPF_FUNC_get_current_uid_gid: return "get_current_uid_gid";
	case BPF_FUNC_get_current_comm: return "get_current_comm";
	case BPF_FUNC_get_current_task: return "get_current_task";
	case BPF_FUNC_get_numa_node_id: return "get_numa_node_id";
	case BPF_FUNC_get_current_cgroup_id: return "get_current_cgroup_id";
	case BPF_FUNC_probe_read_user_str: return "probe_read_user_str";
	case BPF_FUNC_probe_read_kernel_str: return "probe_read_kernel_str";
	case BPF_FUNC_probe_read_user: return "probe_read_user";
	case BPF_FUNC_probe_read_kernel: return "probe_read_kernel";
	case BPF_FUNC_ringbuf_output: return "ringbuf_output";
	case BPF_FUNC_get_stackid: return "get_stackid";
	default: return "helper";
	}
}

static const char *size_name(int code)
{
	switch (BPF_SIZE(code)) {
	case BPF_B: return "u8";
	case BPF_H: return "u16";
	case BPF_W: return "u32";
	default: return "u64";
	}
}

static const char *alu_name(int op)
{
	switch (op) {
	case BPF_ADD: return "+=";
	case BPF_SUB: return "-=";
	case BPF_MUL: return "*=";
	case BPF_DIV: return "/=";
	case BPF_MOD: return "%=";
	case BPF_OR: return "|=";
	case BPF_AND: return "&=";
	case BPF_LSH: return "<<=";
	case BPF_RSH: return ">>=";
	case BPF_ARSH: return "s>>=";
	case BPF_XOR: return "^=";
	case BPF_MOV: return "=";
	default: return "?=";
	}
}

static const char *jmp_name(int op)
{
	switch (op) {
	case BPF_JEQ: return "==";
	case BPF_JNE: return "!=";
	case BPF_JGT: return ">";
	case BPF_JGE: return ">=";
	case BPF_JLT: return "<";
	case BPF_JLE: return "<=";
	case BPF_JSGT: return "s>";
	case BPF_JSGE: return "s>=";
	case BPF_JSLT: return "s<";
	case BPF_JSLE: return "s<=";
	case BPF_JSET: return "&";
	default: return "?";
	}
}

static void print_alu(FILE *f, const struct bpf_insn *in)
{
	int cls = BPF_CLASS(in->code), op = BPF_OP(in->code);
	char r = cls == BPF_ALU64 ? 'r' : 'w';
	if (op == BPF_NEG) {
		fprintf(f, "%c%d = -%c%d", r, in->dst_reg, r, in->dst_reg);
		return;
	}
	const char *sign = (op == BPF_DIV || op == BPF_MOD) && in->off == 1 ? "s" : "";
	if (BPF_SRC(in->code) == BPF_X)
		fprintf(f, "%c%d %s%s %c%d", r, in->dst_reg, sign, alu_name(op), r, in->src_reg);
	else
		fprintf(f, "%c%d %s%s %d", r, in->dst_reg, sign, alu_name(op), in->imm);
}

static void print_jmp(FILE *f, const struct bpf_insn *in)
{
	int op = BPF_OP(in->code);
	if (op == BPF_CALL)
		fprintf(f, "call %s#%d", helper_name(in->imm), in->imm);
	else if (op == BPF_EXIT)
		fprintf(f, "exit");
	else if (op == BPF_JA)
		fprintf(f, "goto %+d", in->off);
	else if (BPF_SRC(in->code) == BPF_X)
		fprintf(f, "if r%d %s r%d goto %+d", in->dst_reg, jmp_name(op), in->src_reg, in->off);
	else
		fprintf(f, "if r%d %s %d goto %+d", in->dst_reg, jmp_name(op), in->imm, in->off);
}

void bpf_disasm(FILE *f, const struct bpf_insn *insns, int n)
{
	for (int i = 0; i < n; i++) {
		const struct bpf_insn *in = &insns[i];
		int cls = BPF_CLASS(in->code);
		fprintf(f, "%4d: ", i);
		switch (cls) {
		case BPF_ALU:
		case BPF_ALU64:
			print_alu(f, in);
			break;
		case BPF_LDX:
			fprintf(f, "r%d = *(%s *)(r%d %+d)", in->dst_reg, size_name(in->code),
				in->src_reg, in->off);
			break;
		case BPF_STX:
			if (BPF_MODE(in->code) == BPF_ATOMIC)
				fprintf(f, "lock *(%s *)(r%d %+d) += r%d", size_name(in->code),
					in->dst_reg, in->off, in->src_reg);
			else
				fprintf(f, "*(%s *)(r%d %+d) = r%d", size_name(in->code),
					in->dst_reg, in->off, in->src_reg);
			break;
		case BPF_ST:
			fprintf(f, "*(%s *)(r%d %+d) = %d", size_name(in->code), in->dst_reg,
				in->off, in->imm);
			break;
		case BPF_LD:
			if (i + 1 < n) {
				unsigned long long v = (unsigned)in->imm |
					((unsigned long long)(unsigned)insns[i + 1].imm << 32);
				if (in->src_reg == BPF_PSEUDO_MAP_FD)
					fprintf(f, "r%d = map[%d] ll", in->dst_reg, in->imm);
				else if (in->src_reg == BPF_PSEUDO_MAP_VALUE)
					fprintf(f, "r%d = &map[%d][0] + %d ll", in->dst_reg, in->imm,
						insns[i + 1].imm);
				else
					fprintf(f, "r%d = %#llx ll", in->dst_reg, v);
				fputc('\n', f);
				i++;
				continue;
			}
			fprintf(f, "ld?");
			break;
		case BPF_JMP:
		case BPF_JMP32:
			print_jmp(f, in);
			break;
		default:
			fprintf(f, "(%02x)", in->code);
		}
		fputc('\n', f);
	}
}
