/* Tests of the symbol layer: ksyms (kallsyms), elfsym (ELF files, debug
 * files, demangling, library resolution) and usyms (processes, perf maps,
 * snapshots that outlive the process, other mount namespaces).
 *
 * Needs root, binutils (nm, readelf, objcopy, strip), ldconfig and the
 * test program build/symtest (built here from tests/symtest.c when
 * missing; BPFKIT_SYMTEST names another). Run from the repository root.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <bpf/bpf.h>

#include "check.h"
#include "elfsym.h"
#include "ksyms.h"
#include "usyms.h"

#define SYMTEST_DEFAULT "build/symtest"
#define SYMTEST_BUILD "gcc -O0 -g -fno-omit-frame-pointer -fPIE -pie " \
		      "-o build/symtest tests/symtest.c"

/* What a running symtest printed about itself. */
struct target {
	pid_t pid;		/* our child */
	int reported_pid;	/* its pid as it sees it */
	uint64_t leaf, mid, data, jit;
	bool skipped;		/* the child could not set itself up */
	bool running;		/* not yet reaped */
};

static const char *symtest_path(void)
{
	const char *env = getenv("BPFKIT_SYMTEST");

	if (env)
		return env;
	if (access(SYMTEST_DEFAULT, X_OK) != 0 &&
	    system("mkdir -p build && " SYMTEST_BUILD) != 0)
		return NULL;
	return SYMTEST_DEFAULT;
}

static bool run(const char *cmd)
{
	return system(cmd) == 0;
}

/* First line of a command's output, newline removed. */
static bool command_line(const char *cmd, char *out, size_t len)
{
	FILE *f = popen(cmd, "r");
	bool ok;

	if (!f)
		return false;
	ok = fgets(out, (int)len, f) != NULL;
	pclose(f);
	if (ok)
		out[strcspn(out, "\n")] = '\0';
	return ok && out[0];
}

/* Address nm prints for a symbol of a file. */
static uint64_t nm_addr(const char *file, const char *sym)
{
	char cmd[PATH_MAX + 128], line[256];

	snprintf(cmd, sizeof(cmd), "nm '%s' | awk '$3 == \"%s\" {print $1}'",
		 file, sym);
	if (!command_line(cmd, line, sizeof(line)))
		return 0;
	return strtoull(line, NULL, 16);
}

/* ---- processes ---- */

/* Runs in the child before exec: make a mount namespace where dir holds a
 * private copy of the program, invisible from ours. */
static bool enter_private_dir(const char *dir, const char *prog, char *copy,
			      size_t len)
{
	char buf[65536];
	ssize_t n;
	int in, out;

	if (unshare(CLONE_NEWNS) != 0 ||
	    mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
	    mount("bpfkit", dir, "tmpfs", 0, NULL) != 0)
		return false;
	snprintf(copy, len, "%s/symtest", dir);
	in = open(prog, O_RDONLY);
	out = open(copy, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (in < 0 || out < 0)
		return false;
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n)
			return false;
	close(in);
	close(out);
	return n == 0;
}

static void reap(struct target *t)
{
	if (!t->running)
		return;
	kill(t->pid, SIGKILL);
	waitpid(t->pid, NULL, 0);
	t->running = false;
}

/* Starts symtest (in its own mount namespace when private_dir is set) and
 * reads what it prints. */
