/* Loader: maps through bpf_map_create, programs through bpf_prog_load,
 * with the verifier's log mapped back to the script. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "loader.h"

/* The ring buffer's pages are all resident from the start, so its size is
 * most of bpfkit's memory: large only when the program prints events. */
#define RINGBUF_BYTES_PRINTING (1u << 20)
#define RINGBUF_BYTES_QUIET (64u << 10)
#define LOG_BYTES (16u << 20)

int loader_map_fd(const struct loaded *l, const struct program *prog, enum internal_map m)
{
	return l->map_fds[prog->nmaps + (int)m];
}

static int create_user_map(const struct map_info *m, int max_entries)
{
	char name[BPF_OBJ_NAME_LEN] = "";
	/* Kernel map names allow [A-Za-z0-9_.]: "@" is dropped. */
	for (size_t i = 0, k = 0; m->name[i] && k < sizeof(name) - 1; i++)
		if (m->name[i] != '@')
			name[k++] = m->name[i];
	if (map_is_array(m))
		return bpf_map_create(BPF_MAP_TYPE_PERCPU_ARRAY, name, 4, map_value_size(m),
				      map_array_entries(m), NULL);
	enum bpf_map_type type = map_is_percpu(m) ?
		(map_is_lru(m) ? BPF_MAP_TYPE_LRU_PERCPU_HASH : BPF_MAP_TYPE_PERCPU_HASH) :
		(map_is_lru(m) ? BPF_MAP_TYPE_LRU_HASH : BPF_MAP_TYPE_HASH);
	return bpf_map_create(type, name, map_key_size(m), map_value_size(m),
			      map_hash_entries(m, max_entries), NULL);
}

/* bpftrace keeps a keyless count() in an array, so it prints "@c: 0" even
 * when nothing counted; an entry made at start gives the same text. */
static int zero_keyless_count(int fd, const struct map_info *m)
{
	if (m->key.kind != T_NONE || m->value.kind != T_COUNT || map_is_array(m))
		return 0;
	int ncpus = libbpf_num_possible_cpus();
	uint64_t *zeros = calloc((size_t)(ncpus > 0 ? ncpus : 1), sizeof(uint64_t));
	uint64_t key = 0;
	if (!zeros)
		abort();
	int err = bpf_map_update_elem(fd, &key, zeros, BPF_ANY);
	free(zeros);
	return err;
}

static int create_maps(const struct program *prog, struct loaded *out, struct diag *diag)
{
	out->nmaps = prog->nmaps + IMAP_COUNT;
	out->map_fds = malloc((size_t)out->nmaps * sizeof(int));
	if (!out->map_fds)
		abort();
	for (int i = 0; i < out->nmaps; i++)
		out->map_fds[i] = -1;
	int max = prog->opts.map_max_entries > 0 ? prog->opts.map_max_entries : 4096;
	for (int i = 0; i < prog->nmaps; i++) {
		out->map_fds[i] = create_user_map(&prog->maps[i], max);
		if (out->map_fds[i] >= 0 && zero_keyless_count(out->map_fds[i], &prog->maps[i]))
			return -errno;
		if (out->map_fds[i] < 0) {
			diag_error(diag, prog->maps[i].loc, "cannot create map %s: %s",
				   prog->maps[i].name, strerror(-out->map_fds[i]));
			return out->map_fds[i];
		}
	}
	unsigned ring = prog->nfmts ? RINGBUF_BYTES_PRINTING : RINGBUF_BYTES_QUIET;
	int rb = bpf_map_create(BPF_MAP_TYPE_RINGBUF, "events", 0, 0, ring, NULL);
	int st = bpf_map_create(BPF_MAP_TYPE_ARRAY, "state", 4, sizeof(struct bpf_state), 1, NULL);
	int sc = bpf_map_create(BPF_MAP_TYPE_PERCPU_ARRAY, "scratch", 4, SCRATCH_BYTES, 1, NULL);
	int pids = bpf_map_create(BPF_MAP_TYPE_LRU_HASH, "pids", 4, 4, 16384, NULL);
	out->map_fds[prog->nmaps + IMAP_PIDS] = pids;
	out->map_fds[prog->nmaps + IMAP_RINGBUF] = rb;
	out->map_fds[prog->nmaps + IMAP_STATE] = st;
	out->map_fds[prog->nmaps + IMAP_SCRATCH] = sc;
	/* skboutput()'s packets: one perf ring per CPU, only when used. */
	int skb = prog->npcap_paths ? bpf_map_create(BPF_MAP_TYPE_PERF_EVENT_ARRAY, "skb_output", 4, 4,
						     (__u32)libbpf_num_possible_cpus(), NULL) : 0;
	out->map_fds[prog->nmaps + IMAP_SKB_OUTPUT] = prog->npcap_paths ? skb : -1;
	int err = rb < 0 ? rb : st < 0 ? st : sc < 0 ? sc : pids < 0 ? pids : skb < 0 ? skb : 0;
	if (err) {
		diag_error(diag, (struct loc){ 0 }, "cannot create bpfkit's internal maps: %s",
			   strerror(-err));
		return err;
	}
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	struct bpf_state state = { .start_ns = (__u64)ts.tv_sec * 1000000000ULL + (__u64)ts.tv_nsec };
	int key = 0;
	return bpf_map_update_elem(st, &key, &state, BPF_ANY);
}

