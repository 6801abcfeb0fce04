build-static/obj/sema.o: src/sema.c src/ksyms.h src/ktypes.h src/types.h \
 src/lexer.h src/diag.h src/program.h src/ast.h src/output.h \
 src/provider.h
