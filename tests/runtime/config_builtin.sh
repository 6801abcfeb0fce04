# config.NAME (bpftrace 0.27) reads a setting in effect: the config
# block's values, defaults for the others.
ARGS=(-e 'config = { max_strlen = 32; stack_mode = perf } BEGIN { printf("%d %s %d %d\n", config.max_strlen, config.stack_mode, config.max_map_keys, config.print_maps_on_exit); exit(); }')
