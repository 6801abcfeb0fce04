build-static/obj/elfsym.o: src/elfsym.c src/elfsym.h
