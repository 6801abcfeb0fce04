# A script whose only probes are test probes, run without --test, has
# nothing to run: an error (bpfkit's wording; bpftrace's docs say only that
# such probes are ignored), as is a test probe without a name.
RC=1
ARGS=(-e 'test:x { printf("not run\n"); }')