static bool spawn(const char *prog, const char *private_dir, struct target *t)
{
	int fds[2];
	char line[512];
	FILE *f;
	bool ok;

	memset(t, 0, sizeof(*t));
	if (pipe(fds) != 0)
		return false;
	t->pid = fork();
	if (t->pid < 0)
		return false;
	t->running = t->pid > 0;
	if (t->pid == 0) {
		char copy[PATH_MAX];

		/* No stray symtest if the test dies before reaping it. */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		if (private_dir) {
			if (!enter_private_dir(private_dir, prog, copy,
					       sizeof(copy))) {
				printf("skip\n");
				fflush(stdout);
				_exit(0);
			}
			prog = copy;
		}
		execl(prog, prog, (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	f = fdopen(fds[0], "r");
	ok = f && fgets(line, sizeof(line), f);
	if (f)
		fclose(f);
	else
		close(fds[0]);
	if (ok && strncmp(line, "skip", 4) == 0) {
		t->skipped = true;
		reap(t);
		return true;
	}
	return ok && sscanf(line, "pid=%d leaf=%" SCNx64 " mid=%" SCNx64
			    " data=%" SCNx64 " jit=%" SCNx64, &t->reported_pid,
			    &t->leaf, &t->mid, &t->data, &t->jit) == 5;
}

static bool process_gone(pid_t pid)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d", (int)pid);
	return access(path, F_OK) != 0;
}

/* ---- ksyms ---- */

/* Reads kallsyms independently of ksyms: the first line whose name is sym
 * (module "" for the core kernel). */
static bool kallsyms_find(const char *sym, uint64_t *addr, char *module,
			  size_t len)
{
	char line[512], name[256], mod[256];
	FILE *f = fopen("/proc/kallsyms", "r");
	bool found = false;

	while (f && !found && fgets(line, sizeof(line), f)) {
		char type;
		int n;

		mod[0] = '\0';
		n = sscanf(line, "%" SCNx64 " %c %255s [%255[^]]]", addr, &type,
			   name, mod);
		found = n >= 3 && strcmp(name, sym) == 0;
	}
	if (f)
		fclose(f);
	if (found)
		snprintf(module, len, "%s", mod);
	return found;
}

/* A module symbol (name and module) whose address no other symbol has. */
/* The kallsyms line of a BPF program this test loads itself: the one
 * module symbol ("[bpf]") that surely stays while the test reads it (other
 * BPF programs on the machine may come and go). Returns its fd, or -1. */
static int load_named_prog(char *name, char *module, uint64_t *addr)
{
	struct bpf_insn insns[] = {
		{ .code = 0xb7, .dst_reg = 0, .imm = 0 },	/* r0 = 0 */
		{ .code = 0x95 },				/* exit */
	};
	char line[512], cmd[] =
		"awk '$3 ~ /_bpfkit_ksymtest$/ && $4 == \"[bpf]\" "
		"{ print $1, $3, $4; exit }' /proc/kallsyms";
	int fd = bpf_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, "bpfkit_ksymtest", "GPL",
			       insns, 2, NULL);

	if (fd < 0)
		return -1;
	if (!command_line(cmd, line, sizeof(line)) ||
	    sscanf(line, "%" SCNx64 " %255s [%255[^]]]", addr, name, module) != 3) {
		close(fd);
		return -1;
	}
	return fd;
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) +
	       (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static void test_ksyms(void)
{
	char module[256], name[256];
	uint64_t want, addr = 0, off = 99;
	struct timespec t0;
	struct ksyms *ks = ksyms_new();
	long count;

	CHECK(ks != NULL);
	CHECK(kallsyms_find("schedule", &want, module, sizeof(module)));
	CHECK(want != 0 && module[0] == '\0');

	clock_gettime(CLOCK_MONOTONIC, &t0);
	count = ksyms_count(ks);	/* the first use loads */
	printf("ksyms: %ld symbols loaded in %.3f s\n", count, seconds_since(&t0));
	CHECK(count > 10000);

	CHECK(ksyms_addr(ks, "schedule", &addr) == 0);
	CHECK(addr == want);
	CHECK_STR(ksyms_name(ks, want, &off), "schedule");
	CHECK(off == 0);
	CHECK_STR(ksyms_name(ks, want + 5, &off), "schedule");
	CHECK(off == 5);
	CHECK(ksyms_module(ks, want) == NULL);
	CHECK(ksyms_addr(ks, "bpfkit_no_such_symbol", &addr) == -ENOENT);
	CHECK(ksyms_name(ks, 1, &off) == NULL);

	/* Module symbols keep their module apart from the name. */
	int prog = load_named_prog(name, module, &want);
	CHECK(prog >= 0);
	ksyms_free(ks);
	ks = ksyms_new();	/* read again, with the program loaded */
	CHECK_STR(ksyms_name(ks, want, &off), name);
	CHECK(off == 0);
	CHECK_STR(ksyms_module(ks, want), module);
	CHECK_STR(module, "bpf");
	if (prog >= 0)
		close(prog);
	ksyms_free(ks);

	ks = ksyms_load();	/* the eager form */
	CHECK(ks != NULL);
	if (ks)
		CHECK(ksyms_addr(ks, "schedule", &addr) == 0 && addr != 0);
	ksyms_free(ks);
}

/* ---- elfsym ---- */

struct name_list {
	char text[512];
};

static int collect_name(const struct elfsym_sym *sym, const char *demangled,
			void *arg)
{
	struct name_list *l = arg;
	size_t n = strlen(l->text);

	(void)demangled;
	snprintf(l->text + n, sizeof(l->text) - n, "%s%s", n ? "," : "",
		 sym->name);
	return 0;
}

/* Bytes at a runtime address of a live process. */
static bool read_process(pid_t pid, uint64_t addr, void *buf, size_t len)
{
	char path[64];
	int fd;
	bool ok;

	snprintf(path, sizeof(path), "/proc/%d/mem", (int)pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return false;
	ok = pread(fd, buf, len, (off_t)addr) == (ssize_t)len;
	close(fd);
	return ok;
}

static bool read_file_at(const char *path, uint64_t off, void *buf, size_t len)
{
	int fd = open(path, O_RDONLY);
	bool ok;

	if (fd < 0)
		return false;
	ok = pread(fd, buf, len, (off_t)off) == (ssize_t)len;
	close(fd);
	return ok;
}

static void build_id_hex(struct elfsym *e, char *out, size_t len)
{
	size_t n;
	const uint8_t *id = elfsym_build_id(e, &n);

	out[0] = '\0';
	for (size_t i = 0; id && i < n && 2 * i + 2 < len; i++)
		sprintf(out + 2 * i, "%02x", id[i]);
}

static void test_elfsym(const char *symtest, const struct target *live)
{
	char cmd[PATH_MAX + 64], want_id[128], got_id[128];
	uint64_t leaf = nm_addr(symtest, "bpfkit_test_leaf"), off = 99, foff;
	uint64_t mid = nm_addr(symtest, "bpfkit_test_mid"), vaddr;
	unsigned char file_bytes[16], mem_bytes[16];
	struct elfsym_sym sym;
	struct name_list names = { "" };
	struct elfsym *e = elfsym_open(symtest, NULL);

	CHECK(e != NULL);
	if (!e)
		return;
	CHECK(leaf != 0 && mid != 0);
	CHECK(elfsym_is_dyn(e));
	CHECK(elfsym_debug_path(e) == NULL);

	CHECK(elfsym_lookup(e, "bpfkit_test_leaf", &sym) == 0);
	CHECK(sym.addr == leaf);
	CHECK(sym.size > 0 && sym.kind == ELFSYM_FUNC);
	CHECK(elfsym_lookup(e, "bpfkit_test_data", &sym) == 0);
	CHECK(sym.kind == ELFSYM_OBJECT && sym.size == 4 * sizeof(unsigned long));
	CHECK(elfsym_lookup(e, "bpfkit_no_such", &sym) == -ENOENT);

	CHECK_STR(elfsym_name(e, leaf, &off), "bpfkit_test_leaf");
	CHECK(off == 0);
	CHECK_STR(elfsym_name(e, leaf + 3, &off), "bpfkit_test_leaf");
	CHECK(off == 3);
	CHECK_STR(elfsym_name(e, mid, &off), "bpfkit_test_mid");
	CHECK(off == 0);

	CHECK(elfsym_foreach(e, "bpfkit_test_*", ELFSYM_FUNC, collect_name,
			     &names) == 0);
	CHECK_STR(names.text, "bpfkit_test_leaf,bpfkit_test_mid");
	names.text[0] = '\0';
	CHECK(elfsym_foreach(e, "bpfkit_test_[dl]*", ELFSYM_FUNC | ELFSYM_OBJECT,
			     collect_name, &names) == 0);
	CHECK_STR(names.text, "bpfkit_test_data,bpfkit_test_leaf");

	/* The file offset of a function holds the bytes the process runs. */
	CHECK(elfsym_vaddr_to_offset(e, leaf, &foff) == 0);
	CHECK(elfsym_offset_to_vaddr(e, foff, &vaddr) == 0 && vaddr == leaf);
	CHECK(read_file_at(symtest, foff, file_bytes, sizeof(file_bytes)));
	CHECK(read_process(live->pid, live->leaf, mem_bytes, sizeof(mem_bytes)));
	CHECK(memcmp(file_bytes, mem_bytes, sizeof(mem_bytes)) == 0);

	snprintf(cmd, sizeof(cmd),
		 "readelf -n '%s' | awk '/Build ID/ {print $3}'", symtest);
	CHECK(command_line(cmd, want_id, sizeof(want_id)));
	build_id_hex(e, got_id, sizeof(got_id));
	CHECK_STR(got_id, want_id);
	elfsym_free(e);

	errno = 0;
	CHECK(elfsym_open("/etc/hostname", NULL) == NULL && errno == ENOEXEC);
	CHECK(elfsym_open("/nonexistent/bpfkit", NULL) == NULL && errno == ENOENT);
}

/* Stripped copies of symtest find their symbols in a separate debug file:
 * through .gnu_debuglink next to them, or by build-id under a debug dir. */
static void test_debug_files(const char *symtest)
{
	char dir[] = "/tmp/bpfkit-syms-XXXXXX", cmd[4 * PATH_MAX], id[128];
	char linked[PATH_MAX], bare[PATH_MAX], debug[PATH_MAX], dbgdir[PATH_MAX];
	uint64_t leaf = nm_addr(symtest, "bpfkit_test_leaf"), off;
	struct elfsym_opts opts = { 0 };
	struct elfsym_sym sym;
	struct elfsym *e;
	int n;

	CHECK(mkdtemp(dir) != NULL);
	snprintf(linked, sizeof(linked), "%s/linked", dir);
	snprintf(bare, sizeof(bare), "%s/bare", dir);
	snprintf(debug, sizeof(debug), "%s/symtest.debug", dir);
	snprintf(dbgdir, sizeof(dbgdir), "%s/dbg", dir);
	n = snprintf(cmd, sizeof(cmd),
		 "objcopy --only-keep-debug '%s' %s && "
		 "strip --strip-all -o %s '%s' && "
		 "objcopy --add-gnu-debuglink=%s %s %s && "
		 "id=$(readelf -n %s | awk '/Build ID/ {print $3}') && "
		 "mkdir -p %s/.build-id/$(echo $id | cut -c1-2) && "
		 "cp %s %s/.build-id/$(echo $id | cut -c1-2)/$(echo $id | cut -c3-).debug",
		 symtest, debug, bare, symtest, debug, bare, linked, bare,
		 dbgdir, debug, dbgdir);
	CHECK(n < (int)sizeof(cmd) && run(cmd));

	/* Stripped, nothing to find: only .dynsym, which has no test names. */
	opts.no_debug_file = true;
	e = elfsym_open(bare, &opts);
	CHECK(e != NULL);
	if (e)
		CHECK(elfsym_lookup(e, "bpfkit_test_leaf", &sym) == -ENOENT);
	elfsym_free(e);

	/* .gnu_debuglink: symtest.debug beside the file, CRC checked. */
	opts = (struct elfsym_opts){ .debug_dir = "/nonexistent" };
	e = elfsym_open(linked, &opts);
	CHECK(e != NULL);
	if (e) {
		CHECK_STR(elfsym_debug_path(e), debug);
		CHECK(elfsym_lookup(e, "bpfkit_test_leaf", &sym) == 0 &&
		      sym.addr == leaf);
		CHECK_STR(elfsym_name(e, leaf + 1, &off), "bpfkit_test_leaf");
	}
	elfsym_free(e);

	/* Build-id: <debug dir>/.build-id/xx/rest.debug. */
	opts = (struct elfsym_opts){ .debug_dir = dbgdir };
	e = elfsym_open(bare, &opts);
	CHECK(e != NULL);
	if (e) {
		build_id_hex(e, id, sizeof(id));
		snprintf(cmd, sizeof(cmd), "%s/.build-id/%.2s/%s.debug", dbgdir,
			 id, id + 2);
		CHECK_STR(elfsym_debug_path(e), cmd);
		CHECK(elfsym_lookup(e, "bpfkit_test_mid", &sym) == 0 &&
		      sym.addr == nm_addr(symtest, "bpfkit_test_mid"));
	}
	elfsym_free(e);

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	CHECK(run(cmd));
}

/* A system library without .symtab (libc) finds its debug file by build-id
 * under /usr/lib/debug when one is installed (Debian: libc6-dbg). */
static void test_system_debug_file(void)
{
	char libc[PATH_MAX], cmd[2 * PATH_MAX + 128], id[128], want[PATH_MAX];
	struct elfsym *e;

	if (elfsym_resolve_library("libc", 0, libc, sizeof(libc)) != 0)
		return;
	snprintf(cmd, sizeof(cmd),
		 "readelf -SW '%s' | grep -q ' .symtab ' || "
		 "readelf -n '%s' | awk '/Build ID/ {print $3}'", libc, libc);
	if (!command_line(cmd, id, sizeof(id)))
		return;	/* libc has its own .symtab */
	snprintf(want, sizeof(want), "/usr/lib/debug/.build-id/%.2s/%s.debug",
		 id, id + 2);
	if (access(want, R_OK) != 0) {
		printf("elfsym: no debug file for libc, test skipped\n");
		return;
	}
	e = elfsym_open(libc, NULL);
	CHECK(e != NULL);
	if (e)
		CHECK_STR(elfsym_debug_path(e), want);
	elfsym_free(e);
}

static void test_demangle(void)
{
	struct elfsym_demangler *d = elfsym_demangler_new();
	void *lib = dlopen("libstdc++.so.6", RTLD_LAZY);
	char *s;

	CHECK(d != NULL);
	if (lib) {
		s = elfsym_demangle(d, "_ZN3foo3barEv");
		CHECK_STR(s, "foo::bar()");
		free(s);
		s = elfsym_demangle(d, "_ZN2ns5thingC2Eic");
		CHECK_STR(s, "ns::thing::thing(int, char)");
		free(s);
		dlclose(lib);
	} else {
		printf("demangle: no libstdc++.so.6, names stay mangled\n");
	}
	CHECK(elfsym_demangle(d, "main") == NULL);
	CHECK(elfsym_demangle(d, "_Z") == NULL);	/* not a valid name */
	elfsym_demangler_free(d);
}

struct found {
	const char *want;
	int count;
};

static int count_match(const struct elfsym_sym *sym, const char *demangled,
		       void *arg)
{
	struct found *f = arg;

	f->count += demangled && strcmp(sym->name, f->want) == 0;
	return 0;
}

/* C++ names in a real library: found by demangled name, shown demangled. */
static void test_cxx_library(void)
{
	char path[PATH_MAX];
	struct elfsym_sym sym;
	struct found found = { "_ZSt9terminatev", 0 };
	void *lib = dlopen("libstdc++.so.6", RTLD_LAZY);
	struct elfsym *e;
	uint64_t off;

	if (!lib || elfsym_resolve_library("libstdc++", 0, path, sizeof(path))) {
		printf("demangle: no libstdc++, C++ library test skipped\n");
		if (lib)
			dlclose(lib);
		return;
	}
	dlclose(lib);
	e = elfsym_open(path, NULL);
	CHECK(e != NULL);
	if (!e)
		return;
	CHECK(elfsym_lookup(e, "std::terminate", &sym) == 0);
	CHECK_STR(sym.name, "_ZSt9terminatev");
	CHECK(elfsym_lookup(e, "std::terminate()", &sym) == 0);
	CHECK_STR(sym.name, "_ZSt9terminatev");
	CHECK_STR(elfsym_name(e, sym.addr + 1, &off), "std::terminate()");
	CHECK(off == 1);
	CHECK(elfsym_foreach(e, "std::terminate*", ELFSYM_FUNC, count_match,
			     &found) == 0);
	CHECK(found.count == 1);
	elfsym_free(e);
}

static void test_maps_line(void)
{
	char line[] = "7f01a000-7f01c000 r-xp 0001f000 fe:01 123456    "
		      "/opt/my app/lib x.so (deleted)\n";
	char anon[] = "7ffd1000-7ffd2000 rw-p 00000000 00:00 0 \n";
	struct elfsym_mapping m;

	CHECK(elfsym_parse_maps_line(line, &m) == 0);
	CHECK(m.start == 0x7f01a000 && m.end == 0x7f01c000);
	CHECK(m.offset == 0x1f000 && m.dev_major == 0xfe && m.dev_minor == 1);
	CHECK(m.inode == 123456);
	CHECK_STR(m.perms, "r-xp");
	CHECK_STR(m.path, "/opt/my app/lib x.so (deleted)");
	CHECK(elfsym_parse_maps_line(anon, &m) == 0);
	CHECK_STR(m.path, "");
	CHECK(elfsym_parse_maps_line((char[]){ "garbage" }, &m) == -EINVAL);
}

/* ---- library resolution ---- */

/* The path `ldconfig -p` gives for a soname, for our architecture. */
static bool ldconfig_path(const char *soname, char *out, size_t len)
{
	char cmd[256];

#if defined(__x86_64__)
	const char *arch = ",x86-64)";
#elif defined(__aarch64__)
	const char *arch = ",AArch64)";
#else
	const char *arch = ")";
#endif
	snprintf(cmd, sizeof(cmd),
		 "ldconfig -p | awk '$1 == \"%s\" && index($2 \" \" $3, \"%s\") "
		 "{print $NF; exit}'", soname, arch);
	return command_line(cmd, out, len);
}

/* The path /proc/PID/maps shows for the first mapping of a soname. */
static bool maps_path(pid_t pid, const char *soname, char *out, size_t len)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd),
		 "awk '$6 ~ /\\/%s$/ {print $6; exit}' /proc/%d/maps", soname,
		 (int)pid);
	return command_line(cmd, out, len);
}

