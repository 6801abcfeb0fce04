/* The event loop. Signals arrive through a signalfd checked between ring
 * buffer polls, so no handler touches shared state. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/ptrace.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "pcap.h"
#include "runtime.h"
#include "symbolizer.h"

#define POLL_MS 100

struct run {
	const struct program *prog;
	struct symbolizer *sym;
	const struct loaded *ld;
	struct output *out;
	struct map_desc *maps;
	struct printf_desc *fmts;
	bool exit_requested;
	int exit_code;		/* of exit(code) */
	int ncpus;
	bool *full_reported;	/* per map: the "map is full" warning was given */
	int max_entries;
	struct pcap_out *pcap;	/* skboutput()'s files, when used */
	const struct codegen_result *code;	/* for unwatch() */
};

static void clear_map(int fd, const struct map_desc *m, bool zero, int ncpus)
{
	/* Keyless aggregations live in arrays (see map_is_array), whose
	 * entries cannot be deleted: clearing zeroes them, which prints the
	 * same as no entry. */
	if (m->key.kind == T_NONE && type_is_agg(&m->value) && m->value.kind != T_SUM)
		zero = true;
	uint32_t ksize = type_layout_size(&m->key);
	if (type_has_slot_key(&m->value))
		ksize += 8;
	if (!ksize)
		ksize = 8;
	uint32_t vsize = m->value.kind == T_HIST || m->value.kind == T_LHIST ? 8 :
			 type_layout_size(&m->value);
	size_t vbytes = (size_t)((vsize + 7) & ~7u) * (size_t)(m->percpu ? ncpus : 1);
	char *key = calloc(1, ksize), *next = calloc(1, ksize), *zeros = calloc(1, vbytes);
	if (!key || !next || !zeros)
		abort();
	/* Deleting while iterating restarts the walk; collect first. */
	int err = bpf_map_get_next_key(fd, NULL, next);
	while (!err) {
		memcpy(key, next, ksize);
		err = bpf_map_get_next_key(fd, key, next);
		if (zero)
			bpf_map_update_elem(fd, key, zeros, BPF_EXIST);
		else
			bpf_map_delete_elem(fd, key);
		if (!zero && err)
			break;
	}
	free(key);
	free(next);
	free(zeros);
}

/* cat(): prints a file; system(): runs a command (only with --unsafe,
 * checked when compiling). The name is formatted from the arguments. */
static void run_format_event(struct run *r, enum event_kind kind,
			     const struct printf_desc *d, const void *args)
{
	char *name = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&name, &len);
	if (!m)
		return;
	fmt_write(m, d->fmt, &d->args, args, NULL);
	fclose(m);
	FILE *in = kind == EV_CAT ? fopen(name, "r") : popen(name, "r");
	if (!in) {
		fprintf(stderr, "%s: %s: %s\n", kind == EV_CAT ? "cat" : "system", name, strerror(errno));
		free(name);
		return;
	}
	char buf[4096];
	size_t got;
	while ((got = fread(buf, 1, sizeof(buf), in)) > 0)
		output_raw(r->out, buf, got);
	if (kind == EV_CAT)
		fclose(in);
	else
		pclose(in);
	free(name);
}

/* join(): the non-empty strings, delimited, then a newline. */
static void print_join(struct run *r, const char *delim, uint64_t slot,
		       const char *strs, size_t len)
{
	char *text = NULL;
	size_t tlen = 0;
	FILE *m = open_memstream(&text, &tlen);
	if (!m || !slot)
		return;
	for (size_t i = 0; (i + 1) * slot <= len && i < JOIN_MAX; i++) {
		const char *s = strs + i * slot;
		if (!*s)
			break;
		if (i)
			fputs(delim, m);
		fwrite(s, 1, strnlen(s, slot), m);
	}
	fputc('\n', m);
	fclose(m);
	output_raw(r->out, text, tlen);
	free(text);
}

/* unwatch(addr): detaches every watchpoint probe on addr. */
static void unwatch(const struct codegen_result *code, uint64_t addr)
{
	for (int i = 0; i < code->nprogs; i++)
		for (int k = 0; k < code->progs[i].nprobes; k++) {
			struct probe *p = code->progs[i].probes[k];
			if (!strcmp(p->prov->name, "watchpoint") && p->offset == addr)
				p->prov->detach(p);
		}
}

