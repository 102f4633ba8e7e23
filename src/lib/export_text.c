/* Text helpers shared by the exporters: escaping for XML and HTML,
 * UTF-8 repair, the spreadsheet formula guard, dates for people. */
#include <string.h>
#include "export_internal.h"
#include "util.h"

bool ctl_csv_needs_guard(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && s[i] == '\'')
		i++;
	if (i == n)
		return false;
	/* OWASP "CSV Injection": = + - @ TAB CR open a formula in some spreadsheet */
	switch (s[i]) {
	case '=': case '+': case '-': case '@': case '\t': case '\r':
		return true;
	default:
		return false;
	}
}

static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */

void ctl_utf8_sanitize(ctl_buf *b, const char *s, size_t n)
{
	size_t i = 0, run = 0;
	while (i < n) {
		size_t k = ctl_utf8_seq_len((const unsigned char *)s + i, n - i);
		if (k) {
			i += k;
			continue;
		}
		ctl_buf_put(b, s + run, i - run);
		ctl_buf_puts(b, replacement);
		run = ++i;
	}
	ctl_buf_put(b, s + run, n - run);
}

void ctl_xml_escape(ctl_buf *b, const char *s, size_t n)
{
	size_t i = 0, run = 0;
	ctl_buf_grow(b, n + n / 8);
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		const char *rep = NULL;
		size_t k = 1;
		switch (c) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		case '\r': rep = "&#13;"; break;
		case '\t': case '\n': break;
		default:
			if (c < 0x20 || c == 0x7F) {
				rep = replacement;
			} else if (c >= 0x80) {
				k = ctl_utf8_seq_len((const unsigned char *)s + i, n - i);
				if (!k) {
					rep = replacement;
					k = 1;
				} else if (k == 3 && c == 0xEF && (unsigned char)s[i + 1] == 0xBF &&
				           ((unsigned char)s[i + 2] == 0xBE || (unsigned char)s[i + 2] == 0xBF)) {
					rep = replacement; /* U+FFFE, U+FFFF: not XML characters */
				}
			}
		}
		if (rep) {
			ctl_buf_put(b, s + run, i - run);
			ctl_buf_puts(b, rep);
			run = i + k;
		}
		i += k;
	}
	ctl_buf_put(b, s + run, n - run);
}

void ctl_xml_escape_str(ctl_buf *b, const char *s)
{
	if (s)
		ctl_xml_escape(b, s, strlen(s));
}

void ctl_interval_describe(ctl_buf *b, const ctl_interval *iv)
{
	char d[11], e[11], l[11];
	ctl_interval_format(iv, d);
	if (d[0]) {
		ctl_buf_puts(b, d);
		return;
	}
	ctl_day_format(iv->earliest, e);
	ctl_day_format(iv->latest, l);
	if (e[0] && l[0] && iv->earliest == iv->latest)
		ctl_buf_puts(b, e);
	else if (e[0] && l[0])
		ctl_buf_printf(b, "between %s and %s", e, l);
	else if (e[0])
		ctl_buf_printf(b, "not before %s", e);
	else if (l[0])
		ctl_buf_printf(b, "not after %s", l);
	else
		ctl_buf_puts(b, "undated");
}

/* ---- the formats ---------------------------------------------------------- */

static const char *const format_names[] = {
	"csv", "json", "timelinejs", "timelinejs-csv", "dot", "graphml"
};
#define NFORMATS (sizeof(format_names) / sizeof(format_names[0]))

const char *ctl_export_format_name(ctl_export_format f)
{
	return (unsigned)f < NFORMATS ? format_names[f] : "";
}

int ctl_export_format_parse(const char *s, ctl_export_format *out)
{
	for (size_t i = 0; i < NFORMATS; i++)
		if (!strcmp(s, format_names[i])) {
			*out = (ctl_export_format)i;
			return 0;
		}
	return CTL_EINVAL;
}

int ctl_export(char **out, size_t *len, const ctl_timeline *tl, ctl_export_format f,
		const ctl_export_options *opts, ctl_error *err)
{
	static const ctl_export_options defaults = { NULL };
	if (!opts)
		opts = &defaults;
	*out = NULL;
	*len = 0;
	switch (f) {
	case CTL_EXPORT_JSON: {
		int rc = ctl_timeline_to_json(out, tl, err);
		if (!rc)
			*len = strlen(*out);
		return rc;
	}
	case CTL_EXPORT_TIMELINEJS:
		return ctl_export_timelinejs(out, len, tl, opts, err);
	case CTL_EXPORT_TIMELINEJS_CSV:
		return ctl_export_timelinejs_csv(out, len, tl, opts, err);
	case CTL_EXPORT_DOT:
		return ctl_export_dot(out, len, tl, opts, err);
	case CTL_EXPORT_GRAPHML:
		return ctl_export_graphml(out, len, tl, opts, err);
	case CTL_EXPORT_CSV:
		return ctl_error_set(err, CTL_EINVAL, "csv is a directory of tables: use ctl_export_csv");
	}
	return ctl_error_set(err, CTL_EINVAL, "unknown export format %d", (int)f);
}
