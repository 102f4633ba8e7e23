/*
 * The Graphviz side shared by every view: escaping article text for
 * labels, tooltips, ids and SVG; a session (context, graph, captured
 * messages); rendering to memory with PNG kept under Graphviz's limits;
 * and the public entry points of render.h.
 *
 * Escaping rules measured on Graphviz 2.42 (shared notes, libraries.md):
 * plain labels interpret backslash escapes (\N \G \L \n ...) and decode
 * entities; tooltips are unescaped twice; the SVG renderer escapes
 * < > & " ' itself but copies URL/href verbatim, so no URL is ever set.
 */
#define _DEFAULT_SOURCE /* initstate, setstate */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "render_internal.h"
#include "util.h"

/* ---- escaping ------------------------------------------------------------ */

/*
 * Walks s[0..n) a character at a time: `k` is the length of the UTF-8
 * sequence at s + i, 0 for an invalid byte (which the loop steps over).
 */
#define FOR_UTF8(s, n, i, k) \
	for (size_t i = 0, k = (n) ? ctl_utf8_seq_len((const unsigned char *)(s), (n)) : 0; \
	     i < (n); \
	     i += k ? k : 1, k = i < (n) ? ctl_utf8_seq_len((const unsigned char *)(s) + i, (n) - i) : 0)

void ctl_gv_label_text(ctl_buf *out, const char *s, size_t n, const char *newline)
{
	FOR_UTF8(s, n, i, k) {
		if (k == 0) {
			ctl_buf_putc(out, '?');
			continue;
		}
		if (k > 1) {
			ctl_buf_put(out, s + i, k);
			continue;
		}
		unsigned char c = (unsigned char)s[i];
		if (c == '\\')
			ctl_buf_puts(out, "\\\\");
		else if (c == '&')
			ctl_buf_puts(out, "&amp;");
		else if (c == '\n')
			ctl_buf_puts(out, newline);
		else if (c < 32 || c == 127)
			ctl_buf_putc(out, ' ');
		else
			ctl_buf_putc(out, (char)c);
	}
}

void ctl_gv_tooltip_text(ctl_buf *out, const char *s, size_t n, size_t max)
{
	bool cut = false;
	if (n > max) {
		/* back up to a character boundary */
		size_t m = max;
		while (m > 0 && ((unsigned char)s[m] & 0xC0) == 0x80)
			m--;
		n = m;
		cut = true;
	}
	bool space = false;
	FOR_UTF8(s, n, i, k) {
		if (k == 0) {
			ctl_buf_putc(out, '?');
			space = false;
			continue;
		}
		if (k > 1) {
			ctl_buf_put(out, s + i, k);
			space = false;
			continue;
		}
		unsigned char c = (unsigned char)s[i];
		if (c < 32 || c == 127 || c == ' ') {
			if (!space)
				ctl_buf_putc(out, ' ');
			space = true;
			continue;
		}
		space = false;
		if (c == '\\')
			ctl_buf_puts(out, "\\\\\\\\");
		else if (c == '&')
			ctl_buf_puts(out, "&amp;");
		else
			ctl_buf_putc(out, (char)c);
	}
	if (cut)
		ctl_buf_puts(out, "\xe2\x80\xa6");
}

void ctl_gv_id_text(ctl_buf *out, const char *s, const char *fallback)
{
	if (!s || !*s) {
		ctl_buf_puts(out, fallback);
		return;
	}
	for (size_t i = 0; s[i] && i < 64; i++) {
		unsigned char c = (unsigned char)s[i];
		ctl_buf_putc(out, ctl_is_alnum(c) || c == '-' || c == '_' ? (char)c : '_');
	}
}

typedef struct id_key {
	const char *id;
	size_t i;
} id_key;

static int cmp_id(const void *a, const void *b)
{
	const id_key *x = a, *y = b;
	int c = strcmp(x->id, y->id);
	if (c)
		return c;
	return x->i < y->i ? -1 : x->i > y->i;
}

