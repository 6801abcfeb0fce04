build-static/obj/main.o: src/main.c src/bpf_insn.h src/codegen.h \
 src/program.h src/ast.h src/diag.h src/types.h src/output.h \
 src/provider.h src/loader.h src/parser.h src/runtime.h
