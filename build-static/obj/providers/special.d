build-static/obj/providers/special.o: src/providers/special.c \
 src/provider.h
