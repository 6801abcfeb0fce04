build-static/obj/providers/usdt.o: src/providers/usdt.c src/provider.h \
 src/providers/uprobe.h
