# Bad input (issue 8): each case exits 1 (or 0 where the input is repaired)
# within seconds, with one line naming the file (and line/column where there
# is one) and the problem. The cases tests/cli/usage.sh already has (missing
# path, empty directory, empty file, binary, invalid UTF-8, size limit,
# missing output directory, output is a directory, /dev/full) are not
# repeated here. Large inputs are generated into $TMP at test time; time
# bounds are for a normal build (CTL_TIME_FACTOR stretches them, 5 in the
# sanitizer build).
. "$(dirname "$0")/harness.bash"
EVENTS=$SRC/tests/data/export/seeds.json
CSVDIR=$SRC/tests/data/export/csv

# NUL bytes: an error like invalid UTF-8; with --lenient replaced (offsets
# kept) and reported
printf 'A title line\n\nThe minister said on Monday\0 that the talks would go on next week.\n' >"$TMP/nul.txt"
expect_exit 1 "NUL bytes" -- "$BIN" extract "$TMP/nul.txt"
expect_in "$TMP/err" "nul.txt: not valid UTF-8 text: 1 bad bytes, the first at byte 41" "NUL byte named"
expect_exit 0 "NUL bytes are repaired with --lenient" -- "$BIN" extract --lenient "$TMP/nul.txt"
expect_in "$TMP/err" "nul.txt: warning: 1 bytes of invalid UTF-8 replaced" "NUL byte reported"
expect_lines "$TMP/err" 1 "NUL byte warning is one line"

# an HTML page given as an article: read from between its tags, quietly;
# `clean` says it was a page
printf '<!DOCTYPE html>\n<html><head><script>var a = 1;</script></head><body><h1>Talks resume</h1><p>Delegations met on Tuesday in Geneva to discuss the trade plan, officials said.</p>\n<p>The talks will continue next week, the ministry said.</p></body></html>\n' >"$TMP/page.txt"
expect_exit 0 "an HTML page is read" -- "$BIN" extract "$TMP/page.txt" -o "$TMP/page.json"
expect_lines "$TMP/err" 0 "an HTML page: nothing on stderr"
expect_exit 0 "clean an HTML page" -- "$BIN" clean "$TMP/page.txt"
expect_in "$TMP/out" "an HTML page: its text read from between" "clean tells a page"
expect_in "$TMP/out" "Delegations met on Tuesday in Geneva" "the page's text"
expect_not_in "$TMP/out" "var a" "no script"

# a 200 MB file: refused by the 16 MiB default limit from its size (stat),
# without reading it (a sparse file: reading it would take the time)
truncate -s 200M "$TMP/huge.txt"
expect_fast 5 1 "200 MB article refused" -- "$BIN" extract "$TMP/huge.txt"
expect_in "$TMP/err" "huge.txt: larger than the per-document limit of 16777216 bytes" "200 MB message"
expect_lines "$TMP/err" 1 "200 MB message is one line"
# the same through standard input: refused once past the limit, not read to the end
expect_fast 10 1 "200 MB on stdin refused" -- sh -c "head -c 200000000 /dev/zero | \"$BIN\" extract -"
expect_in "$TMP/err" "larger than" "200 MB stdin message"

# 16 MB of line breaks (within the size limit): refused for its lines,
# which would take 1.4 GB of tables, before any is built; no output file
head -c 16000000 /dev/zero | tr '\0' '\n' >"$TMP/breaks.txt"
expect_fast 10 1 "16 MB of line breaks refused" -- "$BIN" extract -o "$TMP/breaks.json" "$TMP/breaks.txt"
expect_in "$TMP/err" "breaks.txt: more than 1048576 lines" "line limit message"
[ ! -e "$TMP/breaks.json" ] && ok || ko "an output file was written for a refused article"
rm -f "$TMP/breaks.txt"