char **ctl_gv_unique_ids(size_t n, const char *(*get)(const ctl_timeline *, size_t),
		const ctl_timeline *tl, char letter)
{
	char **ids = ctl_xcalloc(n ? n : 1, sizeof(char *));
	id_key *k = ctl_xmalloc((n ? n : 1) * sizeof(*k));
	bool *clash = ctl_xcalloc(n ? n : 1, sizeof(bool));
	for (size_t i = 0; i < n; i++) {
		ctl_buf b = CTL_BUF_INIT;
		char fb[32];
		snprintf(fb, sizeof(fb), "%c%zu", letter, i + 1);
		ctl_gv_id_text(&b, get(tl, i), fb);
		ids[i] = ctl_buf_detach(&b, NULL);
		k[i].id = ids[i];
		k[i].i = i;
	}
	qsort(k, n, sizeof(*k), cmp_id);
	for (size_t j = 1; j < n; j++)
		if (!strcmp(k[j].id, k[j - 1].id))
			clash[k[j].i] = true; /* the later one of equal ids */
	free(k);
	for (size_t i = 0; i < n; i++)
		if (clash[i]) {
			ctl_buf b = CTL_BUF_INIT;
			ctl_buf_printf(&b, "%s-%zu", ids[i], i + 1);
			free(ids[i]);
			ids[i] = ctl_buf_detach(&b, NULL);
		}
	free(clash);
	return ids;
}

void ctl_gv_free_ids(char **ids, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
}

void ctl_xml_text(ctl_buf *out, const char *s, size_t n)
{
	FOR_UTF8(s, n, i, k) {
		if (k == 0) {
			ctl_buf_putc(out, '?');
			continue;
		}
		if (k > 1) {
			ctl_buf_put(out, s + i, k);
			continue;
		}
		char c = s[i];
		switch (c) {
		case '&': ctl_buf_puts(out, "&amp;"); break;
		case '<': ctl_buf_puts(out, "&lt;"); break;
		case '>': ctl_buf_puts(out, "&gt;"); break;
		case '"': ctl_buf_puts(out, "&quot;"); break;
		case '\'': ctl_buf_puts(out, "&#39;"); break;
		default:
			ctl_buf_putc(out, ((unsigned char)c < 32 && c != '\n') || c == 127 ? ' ' : c);
		}
	}
}

/* What ctl_gv_num writes, through printf alone: the reference its fast
 * path must equal, and the way for the numbers that path leaves. */
void ctl_gv_num_printf(ctl_buf *out, double v)
{
	char tmp[64];
	snprintf(tmp, sizeof(tmp), "%.2f", isfinite(v) ? v : 0);
	size_t n = strlen(tmp);
	while (n > 1 && tmp[n - 1] == '0')
		n--;
	if (tmp[n - 1] == '.')
		n--;
	tmp[n] = '\0';
	if (!strcmp(tmp, "-0"))
		strcpy(tmp, "0");
	ctl_buf_puts(out, tmp);
}

/* A diagram has tens of thousands of coordinates, and "%.2f" costs some
 * 2,000 instructions each. For |v| < 10^7, v * 100 is within 1.2e-7 of
 * the exact product (half its unit in the last place, below 2^30), so
 * rounding it to the nearest integer gives printf's rounding of the exact
 * value unless its fraction lies within 10^-6 of a half: those numbers
 * (and larger ones) go through printf. */
void ctl_gv_num(ctl_buf *out, double v)
{
	double a = fabs(v);
	if (!(a < 1e7)) { /* and NaN and infinities, written 0 */
		ctl_gv_num_printf(out, v);
		return;
	}
	double x = a * 100.0, fl = floor(x), frac = x - fl;
	if (fabs(frac - 0.5) < 1e-6) {
		ctl_gv_num_printf(out, v);
		return;
	}
	unsigned long k = (unsigned long)fl + (frac > 0.5);
	char tmp[32], *p = tmp + sizeof(tmp);
	unsigned long ip = k / 100, fp = k % 100;
	if (fp) { /* the decimals without trailing zeros */
		if (fp % 10)
			*--p = (char)('0' + fp % 10);
		*--p = (char)('0' + fp / 10);
		*--p = '.';
	}
	do
		*--p = (char)('0' + ip % 10);
	while (ip /= 10);
	if (v < 0 && k) /* "-0.00" is written "0" */
		*--p = '-';
	ctl_buf_put(out, p, (size_t)(tmp + sizeof(tmp) - p));
}

