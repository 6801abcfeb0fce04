# find(@m, key, $v): whether the key is there, and its value in $v; keys
# of several parts as a tuple, which delete() and has_key() take too
# (newer bpftrace; expected output written from its documentation).
ARGS=(-e 'BEGIN { @map[2] = (1, "hello"); @s["a", 3] = 7; @s["b", 1] = 8; if (find(@map, 2, $val)) { print($val); } if (!find(@map, 3, $w)) { print("no 3"); } if (find(@s, ("a", 3), $x)) { print($x); } $f = find(@s, "a", 4, $y); print(($f, has_key(@s, ("b", 1)))); delete(@s, ("b", 1)); clear(@map); exit(); }')
