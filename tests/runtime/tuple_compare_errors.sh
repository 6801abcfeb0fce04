# Tuples compare only with tuples of as many elements, element types alike.
ARGS=(-e 'BEGIN { $a = (1, "x"); $b = (1, 2, 3); $c = ("y", 2); print(($a == $b, $a == $c)); }')
RC=1
