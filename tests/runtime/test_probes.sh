# test:NAME probes with --test (bpftrace 0.25+; bpftrace 0.17 has none).
# Semantics from bpftrace's docs/language.md ("test"): each test probe runs
# once, in order, and fails on a non-zero return value, an error (errorf,
# a failed assert) or an exit(); a passing test's output is suppressed.
# The report's lines are those of bpftrace's src/output/text.cpp
# (TextOutput::test_result): "[==========] Running N tests.", "[ RUN      ]",
# a failed test's output without blank lines, "[       OK ]" or
# "[  FAILED  ]" with the time taken, then the summary. Not on a terminal,
# so without color; the times are masked. The tracepoint probe is left out.
RC=1
ARGS=(-e 'test:okay { print("I am okay! This output will be suppressed."); }
test:failure { print("This is a failure! This output will be shown"); return 1; }
test:fails_on_error { printf("before\n\n"); errorf("bad value %d", 5); }
test:warning_is_fine { warnf("only a warning"); }
test:calls_exit { exit(); }
tracepoint:syscalls:sys_enter_getpid { printf("never\n"); }
test:last { @x = 1; return @x - 1; }' --test)
FILTER="sed -E 's/ \([0-9]+ (ns|μs|ms|s)\)\$/ (N unit)/'"
