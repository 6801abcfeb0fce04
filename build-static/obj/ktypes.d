build-static/obj/ktypes.o: src/ktypes.c src/ktypes.h src/types.h
