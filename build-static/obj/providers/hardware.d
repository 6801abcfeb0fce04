build-static/obj/providers/hardware.o: src/providers/hardware.c \
 src/provider.h src/providers/perf_events.h
