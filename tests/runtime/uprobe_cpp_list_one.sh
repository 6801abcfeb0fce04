# -l with a quoted :cpp: name that has a parameter list lists that overload
# only (tests/cpptarget.cpp has shapes::draw(int) and
# shapes::draw(const char *)). Written by hand from the target's source.
ln -sf "$ROOT/build/cpptarget" /tmp/bpfkit-cpptarget
ARGS=(-l 'uprobe:/tmp/bpfkit-cpptarget:cpp:"shapes::draw(int)"')