static void test_resolve_library(const struct target *live)
{
	char want[PATH_MAX], got[PATH_MAX], mapped[PATH_MAX];

	CHECK(ldconfig_path("libc.so.6", want, sizeof(want)));
	CHECK(elfsym_resolve_library("libc", 0, got, sizeof(got)) == 0);
	CHECK_STR(got, want);
	CHECK(elfsym_resolve_library("c", 0, got, sizeof(got)) == 0);
	CHECK_STR(got, want);
	CHECK(elfsym_resolve_library("libc.so.6", 0, got, sizeof(got)) == 0);
	CHECK_STR(got, want);
	if (ldconfig_path("libstdc++.so.6", want, sizeof(want))) {
		CHECK(elfsym_resolve_library("libstdc++", 0, got, sizeof(got)) == 0);
		CHECK_STR(got, want);
	}
	CHECK(elfsym_resolve_library("/bin/sh", 0, got, sizeof(got)) == 0);
	CHECK_STR(got, "/bin/sh");
	CHECK(elfsym_resolve_library("bpfkit_no_such_lib", 0, got,
				     sizeof(got)) == -ENOENT);
	CHECK(elfsym_resolve_library("/nonexistent/x.so", 0, got,
				     sizeof(got)) == -ENOENT);
	CHECK(elfsym_resolve_library("libc", 0, got, 4) == -ENAMETOOLONG);

	/* With a pid, the library the process has mapped. */
	CHECK(maps_path(live->pid, "libc.so.6", mapped, sizeof(mapped)));
	CHECK(elfsym_resolve_library("libc", live->pid, got, sizeof(got)) == 0);
	CHECK_STR(got, mapped);
}

