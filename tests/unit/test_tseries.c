/* The tseries chart and JSON against bpftrace's expected outputs (its
 * runtime tests' files, with the hour placeholder filled for UTC), and
 * the combining of per-CPU slots. */
#include <stdlib.h>
#include <time.h>
#include "check.h"
#include "tseries.h"

static char *render(const uint64_t *values, const bool *present, uint32_t n, uint64_t first,
		    const struct tseries_style *st, bool json)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	struct tseries_rows r = { first, n, values, present };
	if (json)
		tseries_write_json(f, &r, st);
	else
		tseries_write_text(f, &r, st);
	fclose(f);
	return text;
}

#define MS100 100000000ULL
#define RULE "|___________________________________________________|\n"
#define FOOT "v___________________________________________________v\n"

static void test_constant_series(void)
{
	uint64_t v[5] = { 9, 9, 9, 9, 9 };
	bool p[5] = { true, true, true, true, true };
	struct tseries_style st = { .interval_ns = MS100, .is_signed = true };
	char *t = render(v, p, 5, 5, &st, false);
	CHECK_STR(t,
		"             8                                                  10\n"
		"hh:mm:ss.ms  " RULE
		"00:00:00.500 |                         *                         | 9\n"
		"00:00:00.600 |                         *                         | 9\n"
		"00:00:00.700 |                         *                         | 9\n"
		"00:00:00.800 |                         *                         | 9\n"
		"00:00:00.900 |                         *                         | 9\n"
		"             " FOOT
		"             8                                                  10\n\n");
	free(t);
	t = render(v, p, 5, 5, &st, true);
	CHECK_STR(t, "[{\"interval_start\":\"1970-01-01 00:00:00.500000000\",\"value\":9},"
		     "{\"interval_start\":\"1970-01-01 00:00:00.600000000\",\"value\":9},"
		     "{\"interval_start\":\"1970-01-01 00:00:00.700000000\",\"value\":9},"
		     "{\"interval_start\":\"1970-01-01 00:00:00.800000000\",\"value\":9},"
		     "{\"interval_start\":\"1970-01-01 00:00:00.900000000\",\"value\":9}]");
	free(t);
	/* an unsigned 0 cannot go below: the range is 0 .. 1 */
	uint64_t z[1] = { 0 };
	struct tseries_style us = { .interval_ns = MS100 };
	t = render(z, p, 1, 5, &us, false);
	CHECK_STR(t,
		"                   0                                                   1\n"
		"hh:mm:ss.ns        " RULE
		"00:00:00.500000000 *                                                   | 0\n"
		"                   " FOOT
		"                   0                                                   1\n\n");
	free(t);
}

static void test_missing_rows(void)
{
	uint64_t v[10] = { 0, 5, 5, 5, 5 };
	bool p[10] = { true, true, true, true, true };
	struct tseries_style st = { .interval_ns = MS100, .is_signed = true };
	char *t = render(v, p, 10, 0, &st, false);
	CHECK_STR(t,
		"             0                                                   5\n"
		"hh:mm:ss.ms  " RULE
		"00:00:00.000 *                                                   | 0\n"
		"00:00:00.100 |                                                   * 5\n"
		"00:00:00.200 |                                                   * 5\n"
		"00:00:00.300 |                                                   * 5\n"
		"00:00:00.400 |                                                   * 5\n"
		"00:00:00.500 |                                                   | -\n"
		"00:00:00.600 |                                                   | -\n"
		"00:00:00.700 |                                                   | -\n"
		"00:00:00.800 |                                                   | -\n"
		"00:00:00.900 |                                                   | -\n"
		"             " FOOT
		"             0                                                   5\n\n");
	free(t);
	t = render(v, p, 10, 0, &st, true);
	CHECK(t && strstr(t, "00:00:00.400000000\",\"value\":5}]") && !strstr(t, "00.500"));
	free(t);
	t = render(v, p, 0, 0, &st, false);
	CHECK_STR(t, "<no data>\n\n");
	free(t);
}

static void test_zigzag(void)
{
	static const int64_t zig[20] = { -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 4, 3, 2, 1, 0, -1, -2, -3, -4 };
	uint64_t v[20];
	bool p[20];
	for (int i = 0; i < 20; i++)
		v[i] = (uint64_t)zig[i], p[i] = true;
	struct tseries_style st = { .interval_ns = MS100, .is_signed = true };
	char *t = render(v, p, 20, 1, &st, false);
	CHECK(t && strstr(t, "             -5                                                  5\n"
			     "hh:mm:ss.ms  " RULE
			     "00:00:00.100 *                         .                         | -5\n"
			     "00:00:00.200 |    *                    .                         | -4\n"
			     "00:00:00.300 |         *               .                         | -3\n"
			     "00:00:00.400 |              *          .                         | -2\n"
			     "00:00:00.500 |                   *     .                         | -1\n"
			     "00:00:00.600 |                         *                         | 0\n"
			     "00:00:00.700 |                         .    *                    | 1\n"));
	CHECK(t && strstr(t, "00:00:01.100 |                         .                         * 5\n"));
	CHECK(t && strstr(t, "00:00:02.000 |    *                    .                         | -4\n"
			     "             " FOOT));
	free(t);
	st.fixed_range = true, st.min = -10, st.max = 10;
	t = render(v, p, 20, 1, &st, false);
	CHECK(t && strstr(t, "             -10                                                10\n"));
	CHECK(t && strstr(t, "00:00:00.100 |            *            .                         | -5\n"));
	CHECK(t && strstr(t, "00:00:00.700 |                         . *                       | 1\n"));
	free(t);
	/* outside a fixed range: no point, the value still printed */
	st.min = 0, st.max = 3;
	t = render(v, p, 20, 1, &st, false);
	CHECK(t && strstr(t, "00:00:01.100 |                                                   | 5\n"));
	free(t);
}

static void test_combine(void)
{
	struct tseries_slot s[3] = { { 7, 100, 4 }, { 9, 50, 4 }, { 1, 900, 3 } };
	uint64_t epoch = 0, v = 0;
	CHECK(tseries_combine(s, 3, TSERIES_LAST, true, &epoch, &v) && epoch == 4 && v == 7);
	CHECK(tseries_combine(s, 3, TSERIES_SUM, true, &epoch, &v) && v == 16);
	CHECK(tseries_combine(s, 3, TSERIES_MIN, true, &epoch, &v) && v == 7);
	CHECK(tseries_combine(s, 3, TSERIES_MAX, true, &epoch, &v) && v == 9);
	struct tseries_slot a[2] = { { 30, 3, 8 }, { (uint64_t)-10, 2, 8 } };
	CHECK(tseries_combine(a, 2, TSERIES_AVG, true, &epoch, &v) && v == 4);
	struct tseries_slot m[2] = { { (uint64_t)-3, 1, 8 }, { 2, 1, 8 } };
	CHECK(tseries_combine(m, 2, TSERIES_MIN, true, &epoch, &v) && (int64_t)v == -3);
	CHECK(tseries_combine(m, 2, TSERIES_MIN, false, &epoch, &v) && v == 2);
	struct tseries_slot none[2] = { { 5, 1, 0 }, { 6, 1, 0 } };
	CHECK(!tseries_combine(none, 2, TSERIES_SUM, true, &epoch, &v));
}

int main(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	test_constant_series();
	test_missing_rows();
	test_zigzag();
	test_combine();
	return check_report("tseries");
}
