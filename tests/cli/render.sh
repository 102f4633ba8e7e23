# render: the seeds in three formats, events files, styles, usage errors.
. "$(dirname "$0")/harness.bash"

svg_ok() { # FILE DESCRIPTION: well-formed SVG with a viewBox, a title and a desc
  if command -v xmllint >/dev/null; then
    if xmllint --noout "$1" 2>"$TMP/xmlerr"; then ok; else ko "$2: not well-formed XML: $(head -c 200 "$TMP/xmlerr")"; fi
  fi
  expect_in "$1" "viewBox=" "$2: viewBox"
  expect_in "$1" "<title>" "$2: title"
  expect_in "$1" "<desc>" "$2: desc"
}
magic() { # FILE BYTES DESCRIPTION
  if [ "$(head -c "${#2}" "$1")" = "$2" ]; then ok; else ko "$3: $(basename "$1") does not start with '$2'"; fi
}

expect_exit 0 "render --help" -- "$BIN" render --help
expect_in "$TMP/out" "usage: ctimeline render" "render --help"
expect_in "$TMP/out" "--style" "render --help lists --style"

# the seeds, three formats, both views: six files
expect_exit 0 "render seeds" -- "$BIN" render "$SRC/seeds" -T svg -T png -T pdf -o "$TMP/a"
for view in timeline graph; do
  for fmt in svg png pdf; do
    [ -s "$TMP/a/$view.$fmt" ] && ok || ko "render seeds: $view.$fmt missing or empty"
  done
  svg_ok "$TMP/a/$view.svg" "seeds $view.svg"
  magic "$TMP/a/$view.png" $'\x89PNG' "seeds $view.png"
  magic "$TMP/a/$view.pdf" "%PDF-" "seeds $view.pdf"
done
[ "$(ls "$TMP/a" | wc -l)" -eq 6 ] && ok || ko "render seeds: not exactly six files: $(ls "$TMP/a")"
[ "$(ls -A "$TMP/a" | grep -c tmp)" -eq 0 ] && ok || ko "temporary file left behind"

# the same input, the same bytes
expect_exit 0 "render seeds again" -- "$BIN" render "$SRC/seeds" -o "$TMP/b"
for view in timeline graph; do
  cmp -s "$TMP/a/$view.svg" "$TMP/b/$view.svg" && ok || ko "$view.svg differs between runs"
done

# default: SVG into out/ in the current directory
mkdir "$TMP/cwd"
expect_exit 0 "render into out/" -- sh -c "cd \"$TMP/cwd\" && \"$BIN\" render \"$SRC/seeds\""
[ -s "$TMP/cwd/out/timeline.svg" ] && [ -s "$TMP/cwd/out/graph.svg" ] && ok || ko "default output out/timeline.svg, out/graph.svg"
[ "$(ls "$TMP/cwd/out" | wc -l)" -eq 2 ] && ok || ko "default output: only the two SVGs"

# an events file in, the same drawing as from the articles
expect_exit 0 "extract" -- "$BIN" extract "$SRC/seeds" -o "$TMP/events.json"
expect_exit 0 "render events.json" -- "$BIN" render "$TMP/events.json" -o "$TMP/c"
cmp -s "$TMP/a/timeline.svg" "$TMP/c/timeline.svg" && ok || ko "events file and articles draw differently"
expect_exit 2 "events file with other inputs" -- "$BIN" render "$TMP/events.json" "$SRC/seeds"
expect_in "$TMP/err" "is read alone" "events file alone message"

# views, styles, engines
expect_exit 0 "--view actors" -- "$BIN" render "$TMP/events.json" --view actors -o "$TMP/d"
[ -s "$TMP/d/actors.svg" ] && [ ! -e "$TMP/d/timeline.svg" ] && ok || ko "--view actors writes actors.svg only"
for style in default print dark; do
  expect_exit 0 "--style $style" -- "$BIN" render "$TMP/events.json" --style "$style" -T png -o "$TMP/s-$style"
done
expect_exit 0 "--style FILE" -- "$BIN" render "$TMP/events.json" --style "$SRC/styles/print.json" -o "$TMP/e"
expect_exit 0 "--engine sfdp, --dpi" -- "$BIN" render "$TMP/events.json" --view graph --engine sfdp -T svg -T png --dpi 72 -o "$TMP/f1"
expect_exit 0 "--engine sfdp again" -- "$BIN" render "$TMP/events.json" --view graph --engine sfdp -o "$TMP/f2"
cmp -s "$TMP/f1/graph.svg" "$TMP/f2/graph.svg" && ok || ko "sfdp drawing differs between runs"

# a bad style: exit 1, one line naming the file and the key
printf '{"timeline": {"lanes": 3}}' >"$TMP/bad.json"
expect_exit 1 "bad style file" -- "$BIN" render "$TMP/events.json" --style "$TMP/bad.json" -o "$TMP/g"
expect_in "$TMP/err" "ctimeline: $TMP/bad.json: unknown key 'timeline.lanes'" "bad style message"
expect_lines "$TMP/err" 1 "bad style is one line"
[ ! -e "$TMP/g" ] && ok || ko "nothing written with a bad style"
printf '{"font": {"size": "big"}}' >"$TMP/bad2.json"
expect_exit 1 "style value of the wrong type" -- "$BIN" render "$TMP/events.json" --style "$TMP/bad2.json"
expect_in "$TMP/err" "bad2.json: 'font.size' must be a number" "wrong type message"
expect_exit 1 "unknown style name" -- "$BIN" render "$TMP/events.json" --style nosuch
expect_in "$TMP/err" "style 'nosuch' not found" "unknown style message"
CTIMELINE_STYLES_DIR="$TMP" expect_exit 1 "style from \$CTIMELINE_STYLES_DIR" -- "$BIN" render "$TMP/events.json" --style bad
expect_in "$TMP/err" "$TMP/bad.json: unknown key 'timeline.lanes'" "CTIMELINE_STYLES_DIR is searched"

# usage errors: exit 2
expect_exit 2 "unknown -T" -- "$BIN" render "$SRC/seeds" -T gif
expect_in "$TMP/err" "ctimeline: render: unknown format 'gif' (svg, png, pdf)" "unknown format message"
expect_lines "$TMP/err" 1 "unknown format is one line"
expect_exit 2 "unknown view" -- "$BIN" render "$SRC/seeds" --view pie
expect_exit 2 "unknown engine" -- "$BIN" render "$SRC/seeds" --engine magic
expect_exit 2 "bad dpi" -- "$BIN" render "$SRC/seeds" --dpi lots
expect_exit 2 "no input" -- "$BIN" render
expect_exit 2 "bad option" -- "$BIN" render --no-such-option "$SRC/seeds"
expect_in "$TMP/err" "ctimeline: render: unknown option or missing value: '--no-such-option'" "bad option message"

# failures: exit 1
expect_exit 1 "missing input" -- "$BIN" render "$TMP/nope.txt" -o "$TMP/h"
expect_in "$TMP/err" "ctimeline: $TMP/nope.txt: no such file or directory" "missing input message"
printf '{"format": "ctimeline-events", "version": 1, "events": [{"id": 3}]}' >"$TMP/broken.json"
expect_exit 1 "malformed events file" -- "$BIN" render "$TMP/broken.json" -o "$TMP/h"
expect_in "$TMP/err" "broken.json" "malformed events file names the file"
echo x >"$TMP/file"
expect_exit 1 "output is a file" -- "$BIN" render "$TMP/events.json" -o "$TMP/file"
expect_in "$TMP/err" "not a directory" "output not a directory message"

# article text is data: markup and Graphviz escapes come out as text
cat >"$TMP/nasty.json" <<'EOF'
{"format": "ctimeline-events", "version": 1,
 "documents": [{"id": "d1", "path": "d1.txt", "title": null, "dct": null, "dct_earliest": null,
   "dct_latest": null, "dct_precision": "none", "dct_certainty": "bounded", "dct_source": ""}],
 "actors": [{"id": "a1", "name": "<b>Bold</b> & \"Co\"", "type": "organization", "aliases": [], "mentions": []},
            {"id": "a2", "name": "Back\\slash \\N", "type": "person", "aliases": [], "mentions": []}],
 "events": [
  {"id": "e1", "date": "2017-07-12", "earliest": "2017-07-12", "latest": "2017-07-12", "precision": "day",
   "certainty": "stated", "title": "<script>alert(1)</script> & \\G", "type": "statement", "place": null,
   "actors": ["a1", "a2"], "trigger": {"doc": "d1", "start": 0, "end": 1, "text": "x"},
   "sources": [{"doc": "d1", "start": 0, "end": 5, "text": "He said \"<img src=x onerror=alert(1)>\" \\L"}]},
  {"id": "e2\"><x", "date": null, "earliest": "2021-01-01", "latest": "2021-12-31", "precision": "none",
   "certainty": "bounded", "title": "</text></svg>", "type": "attack", "place": null,
   "actors": ["a1"], "trigger": {"doc": "d1", "start": 0, "end": 1, "text": "x"},
   "sources": [{"doc": "d1", "start": 0, "end": 5, "text": "s"}]}]}
EOF
expect_exit 0 "nasty text" -- "$BIN" render "$TMP/nasty.json" --view all -o "$TMP/n"
for view in timeline graph actors; do
  svg_ok "$TMP/n/$view.svg" "nasty $view.svg"
  expect_not_in "$TMP/n/$view.svg" "<script" "no script element in $view"
  expect_not_in "$TMP/n/$view.svg" "<img" "no img element in $view"
  expect_not_in "$TMP/n/$view.svg" "href" "no links in $view"
done
expect_in "$TMP/n/timeline.svg" "&lt;script&gt;alert(1)&lt;/script&gt; &amp; \\G" "title as text"
expect_in "$TMP/n/timeline.svg" "&lt;/text&gt;&lt;/svg&gt;" "closing tags as text"
expect_in "$TMP/n/graph.svg" "&lt;b&gt;Bold&lt;/b&gt; &amp; &quot;Co&quot;" "actor name as text"
expect_in "$TMP/n/graph.svg" "Back\\slash \\N" "backslashes as text"
finish
