/* bpfkit: command line, and the pipeline from script text to running BPF:
 * parse -> sema -> codegen -> load -> run. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <bpf/libbpf.h>
#include "bpf_insn.h"
#include "codegen.h"
#include "loader.h"
#include "imports.h"
#include "macros.h"
#include "parser.h"
#include "runtime.h"

#define BPFKIT_VERSION "0.1.0"

struct cli {
	const char *program_text;	/* -e */
	const char *script_path;	/* FILE or "-" */
	const char *child_cmd;		/* -c */
	const char *output_path;	/* -o */
	const char *list_glob;		/* -l [GLOB] */
	bool list, verbose, dump, dry_run, quiet, timings, unsafe, info;
	enum run_mode mode;	/* --test, --bench */
	enum output_format format;
	int buffering;		/* -B: _IONBF, _IOLBF, _IOFBF, or -1 for the default */
	int target_pid;
	char **params;		/* positional, then named (--name=value) */
	int nparams;
	char **named;
	int nnamed;
};

static void usage(FILE *f)
{
	fputs("USAGE:\n"
	      "    bpfkit [options] FILE [ARGS...]\n"
	      "    bpfkit [options] - [ARGS...]       (program on standard input)\n"
	      "    bpfkit [options] -e 'program' [ARGS...]\n"
	      "    ARGS: positional parameters ($1, $2...), then after \"--\" named\n"
	      "    ones for getopt(): --name or --name=value\n"
	      "\n"
	      "OPTIONS:\n"
	      "    -e PROGRAM     trace the program given on the command line\n"
	      "    -c CMD         run CMD once probes are attached; cpid is its pid;\n"
	      "                   exit when it ends\n"
	      "    -p PID         exit when process PID ends\n"
	      "    -o FILE        write the output to FILE\n"
	      "    -f FORMAT      output format: text (default) or json\n"
	      "    -q             do not print \"Attaching N probes...\"\n"
	      "    -l [GLOB]      list probes matching GLOB; -lv also lists their args\n"
	      "    -d             print the AST, the typed AST and the BPF assembly\n"
	      "    --dry-run      compile only: do not load or attach (with -d)\n"
	      "    -v             verbose: the verifier log of every program\n"
	      "    -B MODE        output buffering: none, line or full\n"
	      "    --timings      print the time each stage took, on stderr\n"
	      "    --unsafe       allow functions that change the system (system, signal)\n"
	      "    --info         print which kernel features and probe types work here\n"
	      "    --test         run the script's test:NAME probes (only those) and report\n"
	      "    --bench        run the script's bench:NAME probes (only those) many times\n"
	      "                   and print their average time\n"
	      "    -h, --help     show this help\n"
	      "    -V, --version  print the version\n"
	      "\n"
	      "ENVIRONMENT:\n"
	      "    BPFTRACE_STRLEN        bytes of str() results (default 64, at most 200;\n"
	      "                           also BPFTRACE_MAX_STRLEN)\n"
	      "    BPFTRACE_MAP_KEYS_MAX  entries of each map (default 4096; also\n"
	      "                           BPFTRACE_MAX_MAP_KEYS)\n"
	      "    BPFTRACE_STACK_MODE    kstack/ustack format: bpftrace, perf or raw\n"
	      "\n"
	      "EXAMPLES:\n"
	      "    bpfkit -e 'tracepoint:raw_syscalls:sys_enter { @[comm] = count(); }'\n"
	      "        count system calls by process name until Ctrl-C\n"
	      "    bpfkit -c 'ls /' -e 'tracepoint:syscalls:sys_enter_openat /pid == cpid/\n"
	      "        { @[str(args->filename)] = count(); }'\n"
	      "        files opened by one command\n"
	      "    bpfkit -l 'tracepoint:sched:*'\n"
	      "        list the scheduler's tracepoints\n", f);
}

static int fail_usage(const char *msg, const char *arg)
{
	fprintf(stderr, "bpfkit: %s%s%s\nTry 'bpfkit -h' for help.\n", msg,
		arg ? ": " : "", arg ? arg : "");
	return 2;
}

/* After the script: positional parameters ($1..) and named ones
 * (--name[=value], for getopt()); a "--" between them is dropped. The
 * slice of argv is reordered in place: positional first, then named. */
