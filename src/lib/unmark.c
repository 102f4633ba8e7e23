/*
 * Ingest: markup left in scraped text. Text copied out of web pages keeps
 * some of its HTML ("Dallas.<br>", "<b>Biden</b>'s", "AT&amp;T",
 * "&nbsp;"), and converters of pages to text write Markdown; read as
 * words, it ends no sentence, splits names and makes prose look like
 * furniture. It is rewritten in place, in one pass:
 *
 *  - a tag of an HTML element (a known name after '<' or "</", up to the
 *    next '>' on its line) and a comment ("<!-- -->") become white space;
 *    where text stands before and after it, a block's tag (p, div, h1...)
 *    ends a paragraph (a blank line), a line's (br, li, tr) a line;
 *  - a character reference ("&amp;", "&#8217;", "&#x2019;") becomes its
 *    character, "&nbsp;" white space;
 *  - Markdown, as converters of pages to text write it: a link
 *    "[text](url)" becomes its text, an image "![alt](url)" white space,
 *    "**strong**" and "__strong__" their words, the '#'s opening a heading
 *    line nothing.
 *
 * The bytes freed are spaces: placed after what the markup became when
 * white space follows it, before it when white space precedes it, so no
 * other byte moves; only markup inside a word ("AT&amp;T", "Biden</b>'s")
 * makes the rest of that word move left, and the spaces go after the word.
 * Anything else ("x < y", "<Reuters>", "R&D", "&foo;", "[1]", "5 * 3")
 * stays as it is.
 *
 * A whole page (a file that opens with a doctype or an html, head or body
 * tag) is read the same way, Markdown aside, after its line breaks are
 * made spaces and its hidden elements (head, script, style...) blanked
 * whole; in it, any tag is one.
 */
#include <string.h>
#include "document_internal.h"
#include "util.h"

#define TAG_MAX 1024          /* bytes from '<' to '>' in text */
#define PAGE_TAG_MAX 65536    /* ... in a page (long attributes) */

enum out_kind { OUT_NONE, OUT_CHARS, OUT_SPACE, OUT_BREAK, OUT_PARA };

typedef struct repl {
	uint8_t kind;   /* enum out_kind */
	uint8_t len;    /* OUT_CHARS: bytes in b */
	char b[4];
} repl;

/* HTML elements that format or lay out text, by name: a block's tag ends
 * a paragraph (a blank line), a line's (br, li, a table row) a line, a
 * cell's or an image's is a space, an inline one is nothing. Not script,
 * style or form: what they hold is no text, and left in an article they
 * are better seen than half removed (a page's are blanked whole). */
static const struct {
	const char *name;
	uint8_t kind;
} elements[] = {
	{ "a", OUT_NONE }, { "abbr", OUT_NONE }, { "address", OUT_PARA },
	{ "article", OUT_PARA }, { "aside", OUT_PARA }, { "b", OUT_NONE },
	{ "big", OUT_NONE }, { "blockquote", OUT_PARA }, { "br", OUT_BREAK },
	{ "caption", OUT_BREAK }, { "center", OUT_PARA }, { "cite", OUT_NONE },
	{ "code", OUT_NONE }, { "dd", OUT_BREAK }, { "del", OUT_NONE },
	{ "dfn", OUT_NONE }, { "div", OUT_PARA }, { "dl", OUT_PARA },
	{ "dt", OUT_BREAK }, { "em", OUT_NONE }, { "figcaption", OUT_PARA },
	{ "figure", OUT_PARA }, { "font", OUT_NONE }, { "footer", OUT_PARA },
	{ "h1", OUT_PARA }, { "h2", OUT_PARA }, { "h3", OUT_PARA },
	{ "h4", OUT_PARA }, { "h5", OUT_PARA }, { "h6", OUT_PARA },
	{ "header", OUT_PARA }, { "hr", OUT_PARA }, { "i", OUT_NONE },
	{ "img", OUT_SPACE }, { "ins", OUT_NONE }, { "kbd", OUT_NONE },
	{ "li", OUT_BREAK }, { "main", OUT_PARA }, { "mark", OUT_NONE },
	{ "nav", OUT_PARA }, { "ol", OUT_PARA }, { "p", OUT_PARA },
	{ "picture", OUT_SPACE }, { "pre", OUT_PARA }, { "q", OUT_NONE },
	{ "s", OUT_NONE }, { "samp", OUT_NONE }, { "section", OUT_PARA },
	{ "small", OUT_NONE }, { "source", OUT_SPACE }, { "span", OUT_NONE },
	{ "strike", OUT_NONE }, { "strong", OUT_NONE }, { "sub", OUT_NONE },
	{ "sup", OUT_NONE }, { "table", OUT_PARA }, { "tbody", OUT_PARA },
	{ "td", OUT_SPACE }, { "tfoot", OUT_PARA }, { "th", OUT_SPACE },
	{ "thead", OUT_PARA }, { "time", OUT_NONE }, { "tr", OUT_BREAK },
	{ "tt", OUT_NONE }, { "u", OUT_NONE }, { "ul", OUT_PARA },
	{ "var", OUT_NONE }, { "wbr", OUT_NONE },
};

