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
#include "testreport.h"

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
	const char **time_fmts;	/* the strftime formats of time(), by fmt id */
	FILE *diag_to;		/* errorf/warnf: stderr, or a test's capture */
	int nerrors;		/* errorf and failed asserts seen */
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
			fmt_write(r->diag_to, r->fmts[w[1]].fmt, &r->fmts[w[1]].args, w + 2, NULL);
			r->nerrors += strstr(r->fmts[w[1]].fmt, ": ERROR: ") != NULL;
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

/* Runs a program bpfkit runs itself once (BPF_PROG_TEST_RUN of a raw
 * tracepoint program); *retval gets what it returned. */
static int run_program(int prog_fd, uint32_t *retval)
{
	__u64 args[1] = { 0 };
	LIBBPF_OPTS(bpf_test_run_opts, opts, .ctx_in = args, .ctx_size_in = sizeof(args));
	int err = bpf_prog_test_run_opts(prog_fd, &opts);
	if (retval)
		*retval = opts.retval;
	return err;
}

/* Runs the programs of BEGIN, END, or (when RUN_ON_SIGNAL) the
 * self:signal probes of signal signo. */
static int run_special(const struct codegen_result *code, const struct loaded *ld,
		       enum probe_run when, int signo, struct diag *diag)
{
	for (int i = 0; i < code->nprogs; i++) {
		const struct probe *p = code->progs[i].probes[0];
		if (p->prov->run != when || (when == RUN_ON_SIGNAL && p->config != (uint64_t)signo))
			continue;
		int err = run_program(ld->prog_fds[i], NULL);
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

/* What an output needs to print this program's events. */
static void configure_output(struct run *r, struct output *o)
{
	output_set_symbolizer(o, r->sym);
	output_set_gfp_table(o, &r->prog->gfp);
	output_set_enum_names(o, r->prog->enum_names, r->prog->nenum_names);
	output_set_time_formats(o, r->time_fmts, r->prog->nfmts);
}

/* One test or bench probe: its name without "test:"/"bench:" and the
 * index of its program. */
struct named_prog {
	const char *name;
	int prog;
};

/* The probes of kind `run`, in the script's order; *n gets their count. */
static struct named_prog *probes_of(const struct codegen_result *code, enum probe_run run,
				    int *n)
{
	struct named_prog *v = calloc((size_t)count_probes(code) + 1, sizeof(*v));
	if (!v)
		abort();
	*n = 0;
	for (int i = 0; i < code->nprogs; i++) {
		for (int k = 0; k < code->progs[i].nprobes; k++) {
			const struct probe *p = code->progs[i].probes[k];
			if (p->prov->run == run)
				v[(*n)++] = (struct named_prog){ p->name + strlen(p->prov->name) + 1, i };
		}
	}
	return v;
}

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

/* Runs one test with its events (printf, errorf, ...) printed to
 * `captured`. It passes when it returns 0 without an error or exit(). */
static bool run_one_test(struct run *r, struct ring_buffer *rb, int prog_fd, FILE *captured,
			 uint64_t *ns)
{
	struct output *cap = output_new(captured, OUT_TEXT, r->ncpus);
	configure_output(r, cap);
	struct output *saved = r->out;
	r->out = cap;
	r->diag_to = captured;
	r->nerrors = 0;
	r->exit_requested = false;
	uint32_t retval = 0;
	uint64_t start = now_ns();
	int err = run_program(prog_fd, &retval);
	*ns = now_ns() - start;
	ring_buffer__consume(rb);
	output_flush(cap);
	if (err)
		fprintf(captured, "cannot run the test: %s\n", strerror(-err));
	bool passed = !err && retval == 0 && !r->nerrors && !r->exit_requested;
	r->out = saved;
	r->diag_to = stderr;
	r->exit_requested = false;
	output_free(cap);
	return passed;
}

/* --test: each test once, in order; a failed one shows its output.
 * Returns 0 when all passed, else 1. */
static int run_tests(struct run *r, const struct codegen_result *code, struct ring_buffer *rb,
		     bool color)
{
	int n;
	struct named_prog *tests = probes_of(code, RUN_TEST, &n);
	const char **names = calloc((size_t)n + 1, sizeof(*names));
	bool *passed = calloc((size_t)n + 1, sizeof(*passed));
	bool all = true;
	for (int i = 0; i < n; i++) {
		char *text = NULL, *report = NULL;
		size_t len = 0, rlen = 0;
		FILE *captured = open_memstream(&text, &len);
		FILE *rep = open_memstream(&report, &rlen);
		if (!captured || !rep)
			abort();
		uint64_t ns;
		names[i] = tests[i].name;
		passed[i] = run_one_test(r, rb, r->ld->prog_fds[tests[i].prog], captured, &ns);
		all &= passed[i];
		fclose(captured);
		if (output_is_json(r->out))
			output_test_result_json(r->out, names[i], ns, passed[i], text ? text : "");
		else
			testreport_result(rep, color, names, n, i, passed, ns, text);
		fclose(rep);
		if (rlen)
			output_raw(r->out, report, rlen);
		output_flush(r->out);
		free(text);
		free(report);
	}
	free(tests);
	free(names);
	free(passed);
	return all ? 0 : 1;
}

/* Kernel statistics of a program: total run time and runs. */
static int prog_run_stats(int prog_fd, uint64_t *run_ns, uint64_t *runs)
{
	struct bpf_prog_info info = { 0 };
	uint32_t len = sizeof(info);
	int err = bpf_obj_get_info_by_fd(prog_fd, &info, &len);
	*run_ns = info.run_time_ns;
	*runs = info.run_cnt;
	return err;
}

#define BENCH_BATCH 1000
#define BENCH_WALL_NS 100000000ULL	/* run each benchmark about 0.1 s */

/* The average time of one run of a program, in nanoseconds, as the
 * kernel's run-time statistics measure it (BPF_PROG_TEST_RUN of a raw
 * tracepoint program cannot repeat a run and time it). Its events are
 * drained and dropped. */
static int bench_one(struct ring_buffer *rb, int prog_fd, uint64_t *avg, uint64_t *iters)
{
	uint64_t ns0, runs0, ns1, runs1, start = now_ns();
	int err = run_program(prog_fd, NULL);	/* warm up */
	if (!err)
		err = prog_run_stats(prog_fd, &ns0, &runs0);
	while (!err && now_ns() - start < BENCH_WALL_NS) {
		for (int i = 0; i < BENCH_BATCH && !err; i++)
			err = run_program(prog_fd, NULL);
		ring_buffer__consume(rb);
	}
	if (!err)
		err = prog_run_stats(prog_fd, &ns1, &runs1);
	if (!err)
		*avg = runs1 > runs0 ? (ns1 - ns0) / (runs1 - runs0) : 0;
	*iters = runs1 - runs0;
	return err;
}

/* --bench: each benchmark in turn, then the table. Their output is
 * dropped: a benchmark prints thousands of times. */
static int run_benches(struct run *r, const struct codegen_result *code, struct ring_buffer *rb,
		       struct diag *diag)
{
	int n, err = 0;
	struct named_prog *benches = probes_of(code, RUN_BENCH, &n);
	const char **names = calloc((size_t)n + 1, sizeof(*names));
	uint64_t *ns = calloc((size_t)n + 1, sizeof(*ns));
	uint64_t *iters = calloc((size_t)n + 1, sizeof(*iters));
	FILE *null = fopen("/dev/null", "w");
	struct output *drop = null ? output_new(null, OUT_TEXT, r->ncpus) : NULL;
	int stats_fd = bpf_enable_stats(BPF_STATS_RUN_TIME);
	if (!drop || stats_fd < 0) {
		diag_error(diag, (struct loc){ 0 }, "cannot measure benchmarks: %s",
			   strerror(stats_fd < 0 ? -stats_fd : errno));
		err = -EINVAL;
	}
	struct output *saved = r->out;
	r->out = drop;
	r->diag_to = null;
	for (int i = 0; i < n && !err; i++) {
		names[i] = benches[i].name;
		err = bench_one(rb, r->ld->prog_fds[benches[i].prog], &ns[i], &iters[i]);
		if (err)
			diag_error(diag, (struct loc){ 0 }, "cannot run bench:%s: %s", names[i],
				   strerror(-err));
	}
	r->out = saved;
	r->diag_to = stderr;
	for (int i = 0; i < n && !err && output_is_json(r->out); i++)
		output_bench_result_json(r->out, names[i], ns[i], iters[i]);
	if (!err && !output_is_json(r->out)) {
		char *table = NULL;
		size_t len = 0;
		FILE *m = open_memstream(&table, &len);
		if (!m)
			abort();
		testreport_bench_table(m, names, ns, n);
		fclose(m);
		output_raw(r->out, table, len);
		free(table);
	}
	if (stats_fd >= 0)
		close(stats_fd);
	output_free(drop);
	if (null)
		fclose(null);
	free(benches);
	free(names);
	free(ns);
	free(iters);
	return err ? 1 : 0;
}

int runtime_run(const struct program *prog, const struct codegen_result *code,
		const struct loaded *ld, struct output *out,
		const struct runtime_opts *ro, struct diag *diag)
{
	struct run r = { .prog = prog, .ld = ld, .out = out, .ncpus = libbpf_num_possible_cpus(),
			 .sym = symbolizer_new(), .code = code, .diag_to = stderr };
	const char **time_fmts = calloc((size_t)prog->nfmts + 1, sizeof(char *));
	for (int i = 0; i < prog->nfmts; i++)
		time_fmts[i] = prog->fmts[i].fmt;
	r.time_fmts = time_fmts;
	configure_output(&r, out);
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
	if (ro->mode != MODE_TRACE) {
		/* Only the test or bench programs were compiled: no END, no maps. */
		status = ro->mode == MODE_TEST ? run_tests(&r, code, rb, ro->color) :
						 run_benches(&r, code, rb, diag);
		output_flush(out);
		detach_all(code);
		goto out;
	}
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
