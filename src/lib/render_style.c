/*
 * Rendering styles: JSON files under styles/ (documented key by key in
 * styles/README.md), validated strictly: an unknown key, a value of the
 * wrong type or out of range is an error naming the file and the key.
 * A file overrides the built-in default key by key.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cjson/cJSON.h>
#include "ctimeline/io.h"
#include "render_internal.h"
#include "util.h"

#ifndef CTL_DEFAULT_STYLES_DIR
#define CTL_DEFAULT_STYLES_DIR "styles"
#endif

#define STYLE_MAX_BYTES (1024 * 1024)

static const char *const event_shapes[] = {
	"circle", "box", "square", "diamond", "triangle", "invtriangle", "pentagon",
	"hexagon", "octagon", "doublecircle", "star", NULL
};
static const char *const actor_shapes[] = {
	"ellipse", "box", "rect", "circle", "diamond", "hexagon", "octagon", "house",
	"invhouse", "parallelogram", "trapezium", "note", "tab", "folder", "component",
	"cylinder", "egg", "doublecircle", "doubleoctagon", NULL
};

static void set_type(ctl_style_type *t, const char *name, const char *color,
		const char *fill, const char *shape)
{
	snprintf(t->name, sizeof(t->name), "%s", name);
	snprintf(t->color, sizeof(t->color), "%s", color);
	snprintf(t->fill, sizeof(t->fill), "%s", fill);
	snprintf(t->shape, sizeof(t->shape), "%s", shape);
}

void ctl_style_init_default(ctl_style *s)
{
	memset(s, 0, sizeof(*s));
	snprintf(s->font, sizeof(s->font), "DejaVu Sans");
	s->font_size = 9;
	s->title_size = 14;
	s->small_size = 7.5;
	snprintf(s->background, 10, "#ffffff");
	snprintf(s->text, 10, "#1a1a1a");
	snprintf(s->muted, 10, "#666666");
	snprintf(s->axis, 10, "#333333");
	snprintf(s->leader, 10, "#b3b3b3");
	snprintf(s->label_fill, 10, "#ffffff");
	snprintf(s->edge, 10, "#8c8c8c");
	s->width = 540;
	s->margin = 18;
	s->dpi = 144;
	s->tl.max_width = 100000;
	s->tl.max_day_width = 40;
	s->tl.label_width = 150;
	s->tl.title_lines = 2;
	s->tl.show_actors = true;
	s->tl.show_sources = true;
	s->tl.show_legend = true;
	s->tl.hgap = 6;
	s->tl.vgap = 6;
	s->tl.clear = 10;
	s->tl.marker_size = 7;
	s->tl.span_height = 5;
	s->tl.span_opacity = 0.35;
	s->tl.max_lanes = 5;
	s->tl.gap_min_days = 180;
	s->tl.gap_fraction = 0.1;
	s->tl.break_width = 26;
	s->gr.label_width = 130;
	s->gr.font_size = 9;
	s->gr.penwidth = 1;
	s->gr.title_lines = 2;
	s->gr.dot_max_nodes = 150;
	s->gr.sfdp_min_nodes = 1000;
	s->gr.node_sep = 0.25;
	static const struct { const char *name, *color, *fill; } ev[] = {
		{ "statement", "#4e79a7", "#dce6f0" },
		{ "meeting", "#f28e2b", "#fde3cb" },
		{ "agreement", "#59a14f", "#dcecd9" },
		{ "proposal", "#17becf", "#d0f1f5" },
		{ "accusation", "#e15759", "#f9dbdb" },
		{ "denial", "#b07aa1", "#efe2eb" },
		{ "arrest", "#9c755f", "#ebe2dc" },
		{ "attack", "#7f0000", "#e6cccc" },
		{ "election", "#c9a227", "#f4ecd3" },
		{ "report", "#5f6b73", "#dfe1e3" },
		{ "other", "#8c8c8c", "#eeeeee" },
	};
	for (size_t i = 0; i < sizeof(ev) / sizeof(ev[0]); i++)
		set_type(&s->events[i], ev[i].name, ev[i].color, ev[i].fill, "circle");
	s->nevents = sizeof(ev) / sizeof(ev[0]);
	set_type(&s->actors[CTL_ACTOR_PERSON], "person", "#3b6e99", "#e3edf6", "ellipse");
	set_type(&s->actors[CTL_ACTOR_ORGANIZATION], "organization", "#9a5b13", "#fbebd9", "box");
	set_type(&s->actors[CTL_ACTOR_COUNTRY], "country", "#3d7a35", "#e1f0de", "hexagon");
	set_type(&s->actors[CTL_ACTOR_GROUP], "group", "#74507a", "#eee3f0", "octagon");
	set_type(&s->actors[CTL_ACTOR_OTHER], "other", "#666666", "#eeeeee", "ellipse");
}

const ctl_style_type *ctl_style_event_type(const ctl_style *s, const char *type)
{
	const ctl_style_type *other = NULL;
	for (size_t i = 0; i < s->nevents; i++) {
		if (type && !strcmp(s->events[i].name, type))
			return &s->events[i];
		if (!strcmp(s->events[i].name, "other"))
			other = &s->events[i];
	}
	return other ? other : &s->events[0];
}

/* ---- validation ------------------------------------------------------------ */

