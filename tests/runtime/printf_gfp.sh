# printf("%gr") on known values with this kernel's (6.18's) bits: 0, the
# combined names taking their bits first, single flags after them, unknown
# bits in hex; a width and '-' pad the whole text, a precision is ignored.
# Expected output written from the kernel's kmem tracepoint print format.
ARGS=(-e 'BEGIN { printf("%gr|%gr|%gr|%gr\n", 0, 0xcc0, 0xdc0, 0x2800); printf("%gr|%gr|%gr\n", 0x820, 0x1, 0x80000cc1); printf("[%24gr] [%-24gr] [%.3gr]\n", 0x400cc0, 0xc0, 0x40000); exit(); }')
