/* skboutput()'s files: packets from the kernel's perf event array, written
 * as pcap files (link type RAW: each packet starts at its IP header). */
#ifndef BPFKIT_PCAP_H
#define BPFKIT_PCAP_H

#include "program.h"

struct pcap_out;

/* Creates (truncates) each file of prog->pcap_paths with its header and
 * reads the packets of the perf event array map_fd. NULL after reporting
 * on stderr. */
struct pcap_out *pcap_out_new(const struct program *prog, int map_fd);
/* Writes the packets that have arrived; never waits. */
void pcap_out_poll(struct pcap_out *p);
/* Writes what is left and closes the files. NULL is allowed. */
void pcap_out_free(struct pcap_out *p);

/* The 24-byte header of a pcap file, little-endian as written on x86-64:
 * microsecond timestamps, version 2.4, snaplen 65535, LINKTYPE_RAW. */
void pcap_file_header(unsigned char out[24]);

#endif
