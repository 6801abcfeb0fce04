# skboutput() outside fentry/fexit, with a path that is not a literal, and
# (in fentry, refused here once compiled) on a pointer that is no sk_buff.
RC=1
ARGS=(-e 'tracepoint:net:netif_rx { skboutput("/tmp/x.pcap", args->skbaddr, 10, 0); } fentry:ip_rcv { skboutput(comm, args.skb, 10, 0); skboutput("/tmp/x.pcap", args.dev, 10, 0); }')