/* Named character references news pages use (the rest are rare enough to
 * be left as they are; numeric references cover every character). */
static const struct {
	const char *name;
	uint32_t cp;
} entities[] = {
	{ "AElig", 0xC6 }, { "Aacute", 0xC1 }, { "Agrave", 0xC0 }, { "Auml", 0xC4 },
	{ "Ccedil", 0xC7 }, { "Eacute", 0xC9 }, { "Egrave", 0xC8 }, { "Iacute", 0xCD },
	{ "Ntilde", 0xD1 }, { "Oacute", 0xD3 }, { "Ouml", 0xD6 }, { "Oslash", 0xD8 },
	{ "Uacute", 0xDA }, { "Uuml", 0xDC }, { "aacute", 0xE1 }, { "acirc", 0xE2 },
	{ "aelig", 0xE6 }, { "agrave", 0xE0 }, { "amp", '&' }, { "apos", '\'' },
	{ "aring", 0xE5 }, { "atilde", 0xE3 }, { "auml", 0xE4 }, { "bdquo", 0x201E },
	{ "bull", 0x2022 }, { "ccedil", 0xE7 }, { "copy", 0xA9 }, { "deg", 0xB0 },
	{ "eacute", 0xE9 }, { "ecirc", 0xEA }, { "egrave", 0xE8 }, { "euml", 0xEB },
	{ "euro", 0x20AC }, { "gt", '>' }, { "hellip", 0x2026 }, { "iacute", 0xED },
	{ "icirc", 0xEE }, { "iuml", 0xEF }, { "laquo", 0xAB }, { "ldquo", 0x201C },
	{ "lsquo", 0x2018 }, { "lt", '<' }, { "mdash", 0x2014 }, { "middot", 0xB7 },
	{ "nbsp", 0xA0 }, { "ndash", 0x2013 }, { "ntilde", 0xF1 }, { "oacute", 0xF3 },
	{ "ocirc", 0xF4 }, { "oslash", 0xF8 }, { "otilde", 0xF5 }, { "ouml", 0xF6 },
	{ "pound", 0xA3 }, { "quot", '"' }, { "raquo", 0xBB }, { "rdquo", 0x201D },
	{ "reg", 0xAE }, { "rsquo", 0x2019 }, { "sbquo", 0x201A }, { "scaron", 0x161 },
	{ "shy", 0xAD }, { "szlig", 0xDF }, { "thinsp", 0x2009 }, { "trade", 0x2122 },
	{ "uacute", 0xFA }, { "ucirc", 0xFB }, { "uuml", 0xFC }, { "yacute", 0xFD },
	{ "zcaron", 0x17E },
};

static bool is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* The length of the tag or comment at t[i] == '<' (0: none), and what it
 * becomes. In text, a tag names an element of the list and ends on its
 * line; in a page (its white space made spaces before), any tag is one,
 * declarations ("<!DOCTYPE html>") too, and quoted attributes may hold
 * '<' or '>'. */
static size_t tag_at(const char *t, size_t i, size_t n, bool page, repl *x)
{
	size_t max = page ? PAGE_TAG_MAX : TAG_MAX;
	size_t lim = n - i < max ? n - i : max;
	const char *s = t + i;
	if (lim >= 7 && !memcmp(s, "<!--", 4)) {
		for (size_t k = 4; k + 3 <= lim && s[k] != '\n'; k++)
			if (!memcmp(s + k, "-->", 3)) {
				x->kind = OUT_NONE;
				return k + 3;
			}
		return 0;
	}
	size_t p = 1;
	if (page && p < lim && (s[p] == '!' || s[p] == '?')) {
		const char *gt = memchr(s, '>', lim);
		x->kind = OUT_NONE;
		return gt ? (size_t)(gt - s) + 1 : 0;
	}
	if (p < lim && s[p] == '/')
		p++;
	size_t q = p;
	while (q < lim && (ctl_is_alnum((unsigned char)s[q]) || (page && q > p && s[q] == '-')))
		q++;
	if (q == p || q >= lim || !ctl_is_alpha((unsigned char)s[p]) ||
	    !(s[q] == '>' || s[q] == '/' || is_ws((unsigned char)s[q])))
		return 0;
	int kind = page ? OUT_SPACE : -1;
	for (size_t k = 0; k < sizeof(elements) / sizeof(elements[0]); k++)
		if (strlen(elements[k].name) == q - p && ctl_eq_nocase(s + p, q - p, elements[k].name)) {
			kind = elements[k].kind;
			break;
		}
	if (kind < 0)
		return 0;
	char quote = 0;
	for (; q < lim; q++) {
		if (quote) {
			quote = s[q] == quote ? 0 : quote;
		} else if (s[q] == '>') {
			x->kind = (uint8_t)kind;
			return q + 1;
		} else if (page && (s[q] == '"' || s[q] == '\'') && s[q - 1] == '=') {
			quote = s[q];
		} else if (!page && (s[q] == '<' || s[q] == '\n')) {
			return 0;
		}
	}
	return 0;
}

