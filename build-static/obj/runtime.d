build-static/obj/runtime.o: src/runtime.c src/runtime.h src/loader.h \
 src/codegen.h src/program.h src/ast.h src/diag.h src/types.h \
 src/output.h src/provider.h src/symbolizer.h
