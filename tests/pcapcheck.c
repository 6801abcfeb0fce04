/* pcapcheck FILE: checks a pcap file that skboutput() wrote, for the QEMU
 * tests. Prints the 24-byte file header in hex, then one line per packet
 * (its length, and the protocol of an IPv4 packet or else the printable
 * text it starts with), the number of packets, and
 * whether every timestamp is a wall-clock time of the last ten minutes
 * (the timestamps are the boot clock plus the time of boot). */
#include <stdint.h>
#include <stdio.h>
#include <time.h>

static uint32_t get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* How many bytes at the start of p are printable ASCII. */
static size_t printable(const unsigned char *p, size_t len)
{
	size_t n = 0;
	while (n < len && p[n] >= 32 && p[n] < 127)
		n++;
	return n;
}

int main(int argc, char **argv)
{
	FILE *f = argc == 2 ? fopen(argv[1], "rb") : NULL;
	unsigned char hdr[24], rec[16], pkt[65536];
	if (!f || fread(hdr, 1, sizeof(hdr), f) != sizeof(hdr)) {
		fprintf(stderr, "pcapcheck: cannot read a pcap header\n");
		return 1;
	}
	for (size_t i = 0; i < sizeof(hdr); i++)
		printf("%02x%s", hdr[i], i + 1 < sizeof(hdr) ? " " : "\n");
	long now = (long)time(NULL), packets = 0;
	int times_ok = 1;
	while (fread(rec, 1, sizeof(rec), f) == sizeof(rec)) {
		uint32_t len = get_u32(rec + 8), orig = get_u32(rec + 12);
		long sec = (long)get_u32(rec);
		if (len > sizeof(pkt) || fread(pkt, 1, len, f) != len) {
			printf("truncated packet\n");
			return 1;
		}
		if (sec < now - 600 || sec > now + 1 || get_u32(rec + 4) >= 1000000)
			times_ok = 0;
		/* The protocol only of what starts with an IPv4 header. */
		if (len > 9 && pkt[0] >> 4 == 4)
			printf("packet len %u orig %u ipv4 proto %d\n", len, orig, pkt[9]);
		else
			printf("packet len %u orig %u data \"%.*s\"\n", len, orig, (int)printable(pkt, len), pkt);
		packets++;
	}
	printf("packets %ld, timestamps %s\n", packets, times_ok ? "ok" : "wrong");
	return 0;
}
