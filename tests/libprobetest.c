/* A shared library for the library uprobe and USDT tests (see probetest.c). */
#define PT_LIB_PROBE_SITE \
	__asm__ __volatile__("990:	nop\n" \
		".pushsection .note.stapsdt,\"?\",\"note\"\n" \
		".balign 4\n" \
		".4byte 992f-991f, 994f-993f, 3\n" \
		"991:	.asciz \"stapsdt\"\n" \
		"992:	.balign 4\n" \
		"993:	.8byte 990b\n" \
		".8byte _.stapsdt.base\n" \
		".8byte 0\n" \
		".asciz \"libprobetest\"\n" \
		".asciz \"mul\"\n" \
		".asciz \"-4@%k0 -4@%k1\"\n" \
		"994:	.balign 4\n" \
		".popsection\n" \
		".ifndef _.stapsdt.base\n" \
		".pushsection .stapsdt.base,\"aG\",\"progbits\",.stapsdt.base,comdat\n" \
		".weak _.stapsdt.base\n" \
		".hidden _.stapsdt.base\n" \
		"_.stapsdt.base: .space 1\n" \
		".size _.stapsdt.base, 1\n" \
		".popsection\n" \
		".endif\n" \
		:: "r"(a), "r"(b))

__attribute__((noipa)) int lib_probetest_mul(int a, int b)
{
	PT_LIB_PROBE_SITE;
	return a * b;
}