/* ---- a whole page --------------------------------------------------------- */

/* Elements whose content is no text of the page: made white space whole,
 * from their tag to their closing tag. */
static const char *const hidden[] = {
	"head", "script", "style", "noscript", "template", "svg", "iframe", "object", "select",
	"textarea",
};
#define NHIDDEN (sizeof(hidden) / sizeof(hidden[0]))

/* A page's white space is spaces (its line breaks mean nothing), and its
 * hidden elements are blanked; returns how many were. Each element's
 * closing tag is looked for at most until it is known to be missing. */
static size_t blank_page(char *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (t[i] == '\n' || t[i] == '\r' || t[i] == '\t' || t[i] == '\f' || t[i] == '\v')
			t[i] = ' ';
	bool unclosed[NHIDDEN] = { false };
	size_t count = 0;
	for (size_t i = 0; i < n;) {
		const char *lt = memchr(t + i, '<', n - i);
		if (!lt)
			break;
		size_t p = (size_t)(lt - t), q = p + 1;
		while (q < n && ctl_is_alnum((unsigned char)t[q]))
			q++;
		size_t k = 0;
		if (q < n && (t[q] == '>' || t[q] == ' ' || t[q] == '/'))
			for (; k < NHIDDEN; k++)
				if (strlen(hidden[k]) == q - p - 1 && ctl_eq_nocase(t + p + 1, q - p - 1, hidden[k]))
					break;
		if (q >= n || k >= NHIDDEN || unclosed[k]) {
			i = p + 1;
			continue;
		}
		char close[16] = "</";
		strcat(close, hidden[k]);
		size_t c = q + ctl_find_str_nocase(t + q, n - q, close, strlen(close));
		if (c >= n) {
			unclosed[k] = true; /* left to the tag rule */
			i = p + 1;
			continue;
		}
		const char *gt = memchr(t + c, '>', n - c);
		size_t end = gt ? (size_t)(gt - t) + 1 : n;
		memset(t + p, ' ', end - p);
		count++;
		i = end;
	}
	return count;
}

