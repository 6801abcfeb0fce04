build-static/obj/disasm.o: src/disasm.c src/bpf_insn.h
