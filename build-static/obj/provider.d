build-static/obj/provider.o: src/provider.c src/provider.h
