build-static/obj/lexer.o: src/lexer.c src/lexer.h src/diag.h
