/* C type definitions written in a script, added to a BTF. */
#ifndef BPFKIT_CDEFS_H
#define BPFKIT_CDEFS_H

struct btf;

struct cdefs_error {
	char msg[160];
	int offset;		/* bytes into the text where it went wrong */
};

/* Adds the struct, union, enum and typedef definitions in text to btf
 * (named types it refers to may be btf's, or its base's). Returns 0, or
 * -EINVAL with err filled. */
int cdefs_add(struct btf *btf, const char *text, struct cdefs_error *err);

#endif
