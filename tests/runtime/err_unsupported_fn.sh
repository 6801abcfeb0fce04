# A function bpfkit knows but cannot compile says why.
RC=1
ARGS=(-e 'BEGIN { skboutput("x.pcap", 0, 0, 0); }')