/* ---- usyms ---- */

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = s ? strlen(s) : 0, m = strlen(suffix);

	return s && n >= m && strcmp(s + n - m, suffix) == 0;
}

static bool write_perf_map(int pid, const char *text, char *path, size_t len)
{
	FILE *f;

	snprintf(path, len, "/tmp/perf-%d.map", pid);
	f = fopen(path, "w");
	if (!f)
		return false;
	fputs(text, f);
	return fclose(f) == 0;
}

/* The lookups that must hold while t runs and after it exited. */
static void check_target_lookups(struct usyms *us, const struct target *t,
				 const char *perf_map, const char *when)
{
	const char *module = NULL;
	uint64_t off = 99;

	printf("usyms: checking pid %d %s\n", (int)t->pid, when);
	CHECK_STR(usyms_name(us, t->pid, t->leaf, &off, &module),
		  "bpfkit_test_leaf");
	CHECK(off == 0);
	CHECK(ends_with(module, "/symtest"));
	CHECK_STR(usyms_name(us, t->pid, t->leaf + 2, &off, NULL),
		  "bpfkit_test_leaf");
	CHECK(off == 2);
	CHECK_STR(usyms_name(us, t->pid, t->mid, &off, NULL), "bpfkit_test_mid");
	CHECK(off == 0);
	CHECK_STR(usyms_name(us, t->pid, t->data + 8, &off, NULL),
		  "bpfkit_test_data");
	CHECK(off == 8);
	if (perf_map) {
		CHECK_STR(usyms_name(us, t->pid, t->jit + 0x10, &off, &module),
			  "fake_jit_fn");
		CHECK(off == 0x10);
		CHECK_STR(module, perf_map);
		/* A later line for the same address replaces an earlier one. */
		CHECK_STR(usyms_name(us, t->pid, t->jit + 0x45, &off, NULL),
			  "Lambda$2 recompiled");
		CHECK(off == 5);
		/* The page's end is in no symbol: nothing known. */
		CHECK(usyms_name(us, t->pid, t->jit + 0x800, &off, &module) == NULL);
	}
}

