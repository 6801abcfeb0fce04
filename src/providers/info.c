/* bpfkit --info: what this kernel lets bpfkit do, found by trying each
 * thing once (a map, a two-instruction program, a perf event) rather than
 * by reading version numbers, since distributions backport and disable
 * features freely. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/utsname.h>
#include <linux/perf_event.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "bpf_insn.h"
#include "provider.h"

#define PMU_DIR "/sys/bus/event_source/devices"

static const char *yes(bool ok)
{
	return ok ? "yes" : "no";
}

static bool file_exists(const char *path)
{
	return access(path, F_OK) == 0;
}

/* Loads "r0 = 0; exit" of a type, with opts; attaches it when attach is
 * not 0 (a BPF_TRACE_* attach type through a link, or a raw tracepoint
 * name through raw_tp when attach is -1). */
static bool try_prog(enum bpf_prog_type type, struct bpf_prog_load_opts *opts,
		     int attach, const char *raw_tp)
{
	struct bpf_insn insns[] = { I_MOV_IMM(BPF_REG_0, 0), I_EXIT() };
	int fd = bpf_prog_load(type, "bpfkit_info", "GPL", insns, 2, opts);
	if (fd < 0)
		return false;
	int link = 0;
	if (attach > 0)
		link = bpf_link_create(fd, 0, (enum bpf_attach_type)attach, NULL);
	else if (attach < 0)
		link = bpf_raw_tracepoint_open(raw_tp, fd);
	if (link > 0)
		close(link);
	close(fd);
	return link >= 0;
}

static bool try_tracing(struct btf *btf, const char *name, int kind,
			enum bpf_attach_type at, bool attach)
{
	int id = btf ? btf__find_by_name_kind(btf, name, kind) : -1;
	if (id <= 0)
		return false;
	LIBBPF_OPTS(bpf_prog_load_opts, opts, .expected_attach_type = at,
		    .attach_btf_id = (unsigned)id);
	return try_prog(BPF_PROG_TYPE_TRACING, &opts, attach ? (int)at : 0, NULL);
}

static bool try_perf_event(uint32_t type, uint64_t config)
{
	struct perf_event_attr attr = { .type = type, .size = sizeof(attr),
					.config = config, .sample_period = 1000000 };
	int fd = perf_event_open_fd(&attr, -1, 0, -1, PERF_FLAG_FD_CLOEXEC);
	if (fd >= 0)
		close(fd);
	return fd >= 0;
}

static bool has_pmu_format(const char *pmu, const char *field)
{
	char path[256];
	snprintf(path, sizeof(path), PMU_DIR "/%s/format/%s", pmu, field);
	return file_exists(path);
}

static bool helper(enum bpf_prog_type type, enum bpf_func_id fn)
{
	return libbpf_probe_bpf_helper(type, fn, NULL) == 1;
}

int provider_print_info(const char *version, FILE *out)
{
	struct utsname u;
	uname(&u);
	fprintf(out, "System\n  OS: %s %s %s\n  Arch: %s\n\n", u.sysname, u.release,
		u.version, u.machine);
	fprintf(out, "Build\n  version: v%s\n  libbpf: %u.%u\n  LLVM: none (bpfkit generates BPF itself)\n\n",
		version, libbpf_major_version(), libbpf_minor_version());

	struct btf *btf = btf__load_vmlinux_btf();
	enum bpf_prog_type kp = BPF_PROG_TYPE_KPROBE;
	fprintf(out, "Kernel features\n");
	fprintf(out, "  btf: %s\n", yes(btf != NULL));
	fprintf(out, "  ring buffer: %s\n",
		yes(libbpf_probe_bpf_map_type(BPF_MAP_TYPE_RINGBUF, NULL) == 1));
	fprintf(out, "  bpf_loop: %s\n", yes(helper(kp, BPF_FUNC_loop)));
	fprintf(out, "  probe_read_user: %s\n", yes(helper(kp, BPF_FUNC_probe_read_user)));
	fprintf(out, "  probe_read_kernel: %s\n", yes(helper(kp, BPF_FUNC_probe_read_kernel)));
	fprintf(out, "  get_current_cgroup_id: %s\n", yes(helper(kp, BPF_FUNC_get_current_cgroup_id)));
	fprintf(out, "  send_signal: %s\n", yes(helper(kp, BPF_FUNC_send_signal)));
	fprintf(out, "  uprobe semaphores (ref_ctr_offset): %s\n",
		yes(has_pmu_format("uprobe", "ref_ctr_offset")));
	fprintf(out, "\n");

	char events[256];
	snprintf(events, sizeof(events), "%s/events", tracefs_dir());
	LIBBPF_OPTS(bpf_prog_load_opts, none);
	fprintf(out, "Probe types\n");
	fprintf(out, "  tracepoint: %s\n", yes(file_exists(events) &&
		libbpf_probe_bpf_prog_type(BPF_PROG_TYPE_TRACEPOINT, NULL) == 1));
	fprintf(out, "  rawtracepoint: %s\n",
		yes(try_prog(BPF_PROG_TYPE_RAW_TRACEPOINT, &none, -1, "sched_switch")));
	fprintf(out, "  tp_btf: %s\n", yes(try_tracing(btf, "btf_trace_sched_switch",
		BTF_KIND_TYPEDEF, BPF_TRACE_RAW_TP, true)));
	fprintf(out, "  kprobe: %s\n", yes(file_exists(PMU_DIR "/kprobe/type")));
	fprintf(out, "  uprobe: %s\n", yes(file_exists(PMU_DIR "/uprobe/type")));
	fprintf(out, "  usdt: %s\n", yes(file_exists(PMU_DIR "/uprobe/type")));
	fprintf(out, "  fentry/fexit: %s\n", yes(try_tracing(btf, "vfs_read", BTF_KIND_FUNC,
		BPF_TRACE_FENTRY, true)));
	fprintf(out, "  iter: %s\n", yes(try_tracing(btf, "bpf_iter_task", BTF_KIND_FUNC,
		BPF_TRACE_ITER, false)));
	fprintf(out, "  software (perf): %s\n",
		yes(try_perf_event(PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CPU_CLOCK)));
	fprintf(out, "  hardware (perf): %s\n",
		yes(try_perf_event(PERF_TYPE_HARDWARE, PERF_COUNT_HW_CPU_CYCLES)));
	fprintf(out, "  watchpoint: %s\n", yes(file_exists(PMU_DIR "/breakpoint/type")));
	btf__free(btf);
	return 0;
}
