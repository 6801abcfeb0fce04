build-static/obj/usyms.o: src/usyms.c src/elfsym.h src/usyms.h
