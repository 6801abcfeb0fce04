build-static/obj/providers/profile.o: src/providers/profile.c \
 src/provider.h
