/* Unit tests of the probe providers' parsing: attach points expanded into
 * probes (names, offsets, pids), USDT operands turned into fields, perf
 * event names and counts. Needs build/probetest (make builds it). */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include "bpf_insn.h"
#include <asm/ptrace.h>
#include <linux/hw_breakpoint.h>
#include <linux/perf_event.h>
#include "check.h"
#include "provider.h"
#include "providers/uprobe.h"

#define PROBETEST "build/probetest"

static struct probe_list expand(const char *attach, int pid, int *err)
{
	struct probe_list l = { 0 };
	struct errbuf e;
	*err = provider_expand_pid(attach, pid, &l, &e);
	if (*err)
		fprintf(stderr, "%s: %s\n", attach, e.msg);
	return l;
}

static void test_pt_regs(void)
{
	int bytes;
	CHECK(pt_regs_offset("rdi", &bytes) == offsetof(struct pt_regs, rdi) && bytes == 8);
	CHECK(pt_regs_offset("edi", &bytes) == offsetof(struct pt_regs, rdi) && bytes == 4);
	CHECK(pt_regs_offset("dil", &bytes) == offsetof(struct pt_regs, rdi) && bytes == 1);
	CHECK(pt_regs_offset("r9w", &bytes) == offsetof(struct pt_regs, r9) && bytes == 2);
	CHECK(pt_regs_offset("r15d", &bytes) == offsetof(struct pt_regs, r15) && bytes == 4);
	CHECK(pt_regs_offset("ah", &bytes) == offsetof(struct pt_regs, rax) + 1 && bytes == 1);
	CHECK(pt_regs_offset("rsp", &bytes) == offsetof(struct pt_regs, rsp));
	CHECK(pt_regs_offset("xmm0", &bytes) == -1);
}

static void test_uprobe(void)
{
	int err;
	char abs[4096];
	CHECK(realpath(PROBETEST, abs) != NULL);
	char attach[4200];
	snprintf(attach, sizeof(attach), "uprobe:%s:probetest_a*", PROBETEST);
	struct probe_list l = expand(attach, getpid(), &err);
	CHECK(err == 0 && l.n == 1);
	if (l.n == 1) {
		char want[4200];
		snprintf(want, sizeof(want), "uprobe:%s:probetest_add", abs);
		CHECK_STR(l.v[0]->name, want);
		CHECK_STR(l.v[0]->func, "probetest_add");
		CHECK(l.v[0]->target_pid == getpid());
		CHECK(l.v[0]->offset > 0);
		struct errbuf e;
		CHECK(l.v[0]->prov->describe(l.v[0], &e) == 0);
		const struct ctx_field *f = probe_field(l.v[0], "arg1");
		CHECK(f && f->kind == F_INT && f->size == 8 &&
		      f->offset == offsetof(struct pt_regs, rsi));
		CHECK(probe_field(l.v[0], "retval") == NULL);
	}
	probe_list_free(&l);
	snprintf(attach, sizeof(attach), "ur:%s:probetest_neg", PROBETEST);
	l = expand(attach, 0, &err);
	CHECK(err == 0 && l.n == 1 && l.v[0]->target_pid == 0);
	struct errbuf e;
	if (l.n == 1 && l.v[0]->prov->describe(l.v[0], &e) == 0) {
		const struct ctx_field *f = probe_field(l.v[0], "retval");
		CHECK(f && f->offset == offsetof(struct pt_regs, rax));
	}
	probe_list_free(&l);
	snprintf(attach, sizeof(attach), "uprobe:%s:nosuch", PROBETEST);
	l = expand(attach, 0, &err);
	CHECK(err != 0);
	probe_list_free(&l);
	l = expand("uprobe:libc:getpid", 0, &err);
	CHECK(err == 0 && l.n == 1 && l.v[0]->target && strstr(l.v[0]->target, "libc.so"));
	probe_list_free(&l);
}

static const struct ctx_field *usdt_field(struct probe_list *l, const char *name,
					  const char *arg)
{
	for (int i = 0; i < l->n; i++) {
		if (!strstr(l->v[i]->name, name))
			continue;
		struct errbuf e;
		if (!l->v[i]->nfields && l->v[i]->prov->describe(l->v[i], &e))
			return NULL;
		return probe_field(l->v[i], arg);
	}
	return NULL;
}

