/* tseries() output. The chart is bpftrace's: a header with the value
 * range, one row per interval (its start in local time, a 53-column plot
 * with '*' at the value and '.' at zero when the range spans it, then the
 * value, or '-' for an interval without one), and a footer. Positions
 * are computed in single precision, as bpftrace does, so that every
 * column matches. */
#include <inttypes.h>
#include <string.h>
#include <time.h>
#include "tseries.h"

#define PLOT_WIDTH 53
#define LABEL_WIDTH 21

static bool less(uint64_t a, uint64_t b, bool is_signed)
{
	return is_signed ? (int64_t)a < (int64_t)b : a < b;
}

bool tseries_combine(const struct tseries_slot *cpus, int ncpus, enum tseries_agg agg,
		     bool is_signed, uint64_t *epoch, uint64_t *value)
{
	uint64_t newest = 0;
	for (int i = 0; i < ncpus; i++)
		if (cpus[i].epoch > newest)
			newest = cpus[i].epoch;
	if (!newest)
		return false;
	uint64_t v = 0, count = 0, latest = 0;
	bool any = false;
	for (int i = 0; i < ncpus; i++) {
		const struct tseries_slot *c = &cpus[i];
		if (c->epoch != newest)
			continue;	/* an older interval left in this slot */
		switch (agg) {
		case TSERIES_LAST:
			if (!any || c->meta > latest)
				v = c->value, latest = c->meta;
			break;
		case TSERIES_SUM:
		case TSERIES_AVG:
			v += c->value;
			count += c->meta;
			break;
		case TSERIES_MIN:
		case TSERIES_MAX:
			if (!any || (agg == TSERIES_MIN ? less(c->value, v, is_signed) :
							  less(v, c->value, is_signed)))
				v = c->value;
			break;
		}
		any = true;
	}
	if (agg == TSERIES_AVG)
		v = !count ? 0 : is_signed ? (uint64_t)((int64_t)v / (int64_t)count) : v / count;
	*epoch = newest;
	*value = v;
	return true;
}

/* ---- text ---- */

struct range {
	uint64_t lo, hi;
	bool is_signed;
};

static bool below(const struct range *r, uint64_t a, uint64_t b)
{
	return less(a, b, r->is_signed);
}

static float span(const struct range *r, uint64_t from, uint64_t to)
{
	return r->is_signed ? (float)((int64_t)to - (int64_t)from) : (float)(to - from);
}

static void write_number(FILE *f, uint64_t v, bool is_signed)
{
	if (is_signed)
		fprintf(f, "%" PRId64, (int64_t)v);
	else
		fprintf(f, "%" PRIu64, v);
}

static struct range value_range(const struct tseries_rows *rows, const struct tseries_style *st)
{
	struct range r = { 0, 0, st->is_signed };
	if (st->fixed_range) {
		r.lo = (uint64_t)st->min;
		r.hi = (uint64_t)st->max;
	} else {
		bool any = false;
		for (uint32_t i = 0; i < rows->n; i++) {
			if (!rows->present[i])
				continue;
			uint64_t v = rows->values[i];
			if (!any || below(&r, v, r.lo))
				r.lo = v;
			if (!any || below(&r, r.hi, v))
				r.hi = v;
			any = true;
		}
	}
	if (r.lo == r.hi) {	/* widen, within the type's limits */
		if (r.is_signed ? (int64_t)r.lo != INT64_MIN : r.lo != 0)
			r.lo--;
		if (r.is_signed ? (int64_t)r.hi != INT64_MAX : r.hi != UINT64_MAX)
			r.hi++;
	}
	return r;
}

static void write_bounds(FILE *f, const struct range *r, int indent)
{
	char lo[32], hi[32];
	snprintf(lo, sizeof(lo), r->is_signed ? "%" PRId64 : "%" PRIu64, r->lo);
	snprintf(hi, sizeof(hi), r->is_signed ? "%" PRId64 : "%" PRIu64, r->hi);
	fprintf(f, "%*s%-*s%*s\n", indent, "", LABEL_WIDTH, lo, PLOT_WIDTH - LABEL_WIDTH, hi);
}