/* The instruction the verifier stopped at: the last "N: (" line. */
static int failing_insn(const char *log)
{
	int insn = -1;
	for (const char *p = log; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		int n;
		char c;
		if (sscanf(p, "%d: %c", &n, &c) == 2 && c == '(')
			insn = n;
	}
	return insn;
}

/* Lines of the verifier's log that are not its reason for refusing. */
static bool is_log_detail(const char *line, size_t len)
{
	static const char *const prefixes[] = {
		"processed ", "old state:", "cur state:", "verification time",
		"stack depth", "mark_precise", "from ", "last_idx", "regs=", "parent ",
	};
	if (len == 0 || line[0] == ';' || line[0] == ' ' || (line[0] >= '0' && line[0] <= '9'))
		return true;
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (!strncmp(line, prefixes[i], strlen(prefixes[i])))
			return true;
	return false;
}

/* The verifier's reason: the last line of its log that is not a state
 * dump, an instruction or a statistic. */
static void verifier_reason(const char *log, char *out, size_t len)
{
	const char *end = log + strlen(log);
	*out = 0;
	while (end > log) {
		while (end > log && end[-1] == '\n')
			end--;
		const char *start = end;
		while (start > log && start[-1] != '\n')
			start--;
		if (!is_log_detail(start, (size_t)(end - start))) {
			snprintf(out, len, "%.*s", (int)(end - start), start);
			return;
		}
		end = start;
	}
}

/* Callbacks (map loops) are subprograms, which the kernel accepts only
 * with BTF describing each function: a minimal one is made here. */
static int load_func_btf(const struct bpf_code *c, struct bpf_func_info **out)
{
	struct btf *btf = btf__new_empty();
	if (!btf)
		return -errno;
	int int_id = btf__add_int(btf, "int", 4, BTF_INT_SIGNED);
	int proto = btf__add_func_proto(btf, int_id);
	struct bpf_func_info *fi = calloc((size_t)c->nsubprogs + 1, sizeof(*fi));
	if (!fi)
		abort();
	fi[0].insn_off = 0;
	fi[0].type_id = (__u32)btf__add_func(btf, "bpfkit_main", BTF_FUNC_STATIC, proto);
	for (int i = 0; i < c->nsubprogs; i++) {
		char name[32];
		snprintf(name, sizeof(name), "bpfkit_loop%d", i);
		fi[i + 1].insn_off = (__u32)c->subprogs[i];
		fi[i + 1].type_id = (__u32)btf__add_func(btf, name, BTF_FUNC_STATIC, proto);
	}
	__u32 size;
	const void *raw = btf__raw_data(btf, &size);
	int fd = raw ? bpf_btf_load(raw, size, NULL) : -EINVAL;
	btf__free(btf);
	if (fd < 0) {
		free(fi);
		return fd;
	}
	*out = fi;
	return fd;
}

