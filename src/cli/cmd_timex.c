/* ctimeline timex: the time expressions of one article, as JSON. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "cli.h"

static void help(FILE *f)
{
	fprintf(f,
		"usage: ctimeline timex [options] FILE\n"
		"\n"
		"Finds the dates, times, durations and sets in FILE ('-' for standard input)\n"
		"and prints them as JSON, normalised in the TimeML TIMEX3 convention:\n"
		"  {\"timexes\": [{\"start\": 53, \"end\": 68, \"text\": \"October 3, 2019\",\n"
		"                \"type\": \"DATE\", \"value\": \"2019-10-03\", ...}, ...]}\n"
		"start and end are byte offsets into FILE. Each expression also has\n"
		"\"anchor\" (absolute, dct, anaphoric, none: how its value was fixed),\n"
		"\"earliest\"/\"latest\" (the days it covers, when known) and, when set,\n"
		"\"mod\" and \"freq\".\n"
		"\n"
		"options:\n"
		"  --dct YYYY-MM-DD     the document's date, for relative expressions\n"
		"                       (default: the date detected as 'extract' does; with\n"
		"                       none, relative values keep X placeholders)\n"
		"  --data-dir DIR       knowledge files (default: $CTIMELINE_DATA_DIR or the built-in data/)\n"
		"  -o, --output FILE    write to FILE (default '-': standard output)\n"
		"  -h, --help           show this help\n");
}

static const char *anchor_name(ctl_timex_anchor a)
{
	static const char *const names[] = { "absolute", "dct", "anaphoric", "none" };
	return (unsigned)a < 4 ? names[a] : "none";
}

static char *to_json(const ctl_document *doc, const ctl_timex_list *tx)
{
	cJSON *root = cJSON_CreateObject();
	cJSON *arr = cJSON_AddArrayToObject(root, "timexes");
	for (size_t i = 0; i < tx->len; i++) {
		const ctl_timex *x = &tx->items[i];
		cJSON *o = cJSON_CreateObject();
		char *text = strndup(doc->text + x->start, x->end - x->start);
		if (!text)
			abort();
		cJSON_AddNumberToObject(o, "start", x->start);
		cJSON_AddNumberToObject(o, "end", x->end);
		cJSON_AddStringToObject(o, "text", text);
		free(text);
		cJSON_AddStringToObject(o, "type", ctl_timex_type_name(x->type));
		cJSON_AddStringToObject(o, "value", x->value);
		cJSON_AddStringToObject(o, "anchor", anchor_name(x->anchor));
		char day[11];
		if (x->when.earliest != CTL_DAY_NONE) {
			ctl_day_format(x->when.earliest, day);
			cJSON_AddStringToObject(o, "earliest", day);
		}
		if (x->when.latest != CTL_DAY_NONE) {
			ctl_day_format(x->when.latest, day);
			cJSON_AddStringToObject(o, "latest", day);
		}
		if (x->mod[0])
			cJSON_AddStringToObject(o, "mod", x->mod);
		if (x->freq[0])
			cJSON_AddStringToObject(o, "freq", x->freq);
		cJSON_AddItemToArray(arr, o);
	}
	char *json = cJSON_Print(root);
	cJSON_Delete(root);
	if (!json)
		abort();
	size_t n = strlen(json);
	char *out = malloc(n + 2);
	if (!out)
		abort();
	memcpy(out, json, n);
	out[n] = '\n';
	out[n + 1] = '\0';
	cJSON_free(json);
	return out;
}

int cmd_timex(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "dct", required_argument, NULL, 'd' },
		{ "data-dir", required_argument, NULL, 'D' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	cli_input_opts in = { .progress = 0 };
	const char *output = "-";
	ctl_day dct = CTL_DAY_NONE;
	bool have_dct = false;
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			if (ctl_day_parse(optarg, strlen(optarg), &dct))
				return cli_usage_error("timex", "--dct takes YYYY-MM-DD, not '%s'", optarg);
			have_dct = true;
			break;
		case 'D': in.data_dir = optarg; break;
		case 'o': output = optarg; break;
		case 'h': help(stdout); return CLI_OK;
		default:
			return cli_usage_error("timex", "unknown option or missing value: '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage_error("timex", "no input: name an article file");
	if (optind + 1 < argc)
		return cli_usage_error("timex", "one file at a time, not '%s'", argv[optind + 1]);
	const char *path = argv[optind];

	ctl_resources *res = cli_load_resources(&in);
	if (!res)
		return CLI_FAIL;
	ctl_error err;
	ctl_error_clear(&err);
	ctl_document *doc = NULL;
	int rc = CLI_OK;
	if (ctl_document_read(&doc, path, NULL, &err)) {
		rc = cli_lib_error(&err);
		goto out;
	}
	if (doc->invalid_bytes)
		fprintf(stderr, "ctimeline: %s: warning: %zu bytes of invalid UTF-8 replaced (first at byte %zu)\n",
			path, doc->invalid_bytes, doc->first_invalid);
	if (!have_dct) {
		if (ctl_document_analyze(doc, res, &err)) {
			rc = cli_lib_error(&err);
			goto out;
		}
		if (doc->dct.precision == CTL_PREC_DAY)
			dct = doc->dct.earliest;
	}
	ctl_timex_list tx;
	ctl_timex_list_init(&tx);
	if (ctl_timex_tag(&tx, res, doc->text, doc->len, dct, &err)) {
		rc = cli_lib_error(&err);
	} else {
		char *json = to_json(doc, &tx);
		rc = cli_write_output(output, json, strlen(json));
		free(json);
	}
	ctl_timex_list_release(&tx);
out:
	ctl_document_free(doc);
	ctl_resources_free(res);
	return rc;
}
