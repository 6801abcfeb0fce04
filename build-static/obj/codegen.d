build-static/obj/codegen.o: src/codegen.c src/bpf_insn.h src/codegen.h \
 src/program.h src/ast.h src/diag.h src/types.h src/output.h \
 src/provider.h src/lexer.h
