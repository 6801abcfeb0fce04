# -f json prints a record as an object, the form bpftrace's JSON gives
# structs ({"m": 2, "n": 3} in its tests/runtime/json-output case
# print_non_map_struct) and the form bpftrace's named tuples PR (#4914)
# names for JSON: {"name": "Jordan", "age": 28}. Tuples inside stay arrays
# ([4,5] in json-output's "tuple" case); a record map key is its text.
ARGS=(-f json -e 'begin { $v = (x=1, y=2); $t = (a=0, b=1, c="str", d=(5, 6), e=$v); print($t); @[$v] = (name="Jordan", age=28); exit(); }')
