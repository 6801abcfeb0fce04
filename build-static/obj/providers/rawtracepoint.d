build-static/obj/providers/rawtracepoint.o: src/providers/rawtracepoint.c \
 src/provider.h
