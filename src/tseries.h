/* tseries(): a value per time interval, kept by the kernel in one map
 * entry per (key, interval slot), read back and drawn here as bpftrace
 * draws it (a text chart, or JSON records). */
#ifndef BPFKIT_TSERIES_H
#define BPFKIT_TSERIES_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* How values of one interval combine (tseries' 4th argument). */
enum tseries_agg { TSERIES_LAST, TSERIES_AVG, TSERIES_MAX, TSERIES_MIN, TSERIES_SUM };

/* One CPU's slot, as the BPF program writes it. meta: the write time
 * (last), the number of values (avg), or 1 once set (min, max). */
struct tseries_slot {
	uint64_t value;
	uint64_t meta;
	uint64_t epoch;		/* the interval: time / interval length; 0: unused */
};

/* The slot's value over CPUs (only those holding its newest interval);
 * false when no CPU used it. */
bool tseries_combine(const struct tseries_slot *cpus, int ncpus, enum tseries_agg agg,
		     bool is_signed, uint64_t *epoch, uint64_t *value);

/* One key's intervals, oldest first; present[i] false: no value. */
struct tseries_rows {
	uint64_t first_epoch;
	uint32_t n;
	const uint64_t *values;
	const bool *present;
};

struct tseries_style {
	uint64_t interval_ns;
	bool is_signed;
	bool fixed_range;	/* print(@m, min, max) */
	int64_t min, max;
	int64_t tai_to_real_ns;	/* CLOCK_REALTIME - CLOCK_TAI */
};

/* The chart of one series, ending with a blank line. */
void tseries_write_text(FILE *f, const struct tseries_rows *r, const struct tseries_style *st);
/* [{"interval_start":"...","value":N},...]: intervals with values only. */
void tseries_write_json(FILE *f, const struct tseries_rows *r, const struct tseries_style *st);

#endif