typedef enum { F_NUM, F_INT, F_BOOL, F_COLOR, F_FONT } field_kind;

typedef struct field {
	const char *section;   /* "" for the top level */
	const char *key;
	field_kind kind;
	size_t off;
	double lo, hi;
} field;

#define NUM(sec, key, member, lo, hi) { sec, key, F_NUM, offsetof(ctl_style, member), lo, hi }
#define INT(sec, key, member, lo, hi) { sec, key, F_INT, offsetof(ctl_style, member), lo, hi }
#define BOOL(sec, key, member) { sec, key, F_BOOL, offsetof(ctl_style, member), 0, 0 }
#define COLOR(sec, key, member) { sec, key, F_COLOR, offsetof(ctl_style, member), 0, 0 }

static const field fields[] = {
	{ "font", "family", F_FONT, offsetof(ctl_style, font), 0, 0 },
	NUM("font", "size", font_size, 4, 72),
	NUM("font", "title_size", title_size, 4, 144),
	NUM("font", "small_size", small_size, 4, 72),
	COLOR("colors", "background", background),
	COLOR("colors", "text", text),
	COLOR("colors", "muted", muted),
	COLOR("colors", "axis", axis),
	COLOR("colors", "leader", leader),
	COLOR("colors", "label_fill", label_fill),
	COLOR("colors", "edge", edge),
	NUM("page", "width", width, 100, 20000),
	NUM("page", "margin", margin, 0, 500),
	NUM("page", "dpi", dpi, 24, 1200),
	NUM("timeline", "max_width", tl.max_width, 100, 1000000),
	NUM("timeline", "max_day_width", tl.max_day_width, 0.01, 10000),
	NUM("timeline", "label_width", tl.label_width, 30, 2000),
	INT("timeline", "title_lines", tl.title_lines, 1, 10),
	BOOL("timeline", "show_actors", tl.show_actors),
	BOOL("timeline", "show_sources", tl.show_sources),
	BOOL("timeline", "show_legend", tl.show_legend),
	NUM("timeline", "hgap", tl.hgap, 0, 200),
	NUM("timeline", "vgap", tl.vgap, 0, 200),
	NUM("timeline", "clear", tl.clear, 0, 500),
	NUM("timeline", "marker_size", tl.marker_size, 2, 72),
	NUM("timeline", "span_height", tl.span_height, 1, 72),
	NUM("timeline", "span_opacity", tl.span_opacity, 0, 1),
	INT("timeline", "max_lanes", tl.max_lanes, 1, 100),
	INT("timeline", "gap_min_days", tl.gap_min_days, 1, 3650000),
	NUM("timeline", "gap_fraction", tl.gap_fraction, 0, 1),
	NUM("timeline", "break_width", tl.break_width, 4, 500),
	NUM("graph", "label_width", gr.label_width, 30, 2000),
	NUM("graph", "font_size", gr.font_size, 4, 72),
	NUM("graph", "penwidth", gr.penwidth, 0.1, 20),
	INT("graph", "title_lines", gr.title_lines, 1, 10),
	INT("graph", "dot_max_nodes", gr.dot_max_nodes, 0, 3000),
	INT("graph", "sfdp_min_nodes", gr.sfdp_min_nodes, 0, 1000000),
	NUM("graph", "node_sep", gr.node_sep, 0, 10),
};
#define NFIELDS (sizeof(fields) / sizeof(fields[0]))

