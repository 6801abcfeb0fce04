# A config block before the probes (newer bpftrace): max_strlen cuts
# str(), max_map_keys (by its environment-variable name) bounds @m, with
# the full-map warning, print_maps_on_exit = false keeps @m from printing
# at exit, and a setting that changes nothing in bpfkit warns. Expected
# output written from bpftrace's documentation of these settings.
printf '%s\n' 'config = {' '	max_strlen = 8;' '	BPFTRACE_MAX_MAP_KEYS = 2;' '	print_maps_on_exit = false;' '	lazy_symbolication = true' '}' 'BEGIN { printf("%s|\n", str($1)); @m[1] = 1; @m[2] = 2; @m[3] = 3; print(@m); exit(); }' >/tmp/bpfkit-config.bt
ARGS=(/tmp/bpfkit-config.bt abcdefghijkl)
CLEANUP="rm -f /tmp/bpfkit-config.bt"