static void split_params(struct cli *c, char **args, int n)
{
	char *copy[n + 1];
	memcpy(copy, args, (size_t)n * sizeof(char *));
	for (int pass = 0; pass < 2; pass++) {
		for (int k = 0; k < n; k++) {
			bool named = !strncmp(copy[k], "--", 2) && copy[k][2];
			if (strcmp(copy[k], "--") && named == (pass == 1))
				args[c->nparams + c->nnamed++] = copy[k];
		}
		if (pass == 0) {
			c->nparams = c->nnamed;
			c->nnamed = 0;
		}
	}
	c->params = args;
	c->named = args + c->nparams;
}

static int parse_cli(int argc, char **argv, struct cli *c)
{
	enum { OPT_DRY_RUN = 256, OPT_TIMINGS, OPT_UNSAFE, OPT_INFO, OPT_TEST, OPT_BENCH };
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
		{ "timings", no_argument, NULL, OPT_TIMINGS },
		{ "unsafe", no_argument, NULL, OPT_UNSAFE },
		{ "info", no_argument, NULL, OPT_INFO },
		{ "test", no_argument, NULL, OPT_TEST },
		{ "bench", no_argument, NULL, OPT_BENCH },
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	/* '+': stop at the first non-option, which is the script or $1. */
	while ((opt = getopt_long(argc, argv, "+e:c:p:o:f:qlvdB:hV", longopts, NULL)) != -1) {
		switch (opt) {
		case 'e': c->program_text = optarg; break;
		case 'c': c->child_cmd = optarg; break;
		case 'o': c->output_path = optarg; break;
		case 'q': c->quiet = true; break;
		case 'l': c->list = true; break;
		case 'v': c->verbose = true; break;
		case 'd': c->dump = true; break;
		case OPT_DRY_RUN: c->dry_run = true; break;
		case OPT_TIMINGS: c->timings = true; break;
		case OPT_UNSAFE: c->unsafe = true; break;
		case OPT_INFO: c->info = true; break;
		case OPT_TEST:
		case OPT_BENCH:
			if (c->mode != MODE_TRACE)
				return fail_usage("--test and --bench are one or the other", NULL);
			c->mode = opt == OPT_TEST ? MODE_TEST : MODE_BENCH;
			break;
		case 'p': {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (*end || v <= 0 || v > INT32_MAX)
				return fail_usage("-p needs a process id", optarg);
			if (kill((pid_t)v, 0) && errno == ESRCH)
				return fail_usage("-p: no such process", optarg);
			c->target_pid = (int)v;
			break;
		}
		case 'f':
			if (!strcmp(optarg, "text"))
				c->format = OUT_TEXT;
			else if (!strcmp(optarg, "json"))
				c->format = OUT_JSON;
			else
				return fail_usage("-f takes text or json", optarg);
			break;
		case 'B':
			if (!strcmp(optarg, "none"))
				c->buffering = _IONBF;
			else if (!strcmp(optarg, "line"))
				c->buffering = _IOLBF;
			else if (!strcmp(optarg, "full"))
				c->buffering = _IOFBF;
			else
				return fail_usage("-B takes none, line or full", optarg);
			break;
		case 'h':
			usage(stdout);
			exit(0);
		case 'V':
			printf("bpfkit v%s\n", BPFKIT_VERSION);
			exit(0);
		default:
			return fail_usage("invalid option", NULL);
		}
	}
	int i = optind;
	if (c->info)
		return i < argc ? fail_usage("--info takes no arguments", argv[i]) : 0;
	if (c->list) {
		if (i < argc)
			c->list_glob = argv[i++];
		return i < argc ? fail_usage("-l takes at most one pattern", argv[i]) : 0;
	}
	if (!c->program_text) {
		if (i >= argc)
			return fail_usage("no program given (use -e PROGRAM, a FILE, or - for stdin)", NULL);
		c->script_path = argv[i++];
	}
	split_params(c, argv + i, argc - i);
	return 0;
}

static char *read_stream(FILE *f)
{
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap);
	if (!buf)
		abort();
	size_t got;
	while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
		n += got;
		if (n + 1 == cap) {
			cap *= 2;
			buf = realloc(buf, cap);
			if (!buf)
				abort();
		}
	}
	buf[n] = 0;
	return buf;
}