static void test_usyms(const char *symtest)
{
	char perf_text[256], perf_map[64], libc_text[PATH_MAX];
	const char *module = NULL;
	struct target a, b;
	struct usyms *us = usyms_new(), *fresh;
	uint64_t addr = 0, off;
	void *getpid_here = dlsym(RTLD_DEFAULT, "getpid");

	CHECK(us != NULL);
	CHECK(spawn(symtest, NULL, &a));
	CHECK(spawn(symtest, NULL, &b));
	snprintf(perf_text, sizeof(perf_text),
		 "%" PRIx64 " 40 fake_jit_fn\n"
		 "%" PRIx64 " 10 Lambda$2\n"
		 "%" PRIx64 " 10 Lambda$2 recompiled\n",
		 a.jit, a.jit + 0x40, a.jit + 0x40);
	CHECK(write_perf_map(a.pid, perf_text, perf_map, sizeof(perf_map)));

	CHECK(usyms_cache_pid(us, a.pid) == 0);
	check_target_lookups(us, &a, perf_map, "while it runs");
	/* b is snapshotted by its first lookup; its ASLR bias differs. */
	check_target_lookups(us, &b, NULL, "while it runs");

	/* uaddr: file address, runtime address in a process, libraries. */
	CHECK(usyms_addr(us, 0, symtest, "bpfkit_test_leaf", &addr) == 0);
	CHECK(addr == nm_addr(symtest, "bpfkit_test_leaf"));
	CHECK(usyms_addr(us, a.pid, symtest, "bpfkit_test_leaf", &addr) == 0);
	CHECK(addr == a.leaf);
	CHECK(usyms_addr(us, getpid(), "libc", "getpid", &addr) == 0);
	CHECK(getpid_here && addr == (uint64_t)(uintptr_t)getpid_here);
	CHECK(usyms_addr(us, a.pid, "libc", "bpfkit_no_such", &addr) == -ENOENT);
	CHECK(usyms_addr(us, 0, "libc", "getpid", &addr) == 0 && addr != 0);

	/* A libc symbol of the target, seen through its own runtime address. */
	CHECK(usyms_addr(us, a.pid, "libc", "nanosleep", &addr) == 0);
	CHECK(usyms_name(us, a.pid, addr, &off, &module) != NULL);
	CHECK(off == 0 && ends_with(module, "/libc.so.6"));
	snprintf(libc_text, sizeof(libc_text), "%s", module ? module : "");

	reap(&a);
	reap(&b);
	CHECK(process_gone(a.pid) && process_gone(b.pid));
	unlink(perf_map);
	check_target_lookups(us, &a, perf_map, "after it exited");
	check_target_lookups(us, &b, NULL, "after it exited");
	CHECK(usyms_name(us, a.pid, addr, &off, &module) != NULL);
	CHECK(off == 0);
	CHECK_STR(module, libc_text);
	CHECK(usyms_cache_pid(us, a.pid) == -ESRCH);	/* the old one stays */
	CHECK_STR(usyms_name(us, a.pid, a.leaf, &off, NULL), "bpfkit_test_leaf");

	/* Without a snapshot, nothing can be known about a gone process. */
	fresh = usyms_new();
	errno = 0;
	CHECK(usyms_name(fresh, a.pid, a.leaf, &off, NULL) == NULL);
	CHECK(errno == ESRCH);
	usyms_free(fresh);

	usyms_drop_pid(us, a.pid);
	errno = 0;
	CHECK(usyms_name(us, a.pid, a.leaf, &off, NULL) == NULL);
	CHECK(errno == ESRCH);
	usyms_free(us);
}

