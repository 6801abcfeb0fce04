build-static/obj/providers/interval.o: src/providers/interval.c \
 src/provider.h
