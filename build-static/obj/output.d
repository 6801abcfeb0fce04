build-static/obj/output.o: src/output.c src/output.h src/types.h \
 src/output_priv.h src/symbolizer.h