/* A binary deleted while it runs is read through /proc/PID/map_files. */
static void test_usyms_deleted(const char *symtest)
{
	char copy[] = "/tmp/bpfkit-deleted-XXXXXX", cmd[PATH_MAX + 64];
	struct usyms *us = usyms_new();
	const char *module = NULL;
	struct target t;
	uint64_t off = 99;
	int fd = mkstemp(copy);

	CHECK(fd >= 0);
	if (fd < 0)
		return;
	close(fd);
	snprintf(cmd, sizeof(cmd), "cp '%s' %s && chmod 755 %s", symtest, copy,
		 copy);
	CHECK(run(cmd));
	CHECK(spawn(copy, NULL, &t));
	CHECK(unlink(copy) == 0);
	CHECK_STR(usyms_name(us, t.pid, t.mid + 4, &off, &module),
		  "bpfkit_test_mid");
	CHECK(off == 4);
	CHECK(ends_with(module, " (deleted)"));
	reap(&t);
	usyms_free(us);
}

/* The vDSO is read from the process's memory, not from a file. */
static void test_usyms_vdso(void)
{
	void *vdso = dlopen("linux-vdso.so.1", RTLD_LAZY | RTLD_NOLOAD);
	void *fn = vdso ? dlsym(vdso, "__vdso_clock_gettime") : NULL;
	struct usyms *us = usyms_new();
	const char *module = NULL;
	uint64_t off = 99;

	if (!fn) {
		printf("usyms: no vDSO clock_gettime, vDSO test skipped\n");
	} else {
		CHECK_STR(usyms_name(us, getpid(), (uint64_t)(uintptr_t)fn + 1,
				     &off, &module), "__vdso_clock_gettime");
		CHECK(off == 1);
		CHECK_STR(module, "[vdso]");
	}
	if (vdso)
		dlclose(vdso);
	usyms_free(us);
}

