build-static/obj/ksyms.o: src/ksyms.c src/ksyms.h
