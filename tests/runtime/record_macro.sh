# A record's field names are names, not expressions: inside a macro whose
# parameter is x, (x=x) names a field x holding the argument, and a
# macro called by its bare name (one) is not called where it names a
# field (bpftrace's parser reads NAME= before a value as a field name).
ARGS=(-e 'macro one() { 1 } macro mk(x) { (x=x, one=one) } begin { print(mk(5)); print((one=one)); exit(); }')
