/* skboutput(): the kernel's bpf_skb_output puts struct skb_meta and then
 * the packet's bytes into a perf event array; each becomes a record of
 * the pcap file named by the meta's path id. Timestamps are the boot
 * clock plus the wall-clock time of boot, in microseconds. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <bpf/libbpf.h>
#include "pcap.h"

#define PCAP_MAGIC_US 0xa1b2c3d4u
#define PCAP_SNAPLEN 65535u
#define LINKTYPE_RAW 101u
#define PERF_PAGES 64	/* per CPU; bpftrace's BPFTRACE_PERF_RB_PAGES default */

struct pcap_out {
	FILE **files;
	int nfiles;
	uint64_t boot_wall_ns;	/* CLOCK_REALTIME minus CLOCK_BOOTTIME */
	struct perf_buffer *pb;
};

static void put_u32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

void pcap_file_header(unsigned char out[24])
{
	memset(out, 0, 24);
	put_u32(out, PCAP_MAGIC_US);
	out[4] = 2;	/* version 2.4 */
	out[6] = 4;
	put_u32(out + 16, PCAP_SNAPLEN);
	put_u32(out + 20, LINKTYPE_RAW);
}

static uint64_t clock_ns(clockid_t id)
{
	struct timespec ts;
	clock_gettime(id, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void write_packet(struct pcap_out *p, const struct skb_meta *m, const unsigned char *pkt)
{
	if (m->path_id >= (uint64_t)p->nfiles)
		return;
	uint64_t ns = p->boot_wall_ns + m->boot_ns;
	uint32_t n = m->offset < m->len ? (uint32_t)(m->len - m->offset) : 0;
	unsigned char rec[16];
	put_u32(rec, (uint32_t)(ns / 1000000000u));
	put_u32(rec + 4, (uint32_t)(ns % 1000000000u / 1000u));
	put_u32(rec + 8, n);
	put_u32(rec + 12, n);
	FILE *f = p->files[m->path_id];
	fwrite(rec, 1, sizeof(rec), f);
	fwrite(pkt + (m->len - n), 1, n, f);
}

static void on_sample(void *ctx, int cpu, void *data, __u32 size)
{
	(void)cpu;
	struct skb_meta m;
	if (size < sizeof(m))
		return;
	memcpy(&m, data, sizeof(m));
	if (m.len > size - sizeof(m))
		return;	/* the kernel sends padding after, never less */
	write_packet(ctx, &m, (const unsigned char *)data + sizeof(m));
}

static void on_lost(void *ctx, int cpu, __u64 count)
{
	(void)ctx;
	fprintf(stderr, "WARNING: skboutput(): %llu packets lost on CPU %d (raise BPFTRACE_PERF_RB_PAGES)\n",
		(unsigned long long)count, cpu);
}

/* Pages per CPU: BPFTRACE_PERF_RB_PAGES if set (a power of two). */
static size_t perf_pages(void)
{
	const char *env = getenv("BPFTRACE_PERF_RB_PAGES");
	long v = env ? strtol(env, NULL, 10) : 0;
	return v > 0 && (v & (v - 1)) == 0 ? (size_t)v : PERF_PAGES;
}

struct pcap_out *pcap_out_new(const struct program *prog, int map_fd)
{
	struct pcap_out *p = calloc(1, sizeof(*p));
	if (!p || !(p->files = calloc((size_t)prog->npcap_paths, sizeof(FILE *))))
		abort();
	p->nfiles = prog->npcap_paths;
	p->boot_wall_ns = clock_ns(CLOCK_REALTIME) - clock_ns(CLOCK_BOOTTIME);
	unsigned char hdr[24];
	pcap_file_header(hdr);
	for (int i = 0; i < p->nfiles; i++) {
		p->files[i] = fopen(prog->pcap_paths[i], "wb");
		if (!p->files[i] || fwrite(hdr, 1, sizeof(hdr), p->files[i]) != sizeof(hdr)) {
			fprintf(stderr, "ERROR: skboutput(): cannot write %s: %s\n",
				prog->pcap_paths[i], strerror(errno));
			pcap_out_free(p);
			return NULL;
		}
	}
	p->pb = perf_buffer__new(map_fd, perf_pages(), on_sample, on_lost, p, NULL);
	if (!p->pb) {
		fprintf(stderr, "ERROR: skboutput(): cannot open the perf buffer: %s\n", strerror(errno));
		pcap_out_free(p);
		return NULL;
	}
	return p;
}

void pcap_out_poll(struct pcap_out *p)
{
	if (p)
		perf_buffer__poll(p->pb, 0);
}

void pcap_out_free(struct pcap_out *p)
{
	if (!p)
		return;
	if (p->pb) {
		perf_buffer__consume(p->pb);
		perf_buffer__free(p->pb);
	}
	for (int i = 0; i < p->nfiles; i++)
		if (p->files[i])
			fclose(p->files[i]);
	free(p->files);
	free(p);
}
