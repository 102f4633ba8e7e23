# extract on the seeds, scored against the gold timeline (tests/data/
# seeds.gold.json) with its own matching rule: every must event, at least 7
# of the 8 should events, the Hamburg meeting as one event citing both
# articles, no noise, and every trigger and source at the right bytes.
. "$(dirname "$0")/harness.bash"
GOLD_CHECK=$(dirname "$BIN")/tests/gold_check

expect_exit 0 "extract seeds" -- "$BIN" extract "$SRC/seeds" -o "$TMP/events.json"
expect_exit 0 "gold check" -- "$GOLD_CHECK" "$TMP/events.json" "$SRC/tests/data/seeds.gold.json" \
  --min-must 4 --min-should 7 --merged hamburg-g20-meeting --max-noise 0 --texts "$SRC/seeds"
cat "$TMP/out"
expect_in "$TMP/out" "offsets: 0 bad" "offsets point at the right bytes"

# the same articles in another order give the same events (order-independent merge)
mkdir "$TMP/rev"
i=9
for f in "$SRC"/seeds/*.txt; do
  cp "$f" "$TMP/rev/$i-$(basename "$f")"; i=$((i - 1))
done
expect_exit 0 "extract reversed" -- "$BIN" extract "$TMP/rev" -o "$TMP/rev.json"
grep -E '"(title|earliest|latest)":' "$TMP/events.json" | sort >"$TMP/a"
grep -E '"(title|earliest|latest)":' "$TMP/rev.json" | sort >"$TMP/b"
cmp -s "$TMP/a" "$TMP/b" && ok || ko "events depend on the order of the articles"
# the seeds hard-wrapped at 72 characters (fold -s, as a mail client or a
# terminal browser writes them) are unwrapped and give about the same events
mkdir "$TMP/wrapped"
for f in "$SRC"/seeds/*.txt; do
  fold -s -w 72 "$f" >"$TMP/wrapped/$(basename "$f")"
done
expect_exit 0 "clean wrapped" -- "$BIN" clean "$TMP/wrapped" -o "$TMP/wrapped.txt"
[ "$(grep -c 'hard-wrapped at' "$TMP/wrapped.txt")" = 5 ] && ok || ko "not every wrapped seed was unwrapped"
expect_exit 0 "extract wrapped" -- "$BIN" extract "$TMP/wrapped" -o "$TMP/wrapped.json"
expect_exit 0 "gold check wrapped" -- "$GOLD_CHECK" "$TMP/wrapped.json" "$SRC/tests/data/seeds.gold.json" \
  --min-must 4 --min-should 6 --max-noise 0
# the seeds flattened to one line each (text pulled out of HTML without its
# breaks) get their breaks back at runs of spaces and sentence ends; two
# headlines that the lost layout no longer marks as such become events, and
# so does a caption's first sentence, its credit run into the next line
# ("... approved a bill Thursday ..." with its past verb and its date)
mkdir "$TMP/oneline"
for f in "$SRC"/seeds/*.txt; do
  tr '\n' ' ' <"$f" >"$TMP/oneline/$(basename "$f")"
done
expect_exit 0 "extract one-line pages" -- "$BIN" extract "$TMP/oneline" -o "$TMP/oneline.json"
expect_exit 0 "gold check one-line pages" -- "$GOLD_CHECK" "$TMP/oneline.json" "$SRC/tests/data/seeds.gold.json" \
  --min-must 4 --min-should 7 --max-noise 3
# the seeds with HTML left in their text, as some scrapers leave it: each
# line a <p> paragraph or ended by <br>, and character references for '&',
# quotes and apostrophes; or written as Markdown, every capitalised word a
# link or in bold; or as whole HTML pages: read as the same text, they give
# the same events
md() {
  python3 - "$1" <<'PY'
import re, sys
k = 0
def mark(m):
    global k
    k += 1
    w = m.group(0)
    return '**%s**' % w if k % 2 else '[%s](https://example.com/%s)' % (w, w.lower())
text = open(sys.argv[1], encoding='utf-8').read()
sys.stdout.write(re.sub(r"(?<![\w'’.-])[A-Z][a-z]+(?![\w'’-])", mark, text))
PY
}
# a whole page: head, script and style, the short lines a menu of links,
# the others paragraphs, all on one line
page() {
  python3 - "$1" <<'PY'
import html, sys
lines = [l for l in open(sys.argv[1], encoding='utf-8').read().split('\n') if l.strip()]
body = ''.join('<li><a href="/x?a=1&amp;b=2">%s</a></li>' % html.escape(l) if len(l) < 60
               else '<p class="t">%s</p>' % html.escape(l) for l in lines)
sys.stdout.write('<!DOCTYPE html><html><head><title>Site</title><script>var s = "<p>no</p>"; '
                 'if (a < b) {}</script><style>p { margin: 0 }</style></head><body><nav><ul>'
                 + body + '</ul></nav><footer>&copy; Site</footer></body></html>\n')
PY
}
for v in p br md page; do
  mkdir "$TMP/markup-$v"
  for f in "$SRC"/seeds/*.txt; do
    case $v in
      p) sed "s/&/\&amp;/g; s/\"/\&quot;/g; s/’/\&rsquo;/g; s/^\(.\+\)\$/<p>\1<\/p>/" "$f" ;;
      br) sed "s/&/\&amp;/g; s/'/\&#39;/g; s/\$/<br>/" "$f" ;;
      md) md "$f" ;;
      page) page "$f" ;;
    esac >"$TMP/markup-$v/$(basename "$f")"
  done
  expect_exit 0 "extract seeds with markup ($v)" -- "$BIN" extract "$TMP/markup-$v" -o "$TMP/markup-$v.json"
  grep -E '"(title|earliest|latest|place)":' "$TMP/markup-$v.json" | sort >"$TMP/m"
  grep -E '"(title|earliest|latest|place)":' "$TMP/events.json" | sort >"$TMP/a"
  cmp -s "$TMP/a" "$TMP/m" && ok || ko "markup ($v) changes the events: $(diff "$TMP/a" "$TMP/m" | head -5)"
done
finish
