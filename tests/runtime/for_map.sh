# for ($kv : @map): each entry as (key, value), with continue and break, and
# $variables kept across the loop. bpftrace 0.17 has no map loops, so the
# expected text is written by hand (map output is sorted, iteration order
# does not show).
ARGS=(-e 'BEGIN { @m[1] = 10; @m[2] = 20; @m[3] = 30; $total = 0; for ($kv : @m) { if ($kv.0 == 2) { continue; } @double[$kv.0] = $kv.1 * 2; $total += $kv.1; } printf("total %d\n", $total); @s["a"] = 5; for ($e : @s) { @found[$e.0] = $e.1; break; } exit(); }')
