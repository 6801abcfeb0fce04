# printf("%s") of an enum's value prints the enumerator's name (newer
# bpftrace): a script enum, a kernel enumerator through a variable and a
# map, and a tracepoint field declared as an enum (skb:kfree_skb's reason,
# for a UDP datagram to a closed port on loopback). %d still prints the
# number; a value cast to an integer type is no longer an enum.
printf '%s\n' 'import socket' 's = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)' 's.sendto(b"x", ("127.0.0.1", 9))' >/tmp/bpfkit-udp.py
ARGS=(-c "python3 /tmp/bpfkit-udp.py" -e 'enum custom { CUSTOM_ENUM = 3, OTHER = 4 };
BEGIN { $r = SKB_DROP_REASON_NO_SOCKET; @m[1] = OTHER; printf("%d %s %s %s\n", $r == SKB_DROP_REASON_NO_SOCKET, $r, CUSTOM_ENUM, @m[1]); clear(@m); }
tracepoint:skb:kfree_skb /args.reason == SKB_DROP_REASON_NO_SOCKET/ { printf("%s\n", args.reason); }')
CLEANUP="rm -f /tmp/bpfkit-udp.py"
