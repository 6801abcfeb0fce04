# hist($i, 3) over 0..1023 in JSON: bpftrace's own expected output for this
# script (tests/runtime/outputs/hist_2args.json in its repository).
ARGS=(-f json -e 'BEGIN { $i = 0; while ($i < 1024) { @ = hist($i, 3); $i++; } exit(); }')
