build-static/obj/ast.o: src/ast.c src/ast.h src/diag.h src/types.h \
 src/lexer.h
