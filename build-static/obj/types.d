build-static/obj/types.o: src/types.c src/types.h
