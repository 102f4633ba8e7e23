# export and report: every format on the seeds, the curation loop (edit
# events.csv, import, see the change), identical re-export, errors.
. "$(dirname "$0")/harness.bash"
# report renders through Graphviz: its font stack's leaks are not ours (tests/lsan.supp)
export LSAN_OPTIONS="suppressions=$SRC/tests/lsan.supp:fast_unwind_on_malloc=0"

expect_exit 0 "export --help" -- "$BIN" export --help
expect_in "$TMP/out" "usage: ctimeline export --to FORMAT" "export --help"
expect_exit 0 "report --help" -- "$BIN" report --help
expect_in "$TMP/out" "usage: ctimeline report" "report --help"
expect_exit 0 "--help lists export" -- "$BIN" --help
expect_in "$TMP/out" "export" "--help lists export"
expect_in "$TMP/out" "report" "--help lists report"

# usage errors: exit 2, one line
expect_exit 2 "export without --to" -- "$BIN" export "$SRC/seeds"
expect_in "$TMP/err" "say which format with --to" "missing --to message"
expect_exit 2 "export to an unknown format" -- "$BIN" export --to xlsx "$SRC/seeds"
expect_in "$TMP/err" "ctimeline: export: unknown format 'xlsx'" "unknown format message"
expect_lines "$TMP/err" 1 "unknown format is one line"
expect_exit 2 "export without input" -- "$BIN" export --to json
expect_exit 2 "report with a bad option" -- "$BIN" report --no-such-option "$SRC/seeds"
expect_in "$TMP/err" "ctimeline: report: unknown option or missing value: '--no-such-option'" "report bad option"

# the seeds, once extracted
expect_exit 0 "extract the seeds" -- "$BIN" extract -o "$TMP/events.json" "$SRC/seeds"

# every format, from the articles and from the events file: the same bytes
for fmt in json timelinejs timelinejs-csv dot graphml; do
  expect_exit 0 "export --to $fmt (articles)" -- "$BIN" export --to "$fmt" -o "$TMP/a.$fmt" "$SRC/seeds"
  expect_exit 0 "export --to $fmt (events file)" -- "$BIN" export --to "$fmt" -o "$TMP/b.$fmt" "$TMP/events.json"
  cmp -s "$TMP/a.$fmt" "$TMP/b.$fmt" && ok || ko "$fmt differs between articles and events file"
  [ -s "$TMP/a.$fmt" ] && ok || ko "$fmt is empty"
done
cmp -s "$TMP/a.json" "$TMP/events.json" && ok || ko "export --to json differs from extract"
expect_exit 0 "export to stdout" -- "$BIN" export --to graphml "$TMP/events.json"
cmp -s "$TMP/out" "$TMP/a.graphml" && ok || ko "stdout differs from -o"
if command -v dot >/dev/null; then
  expect_exit 0 "dot reads the DOT export" -- dot -Tsvg -o "$TMP/graph.svg" "$TMP/a.dot"
  [ ! -s "$TMP/err" ] && ok || ko "dot warned: $(head -c 300 "$TMP/err")"
fi
if command -v xmllint >/dev/null; then
  expect_exit 0 "GraphML is well-formed" -- xmllint --noout "$TMP/a.graphml"
fi
if command -v python3 >/dev/null; then
  expect_exit 0 "TimelineJS JSON parses" -- python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert isinstance(d["events"], list) and d["events"]
for e in d["events"]:
    assert isinstance(e["start_date"]["year"], int)
    assert isinstance(e["text"]["headline"], str) and isinstance(e["text"]["text"], str)
    assert isinstance(e["group"], str)
' "$TMP/a.timelinejs"
fi

# golden files: each export of a frozen extraction of the seeds (tests/data/export/README.md)
G="$SRC/tests/data/export"
mkdir "$TMP/gold"
cp "$G/seeds.json" "$TMP/gold/"
(cd "$TMP/gold" && "$BIN" export --to csv -o csv seeds.json && "$BIN" export --to timelinejs -o timelinejs.json seeds.json \
  && "$BIN" export --to timelinejs-csv -o timelinejs.csv seeds.json && "$BIN" export --to dot -o graph.dot seeds.json \
  && "$BIN" export --to graphml -o graph.graphml seeds.json && "$BIN" report --no-diagrams -o report.html seeds.json) \
  && ok || ko "golden exports failed"
