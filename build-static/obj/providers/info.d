build-static/obj/providers/info.o: src/providers/info.c src/bpf_insn.h \
 src/provider.h
