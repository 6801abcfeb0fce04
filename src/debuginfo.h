/* DWARF debug information of user binaries, read with libdw: the
 * parameters of a function (names, C spellings, and their types turned
 * into BTF so the compiler follows them as it follows the kernel's), and
 * the addresses of source lines. (Not "dwarf.h": libdw has that name.) */
#ifndef BPFKIT_DEBUGINFO_H
#define BPFKIT_DEBUGINFO_H

#include <stdbool.h>
#include <stdint.h>

struct btf;
struct debuginfo;

/* The DWARF of the ELF file at path. NULL with errno: ENODATA when the
 * file has no DWARF, or the error of opening it. */
struct debuginfo *debuginfo_open(const char *path);
void debuginfo_close(struct debuginfo *di);

/* Where the x86-64 System V calling convention puts a parameter at the
 * function's first instruction. */
enum param_place {
	PARAM_REG,		/* reg: an integer, enum, bool or pointer */
	PARAM_SSE,		/* a float in an SSE register */
	PARAM_STACK,		/* on the stack (past the sixth register) */
	PARAM_MEMORY,		/* a struct, union or wide value, by value */
	PARAM_UNKNOWN,		/* after a parameter whose registers bpfkit
				 * does not work out */
};

struct debuginfo_param {
	char *name;		/* "" when DWARF gives none */
	char *ctype;		/* C spelling as bpftrace shows it, "const char*" */
	uint32_t size;		/* bytes */
	bool is_signed;
	bool is_pointer;
	enum param_place place;
	int reg;		/* PARAM_REG: 0..5 for rdi rsi rdx rcx r8 r9 */
	uint32_t btf_id;	/* its type in the BTF given, or 0 */
};

/* The parameters of the function whose symbol is func at address addr
 * (0: unknown; the function is then found by name), in order; with btf
 * not NULL their types are added to it. Returns how many (*out malloc'ed,
 * free with debuginfo_params_free), -ENOENT when the DWARF does not
 * describe func. */
int debuginfo_params(struct debuginfo *di, const char *func, uint64_t addr,
		     struct btf *btf, struct debuginfo_param **out);
void debuginfo_params_free(struct debuginfo_param *params, int n);

/* Adds the struct or union `name` ("struct foo", "union u" or "foo") and
 * the types it refers to to btf: its id there, -ENOENT when the DWARF has
 * no such definition. */
int debuginfo_record(struct debuginfo *di, const char *name, struct btf *btf);

/* The address where the code of source line `line` (at column col; 0:
 * any) of `file` begins: the lowest statement address of that line. file
 * is a path or its end ("foo.c", "src/foo.c"); *path gets the file's
 * full name. 0, -ENOENT (no such file), -ENODATA (no code on that line),
 * or -EEXIST (file matches two files: *path and *other get them). */
int debuginfo_line_address(struct debuginfo *di, const char *file, int line, int col,
			   uint64_t *addr, const char **path, const char **other);

#endif