for f in csv/events.csv csv/actors.csv csv/links.csv csv/documents.csv timelinejs.json timelinejs.csv graph.dot graph.graphml; do
  cmp -s "$G/$f" "$TMP/gold/$f" && ok || ko "$f differs from tests/data/export/$f"
done
mask() { sed 's/ctimeline [0-9][0-9.]*/ctimeline VERSION/g' "$1"; }
[ "$(mask "$G/report.html")" = "$(mask "$TMP/gold/report.html")" ] && ok || ko "report.html differs from tests/data/export/report.html"
expect_exit 0 "golden events.csv reads back" -- "$BIN" export --to json -o "$TMP/gold/back.json" "$G/csv/events.csv"
cmp -s "$TMP/gold/back.json" "$G/seeds.json" && ok || ko "golden events.csv -> JSON differs from seeds.json"

# CSV: a directory of four tables
expect_exit 0 "export --to csv" -- "$BIN" export --to csv -o "$TMP/csv" "$SRC/seeds"
for t in events actors links documents; do
  [ -s "$TMP/csv/$t.csv" ] && ok || ko "$t.csv missing"
done
expect_in "$TMP/csv/events.csv" '"id","date","earliest","latest","precision","certainty","title","type","place","actors","source_documents","source_sentence"' "events.csv header"
expect_in "$TMP/csv/actors.csv" '"id","name","type","aliases","mentions","documents"' "actors.csv header"
expect_in "$TMP/csv/links.csv" '"event_id","actor_id","role"' "links.csv header"
[ "$(head -1 "$TMP/csv/events.csv" | od -An -c | grep -c '\\r')" -eq 1 ] && ok || ko "events.csv lines do not end in CRLF"
ls "$TMP/csv" | grep -q tmp && ko "temporary file left in the CSV directory" || ok

# import: events.csv -> JSON is the extracted JSON; CSV -> CSV is identical
expect_exit 0 "import events.csv" -- "$BIN" export --to json -o "$TMP/back.json" "$TMP/csv/events.csv"
cmp -s "$TMP/back.json" "$TMP/events.json" && ok || ko "events.csv -> JSON differs from the extracted JSON"
expect_exit 0 "re-export CSV" -- "$BIN" export --to csv -o "$TMP/csv2" "$TMP/csv/events.csv"
for t in events actors links documents; do
  cmp -s "$TMP/csv/$t.csv" "$TMP/csv2/$t.csv" && ok || ko "$t.csv not identical after export -> import -> export"
done

# the curation loop: edit a title and a date with sed, import, see the change
mkdir "$TMP/edit"
cp "$TMP/csv/"*.csv "$TMP/edit/"
# field 7 (title) and field 2 (date) of the first event; a field is "..." with "" inside
F='"([^"]|"")*"'
sed -E -i "2s/^((${F},){6})${F}/\\1\"Title, edited in a spreadsheet\"/; 2s/^(${F},)${F}/\\1\"1999-12-31\"/" "$TMP/edit/events.csv"
expect_in "$TMP/edit/events.csv" '"Title, edited in a spreadsheet"' "sed edited the title"
expect_exit 0 "import the edited CSV" -- "$BIN" export --to json -o "$TMP/edited.json" "$TMP/edit/events.csv"
expect_in "$TMP/edited.json" '"title":	"Title, edited in a spreadsheet"' "edited title imported"
expect_in "$TMP/edited.json" '"date":	"1999-12-31"' "edited date imported"
expect_exit 0 "report from the edited CSV" -- "$BIN" report --no-diagrams -o "$TMP/edited.html" "$TMP/edit/events.csv"
expect_in "$TMP/edited.html" "Title, edited in a spreadsheet" "edited title in the report"
expect_exit 0 "re-export the edited CSV" -- "$BIN" export --to csv -o "$TMP/csv3" "$TMP/edit/events.csv"
expect_exit 0 "and once more" -- "$BIN" export --to csv -o "$TMP/csv4" "$TMP/csv3/events.csv"
for t in events actors links documents; do
  cmp -s "$TMP/csv3/$t.csv" "$TMP/csv4/$t.csv" && ok || ko "$t.csv not stable after an edit"
done

