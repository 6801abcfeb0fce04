build-static/obj/loader.o: src/loader.c src/loader.h src/codegen.h \
 src/program.h src/ast.h src/diag.h src/types.h src/output.h \
 src/provider.h