void ctl_svg_add_title(char **svg, size_t *len, const char *title, const char *desc)
{
	char *start = strstr(*svg, "<svg");
	if (!start)
		return;
	char *gt = strchr(start, '>');
	if (!gt)
		return;
	size_t at = (size_t)(gt - *svg) + 1;
	ctl_buf b = CTL_BUF_INIT;
	ctl_buf_put(&b, *svg, at);
	ctl_buf_puts(&b, "\n<title>");
	ctl_xml_text(&b, title, strlen(title));
	ctl_buf_puts(&b, "</title>\n<desc>");
	ctl_xml_text(&b, desc, strlen(desc));
	ctl_buf_puts(&b, "</desc>");
	ctl_buf_put(&b, *svg + at, *len - at);
	free(*svg);
	*svg = ctl_buf_detach(&b, len);
}

/* ---- a Graphviz session ---------------------------------------------------- */

/*
 * The library's only mutable state outside its objects, both forced by
 * Graphviz 2.42:
 *
 * - Graphviz reports through one process-wide hook without a user
 *   pointer, so the session being run on this thread is kept here while
 *   it runs;
 *
 * - one Graphviz context serves the whole process, created on first use
 *   and never freed: the pango plugin keeps, in a static variable, a
 *   pointer to a font name owned by the context that last measured text,
 *   and reads it on the next measurement, so freeing a context and making
 *   another is a use-after-free (AddressSanitizer, in textspan_size). Its
 *   memory stays reachable; tests/lsan.supp documents what Graphviz,
 *   pango and fontconfig themselves leave behind.
 */
static _Thread_local ctl_gv *current_session;
static pthread_once_t shared_gvc_once = PTHREAD_ONCE_INIT;
static GVC_t *shared_gvc;

static void shared_gvc_create(void)
{
	shared_gvc = gvContext();
}

/* One complete line from Graphviz: "Error: ...", "Warning: ..." or a continuation. */
static void session_line(ctl_gv *s, const char *line)
{
	const char *text = line;
	if (!strncmp(line, "Error: ", 7)) {
		s->in_error = true;
		text += 7;
	} else if (!strncmp(line, "Warning: ", 9)) {
		s->in_error = false;
		text += 9;
	}
	if (!*text)
		return;
	if (s->in_error) {
		s->nerrors++;
		if (!s->first_error.len)
			ctl_buf_puts(&s->first_error, text);
	} else {
		s->nwarnings++;
		if (s->warn)
			s->warn(s->warn_user, text);
	}
}

static int capture(char *piece)
{
	ctl_gv *s = current_session;
	if (!s || !piece)
		return 0;
	ctl_buf_puts(&s->msg, piece);
	char *nl;
	while ((nl = memchr(s->msg.ptr, '\n', s->msg.len)) != NULL) {
		*nl = '\0';
		size_t used = (size_t)(nl - s->msg.ptr) + 1;
		session_line(s, s->msg.ptr);
		memmove(s->msg.ptr, s->msg.ptr + used, s->msg.len - used + 1);
		s->msg.len -= used;
	}
	return 0;
}

/* A message Graphviz left without its newline. */
static void flush_partial(ctl_gv *s)
{
	if (s->msg.len) {
		session_line(s, s->msg.ptr);
		ctl_buf_clear(&s->msg);
	}
}

void ctl_gv_begin(ctl_gv *s, const char *name, bool directed,
		ctl_render_warn_fn warn, void *warn_user)
{
	memset(s, 0, sizeof(*s));
	ctl_buf_init(&s->msg);
	ctl_buf_init(&s->first_error);
	s->warn = warn;
	s->warn_user = warn_user;
	current_session = s;
	s->prev_errf = agseterrf(capture);
	pthread_once(&shared_gvc_once, shared_gvc_create);
	s->gvc = shared_gvc;
	s->g = agopen((char *)name, directed ? Agdirected : Agundirected, NULL);
}

static int session_error(ctl_gv *s, ctl_error *err, const char *what)
{
	flush_partial(s);
	if (s->first_error.len)
		return ctl_error_set(err, CTL_EDATA, "graphviz: %s: %s", what, s->first_error.ptr);
	return ctl_error_set(err, CTL_EDATA, "graphviz: %s failed", what);
}