static int on_event(void *ctx, void *data, size_t size)
{
	struct run *r = ctx;
	const uint64_t *w = data;
	if (size < 8 || r->exit_requested)
		return 0;
	switch ((enum event_kind)w[0]) {
	case EV_PRINTF:
		if (size >= 16 && w[1] < (uint64_t)r->prog->nfmts)
			output_printf(r->out, &r->fmts[w[1]], w + 2, size - 16);
		break;
	case EV_PRINT_VALUE:
		if (size >= 16 && w[1] < (uint64_t)r->prog->nfmts) {
			const struct type *t = &r->fmts[w[1]].args.elems[0];
			if (t->kind == T_RECORD && size >= 16 + t->size)
				output_print_record(r->out, r->fmts[w[1]].fmt, w + 2);
			else
				output_print_value(r->out, t, w + 2);
		}
		break;
	case EV_EXIT:
		r->exit_requested = true;
		if (size >= 16)
			r->exit_code = (int)(w[1] & 0xff);
		break;
	case EV_TIME:
		if (size >= 16 && w[1] < (uint64_t)r->prog->nfmts)
			output_time(r->out, r->prog->fmts[w[1]].fmt);
		break;
	case EV_DIAG:
		if (size >= 16 && w[1] < (uint64_t)r->prog->nfmts &&
		    size - 16 >= r->fmts[w[1]].args.size) {
			output_flush(r->out);	/* keep stdout and stderr in order */
			fmt_write(stderr, r->fmts[w[1]].fmt, &r->fmts[w[1]].args, w + 2, NULL);
		}
		break;
	case EV_CAT:
	case EV_SYSTEM:
		if (size >= 16 && w[1] < (uint64_t)r->prog->nfmts)
			run_format_event(r, (enum event_kind)w[0], &r->fmts[w[1]], w + 2);
		break;
	case EV_JOIN:
		if (size >= 24 && w[1] < (uint64_t)r->prog->nfmts)
			print_join(r, r->prog->fmts[w[1]].fmt, w[2], (const char *)(w + 3),
				   size - 24);
		break;
	case EV_MAP_FULL:
		if (size >= 16 && w[1] < (uint64_t)r->prog->nmaps && !r->full_reported[w[1]]) {
			r->full_reported[w[1]] = true;
			const struct map_info *mi = &r->prog->maps[w[1]];
			fprintf(stderr, "WARNING: map %s is full (%u entries): new keys are being dropped; "
				"%s\n", mi->name, map_hash_entries(mi, r->max_entries),
				mi->decl_entries ? "declare it larger" : "raise BPFTRACE_MAP_KEYS_MAX");
		}
		break;
	case EV_NEW_PID:
		if (size >= 16)
			symbolizer_note_pid(r->sym, (int)w[1]);
		break;
	case EV_UNWATCH:
		if (size >= 16)
			unwatch(r->code, w[1]);
		break;
	case EV_PRINT_MAP:
		if (size >= 40 && w[1] < (uint64_t)r->prog->nmaps && r->maps[w[1]].value.kind == T_TSERIES)
			output_print_series(r->out, &r->maps[w[1]], w[4] != 0, (int64_t)w[2], (int64_t)w[3]);
		else if (size >= 32 && w[1] < (uint64_t)r->prog->nmaps)
			output_print_map(r->out, &r->maps[w[1]], (int)w[2], (int)w[3]);
		break;
	case EV_CLEAR:
	case EV_ZERO:
		if (size >= 16 && w[1] < (uint64_t)r->prog->nmaps)
			clear_map(r->maps[w[1]].fd, &r->maps[w[1]], w[0] == EV_ZERO, r->ncpus);
		break;
	default:
		break;
	}
	return 0;
}

static int attach_all(const struct codegen_result *code, const struct loaded *ld,
		      struct diag *diag)
{
	for (int i = 0; i < code->nprogs; i++) {
		const struct bpf_code *c = &code->progs[i];
		for (int k = 0; k < c->nprobes; k++) {
			struct errbuf e;
			if (c->probes[k]->prov->attach(c->probes[k], ld->prog_fds[i], &e)) {
				diag_error(diag, (struct loc){ 0 }, "%s", e.msg);	/* one line: the message names the probe */
				return -EINVAL;
			}
		}
	}
	return 0;
}

static void detach_all(const struct codegen_result *code);

/* Makes every event program return at once (see codegen: `stopped`). */
static void stop_programs(const struct run *r)
{
	int key = 0;
	struct bpf_state st;
	int fd = loader_map_fd(r->ld, r->prog, IMAP_STATE);
	if (bpf_map_lookup_elem(fd, &key, &st) == 0) {
		st.stopped = 1;
		bpf_map_update_elem(fd, &key, &st, BPF_ANY);
	}
}

/* Detaching a tracepoint waits for the kernel's RCU grace periods, one
 * probe after the other (30 ms for one, 10 s for 361). The programs are
 * already stopped, so a child process that shares the attachments closes
 * them while bpfkit itself exits at once. Whoever drops the last reference
 * pays, so the child starts only after the parent has dropped all of its
 * own. Without a child, the parent detaches. */
