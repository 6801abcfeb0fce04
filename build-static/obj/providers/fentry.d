build-static/obj/providers/fentry.o: src/providers/fentry.c \
 src/bpf_insn.h src/provider.h