int ctl_gv_layout(ctl_gv *s, const char *engine, ctl_error *err)
{
	size_t before = s->nerrors;
	/* sfdp and fdp draw on the C library's random() (rand()) without
	 * seeding it, so a drawing depended on what the process had drawn
	 * before: the first one was repeatable, a later one of the same graph
	 * was not. The layout gets a generator of its own, seeded as a new
	 * process's, and the caller's is put back untouched (random() keeps
	 * one state for the process: rendering stays on one thread). */
	int32_t rng[32]; /* 128 bytes: the default state's size */
	char *caller_rng = initstate(1, (char *)rng, sizeof(rng));
	int laid = gvLayout(s->gvc, s->g, engine);
	setstate(caller_rng);
	if (laid != 0) {
		char what[64];
		snprintf(what, sizeof(what), "layout with %s", engine);
		return session_error(s, err, what);
	}
	s->laid_out = true;
	flush_partial(s);
	if (s->nerrors > before)
		return session_error(s, err, "layout");
	return 0;
}

/* Graphviz (cairo) limits a bitmap to 32,767 pixels a side; keep under it,
 * and under 40 megapixels of memory. */
#define PNG_MAX_SIDE 32000.0
#define PNG_MAX_AREA 40e6

int ctl_gv_render(ctl_gv *s, const char *format, double dpi, char **out, size_t *len,
		ctl_error *err)
{
	*out = NULL;
	*len = 0;
	const char *device;
	bool png = false;
	if (!strcmp(format, "svg"))
		device = "svg:svg:core";
	else if (!strcmp(format, "png"))
		device = "png:cairo:cairo", png = true;
	else if (!strcmp(format, "pdf"))
		device = "pdf:cairo:cairo";
	else
		return ctl_error_set(err, CTL_EINVAL, "unknown output format '%.20s' (svg, png, pdf)", format);

	double saved = GD_drawing(s->g)->dpi;
	if (png) {
		boxf bb = GD_bb(s->g);
		double w = bb.UR.x - bb.LL.x + 8, h = bb.UR.y - bb.LL.y + 8; /* + pad */
		double d = dpi > 0 ? dpi : 96;
		if (w * d / 72 > PNG_MAX_SIDE)
			d = PNG_MAX_SIDE * 72 / w;
		if (h * d / 72 > PNG_MAX_SIDE)
			d = PNG_MAX_SIDE * 72 / h;
		if ((w * d / 72) * (h * d / 72) > PNG_MAX_AREA)
			d = sqrt(PNG_MAX_AREA / (w * h)) * 72;
		GD_drawing(s->g)->dpi = d;
	} else {
		GD_drawing(s->g)->dpi = 0;
	}
	/* Into a memory stream, not gvRenderData: Graphviz 2.42 grows that
	 * buffer a page at a time, so a 10 MB SVG costs thousands of
	 * reallocations, each a full copy where realloc cannot grow in place
	 * (AddressSanitizer: two minutes for 10,000 events). The stream grows
	 * geometrically. Same bytes (libraries.md: gvRender* are identical). */
	char *res = NULL;
	size_t rlen = 0;
	FILE *mem = open_memstream(&res, &rlen);
	if (!mem)
		return ctl_error_set(err, CTL_ENOMEM, "rendering %s: out of memory", format);
	size_t before = s->nerrors;
	int rc = gvRender(s->gvc, s->g, device, mem);
	GD_drawing(s->g)->dpi = saved;
	if (fclose(mem) != 0)
		rc = -1;
	flush_partial(s);
	if (rc != 0 || !res || s->nerrors > before) {
		free(res);
		char what[64];
		snprintf(what, sizeof(what), "rendering %s", format);
		return session_error(s, err, what);
	}
	*out = res; /* NUL-terminated by the stream */
	*len = rlen;
	return 0;
}

void ctl_gv_end(ctl_gv *s)
{
	if (s->g) {
		if (s->laid_out)
			gvFreeLayout(s->gvc, s->g);
		agclose(s->g);
	}
	/* the context is shared and kept: see shared_gvc */
	flush_partial(s);
	agseterrf(s->prev_errf);
	current_session = NULL;
	ctl_buf_release(&s->msg);
	ctl_buf_release(&s->first_error);
	s->g = NULL;
	s->gvc = NULL;
}

/* ---- the public entry points ------------------------------------------------ */

