build-static/obj/diag.o: src/diag.c src/diag.h