static void detach_in_background(const struct codegen_result *code)
{
	int go[2];
	fflush(NULL);
	if (pipe(go)) {
		detach_all(code);
		return;
	}
	pid_t pid = fork();
	if (pid == 0) {
		/* No output of ours: a pipeline sees its end when bpfkit exits. */
		int null = open("/dev/null", O_RDWR);
		for (int fd = 0; fd < 3; fd++)
			dup2(null, fd);
		close(go[1]);
		char c;
		while (read(go[0], &c, 1) < 0 && errno == EINTR)
			;	/* EOF: the parent has let go */
		detach_all(code);
		_exit(0);
	}
	close(go[0]);
	detach_all(code);	/* quick while the child holds references */
	close(go[1]);
}

static void detach_all(const struct codegen_result *code)
{
	for (int i = 0; i < code->nprogs; i++)
		for (int k = 0; k < code->progs[i].nprobes; k++)
			code->progs[i].probes[k]->prov->detach(code->progs[i].probes[k]);
}

/* Runs the BEGIN or END programs once, in bpfkit's own context. */
/* Runs the programs of BEGIN, END, or (when RUN_ON_SIGNAL) the
 * self:signal probes of signal signo. */
static int run_special(const struct codegen_result *code, const struct loaded *ld,
		       enum probe_run when, int signo, struct diag *diag)
{
	for (int i = 0; i < code->nprogs; i++) {
		const struct probe *p = code->progs[i].probes[0];
		if (p->prov->run != when || (when == RUN_ON_SIGNAL && p->config != (uint64_t)signo))
			continue;
		__u64 args[1] = { 0 };
		LIBBPF_OPTS(bpf_test_run_opts, opts, .ctx_in = args, .ctx_size_in = sizeof(args));
		int err = bpf_prog_test_run_opts(ld->prog_fds[i], &opts);
		if (err) {
			diag_error(diag, code->progs[i].pi->node->loc, "cannot run %s: %s",
				   code->progs[i].probes[0]->name, strerror(-err));
			return err;
		}
	}
	return 0;
}

/* True when every probe but BEGIN/END has already run while attaching. */
static bool only_run_once(const struct codegen_result *code)
{
	bool any = false;
	for (int i = 0; i < code->nprogs; i++) {
		enum probe_run run = code->progs[i].probes[0]->prov->run;
		if (run == RUN_ON_EVENT || run == RUN_ON_SIGNAL)
			return false;
		any |= run == RUN_ONCE;
	}
	return any;
}

static int count_probes(const struct codegen_result *code)
{
	int n = 0;
	for (int i = 0; i < code->nprogs; i++)
		n += code->progs[i].nprobes;
	return n;
}

/* True once a -c child or -p target has gone. */
static bool target_gone(const struct runtime_opts *ro)
{
	if (ro->child_pid > 0) {
		int status;
		if (waitpid(ro->child_pid, &status, WNOHANG) == ro->child_pid)
			return true;
	}
	return ro->target_pid > 0 && kill(ro->target_pid, 0) != 0 && errno == ESRCH;
}

/* Reads the signals that came: SIGINT or SIGTERM asks to stop (true);
 * others run their self:signal programs. */
static bool signalled(int sfd, const struct codegen_result *code, const struct loaded *ld,
		      struct diag *diag)
{
	struct signalfd_siginfo si;
	bool any = false;
	while (read(sfd, &si, sizeof(si)) == sizeof(si)) {
		if (si.ssi_signo == SIGINT || si.ssi_signo == SIGTERM)
			any = true;
		else
			run_special(code, ld, RUN_ON_SIGNAL, (int)si.ssi_signo, diag);
	}
	return any;
}

/* The signals the script's self:signal probes wait for, added to mask. */
static void add_probe_signals(const struct codegen_result *code, sigset_t *mask)
{
	for (int i = 0; i < code->nprogs; i++)
		if (code->progs[i].probes[0]->prov->run == RUN_ON_SIGNAL)
			sigaddset(mask, (int)code->progs[i].probes[0]->config);
}

/* Lets the -c child exec. When the script symbolizes user addresses the
 * child stops at its exec (it asked to be traced), is snapshotted, and
 * goes on: a command that ends in a millisecond still gets names. Returns
 * true if the child has already ended (its exec failed): it was reaped. */
static bool release_child(const struct runtime_opts *ro, struct symbolizer *sym,
			  bool snapshot)
{
	if (ro->child_go_fd < 0)
		return false;
	uint64_t go = snapshot ? CHILD_GO_TRACED : CHILD_GO;
	if (write(ro->child_go_fd, &go, sizeof(go)) != sizeof(go))
		kill(ro->child_pid, SIGKILL);
	close(ro->child_go_fd);
	if (!snapshot)
		return false;
	int status;
	if (waitpid(ro->child_pid, &status, 0) != ro->child_pid)
		return false;
	if (!WIFSTOPPED(status))
		return true;
	symbolizer_note_pid(sym, ro->child_pid);
	ptrace(PTRACE_DETACH, ro->child_pid, NULL, NULL);
	return false;
}