/* The UTF-8 bytes of code point cp in x (a character a text may hold). */
static bool put_cp(uint32_t cp, repl *x)
{
	unsigned char *b = (unsigned char *)x->b;
	if (cp == 0xA0 || cp == '\t' || cp == '\n' || cp == '\r') {
		x->kind = OUT_SPACE;
		return true;
	}
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || (cp >= 0xD800 && cp < 0xE000) ||
	    cp > 0x10FFFF)
		return false;
	x->kind = OUT_CHARS;
	if (cp < 0x80) {
		b[0] = (unsigned char)cp;
		x->len = 1;
	} else if (cp < 0x800) {
		b[0] = (unsigned char)(0xC0 | cp >> 6);
		b[1] = (unsigned char)(0x80 | (cp & 0x3F));
		x->len = 2;
	} else if (cp < 0x10000) {
		b[0] = (unsigned char)(0xE0 | cp >> 12);
		b[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		b[2] = (unsigned char)(0x80 | (cp & 0x3F));
		x->len = 3;
	} else {
		b[0] = (unsigned char)(0xF0 | cp >> 18);
		b[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
		b[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		b[3] = (unsigned char)(0x80 | (cp & 0x3F));
		x->len = 4;
	}
	return true;
}

/* The length of the character reference at t[i] == '&' (0: none), and
 * what it becomes; its UTF-8 is never longer than the reference. */
static size_t entity_at(const char *t, size_t i, size_t n, repl *x)
{
	const char *s = t + i;
	size_t lim = n - i < 12 ? n - i : 12, q = 1;
	if (q < lim && s[q] == '#') {
		bool hex = q + 1 < lim && (s[q + 1] == 'x' || s[q + 1] == 'X');
		q += hex ? 2 : 1;
		size_t d0 = q;
		uint32_t cp = 0;
		for (; q < lim; q++) {
			unsigned char c = (unsigned char)s[q];
			int v = ctl_is_digit(c) ? c - '0' : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10 :
				hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
			if (v < 0)
				break;
			cp = cp * (hex ? 16 : 10) + (uint32_t)v; /* at most 9 digits: no overflow */
		}
		if (q == d0 || q >= lim || s[q] != ';' || !put_cp(cp, x))
			return 0;
		return q + 1;
	}
	while (q < lim && ctl_is_alnum((unsigned char)s[q]))
		q++;
	if (q == 1 || q >= lim || s[q] != ';')
		return 0;
	for (size_t k = 0; k < sizeof(entities) / sizeof(entities[0]); k++)
		if (strlen(entities[k].name) == q - 1 && !memcmp(s + 1, entities[k].name, q - 1))
			return put_cp(entities[k].cp, x) ? q + 1 : 0;
	return 0;
}

/* Is the output line ending at w blank? (*blank: an offset up to which
 * the line is known blank; the scan back stops there.) */
static bool line_blank_before(const char *t, size_t w, size_t *blank)
{
	for (size_t i = w; i > *blank; i--) {
		if (t[i - 1] == '\n')
			break;
		if (!is_ws((unsigned char)t[i - 1]))
			return false;
	}
	*blank = w;
	return true;
}

/* Are t[a, b) white space? */
static bool only_ws(const char *t, size_t a, size_t b)
{
	for (; a < b; a++)
		if (!is_ws((unsigned char)t[a]))
			return false;
	return true;
}

/* Is the rest of the line from r blank? */
static bool line_blank_after(const char *t, size_t r, size_t n)
{
	for (; r < n && t[r] != '\n'; r++)
		if (!is_ws((unsigned char)t[r]))
			return false;
	return true;
}

/* Skips from i to the next byte that may start (or close) markup, n if
 * none: the text has no NUL but its terminator, so glibc's vectorised
 * strcspn can look. */
static size_t skip_plain(const char *t, size_t i, size_t n)
{
	size_t k = i + strcspn(t + i, "<&[]*_#!");
	return k < n ? k : n;
}

/* ---- Markdown ---------------------------------------------------------- */

#define LINK_TEXT_MAX 400   /* bytes between '[' and ']' */
#define LINK_URL_MAX 2048   /* bytes between '(' and ')' */
#define STRONG_MAX 500      /* bytes between "**" and "**" */
#define PENDING_MAX 8

/* The closing part of markup opened before, at an offset still ahead:
 * "](url)" of a link, the second "**". */
typedef struct pending {
	size_t at, len;
} pending;

typedef struct md_state {
	pending p[PENDING_MAX];
	int np;
} md_state;

/* A link's "[text](url)" from t[i] == '[': *close gets the offset of its
 * ']', and the length to its ')' is returned past it; 0 if none. The URL
 * holds no white space, the whole is on one line. */
static size_t link_at(const char *t, size_t i, size_t n, size_t *close)
{
	size_t q = i + 1, lim = n - i > LINK_TEXT_MAX ? i + LINK_TEXT_MAX : n;
	while (q < lim && t[q] != ']' && t[q] != '[' && t[q] != '\n')
		q++;
	if (q >= lim || t[q] != ']' || q + 1 >= n || t[q + 1] != '(')
		return 0;
	size_t z = q + 2, zlim = n - z > LINK_URL_MAX ? z + LINK_URL_MAX : n;
	while (z < zlim && t[z] != ')' && t[z] != '(' && !is_ws((unsigned char)t[z]))
		z++;
	if (z >= zlim || t[z] != ')' || z == q + 2)
		return 0;
	*close = q;
	return z + 1 - q;
}

/* Markdown at t[r] (0: none), and what it becomes: a pending closer
 * reached, an image, a link's '[', an opening "**" or "__", a heading's
 * '#'s. */
static size_t markdown_at(md_state *u, const char *t, size_t r, size_t n, repl *x,
		bool *opens)
{
	unsigned char c = (unsigned char)t[r];
	*opens = false;
	x->kind = OUT_NONE;
	for (int k = 0; k < u->np; k++)
		if (u->p[k].at <= r) {
			size_t at = u->p[k].at, len = u->p[k].len;
			u->p[k--] = u->p[--u->np];
			if (at == r)
				return len;
		}
	size_t close, len;
	if (c == '!' && r + 1 < n && t[r + 1] == '[' && (len = link_at(t, r + 1, n, &close))) {
		x->kind = OUT_SPACE;
		*opens = true;
		return close + len - r;
	}
	if (c == '[' && (len = link_at(t, r, n, &close))) {
		*opens = true;
		if (close == r + 1)
			return 1 + len; /* "[](url)": nothing to read */
		if (u->np == PENDING_MAX)
			return 0;
		u->p[u->np++] = (pending){ close, len };
		return 1;
	}
	if ((c == '*' || c == '_') && r + 2 < n && t[r + 1] == (char)c && t[r + 2] != (char)c &&
	    !is_ws((unsigned char)t[r + 2]) && u->np < PENDING_MAX &&
	    (r == 0 || is_ws((unsigned char)t[r - 1]) || strchr("([\"'", t[r - 1]))) {
		size_t lim = n - r > STRONG_MAX ? r + STRONG_MAX : n;
		for (size_t q = r + 3; q + 1 < lim && t[q] != '\n'; q++)
			if (t[q] == (char)c && t[q + 1] == (char)c && !is_ws((unsigned char)t[q - 1]) &&
			    (q + 2 >= n || !ctl_is_alnum((unsigned char)t[q + 2]))) {
				u->p[u->np++] = (pending){ q, 2 };
				*opens = true;
				return 2;
			}
		return 0;
	}
	if (c == '#' && (r == 0 || t[r - 1] == '\n')) {
		size_t q = r;
		while (q < n && q - r < 7 && t[q] == '#')
			q++;
		if (q - r <= 6 && q < n && t[q] == ' ') {
			*opens = true;
			return q - r;
		}
	}
	return 0;
}

size_t ctl_unmark(char *t, size_t n, bool page)
{
	size_t r = 0, w = 0, count = page ? blank_page(t, n) : 0, blank = 0;
	size_t lone_nl = SIZE_MAX; /* the last line break a tag made, if no paragraph's */
	md_state md = { .np = 0 };
	while (r < n) {
		if (w == r) { /* nothing owed: jump to the next markup byte */
			r = w = skip_plain(t, r, n);
			if (r >= n)
				break;
		}
		unsigned char c = (unsigned char)t[r];
		repl x = { 0 };
		bool opens = true;
		size_t m = c == '<' ? tag_at(t, r, n, page, &x) : c == '&' ? entity_at(t, r, n, &x) :
			page ? 0 : markdown_at(&md, t, r, n, &x, &opens);
		if (!m) {
			if (is_ws(c) && w < r) { /* a word ends: the spaces it owes */
				memset(t + w, ' ', r - w);
				w = r;
			}
			t[w++] = t[r++];
			continue;
		}
		count += opens;
		if (x.kind == OUT_SPACE || x.kind == OUT_BREAK || x.kind == OUT_PARA) {
			if (w < r)
				memset(t + w, ' ', r - w);
			memset(t + r, ' ', m);
			if (x.kind != OUT_SPACE && !line_blank_after(t, r + m, n)) {
				if (!line_blank_before(t, r, &blank)) {
					t[r + m - 1] = '\n'; /* a tag has 3 bytes or more */
					if (x.kind == OUT_PARA)
						t[r + m - 2] = '\n';
					else
						lone_nl = r + m - 1;
					blank = r + m;
				} else if (x.kind == OUT_PARA && lone_nl != SIZE_MAX &&
				           only_ws(t, lone_nl + 1, r)) {
					t[r + m - 1] = '\n'; /* a line break becomes a paragraph's end */
					blank = r + m;
				}
				if (x.kind == OUT_PARA)
					lone_nl = SIZE_MAX;
			}
			r = w = r + m;
			continue;
		}
		size_t k = x.kind == OUT_CHARS ? x.len : 0;
		if (w == r && (r + m >= n || is_ws((unsigned char)t[r + m]))) {
			memcpy(t + r, x.b, k); /* white space after: the spaces go there */
			memset(t + r + k, ' ', m - k);
			r = w = r + m;
		} else if (w == r && (r == 0 || is_ws((unsigned char)t[r - 1]))) {
			memset(t + r, ' ', m - k); /* white space before */
			memcpy(t + r + m - k, x.b, k);
			r = w = r + m;
		} else { /* inside a word: the rest of it moves left */
			memcpy(t + w, x.b, k);
			w += k;
			r += m;
		}
	}
	if (w < n)
		memset(t + w, ' ', n - w);
	return count;
}
