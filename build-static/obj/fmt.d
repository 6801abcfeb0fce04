build-static/obj/fmt.o: src/fmt.c src/output.h src/types.h \
 src/output_priv.h
