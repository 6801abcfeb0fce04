/* BPF instruction constructors (the kernel's uapi gives the encoding, not
 * these helpers). */
#ifndef BPFKIT_BPF_INSN_H
#define BPFKIT_BPF_INSN_H

#include <stdio.h>
#include <linux/bpf.h>

static inline struct bpf_insn bpf_insn_make(__u8 code, int dst, int src, int off, int imm)
{
	struct bpf_insn i = { .code = code, .dst_reg = (__u8)dst, .src_reg = (__u8)src,
			      .off = (__s16)off, .imm = imm };
	return i;
}

#define I_ALU64_REG(op, d, s)	bpf_insn_make(BPF_ALU64 | (op) | BPF_X, d, s, 0, 0)
#define I_ALU64_IMM(op, d, k)	bpf_insn_make(BPF_ALU64 | (op) | BPF_K, d, 0, 0, k)
/* off 1 selects signed division and modulo (cpu v4). */
#define I_SDIV_REG(op, d, s)	bpf_insn_make(BPF_ALU64 | (op) | BPF_X, d, s, 1, 0)
#define I_MOV_REG(d, s)		I_ALU64_REG(BPF_MOV, d, s)
#define I_MOV_IMM(d, k)		I_ALU64_IMM(BPF_MOV, d, k)
#define I_LDX(sz, d, s, off)	bpf_insn_make(BPF_LDX | (sz) | BPF_MEM, d, s, off, 0)
#define I_STX(sz, d, s, off)	bpf_insn_make(BPF_STX | (sz) | BPF_MEM, d, s, off, 0)
#define I_ST(sz, d, off, k)	bpf_insn_make(BPF_ST | (sz) | BPF_MEM, d, 0, off, k)
#define I_ATOMIC_ADD(d, s, off)	bpf_insn_make(BPF_STX | BPF_DW | BPF_ATOMIC, d, s, off, BPF_ADD)
#define I_JMP_REG(op, d, s, off)	bpf_insn_make(BPF_JMP | (op) | BPF_X, d, s, off, 0)
#define I_JMP_IMM(op, d, k, off)	bpf_insn_make(BPF_JMP | (op) | BPF_K, d, 0, off, k)
#define I_JA(off)		bpf_insn_make(BPF_JMP | BPF_JA, 0, 0, off, 0)
#define I_CALL(fn)		bpf_insn_make(BPF_JMP | BPF_CALL, 0, 0, 0, fn)
#define I_EXIT()		bpf_insn_make(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)
/* Two-slot 64-bit load; with src BPF_PSEUDO_MAP_FD imm is a map fd (the
 * code generator writes a map index there, the loader the fd). */
#define I_LD64_LO(d, src, k)	bpf_insn_make(BPF_LD | BPF_DW | BPF_IMM, d, src, 0, k)
#define I_LD64_HI(k)		bpf_insn_make(0, 0, 0, 0, k)

/* Readable assembly in the kernel verifier's notation, for -d. */
void bpf_disasm(FILE *f, const struct bpf_insn *insns, int n);

#endif
