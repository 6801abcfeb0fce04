# -l 'uprobe:BINARY:cpp:GLOB' lists the C++ functions of tests/cpptarget.cpp
# by their demangled names, as the probes are named (cpp: and the name with
# its parameters), filtered as a :cpp: probe is: a glob without a
# parameter list matches the names without theirs. Written by hand from
# the target's source: shapes::draw(const char *), shapes::draw(int),
# shapes::Circle::count(int) and the const shapes::Circle::area(int).
ln -sf "$ROOT/build/cpptarget" /tmp/bpfkit-cpptarget
ARGS=(-l 'uprobe:/tmp/bpfkit-cpptarget:cpp:shapes::*')
