build-static/obj/providers/software.o: src/providers/software.c \
 src/provider.h src/providers/perf_events.h