static const char *const sections[] = { "font", "colors", "page", "timeline", "graph", NULL };

static bool is_color(const char *s)
{
	size_t n = strlen(s);
	if ((n != 7 && n != 9) || s[0] != '#')
		return false;
	for (size_t i = 1; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f') ||
		      (s[i] >= 'A' && s[i] <= 'F')))
			return false;
	return true;
}

static bool is_font(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n >= 64)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!ctl_is_alnum((unsigned char)s[i]) && s[i] != ' ' && s[i] != '-' && s[i] != '_')
			return false;
	return true;
}

static bool is_type_name(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n >= 32)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!ctl_is_lower((unsigned char)s[i]) && !ctl_is_digit((unsigned char)s[i]) &&
		    s[i] != '_' && s[i] != '-')
			return false;
	return true;
}

static bool in_list(const char *s, const char *const *list)
{
	for (size_t i = 0; list[i]; i++)
		if (!strcmp(s, list[i]))
			return true;
	return false;
}

/* Key names in messages: printable ASCII only, at most 60 bytes. */
static void key_name(char out[64], const char *k)
{
	size_t j = 0;
	for (size_t i = 0; k[i] && j < 60; i++)
		out[j++] = (k[i] >= 32 && k[i] < 127) ? k[i] : '?';
	out[j] = '\0';
}

static int set_field(ctl_style *s, const field *f, const cJSON *v, const char *name,
		ctl_error *err)
{
	char *base = (char *)s + f->off;
	char path[80];
	snprintf(path, sizeof(path), "%s.%s", f->section, f->key);
	switch (f->kind) {
	case F_NUM:
	case F_INT: {
		if (!cJSON_IsNumber(v))
			return ctl_error_set(err, CTL_EDATA, "%s: '%s' must be a number", name, path);
		double d = v->valuedouble;
		if (!(d >= f->lo && d <= f->hi))
			return ctl_error_set(err, CTL_EDATA, "%s: '%s' must be between %g and %g",
				name, path, f->lo, f->hi);
		if (f->kind == F_INT && d != (double)(long)d)
			return ctl_error_set(err, CTL_EDATA, "%s: '%s' must be a whole number", name, path);
		if (f->kind == F_INT)
			*(int *)base = (int)d;
		else
			*(double *)base = d;
		return 0;
	}
	case F_BOOL:
		if (!cJSON_IsBool(v))
			return ctl_error_set(err, CTL_EDATA, "%s: '%s' must be true or false", name, path);
		*(bool *)base = cJSON_IsTrue(v);
		return 0;
	case F_COLOR:
		if (!cJSON_IsString(v))
			return ctl_error_set(err, CTL_EDATA, "%s: '%s' must be a string", name, path);
		if (!is_color(v->valuestring))
			return ctl_error_set(err, CTL_EDATA,
				"%s: '%s' must be a colour \"#rrggbb\" or \"#rrggbbaa\"", name, path);
		snprintf(base, 10, "%s", v->valuestring);
		return 0;
	case F_FONT:
		if (!cJSON_IsString(v))
			return ctl_error_set(err, CTL_EDATA, "%s: '%s' must be a string", name, path);
		if (!is_font(v->valuestring))
			return ctl_error_set(err, CTL_EDATA,
				"%s: '%s' must be a font family name (letters, digits, spaces, '-')", name, path);
		snprintf(base, 64, "%s", v->valuestring);
		return 0;
	}
	return 0;
}