# import errors: FILE:LINE:COLUMN, exit 1, one line
line=$(grep -n '^"e2",' "$TMP/edit/events.csv" | cut -d: -f1)
sed -i "${line}s/^\"e2\",\"[^\"]*\"/\"e2\",\"2017-13-45\"/" "$TMP/edit/events.csv"
expect_exit 1 "bad date in events.csv" -- "$BIN" export --to json "$TMP/edit/events.csv"
expect_in "$TMP/err" "ctimeline: $TMP/edit/events.csv:$line:2: date: '2017-13-45' is not a date" "bad date message"
expect_lines "$TMP/err" 1 "bad date is one line"
printf '"title","date","actors","source_documents"\r\n"t","2017","Nobody","d"\r\n' >"$TMP/edit/events.csv"
expect_exit 1 "dangling actor" -- "$BIN" export --to json "$TMP/edit/events.csv"
expect_in "$TMP/err" "events.csv:2:3: actors: unknown actor 'Nobody' (not in actors.csv)" "dangling actor message"
expect_exit 2 "an events file with other inputs" -- "$BIN" export --to json "$TMP/csv/events.csv" "$SRC/seeds"
expect_exit 1 "missing events.csv" -- "$BIN" export --to json "$TMP/nope/events.csv"
expect_in "$TMP/err" "no such file or directory" "missing file message"
expect_exit 1 "csv output is a file" -- "$BIN" export --to csv -o "$TMP/events.json" "$TMP/events.json"
expect_in "$TMP/err" "not a directory" "csv output not a directory"

# the report: self-contained, escaped, default path out/report.html
expect_exit 0 "report" -- "$BIN" report -o "$TMP/rep/report.html" "$TMP/events.json"
expect_in "$TMP/rep/report.html" "<!DOCTYPE html>" "report is HTML"
expect_in "$TMP/rep/report.html" "<svg" "report has the diagrams"
expect_in "$TMP/rep/report.html" "@media print" "report is printable"
expect_not_in "$TMP/rep/report.html" "<script" "report has no script"
expect_not_in "$TMP/rep/report.html" 'src="http' "report loads nothing"
mkdir "$TMP/cwd"
(cd "$TMP/cwd" && "$BIN" report --no-diagrams "$TMP/events.json" >/dev/null 2>&1) && ok || ko "report with the default output"
[ -s "$TMP/cwd/out/report.html" ] && ok || ko "out/report.html not written"
# hostile text in an article is text in the report
cat >"$TMP/hostile.txt" <<'EOF'
Ministers <script>alert("x")</script> meet & agree

The ministers met in Geneva on 12 July 2017, said "&lt;b&gt;officials&lt;/b&gt;" & others.
EOF
expect_exit 0 "report on hostile text" -- "$BIN" report --no-diagrams -o "$TMP/hostile.html" "$TMP/hostile.txt"
expect_not_in "$TMP/hostile.html" "<script>" "script tag escaped"
expect_not_in "$TMP/hostile.html" "<b>officials" "markup escaped"
expect_in "$TMP/hostile.html" "&lt;b&gt;officials" "markup shown as text"
expect_in "$TMP/hostile.html" "&lt;script&gt;" "script shown as text"

# LibreOffice round trip, only when it is installed (docs/export.md says how)
if command -v soffice >/dev/null; then
  mkdir "$TMP/lo"
  # read as comma-separated UTF-8 with special numbers (dates) detected, as a
  # user opening the file would; written back comma-separated UTF-8, every
  # text cell quoted (docs/export.md). Not run where soffice is missing.
  if HOME="$TMP" soffice --headless --infilter='CSV:44,34,76,1,,0,false,true' \
      --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true' \
      --outdir "$TMP/lo" "$TMP/csv/events.csv" >/dev/null 2>&1; then
    cp "$TMP/csv/actors.csv" "$TMP/csv/links.csv" "$TMP/csv/documents.csv" "$TMP/lo/"
    expect_exit 0 "import what LibreOffice saved" -- "$BIN" export --to json -o "$TMP/lo.json" "$TMP/lo/events.csv"
    cmp -s "$TMP/lo.json" "$TMP/events.json" && ok || ko "LibreOffice round trip changed the events"
  else
    ko "soffice --convert-to failed"
  fi
else
  echo "skipped: LibreOffice round trip (soffice not installed)"
fi
finish