static char *read_script(const struct cli *c)
{
	if (c->program_text)
		return strdup(c->program_text);
	if (!strcmp(c->script_path, "-"))
		return read_stream(stdin);
	FILE *f = fopen(c->script_path, "r");
	if (!f) {
		fprintf(stderr, "bpfkit: cannot open %s: %s\n", c->script_path, strerror(errno));
		return NULL;
	}
	char *text = read_stream(f);
	fclose(f);
	return text;
}

/* True if the first word of cmd names an executable file: a path, or a
 * name found in PATH (as execvp will look it up). */
static bool command_exists(const char *cmd)
{
	char name[4096];
	size_t len = strcspn(cmd + strspn(cmd, " \t"), " \t");
	snprintf(name, sizeof(name), "%.*s", (int)len, cmd + strspn(cmd, " \t"));
	if (!*name)
		return false;
	if (strchr(name, '/'))
		return access(name, X_OK) == 0;
	const char *path = getenv("PATH");
	for (const char *p = path ? path : "/usr/bin:/bin"; *p;) {
		size_t n = strcspn(p, ":");
		char full[8192];
		snprintf(full, sizeof(full), "%.*s/%s", (int)n, p, name);
		if (access(full, X_OK) == 0)
			return true;
		p += n + (p[n] == ':');
	}
	return false;
}

