build-static/obj/parser.o: src/parser.c src/lexer.h src/diag.h \
 src/parser.h src/ast.h src/types.h