static int load_one(const struct bpf_code *c, const int *map_fds, bool print_log,
		    struct diag *diag)
{
	struct bpf_insn *insns = malloc((size_t)c->ninsns * sizeof(*insns));
	if (!insns)
		abort();
	memcpy(insns, c->insns, (size_t)c->ninsns * sizeof(*insns));
	for (int i = 0; i < c->ninsns; i++)
		if (insns[i].code == (BPF_LD | BPF_DW | BPF_IMM) &&
		    (insns[i].src_reg == BPF_PSEUDO_MAP_FD ||
		     insns[i].src_reg == BPF_PSEUDO_MAP_VALUE))
			insns[i].imm = map_fds[insns[i].imm];
	LIBBPF_OPTS(bpf_prog_load_opts, base);
	struct bpf_func_info *finfo = NULL;
	int btf_fd = c->nsubprogs ? load_func_btf(c, &finfo) : -1;
	if (c->nsubprogs && btf_fd < 0) {
		diag_error(diag, c->pi->node->loc, "cannot load the program's BTF: %s", strerror(-btf_fd));
		free(insns);
		return btf_fd;
	}
	if (btf_fd >= 0) {
		base.prog_btf_fd = (__u32)btf_fd;
		base.func_info = finfo;
		base.func_info_cnt = (__u32)c->nsubprogs + 1;
		base.func_info_rec_size = sizeof(*finfo);
	}
	const struct provider *pv = c->probes[0]->prov;
	struct errbuf e;
	if (pv->prepare_load && pv->prepare_load(c->probes[0], &base, &e)) {
		diag_error(diag, (struct loc){ 0 }, "%s", e.msg);	/* one line: the message names the probe */
		free(insns);
		return -EINVAL;
	}
	int fd = bpf_prog_load(c->type, c->name, "GPL", insns, (size_t)c->ninsns, &base);
	if (fd >= 0 && !print_log) {
		free(insns);
		free(finfo);
		if (btf_fd >= 0)
			close(btf_fd);	/* the program holds its own reference */
		return fd;
	}
	if (fd >= 0)
		close(fd);
	/* Load again with the verifier's log, to say why (or to show it). */
	char *log = calloc(1, LOG_BYTES);
	if (!log)
		abort();
	struct bpf_prog_load_opts opts = base;
	opts.log_buf = log;
	opts.log_size = LOG_BYTES;
	opts.log_level = 1;
	fd = bpf_prog_load(c->type, c->name, "GPL", insns, (size_t)c->ninsns, &opts);
	int err = fd < 0 ? fd : 0;
	if (print_log)
		fprintf(diag->out, "verifier log of %s (%s):\n%s\n", c->name,
			c->probes[0]->name, log);
	if (fd < 0) {
		char reason[512];
		verifier_reason(log, reason, sizeof(reason));
		if (!*reason)
			snprintf(reason, sizeof(reason), "%s", strerror(-err));
		int at = failing_insn(log);
		struct loc where = at >= 0 && at < c->ninsns ? c->locs[at] : c->pi->node->loc;
		diag_error(diag, where, "the kernel's BPF verifier rejected the program for %s: %s%s",
			   c->probes[0]->name, reason, print_log ? "" : " (-v shows the verifier log)");
	}
	free(log);
	free(insns);
	free(finfo);
	if (btf_fd >= 0)
		close(btf_fd);
	return fd < 0 ? err : fd;
}

int loader_load(const struct program *prog, const struct codegen_result *code,
		struct loaded *out, bool print_log, struct diag *diag)
{
	memset(out, 0, sizeof(*out));
	int err = create_maps(prog, out, diag);
	if (err)
		return err;
	out->prog_fds = malloc((size_t)code->nprogs * sizeof(int) + 1);
	if (!out->prog_fds)
		abort();
	for (int i = 0; i < code->nprogs; i++) {
		int fd = load_one(&code->progs[i], out->map_fds, print_log, diag);
		if (fd < 0)
			return fd;
		out->prog_fds[out->nprogs++] = fd;
	}
	return 0;
}

void loader_unload(struct loaded *l)
{
	for (int i = 0; i < l->nprogs; i++)
		close(l->prog_fds[i]);
	for (int i = 0; i < l->nmaps; i++)
		if (l->map_fds[i] >= 0)
			close(l->map_fds[i]);
	free(l->prog_fds);
	free(l->map_fds);
	memset(l, 0, sizeof(*l));
}
