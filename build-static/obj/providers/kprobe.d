build-static/obj/providers/kprobe.o: src/providers/kprobe.c \
 src/provider.h src/providers/uprobe.h