static void report_lost(const struct run *r)
{
	int key = 0;
	struct bpf_state st;
	if (bpf_map_lookup_elem(loader_map_fd(r->ld, r->prog, IMAP_STATE), &key, &st) == 0 &&
	    st.lost_events)
		output_lost(r->out, st.lost_events);
}

int runtime_run(const struct program *prog, const struct codegen_result *code,
		const struct loaded *ld, struct output *out,
		const struct runtime_opts *ro, struct diag *diag)
{
	struct run r = { .prog = prog, .ld = ld, .out = out, .ncpus = libbpf_num_possible_cpus(),
			 .sym = symbolizer_new(), .code = code };
	output_set_symbolizer(out, r.sym);
	output_set_gfp_table(out, &prog->gfp);
	output_set_enum_names(out, prog->enum_names, prog->nenum_names);
	const char **time_fmts = calloc((size_t)prog->nfmts + 1, sizeof(char *));
	for (int i = 0; i < prog->nfmts; i++)
		time_fmts[i] = prog->fmts[i].fmt;
	output_set_time_formats(out, time_fmts, prog->nfmts);
	r.full_reported = calloc((size_t)prog->nmaps + 1, sizeof(bool));
	r.max_entries = prog->opts.map_max_entries > 0 ? prog->opts.map_max_entries : 4096;
	r.maps = program_map_descs(prog, ld->map_fds);
	r.fmts = calloc((size_t)prog->nfmts + 1, sizeof(*r.fmts));
	for (int i = 0; i < prog->nfmts; i++) {
		r.fmts[i].fmt = prog->fmts[i].fmt;
		r.fmts[i].args = prog->fmts[i].args;
	}
	sigset_t mask, old;
	sigemptyset(&mask);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGTERM);
	add_probe_signals(code, &mask);
	sigprocmask(SIG_BLOCK, &mask, &old);
	int sfd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
	struct ring_buffer *rb = ring_buffer__new(loader_map_fd(ld, prog, IMAP_RINGBUF),
						  on_event, &r, NULL);
	int status = 1;
	if (!rb || sfd < 0) {
		diag_error(diag, (struct loc){ 0 }, "cannot set up the event loop: %s", strerror(errno));
		goto out;
	}
	if (prog->npcap_paths &&
	    !(r.pcap = pcap_out_new(prog, loader_map_fd(ld, prog, IMAP_SKB_OUTPUT))))
		goto out;
	if (!ro->quiet)
		output_attaching(out, count_probes(code));
	output_flush(out);
	if (attach_all(code, ld, diag))
		goto detach;
	if (ro->attach_done)
		clock_gettime(CLOCK_MONOTONIC, ro->attach_done);
	if (run_special(code, ld, RUN_AT_BEGIN, 0, diag))
		goto detach;
	bool child_gone = release_child(ro, r.sym, prog->uses_user_symbols);
	ring_buffer__consume(rb);
	if (only_run_once(code))
		r.exit_requested = true;	/* the iterators have run */
	while (!r.exit_requested && !child_gone) {
		int n = ring_buffer__poll(rb, POLL_MS);
		if (n < 0 && n != -EINTR)
			break;
		pcap_out_poll(r.pcap);
		if (n > 0)
			output_flush(out);
		if (signalled(sfd, code, ld, diag) || target_gone(ro))
			break;
	}
	ring_buffer__consume(rb);
	status = 0;
detach:
	stop_programs(&r);
	if (status == 0) {
		r.exit_requested = false;
		run_special(code, ld, RUN_AT_END, 0, diag);
		ring_buffer__consume(rb);
		report_lost(&r);
		if (!prog->opts.keep_maps_at_exit)
			output_print_maps_at_exit(out, r.maps, prog->nmaps);
		detach_in_background(code);
		if (ro->exit_code)
			*ro->exit_code = r.exit_code;
	} else {
		detach_all(code);
	}
out:
	pcap_out_free(r.pcap);
	ring_buffer__free(rb);
	if (sfd >= 0)
		close(sfd);
	sigprocmask(SIG_SETMASK, &old, NULL);
	output_set_symbolizer(out, NULL);
	symbolizer_free(r.sym);
	output_set_time_formats(out, NULL, 0);
	free(time_fmts);
	free(r.full_reported);
	free(r.maps);
	free(r.fmts);
	return status;
}
