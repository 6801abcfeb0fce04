# `return VALUE` decides a test (bpftrace's docs/language.md, "test"): from
# inside loops, unroll, if/else chains where every branch returns, and a
# plain `return` (0). An if/else whose branches both return once left an
# unreachable jump the verifier refused (both_branches, plain_return).
# Report lines as in test_probes.sh; times masked.
RC=1
ARGS=(--test -e 'test:loop_returns_1 { for ($i : 0..3) { if ($i == 2) { return 1; } } }
test:while_returns_0 { $j = 0; while ($j < 5) { $j++; if ($j == 3) { return 0; } } return 2; }
test:unrolled { unroll(3) { return 0; } }
test:both_branches { if (pid > 0) { return 0; } else { return 3; } }
test:plain_return { if (pid > 0) { return; } else { return 3; } }
test:else_if_chain { if (pid == 0) { return 1; } else if (pid > 0) { printf("x\n"); } else { return 2; } }
test:after_if_else { if (pid > 0) { return 4; } else { return 5; } }')
FILTER="sed -E 's/ \([0-9]+ (ns|μs|ms|s)\)\$/ (N unit)/'"
