build-static/obj/symbolizer.o: src/symbolizer.c src/ksyms.h \
 src/symbolizer.h src/types.h src/usyms.h