/* Reads {"color": ..., "fill": ..., "shape": ...} into t. */
static int parse_type(ctl_style_type *t, const cJSON *obj, const char *section,
		const char *const *shapes, const char *name, ctl_error *err)
{
	char kn[64];
	key_name(kn, t->name);
	if (!cJSON_IsObject(obj))
		return ctl_error_set(err, CTL_EDATA, "%s: '%s.%s' must be an object", name, section, kn);
	for (const cJSON *m = obj->child; m; m = m->next) {
		char mk[64];
		key_name(mk, m->string);
		bool color = !strcmp(m->string, "color"), fill = !strcmp(m->string, "fill");
		if (color || fill) {
			if (!cJSON_IsString(m) || !is_color(m->valuestring))
				return ctl_error_set(err, CTL_EDATA,
					"%s: '%s.%s.%s' must be a colour \"#rrggbb\" or \"#rrggbbaa\"",
					name, section, kn, mk);
			snprintf(color ? t->color : t->fill, 10, "%s", m->valuestring);
		} else if (!strcmp(m->string, "shape")) {
			if (!cJSON_IsString(m))
				return ctl_error_set(err, CTL_EDATA, "%s: '%s.%s.shape' must be a string",
					name, section, kn);
			if (!in_list(m->valuestring, shapes))
				return ctl_error_set(err, CTL_EDATA,
					"%s: '%s.%s.shape': '%.40s' is not one of the shapes listed in styles/README.md",
					name, section, kn, m->valuestring);
			snprintf(t->shape, sizeof(t->shape), "%s", m->valuestring);
		} else {
			return ctl_error_set(err, CTL_EDATA, "%s: unknown key '%s.%s.%s'", name, section, kn, mk);
		}
	}
	return 0;
}

static int parse_event_types(ctl_style *s, const cJSON *obj, const char *name, ctl_error *err)
{
	if (!cJSON_IsObject(obj))
		return ctl_error_set(err, CTL_EDATA, "%s: 'event_types' must be an object", name);
	for (const cJSON *m = obj->child; m; m = m->next) {
		char kn[64];
		key_name(kn, m->string);
		if (!is_type_name(m->string))
			return ctl_error_set(err, CTL_EDATA,
				"%s: 'event_types.%s': a type name is 1 to 31 of a-z, 0-9, '_', '-'", name, kn);
		ctl_style_type *t = NULL;
		for (size_t i = 0; i < s->nevents; i++)
			if (!strcmp(s->events[i].name, m->string))
				t = &s->events[i];
		if (!t) {
			if (s->nevents == CTL_STYLE_MAX_EVENT_TYPES)
				return ctl_error_set(err, CTL_EDATA, "%s: 'event_types': at most %d types",
					name, CTL_STYLE_MAX_EVENT_TYPES);
			t = &s->events[s->nevents++];
			set_type(t, m->string, "#8c8c8c", "#eeeeee", "circle");
		}
		int rc = parse_type(t, m, "event_types", event_shapes, name, err);
		if (rc)
			return rc;
	}
	return 0;
}

static int parse_actor_types(ctl_style *s, const cJSON *obj, const char *name, ctl_error *err)
{
	if (!cJSON_IsObject(obj))
		return ctl_error_set(err, CTL_EDATA, "%s: 'actor_types' must be an object", name);
	for (const cJSON *m = obj->child; m; m = m->next) {
		ctl_actor_type at;
		if (ctl_actor_type_parse(m->string, &at)) {
			char kn[64];
			key_name(kn, m->string);
			return ctl_error_set(err, CTL_EDATA,
				"%s: unknown key 'actor_types.%s' (person, organization, country, group, other)",
				name, kn);
		}
		int rc = parse_type(&s->actors[at], m, "actor_types", actor_shapes, name, err);
		if (rc)
			return rc;
	}
	return 0;
}