/* The 53 columns of one row: borders, zero line, the value's point. */
static void plot_row(char *line, const struct range *r, bool present, uint64_t v)
{
	memset(line, ' ', PLOT_WIDTH);
	line[0] = line[PLOT_WIDTH - 1] = '|';
	line[PLOT_WIDTH] = 0;
	if (r->is_signed && (int64_t)r->lo < 0 && (int64_t)r->hi > 0) {
		int zero = (int)((float)PLOT_WIDTH * span(r, r->lo, 0) / span(r, r->lo, r->hi));
		if (zero > 0 && zero < PLOT_WIDTH)
			line[zero] = '.';
	}
	if (!present || below(r, v, r->lo) || below(r, r->hi, v))
		return;
	int at = (int)((float)(PLOT_WIDTH - 1) * span(r, r->lo, v) / span(r, r->lo, r->hi));
	line[at < 0 ? 0 : at > PLOT_WIDTH - 1 ? PLOT_WIDTH - 1 : at] = '*';
}

/* Row times in the unit their spacing calls for: digits after the
 * seconds, and the header's label for them. */
struct time_unit {
	int digits;
	uint64_t divisor;	/* of the nanoseconds within the second */
	const char *label;
};

static struct time_unit time_unit(uint64_t step_ns)
{
	if (step_ns >= 1000000000)
		return (struct time_unit){ 0, 1, "hh:mm:ss" };
	if (step_ns >= 1000000)
		return (struct time_unit){ 3, 1000000, "hh:mm:ss.ms" };
	if (step_ns >= 1000)
		return (struct time_unit){ 6, 1000, "hh:mm:ss.\xce\xbcs" };
	return (struct time_unit){ 9, 1, "hh:mm:ss.ns" };
}

static void write_local_time(FILE *f, int64_t real_ns, const struct time_unit *u)
{
	time_t secs = (time_t)(real_ns / 1000000000);
	int64_t frac = real_ns % 1000000000;
	if (frac < 0)
		frac += 1000000000, secs--;
	struct tm tm;
	char buf[16];
	strftime(buf, sizeof(buf), "%H:%M:%S", localtime_r(&secs, &tm));
	fputs(buf, f);
	if (u->digits)
		fprintf(f, ".%0*" PRId64, u->digits, frac / (int64_t)u->divisor);
}

static int64_t row_time(const struct tseries_rows *r, const struct tseries_style *st, uint32_t i)
{
	return (int64_t)((r->first_epoch + i) * st->interval_ns) + st->tai_to_real_ns;
}

void tseries_write_text(FILE *f, const struct tseries_rows *r, const struct tseries_style *st)
{
	if (r->n == 0) {
		fputs("<no data>\n\n", f);
		return;
	}
	uint64_t step = r->n > 1 ? st->interval_ns : 0;
	struct time_unit u = time_unit(step);
	int time_width = 8 + (u.digits ? 1 + u.digits : 0);
	struct range range = value_range(r, st);
	char line[PLOT_WIDTH + 1];

	write_bounds(f, &range, time_width + 1);
	fprintf(f, "%-*s|", time_width + 1, u.label);	/* bytes: μ takes two */
	for (int i = 0; i < PLOT_WIDTH - 2; i++)
		fputc('_', f);
	fputs("|\n", f);
	for (uint32_t i = 0; i < r->n; i++) {
		write_local_time(f, row_time(r, st, i), &u);
		plot_row(line, &range, r->present[i], r->values[i]);
		fprintf(f, " %s ", line);
		if (r->present[i])
			write_number(f, r->values[i], st->is_signed);
		else
			fputc('-', f);
		fputc('\n', f);
	}
	fprintf(f, "%*sv", time_width + 1, "");
	for (int i = 0; i < PLOT_WIDTH - 2; i++)
		fputc('_', f);
	fputs("v\n", f);
	write_bounds(f, &range, time_width + 1);
	fputc('\n', f);
}

void tseries_write_json(FILE *f, const struct tseries_rows *r, const struct tseries_style *st)
{
	const char *sep = "";
	fputc('[', f);
	for (uint32_t i = 0; i < r->n; i++) {
		if (!r->present[i])
			continue;
		int64_t ns = row_time(r, st, i);
		time_t secs = (time_t)(ns / 1000000000);
		struct tm tm;
		char buf[32];
		strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S", gmtime_r(&secs, &tm));
		fprintf(f, "%s{\"interval_start\":\"%s.%09" PRId64 "\",\"value\":", sep, buf,
			ns % 1000000000);
		write_number(f, r->values[i], st->is_signed);
		fputc('}', f);
		sep = ",";
	}
	fputc(']', f);
}