/* Forks the -c command, held on a pipe until the probes are attached. */
static int spawn_child(const char *cmd, int *go_fd)
{
	int pipefd[2];
	if (pipe2(pipefd, O_CLOEXEC))
		return -errno;
	pid_t pid = fork();
	if (pid < 0)
		return -errno;
	if (pid == 0) {
		close(pipefd[1]);
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		/* An 8-byte read, as bpftrace's child does: a trace of the
		 * child sees the same system calls under both tools. */
		uint64_t go;
		if (read(pipefd[0], &go, sizeof(go)) != sizeof(go))
			_exit(127);
		/* Stop at exec so bpfkit can snapshot our symbols. */
		if (go == CHILD_GO_TRACED && ptrace(PTRACE_TRACEME, 0, NULL, NULL))
			_exit(127);
		char *copy = strdup(cmd), *argv[256], *save = NULL;
		int argc = 0;
		for (char *t = strtok_r(copy, " \t", &save); t && argc < 255;
		     t = strtok_r(NULL, " \t", &save))
			argv[argc++] = t;
		argv[argc] = NULL;
		if (!argc)
			_exit(127);
		execvp(argv[0], argv);
		fprintf(stderr, "bpfkit: -c: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(pipefd[0]);
	*go_fd = pipefd[1];
	return pid;
}

/* Waits (up to a second) until the child sleeps in its read of the go
 * pipe, so that the probes, attached next, see none of that read: how
 * soon the child gets there must not change what a trace counts. */
static void wait_child_blocked(int pid)
{
	char path[64], stat[256];
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	for (int i = 0; i < 10000; i++) {
		FILE *f = fopen(path, "r");
		size_t n = f ? fread(stat, 1, sizeof(stat) - 1, f) : 0;
		if (f)
			fclose(f);
		stat[n] = 0;
		const char *state = strrchr(stat, ')');	/* after "pid (comm)" */
		if (!state || state[1] != ' ' || state[2] != 'R')
			return;
		usleep(100);
	}
}

static double ms_between(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) * 1e3 + (double)(b->tv_nsec - a->tv_nsec) / 1e6;
}

struct stage_clock {
	bool on;
	struct timespec start, last;
};

static void stage_done(struct stage_clock *sc, const char *stage)
{
	if (!sc->on)
		return;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	fprintf(stderr, "timing: %s %.3f\n", stage, ms_between(&sc->last, &now));
	sc->last = now;
}

static void dump_program(const struct program *prog, const struct codegen_result *code)
{
	printf("typed AST:\n");
	ast_dump(stdout, prog->ast, 1);
	for (int i = 0; i < code->nprogs; i++) {
		const struct bpf_code *c = &code->progs[i];
		printf("\nBPF for %s%s (%d instructions):\n", c->probes[0]->name,
		       c->nprobes > 1 ? " and more" : "", c->ninsns);
		bpf_disasm(stdout, c->insns, c->ninsns);
	}
	fflush(stdout);
}

static int libbpf_quiet(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	(void)level, (void)fmt, (void)ap;
	return 0;
}

/* Whether an attach point belongs in a run of this mode: test: probes only
 * with --test, bench: probes only with --bench, the others only without. */
static bool attach_in_mode(const char *attach, enum run_mode mode)
{
	size_t len = strcspn(attach, ":");
	bool test = len == 4 && !strncmp(attach, "test", 4);
	bool bench = len == 5 && !strncmp(attach, "bench", 5);
	return mode == MODE_TEST ? test : mode == MODE_BENCH ? bench : !test && !bench;
}

/* Leaves out of the AST the attach points (and probes) the mode does not
 * run, as bpftrace ignores test and bench probes without --test/--bench.
 * Returns how many probes are left. */
static int select_mode_probes(struct node *ast, enum run_mode mode)
{
	int kept = 0;
	for (int i = 0; i < ast->nkids; i++) {
		struct node *probe = ast->kids[i];
		int n = 0;
		for (int k = 0; k < probe->nattach; k++) {
			if (attach_in_mode(probe->attach[k].text, mode))
				probe->attach[n++] = probe->attach[k];
			else
				free(probe->attach[k].text);
		}
		probe->nattach = n;
		if (n)
			ast->kids[kept++] = probe;
		else
			node_free(probe);
	}
	ast->nkids = kept;
	return kept;
}

/* The front end: the script's text to one AST, its imports merged and
 * its macros expanded. NULL after reporting errors. */
static struct node *parse_script(const struct cli *c, const struct source *src,
				 struct imported *imported, struct diag *diag)
{
	struct node *ast = parse_program(src, diag);
	const char *path = c->program_text || !strcmp(c->script_path, "-") ? NULL : c->script_path;
	if (ast && (imports_resolve(ast, path, imported, diag) || macros_expand(ast, diag))) {
		node_free(ast);
		ast = NULL;
	}
	if (ast && !select_mode_probes(ast, c->mode)) {
		diag_error(diag, (struct loc){ 0 }, "%s", c->mode == MODE_TEST ? "--test: the script has no test probes" :
			   c->mode == MODE_BENCH ? "--bench: the script has no bench probes" :
			   "no probes to run: test and bench probes run only with --test or --bench");
		node_free(ast);
		ast = NULL;
	}
	return ast;
}

static int trace(const struct cli *c, char *text, struct imported *imported, struct diag *diag,
		 FILE *outf)
{
	struct stage_clock sc = { .on = c->timings };
	clock_gettime(CLOCK_MONOTONIC, &sc.start);
	sc.last = sc.start;
	struct source src = { c->program_text ? "-e" : strcmp(c->script_path, "-") ? c->script_path : "stdin", text };
	diag->src = &src;
	struct program prog = { 0 };
	prog.ast = parse_script(c, &src, imported, diag);
	if (!prog.ast)
		return 1;
	stage_done(&sc, "parse");
	if (c->dump) {
		printf("AST:\n");
		ast_dump(stdout, prog.ast, 1);
	}
	/* bpftrace 0.17's names, then the newer ones. */
	const char *strlen_env = getenv("BPFTRACE_STRLEN");
	if (!strlen_env)
		strlen_env = getenv("BPFTRACE_MAX_STRLEN");
	prog.opts.strlen = strlen_env ? atoi(strlen_env) : 64;
	if (prog.opts.strlen < 1 || prog.opts.strlen > 200) {
		fprintf(stderr, "bpfkit: BPFTRACE_STRLEN must be from 1 to 200\n");
		node_free(prog.ast);
		return 1;
	}
	const char *keys_env = getenv("BPFTRACE_MAP_KEYS_MAX");
	if (!keys_env)
		keys_env = getenv("BPFTRACE_MAX_MAP_KEYS");
	prog.opts.map_max_entries = keys_env ? atoi(keys_env) : 4096;
	const char *mode_env = getenv("BPFTRACE_STACK_MODE");
	if (mode_env) {
		prog.opts.stack_mode = !strcmp(mode_env, "perf") ? STACK_PERF :
				       !strcmp(mode_env, "raw") ? STACK_RAW : STACK_BPFTRACE;
		if (strcmp(mode_env, "perf") && strcmp(mode_env, "raw") && strcmp(mode_env, "bpftrace")) {
			fprintf(stderr, "bpfkit: BPFTRACE_STACK_MODE must be bpftrace, perf or raw\n");
			node_free(prog.ast);
			return 1;
		}
	}
	prog.opts.stack_mode_from_env = mode_env != NULL;
	prog.opts.strlen_from_env = strlen_env != NULL;
	prog.opts.map_keys_from_env = keys_env != NULL;
	prog.opts.target_pid = c->target_pid;
	prog.opts.params = c->params;
	prog.opts.nparams = c->nparams;
	prog.opts.named = c->named;
	prog.opts.nnamed = c->nnamed;
	bool named_used[c->nnamed + 1];
	memset(named_used, 0, sizeof(named_used));
	prog.opts.named_used = named_used;
	prog.opts.unsafe = c->unsafe;

	int status = 1, go_fd = -1, child = 0;
	struct codegen_result code = { 0 };
	struct loaded ld = { 0 };
	if (c->child_cmd && !command_exists(c->child_cmd)) {
		fprintf(stderr, "bpfkit: -c: command not found: %s\n", c->child_cmd);
		goto out;
	}
	if (c->child_cmd && !c->dry_run) {
		child = spawn_child(c->child_cmd, &go_fd);
		if (child < 0) {
			fprintf(stderr, "bpfkit: -c: cannot start %s: %s\n", c->child_cmd, strerror(-child));
			goto out;
		}
		prog.opts.cpid = child;
	}
	if (sema_run(&prog, diag))
		goto out;
	stage_done(&sc, "sema");
	if (codegen_run(&prog, &code, diag))
		goto out;
	stage_done(&sc, "codegen");
	if (c->dump)
		dump_program(&prog, &code);
	if (c->dry_run) {
		status = 0;
		goto out;
	}
	if (loader_load(&prog, &code, &ld, c->verbose, diag))
		goto out;
	stage_done(&sc, "load");
	if (child > 0)
		wait_child_blocked(child);
	struct output *out = output_new(outf, c->format, libbpf_num_possible_cpus());
	output_set_console(out, stdout);
	struct timespec attached = { 0 };
	int exit_code = 0;
	struct runtime_opts ro = { .mode = c->mode, .color = isatty(fileno(outf)),
				   .child_pid = child, .child_go_fd = go_fd,
				   .target_pid = c->target_pid, .quiet = c->quiet,
				   .attach_done = c->timings ? &attached : NULL,
				   .exit_code = &exit_code };
	go_fd = -1;	/* the runtime releases the child */
	status = runtime_run(&prog, &code, &ld, out, &ro, diag);
	if (c->timings && attached.tv_sec) {
		fprintf(stderr, "timing: attach %.3f\n", ms_between(&sc.last, &attached));
		fprintf(stderr, "timing: total %.3f\n", ms_between(&sc.start, &attached));
	}
	output_free(out);
	if (status == 0) {
		child = 0;	/* reaped or still running on its own */
		status = exit_code;
	}
out:
	if (go_fd >= 0)
		close(go_fd);
	if (child > 0) {
		kill(child, SIGKILL);
		waitpid(child, NULL, 0);
	}
	loader_unload(&ld);
	codegen_free(&code);
	program_free(&prog);
	return status;
}

int main(int argc, char **argv)
{
	struct cli c = { .format = OUT_TEXT, .buffering = -1 };
	int err = parse_cli(argc, argv, &c);
	if (err)
		return err;
	libbpf_set_print(libbpf_quiet);
	/* A closed pipe (bpfkit ... | head) must not kill bpfkit before it has
	 * stopped and detached its probes: writes just fail instead. */
	signal(SIGPIPE, SIG_IGN);
	if (c.info)
		return provider_print_info(BPFKIT_VERSION, stdout) ? 1 : 0;
	if (c.list)
		return provider_list(c.list_glob, c.verbose, stdout) ? 1 : 0;
	char *text = read_script(&c);
	if (!text)
		return 1;
	FILE *outf = stdout;
	if (c.output_path) {
		outf = fopen(c.output_path, "w");
		if (!outf) {
			fprintf(stderr, "bpfkit: cannot open %s: %s\n", c.output_path, strerror(errno));
			free(text);
			return 1;
		}
	}
	if (c.buffering >= 0)
		setvbuf(outf, NULL, c.buffering, 0);
	struct diag diag = { .out = stderr };
	struct imported imported = { 0 };
	int status = trace(&c, text, &imported, &diag, outf);
	imports_free(&imported);
	if (outf != stdout)
		fclose(outf);
	free(text);
	return status;
}