int ctl_style_parse(ctl_style **out, const char *name, const char *json, size_t len,
		ctl_error *err)
{
	*out = NULL;
	cJSON *root = cJSON_ParseWithLength(json, len);
	if (!root)
		return ctl_error_set(err, CTL_EDATA, "%s: invalid JSON", name);
	ctl_style *s = ctl_xmalloc(sizeof(*s));
	ctl_style_init_default(s);
	int rc = 0;
	if (!cJSON_IsObject(root)) {
		rc = ctl_error_set(err, CTL_EDATA, "%s: a style is a JSON object", name);
		goto out;
	}
	for (const cJSON *m = root->child; m && !rc; m = m->next) {
		char kn[64];
		key_name(kn, m->string);
		if (!strcmp(m->string, "description")) {
			if (!cJSON_IsString(m))
				rc = ctl_error_set(err, CTL_EDATA, "%s: 'description' must be a string", name);
			continue;
		}
		if (!strcmp(m->string, "event_types")) {
			rc = parse_event_types(s, m, name, err);
			continue;
		}
		if (!strcmp(m->string, "actor_types")) {
			rc = parse_actor_types(s, m, name, err);
			continue;
		}
		if (!in_list(m->string, sections)) {
			rc = ctl_error_set(err, CTL_EDATA, "%s: unknown key '%s'", name, kn);
			break;
		}
		if (!cJSON_IsObject(m)) {
			rc = ctl_error_set(err, CTL_EDATA, "%s: '%s' must be an object", name, kn);
			break;
		}
		for (const cJSON *v = m->child; v && !rc; v = v->next) {
			const field *f = NULL;
			for (size_t i = 0; i < NFIELDS; i++)
				if (!strcmp(fields[i].section, m->string) && !strcmp(fields[i].key, v->string))
					f = &fields[i];
			if (!f) {
				char vk[64];
				key_name(vk, v->string);
				rc = ctl_error_set(err, CTL_EDATA, "%s: unknown key '%s.%s'", name, kn, vk);
				break;
			}
			rc = set_field(s, f, v, name, err);
		}
	}
out:
	cJSON_Delete(root);
	if (rc) {
		free(s);
		return rc;
	}
	s->source = ctl_xstrdup(name);
	*out = s;
	return 0;
}

static bool is_style_name(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!ctl_is_alnum((unsigned char)*s) && *s != '-' && *s != '_')
			return false;
	return true;
}

static bool is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int load_file(ctl_style **out, const char *path, ctl_error *err)
{
	char *data;
	size_t len;
	int rc = ctl_read_file(&data, &len, path, STYLE_MAX_BYTES, err);
	if (rc)
		return rc;
	rc = ctl_style_parse(out, path, data, len, err);
	free(data);
	return rc;
}

int ctl_style_load(ctl_style **out, const char *name_or_path, ctl_error *err)
{
	*out = NULL;
	if (!name_or_path || !*name_or_path) {
		ctl_style *s = ctl_xmalloc(sizeof(*s));
		ctl_style_init_default(s);
		s->source = ctl_xstrdup("built-in");
		*out = s;
		return 0;
	}
	size_t n = strlen(name_or_path);
	if (strchr(name_or_path, '/') || (n > 5 && !strcmp(name_or_path + n - 5, ".json")))
		return load_file(out, name_or_path, err);
	if (!is_style_name(name_or_path))
		return ctl_error_set(err, CTL_EINVAL,
			"'%.60s' is not a style name (letters, digits, '-', '_') or a .json file", name_or_path);

	/* $CTIMELINE_STYLES_DIR, then the built-in list (colon-separated) */
	ctl_buf dirs = CTL_BUF_INIT;
	const char *env = getenv("CTIMELINE_STYLES_DIR");
	if (env && *env) {
		ctl_buf_puts(&dirs, env);
		ctl_buf_putc(&dirs, ':');
	}
	ctl_buf_puts(&dirs, CTL_DEFAULT_STYLES_DIR);
	int rc = CTL_ENOTFOUND;
	const char *p = dirs.ptr;
	while (*p) {
		const char *e = strchr(p, ':');
		size_t dl = e ? (size_t)(e - p) : strlen(p);
		if (dl) {
			char *dir = ctl_xstrndup(p, dl);
			ctl_buf file = CTL_BUF_INIT;
			ctl_buf_printf(&file, "%s/%s.json", dir, name_or_path);
			free(dir);
			if (is_file(file.ptr)) {
				rc = load_file(out, file.ptr, err);
				ctl_buf_release(&file);
				break;
			}
			ctl_buf_release(&file);
		}
		p += dl + (e ? 1 : 0);
	}
	if (rc == CTL_ENOTFOUND)
		ctl_error_set(err, CTL_ENOTFOUND,
			"style '%s' not found in %s (set CTIMELINE_STYLES_DIR or give a .json file)",
			name_or_path, dirs.ptr);
	ctl_buf_release(&dirs);
	return rc;
}

const char *ctl_style_source(const ctl_style *style)
{
	return style->source;
}

void ctl_style_free(ctl_style *style)
{
	if (!style)
		return;
	free(style->source);
	free(style);
}