/* A process whose binary exists only in its own mount namespace, like one
 * in a container: read through /proc/PID/root, and still after it exited. */
static void test_usyms_namespace(const char *symtest)
{
	char dir[] = "/tmp/bpfkit-ns-XXXXXX", path[128], want[PATH_MAX];
	struct usyms *us = usyms_new();
	const char *module = NULL;
	struct target t;
	uint64_t off, addr;

	CHECK(mkdtemp(dir) != NULL);
	CHECK(spawn(symtest, dir, &t));
	if (t.skipped) {
		printf("usyms: cannot make a mount namespace, test skipped\n");
	} else {
		pid_t pid = t.pid;
		char got[PATH_MAX];

		snprintf(path, sizeof(path), "%s/symtest", dir);
		CHECK(access(path, F_OK) != 0);	/* not in our namespace */
		CHECK(usyms_cache_pid(us, pid) == 0);
		snprintf(want, sizeof(want), "/proc/%d/root%s", (int)pid, path);
		CHECK(elfsym_resolve_library(path, pid, got, sizeof(got)) == 0);
		CHECK_STR(got, want);
		CHECK(usyms_addr(us, pid, path, "bpfkit_test_mid", &addr) == 0);
		CHECK(addr == t.mid);
		reap(&t);
		CHECK(process_gone(pid));
		CHECK_STR(usyms_name(us, pid, t.leaf, &off, &module),
			  "bpfkit_test_leaf");
		CHECK(off == 0);
		CHECK_STR(module, path);
	}
	reap(&t);
	usyms_free(us);
	rmdir(dir);
}

int main(void)
{
	const char *symtest = symtest_path();
	struct target live;

	if (!symtest) {
		fprintf(stderr, "cannot build %s: %s\n", SYMTEST_DEFAULT,
			SYMTEST_BUILD);
		return 1;
	}
	test_ksyms();
	test_demangle();
	test_cxx_library();
	test_maps_line();
	CHECK(spawn(symtest, NULL, &live));
	test_elfsym(symtest, &live);
	test_debug_files(symtest);
	test_system_debug_file();
	test_resolve_library(&live);
	reap(&live);
	test_usyms(symtest);
	test_usyms_deleted(symtest);
	test_usyms_vdso();
	test_usyms_namespace(symtest);
	return check_report("syms");
}
