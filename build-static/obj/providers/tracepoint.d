build-static/obj/providers/tracepoint.o: src/providers/tracepoint.c \
 src/provider.h