static void test_usdt(void)
{
	int err;
	char attach[4200];
	snprintf(attach, sizeof(attach), "usdt:%s:probetest:*", PROBETEST);
	struct probe_list l = expand(attach, 0, &err);
	CHECK(err == 0 && l.n == 4);
	const struct ctx_field *f = usdt_field(&l, ":reg", "arg0");
	CHECK(f && f->kind == F_INT && f->size == 1 && f->is_signed);
	f = usdt_field(&l, ":reg", "arg4");
	CHECK(f && f->kind == F_INT && f->size == 1 && !f->is_signed);
	f = usdt_field(&l, ":mem", "arg1");
	/* A stack slot: the compiler addresses it from rbp or rsp. */
	CHECK(f && f->kind == F_USER_MEM && f->size == 8 && !f->is_signed &&
	      (f->offset == offsetof(struct pt_regs, rbp) ||
	       f->offset == offsetof(struct pt_regs, rsp)));
	f = usdt_field(&l, ":const", "arg1");
	CHECK(f && f->kind == F_CONST && f->value == 4294967296LL);
	f = usdt_field(&l, ":const", "arg2");
	CHECK(f && f->kind == F_CONST && f->value == -3 && f->is_signed);
	CHECK(usdt_field(&l, ":const", "arg3") == NULL);
	int semaphores = 0;
	for (int i = 0; i < l.n; i++)
		semaphores += l.v[i]->ref_ctr_offset != 0;
	CHECK(semaphores == 1);
	probe_list_free(&l);
	snprintf(attach, sizeof(attach), "U:%s:guarded", PROBETEST);
	l = expand(attach, 0, &err);
	CHECK(err == 0 && l.n == 1 && l.v[0]->ref_ctr_offset != 0);
	probe_list_free(&l);
}

static void test_perf_events(void)
{
	int err;
	struct probe_list l = expand("s:faults", 0, &err);
	CHECK(err == 0 && l.n == 1 && l.v[0]->config == PERF_COUNT_SW_PAGE_FAULTS &&
	      l.v[0]->period == 100);
	CHECK(l.n == 1 && !strcmp(l.v[0]->name, "software:faults"));
	probe_list_free(&l);
	l = expand("software:cpu-clock:5000", 0, &err);
	CHECK(err == 0 && l.n == 1 && l.v[0]->period == 5000);
	probe_list_free(&l);
	l = expand("hardware:cycles", 0, &err);
	CHECK(err == 0 && l.n == 1 && l.v[0]->config == PERF_COUNT_HW_CPU_CYCLES &&
	      l.v[0]->period == 1000000);
	probe_list_free(&l);
	l = expand("software:nosuch", 0, &err);
	CHECK(err != 0);
	probe_list_free(&l);
	l = expand("profile:hz:99", 0, &err);
	CHECK(err == 0 && l.n == 1 && l.v[0]->period_is_freq && l.v[0]->period == 99);
	probe_list_free(&l);
	l = expand("p:ms:10", 0, &err);
	CHECK(err == 0 && l.n == 1 && !l.v[0]->period_is_freq && l.v[0]->period == 10000000);
	probe_list_free(&l);
	l = expand("watchpoint:0x1000:4:rw", 0, &err);
	CHECK(err == 0 && l.n == 1 && l.v[0]->offset == 0x1000 && l.v[0]->config == 4 &&
	      l.v[0]->mode == (HW_BREAKPOINT_R | HW_BREAKPOINT_W));
	probe_list_free(&l);
	l = expand("watchpoint:0x1001:4:w", 0, &err);
	CHECK(err != 0);
	probe_list_free(&l);
}

static pid_t start_waiter(void)
{
	pid_t pid = fork();
	if (pid == 0) {
		/* A system-wide uprobe's perf event counts on the CPU it was
		 * opened on (0), though its program runs on every CPU. */
		cpu_set_t cpus;
		CPU_ZERO(&cpus);
		CPU_SET(0, &cpus);
		sched_setaffinity(0, sizeof(cpus), &cpus);
		execl(PROBETEST, PROBETEST, "wait", "300", (char *)NULL);
		_exit(127);
	}
	return pid;
}

/* Hits of a uprobe on probetest_add in two processes that each call it
 * once, attached with -p semantics to the first when by_pid. The perf
 * event counts the hits for which the program returns 1. */
static long hits(bool by_pid)
{
	pid_t a = start_waiter(), b = start_waiter();
	char attach[256];
	snprintf(attach, sizeof(attach), "uprobe:%s:probetest_add", PROBETEST);
	int err;
	struct probe_list l = expand(attach, by_pid ? a : 0, &err);
	struct bpf_insn insns[] = { I_MOV_IMM(BPF_REG_0, 1), I_EXIT() };
	int fd = bpf_prog_load(BPF_PROG_TYPE_KPROBE, "test", "GPL", insns, 2, NULL);
	struct errbuf e;
	long n = -1;
	if (!err && l.n == 1 && fd >= 0 && l.v[0]->prov->attach(l.v[0], fd, &e) == 0) {
		waitpid(a, NULL, 0);
		waitpid(b, NULL, 0);
		uint64_t count = 0;
		if (read(l.v[0]->fds[0], &count, sizeof(count)) == sizeof(count))
			n = (long)count;
	} else {
		kill(a, SIGKILL);
		kill(b, SIGKILL);
		waitpid(a, NULL, 0);
		waitpid(b, NULL, 0);
	}
	probe_list_free(&l);
	if (fd >= 0)
		close(fd);
	return n;
}

static void test_uprobe_pid(void)
{
	CHECK(hits(false) == 2);
	CHECK(hits(true) == 1);
}

int main(void)
{
	test_pt_regs();
	test_uprobe();
	test_usdt();
	test_perf_events();
	test_uprobe_pid();
	return check_report("test_providers");
}