# a 20 MB single line of prose (sentences, no line break), under a raised
# limit: processed in bounded time
python3 - "$SRC/seeds/002_bc849348ce8e31ef.txt" "$TMP/line.txt" <<'PY'
import sys
body = ' '.join(l.strip() for l in open(sys.argv[1], encoding='utf-8') if len(l) > 80)
with open(sys.argv[2], 'w', encoding='utf-8') as f:
    f.write('A title line\n\n' + (body + ' ') * (20 * 1024 * 1024 // (len(body) + 1)) + '\n')
PY
expect_fast 20 0 "20 MB single line" -- "$BIN" extract --max-doc-bytes 32M -o "$TMP/line.json" "$TMP/line.txt"
# 20 MB of one "sentence" with no full stop: cut into bounded pieces
python3 -c "
import sys
w = 'the talks with the delegation would go on and on, '
sys.stdout.write('A title line\n\n' + w * (20 * 1024 * 1024 // len(w)) + '\n')" >"$TMP/run.txt"
expect_fast 20 0 "20 MB without a sentence end" -- "$BIN" extract --max-doc-bytes 32M -o "$TMP/run.json" "$TMP/run.txt"
rm -f "$TMP/huge.txt" "$TMP/line.txt" "$TMP/run.txt" "$TMP/line.json" "$TMP/run.json"

# JSON nested 100,000 deep: cJSON's depth limit, not a stack overflow
python3 -c "print('[' * 100000 + ']' * 100000)" >"$TMP/deep.json"
expect_fast 5 1 "JSON nested 100,000 deep (render)" -- "$BIN" render -o "$TMP/o" "$TMP/deep.json"
expect_in "$TMP/err" "deep.json:" "deep JSON names the file"
expect_in "$TMP/err" "nested deeper than 1000" "deep JSON message"
expect_lines "$TMP/err" 1 "deep JSON message is one line"
python3 -c "print('{\"a\":' * 100000 + '1' + '}' * 100000)" >"$TMP/deep2.json"
expect_fast 5 1 "JSON objects nested 100,000 deep (export)" -- "$BIN" export --to csv -o "$TMP/o" "$TMP/deep2.json"
expect_lines "$TMP/err" 1 "deep object message is one line"

# JSON of the wrong shape
echo '[1, 2, 3]' >"$TMP/array.json"
for cmd in render "export --to csv" report; do
  out="$TMP/o"; [ "$cmd" = report ] && out="$TMP/r.html"
  expect_exit 1 "$cmd: a JSON array" -- "$BIN" $cmd -o "$out" "$TMP/array.json"
  expect_in "$TMP/err" "ctimeline: $TMP/array.json: not a ctimeline events file" "$cmd: wrong shape message"
  expect_lines "$TMP/err" 1 "$cmd: wrong shape is one line"
done
echo '{"format": "ctimeline-events", "version": 1, "documents": [], "actors": [], "events": {"e1": 1}}' >"$TMP/shape.json"
expect_exit 1 "events is an object" -- "$BIN" export --to csv -o "$TMP/o" "$TMP/shape.json"
expect_in "$TMP/err" "shape.json: events" "events shape message names the key"
expect_lines "$TMP/err" 1 "events shape is one line"
echo '{"format": "ctimeline-events", "version": 1, "documents": [], "actors": [], "events": [{"id": 7}]}' >"$TMP/type.json"
expect_exit 1 "an id that is a number" -- "$BIN" render -o "$TMP/o" "$TMP/type.json"
expect_in "$TMP/err" "type.json: events[0]" "wrong type names the element"

# CSV: unterminated quote, 100,000 columns, missing header -- FILE:LINE:COLUMN: problem
mkdir "$TMP/unterminated" "$TMP/wide" "$TMP/wide2" "$TMP/noheader"
{ head -n 2 "$CSVDIR/events.csv"; printf '"e99","2017-07-12\r\n'; } >"$TMP/unterminated/events.csv"
expect_exit 1 "CSV unterminated quote" -- "$BIN" render -o "$TMP/o" "$TMP/unterminated/events.csv"
expect_in "$TMP/err" "unterminated/events.csv:3:2: unterminated quoted field" "unterminated quote message"
expect_lines "$TMP/err" 1 "unterminated quote is one line"
python3 -c "
import sys
sys.stdout.write(open(sys.argv[1]).readline() + ','.join(['\"x\"'] * 100000) + '\r\n')" "$CSVDIR/events.csv" >"$TMP/wide/events.csv"
expect_fast 5 1 "CSV row of 100,000 columns" -- "$BIN" export --to json -o "$TMP/w.json" "$TMP/wide/events.csv"
expect_in "$TMP/err" "wide/events.csv:2:17: more fields than the header's 16 columns" "wide row message"
python3 -c "
import sys
sys.stdout.write(','.join('\"c%d\"' % i for i in range(100000)) + '\r\n')" >"$TMP/wide2/events.csv"
expect_fast 5 1 "CSV header of 100,000 columns" -- "$BIN" export --to json -o "$TMP/w.json" "$TMP/wide2/events.csv"
expect_in "$TMP/err" "wide2/events.csv:1:1025: too many columns" "wide header message"
sed 1d "$CSVDIR/events.csv" >"$TMP/noheader/events.csv"
expect_exit 1 "CSV without its header" -- "$BIN" render -o "$TMP/o" "$TMP/noheader/events.csv"
expect_in "$TMP/err" "noheader/events.csv:1:1: missing required column" "missing header message"
expect_lines "$TMP/err" 1 "missing header is one line"

# styles: an unknown key, a value of the wrong type -- naming key and file
echo '{"font": {"sizee": 9}}' >"$TMP/unknown.json"
expect_exit 1 "style with an unknown key" -- "$BIN" render --style "$TMP/unknown.json" -o "$TMP/o" "$EVENTS"
expect_in "$TMP/err" "ctimeline: $TMP/unknown.json: unknown key 'font.sizee'" "unknown key message"
expect_lines "$TMP/err" 1 "unknown key is one line"
echo '{"font": {"size": "large"}}' >"$TMP/wrongtype.json"
expect_exit 1 "style with a wrong type" -- "$BIN" render --style "$TMP/wrongtype.json" -o "$TMP/o" "$EVENTS"
expect_in "$TMP/err" "ctimeline: $TMP/wrongtype.json: 'font.size' must be a number" "wrong type message"

# an output directory that is not writable. Tests run as root here, where
# chmod 555 does not stop anyone: then a file as the parent directory and a
# directory that takes no new files (/proc) stand in.
touch "$TMP/afile"
expect_exit 1 "output under a file" -- "$BIN" extract -o "$TMP/afile/events.json" "$SRC/seeds"
expect_in "$TMP/err" "afile/events.json: cannot write: Not a directory" "file as directory message"
expect_lines "$TMP/err" 1 "file as directory is one line"
if [ -d /proc/self ]; then
  expect_exit 1 "output into /proc" -- "$BIN" extract -o /proc/events.json "$SRC/seeds"
  expect_in "$TMP/err" "/proc/events.json: cannot" "unwritable directory message"
fi
if [ "$(id -u)" -ne 0 ]; then
  mkdir "$TMP/ro" && chmod 555 "$TMP/ro"
  expect_exit 1 "read-only output directory" -- "$BIN" extract -o "$TMP/ro/events.json" "$SRC/seeds"
  expect_in "$TMP/err" "ro/events.json: cannot write: Permission denied" "read-only message"
  chmod 755 "$TMP/ro"
fi
[ "$(ls -A "$TMP" | grep -c '\.tmp')" -eq 0 ] && ok || ko "temporary file left behind"

# a full disk named as the output file: written in place (a device is
# never replaced by a rename), the error reported, exit 1
if [ -w /dev/full ]; then
  expect_exit 1 "output file on a full disk" -- "$BIN" extract -o /dev/full "$SRC/seeds"
  expect_in "$TMP/err" "/dev/full: write failed: No space left on device" "full disk named"
  [ -c /dev/full ] && ok || ko "/dev/full is no longer a device"
fi

# stdout to a closed pipe: an error and exit 1, not a silent SIGPIPE death.
# The pipe's reader is closed before ctimeline starts (not `| head -c0`,
# which races with the writer when the output fits in the pipe's buffer).
closed_pipe() {
  python3 -c '
import os, subprocess, sys
r, w = os.pipe()
os.close(r)
sys.exit(subprocess.call(sys.argv[1:], stdout=w))' "$@"
}
expect_exit 1 "closed pipe on stdout" -- closed_pipe "$BIN" extract "$SRC/seeds"
expect_in "$TMP/err" "ctimeline: <stdout>: write failed" "closed pipe message"
expect_exit 1 "closed pipe on --help" -- closed_pipe "$BIN" --help
expect_in "$TMP/err" "ctimeline: <stdout>: write failed" "closed pipe message (--help)"

# no active content, end to end: article text in SVG, HTML and CSV is text
mkdir "$TMP/evil"
cat >"$TMP/evil/evil.txt" <<'TXT'
<script>alert(1)</script> Merkel met Putin \N \G \L javascript:alert(2)

Published July 12, 2017

BERLIN, July 12 -- Angela Merkel met Vladimir Putin in Hamburg on Monday <script>alert(3)</script> and said &lt;a href=&quot;javascript:alert(4)&quot; onmouseover=&quot;alert(5)&quot;&gt;click&lt;/a&gt; \N\G\L\E\T\H was <a href="javascript:alert(6)">fine</a>.
=HYPERLINK("http://evil.example/","x") Putin said on Tuesday that the talks with Merkel went well.
+cmd|' /C calc'!A0 Merkel denied on Wednesday that she had met Putin in secret.
TXT
expect_exit 0 "hostile article: extract" -- "$BIN" extract -o "$TMP/evil.json" "$TMP/evil"
expect_in "$TMP/evil.json" "<script>" "the JSON keeps the text (JSON is data)"
# character references are read as the characters they stand for: the
# link written with them is text, the link written as a tag is markup
expect_in "$TMP/evil.json" '<a href=\"javascript:alert(4)\"' "the JSON keeps the text of the link"
expect_not_in "$TMP/evil.json" 'alert(6)' "a tag left in the text is read as markup"
expect_exit 0 "hostile article: render" -- "$BIN" render -T svg --view all -o "$TMP/evil-out" "$TMP/evil.json"
expect_exit 0 "hostile article: report" -- "$BIN" report -o "$TMP/evil-out/report.html" "$TMP/evil.json"
expect_exit 0 "hostile article: export" -- "$BIN" export --to csv -o "$TMP/evil-out" "$TMP/evil.json"
for f in "$TMP"/evil-out/*.svg "$TMP/evil-out/report.html"; do
  n=$(basename "$f")
    expect_not_in "$f" "<script>" "$n: no <script> element"
  expect_not_in "$f" '="javascript:' "$n: no javascript: URL in an attribute"
  expect_not_in "$f" 'onmouseover="' "$n: no event handler attribute"
  # (actors.svg shows actor names only)
  [ "$n" = actors.svg ] || expect_in "$f" '&lt;a href=&quot;javascript:alert(4)&quot;' "$n: the article's link shown as text"
  # the page's own links are fragments (#events); none leads anywhere else
  if grep -qE '(xlink:)?href="[^#]' "$f"; then ko "$n: a link that is not a fragment"; else ok; fi
done
expect_in "$TMP/evil-out/report.html" "&lt;script&gt;" "report: <script> shown as text"
# Graphviz escapes stay literal: \N would show the node's name ("e1"), \G the graph's
if grep -q '>e[0-9][0-9]*</text>' "$TMP/evil-out/timeline.svg"; then ko "timeline.svg: a node name leaked into a label"; else ok; fi
grep -h -o '\\[NGLETH]' "$TMP"/evil-out/*.svg | head -1 | grep -q . && ok || ko "svg: the backslash escapes are not kept as text"
# CSV formulas: neutralised with a leading apostrophe
if grep -q '"=HYPERLINK\|"+cmd\|"=' "$TMP/evil-out/events.csv"; then ko "events.csv: a cell starts a formula"; else ok; fi
expect_in "$TMP/evil-out/events.csv" "\"'=HYPERLINK" "events.csv: formula neutralised"
finish
