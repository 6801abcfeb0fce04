build-static/obj/providers/watchpoint.o: src/providers/watchpoint.c \
 src/provider.h