bool ctl_render_format_ok(const char *format)
{
	return format && (!strcmp(format, "svg") || !strcmp(format, "png") || !strcmp(format, "pdf"));
}

const char *ctl_view_name(ctl_view v)
{
	switch (v) {
	case CTL_VIEW_TIMELINE: return "timeline";
	case CTL_VIEW_GRAPH: return "graph";
	case CTL_VIEW_ACTORS: return "actors";
	}
	return "?";
}

int ctl_view_parse(const char *s, ctl_view *out)
{
	for (int v = CTL_VIEW_TIMELINE; v <= CTL_VIEW_ACTORS; v++)
		if (s && !strcmp(s, ctl_view_name((ctl_view)v))) {
			*out = (ctl_view)v;
			return 0;
		}
	return CTL_EINVAL;
}

int ctl_render_view(const ctl_timeline *tl, ctl_view view, const ctl_style *style,
		const ctl_render_options *opts, ctl_render_output *outs, size_t nouts,
		ctl_error *err)
{
	for (size_t i = 0; i < nouts; i++) {
		outs[i].data = NULL;
		outs[i].len = 0;
	}
	for (size_t i = 0; i < nouts; i++)
		if (!ctl_render_format_ok(outs[i].format))
			return ctl_error_set(err, CTL_EINVAL, "unknown output format '%.20s' (svg, png, pdf)",
				outs[i].format ? outs[i].format : "(null)");
	ctl_render_options o = { 0 };
	if (opts)
		o = *opts;
	ctl_style def;
	if (!style) {
		ctl_style_init_default(&def);
		style = &def;
	}
	if (!(o.dpi > 0))
		o.dpi = style->dpi;
	if (o.dpi > 2400)
		return ctl_error_set(err, CTL_EINVAL, "dpi %g is too high (at most 2400)", o.dpi);

	ctl_gv s;
	ctl_gv_begin(&s, ctl_view_name(view), view == CTL_VIEW_GRAPH, o.warn, o.warn_user);
	ctl_buf title = CTL_BUF_INIT, desc = CTL_BUF_INIT;
	int rc;
	if (view == CTL_VIEW_TIMELINE)
		rc = ctl_render_timeline_graph(&s, tl, style, &o, &title, &desc, err);
	else
		rc = ctl_render_graph_graph(&s, tl, style, &o, view == CTL_VIEW_ACTORS, &title, &desc, err);
	for (size_t i = 0; i < nouts && rc == 0; i++) {
		rc = ctl_gv_render(&s, outs[i].format, o.dpi, &outs[i].data, &outs[i].len, err);
		if (rc == 0 && !strcmp(outs[i].format, "svg"))
			ctl_svg_add_title(&outs[i].data, &outs[i].len, title.ptr, desc.ptr);
	}
	ctl_gv_end(&s);
	ctl_buf_release(&title);
	ctl_buf_release(&desc);
	if (rc)
		for (size_t i = 0; i < nouts; i++) {
			free(outs[i].data);
			outs[i].data = NULL;
			outs[i].len = 0;
		}
	return rc;
}

static int render_one(char **out, size_t *len, const ctl_timeline *tl, ctl_view view,
		const ctl_style *style, const char *format, const ctl_render_options *opts,
		ctl_error *err)
{
	ctl_render_output o = { format, NULL, 0 };
	int rc = ctl_render_view(tl, view, style, opts, &o, 1, err);
	*out = o.data;
	*len = o.len;
	return rc;
}

int ctl_render_timeline(char **out, size_t *len, const ctl_timeline *tl,
		const ctl_style *style, const char *format, const ctl_render_options *opts,
		ctl_error *err)
{
	return render_one(out, len, tl, CTL_VIEW_TIMELINE, style, format, opts, err);
}

int ctl_render_graph(char **out, size_t *len, const ctl_timeline *tl,
		const ctl_style *style, const char *format, const ctl_render_options *opts,
		ctl_error *err)
{
	return render_one(out, len, tl, CTL_VIEW_GRAPH, style, format, opts, err);
}

int ctl_render_actors(char **out, size_t *len, const ctl_timeline *tl,
		const ctl_style *style, const char *format, const ctl_render_options *opts,
		ctl_error *err)
{
	return render_one(out, len, tl, CTL_VIEW_ACTORS, style, format, opts, err);
}
