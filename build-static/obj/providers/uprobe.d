build-static/obj/providers/uprobe.o: src/providers/uprobe.c src/elfsym.h \
 src/provider.h src/providers/uprobe.h
