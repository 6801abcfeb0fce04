# uprobe:BINARY:cpp:NAME (bpftrace's docs/language.md, "uprobe"): C++
# functions by their demangled names, quoted or not; a name without a
# parameter list matches every overload, one with it only that one, and
# globs work. Without cpp:, a quoted name is one symbol, mangled or
# demangled with its parameters. The probe names are bpfkit's (cpp: and the demangled name);
# bpftrace 0.17 has no :cpp:, so the expected text was written by hand.
ln -sf "$ROOT/build/cpptarget" /tmp/bpfkit-cpptarget
B=/tmp/bpfkit-cpptarget
ARGS=(-c "$B 3" -e "uprobe:$B:cpp:\"shapes::Circle::area\" { @area = count(); }
uprobe:$B:cpp:shapes::draw { @draw[probe] = count(); }
uprobe:$B:cpp:\"shapes::Circle::*\" { @circle = count(); }
uprobe:$B:cpp:\"shapes::draw(char const*)\", uprobe:$B:cpp:\"shapes::Circle::count(int)\" { @by_params = count(); }
uprobe:$B:\"shapes::draw(int)\" { @quoted = count(); }")
