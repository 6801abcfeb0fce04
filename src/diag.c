/* Error reports point at the script: the line is reprinted with a caret so a
 * user sees the place without opening the file. */
#include <stdarg.h>
#include <string.h>
#include "diag.h"

static const struct source *source_of(const struct diag *d, struct loc at)
{
	return at.file > 0 && at.file <= d->nimported ? &d->imported[at.file - 1] : d->src;
}

static void print_source_line(const struct diag *d, struct loc at)
{
	const char *p = source_of(d, at)->text;
	for (int line = 1; line < at.line && p; line++) {
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	if (!p)
		return;
	size_t len = strcspn(p, "\n");
	fprintf(d->out, "%.*s\n", (int)len, p);
	for (int i = 1; i < at.col; i++)
		fputc(p[i - 1] == '\t' ? '\t' : ' ', d->out);
	fputs("^\n", d->out);
}

static void report(struct diag *d, struct loc at, const char *level,
		   const char *fmt, va_list ap)
{
	if (at.line > 0)
		fprintf(d->out, "%s:%d:%d: ", source_of(d, at)->name, at.line, at.col);
	fprintf(d->out, "%s: ", level);
	vfprintf(d->out, fmt, ap);
	fputc('\n', d->out);
	if (at.line > 0)
		print_source_line(d, at);
}

void diag_error(struct diag *d, struct loc at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report(d, at, "ERROR", fmt, ap);
	va_end(ap);
	d->nerrors++;
}

void diag_warning(struct diag *d, struct loc at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report(d, at, "WARNING", fmt, ap);
	va_end(ap);
}
