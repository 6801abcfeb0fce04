# Syntax and functions of newer bpftrace (0.24-0.27 docs): a macro
# without a parameter list and name!() calls, `for $i : a..b` without
# parentheses, the discard `_ = expr`, C integer suffixes, is_err(),
# signal_name(), and delete() as a value (whether the key was there; a
# keyless count is zeroed). Expected output written from those docs.
ARGS=(-e 'macro greet { printf("hi\n"); } macro one() { 1 } BEGIN { greet!(); greet; $x = one!() + one; for $i : 0..3 { @s[$i] = $i * 10; } _ = has_key(@s, 0); print(($x, 16UL + 0x10 + 1ULL)); printf("%d %d %d %d\n", is_err(-1), is_err(-4095), is_err(-4096), is_err(0)); printf("%s %s %s\n", signal_name(2), signal_name(9), signal_name(99)); printf("%d %d\n", delete(@s, 1), delete(@s[7])); @c = count(); $gone = delete(@c); print($gone); exit(); }')
