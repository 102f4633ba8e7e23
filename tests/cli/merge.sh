# Map and merge (issue 9): `extract --jsonl` writes one result per article,
# `merge` makes the timeline exactly as one `extract` over all articles:
# byte-identical for any split of the corpus, any order of the parts, any
# number of threads; and the GNU parallel recipe of the README, run here
# on the local machine.
. "$(dirname "$0")/harness.bash"

MAKE_CORPUS=$(dirname "$BIN")/bench/make_corpus
mkdir -p "$TMP/seeds" "$TMP/gen"
cp "$SRC"/seeds/*.txt "$TMP/seeds/"
cd "$TMP" || exit 1

# the reference: one run over everything, one thread
expect_exit 0 "extract seeds -j 1" -- "$BIN" extract -j 1 -o all.json seeds
# the same with more threads
for j in 2 3 8; do
  expect_exit 0 "extract seeds -j $j" -- "$BIN" extract -j "$j" -o "all$j.json" seeds
  cmp -s all.json "all$j.json" && ok || ko "-j $j differs from -j 1"
done

# every split of the five seeds into two runs (31 of them), merged
files=(seeds/*.txt)
n=${#files[@]}
splits_ok=0
for mask in $(seq 1 $(((1 << n) - 1))); do
  a=() b=()
  for i in $(seq 0 $((n - 1))); do
    if (((mask >> i) & 1)); then a+=("${files[$i]}"); else b+=("${files[$i]}"); fi
  done
  "$BIN" extract --jsonl -o a.jsonl "${a[@]}" || { ko "extract --jsonl (split $mask)"; continue; }
  if [ ${#b[@]} -gt 0 ]; then
    "$BIN" extract --jsonl -j 2 -o b.jsonl "${b[@]}" || { ko "extract --jsonl (split $mask)"; continue; }
    "$BIN" merge -o m.json b.jsonl a.jsonl
  else
    "$BIN" merge -o m.json a.jsonl
  fi
  if cmp -s all.json m.json; then splits_ok=$((splits_ok + 1)); else ko "split $mask: merge differs from extract"; fi
done
[ "$splits_ok" -eq $(((1 << n) - 1)) ] && ok || ko "only $splits_ok splits identical"

# one line per article, each a ctimeline-partial object
"$BIN" extract --jsonl -o parts.jsonl seeds
expect_lines parts.jsonl "$n" "one line per article"
python3 - parts.jsonl <<'PY' && ok || ko "partial lines have the documented shape"
import json, sys
for line in open(sys.argv[1]):
    o = json.loads(line)
    assert o["format"] == "ctimeline-partial" and o["version"] == 1
    assert set(o) == {"format", "version", "document", "mentions", "candidates"}
    assert o["document"]["id"] and o["document"]["path"].startswith("seeds/")
PY
# a pretty-printed JSON array of the same results, and standard input
python3 -c "
import json, sys
json.dump([json.loads(l) for l in open('parts.jsonl')], open('parts.json', 'w'), indent=2)"
expect_exit 0 "merge a JSON array" -- "$BIN" merge -o arr.json parts.json
cmp -s all.json arr.json && ok || ko "merge of a JSON array differs"
"$BIN" merge - <parts.jsonl >stdin.json && cmp -s all.json stdin.json && ok || ko "merge from stdin differs"
# progress on standard error only when asked (not a terminal here), the
# output the same either way
"$BIN" merge --progress -o prog.json parts.jsonl 2>prog.err && cmp -s all.json prog.json && ok ||
  ko "merge --progress differs"
expect_in prog.err "merge parts.jsonl: results read: 1" "merge --progress shows the results read"
"$BIN" merge --stats -o stats.json parts.jsonl 2>stats.err && cmp -s all.json stats.json && ok ||
  ko "merge --stats differs"
expect_in stats.err "merge stats: $n documents," "merge --stats counts the documents"
"$BIN" merge -o noprog.json parts.jsonl 2>noprog.err && [ ! -s noprog.err ] && ok ||
  ko "merge without a terminal printed on standard error"

# a generated corpus (a few hundred articles), split in three uneven parts
"$MAKE_CORPUS" 1.5 gen >/dev/null
expect_exit 0 "extract generated corpus" -- "$BIN" extract -j 1 -o gen.json gen
ls gen/*.txt >list
total=$(wc -l <list)
head -n 7 list | xargs "$BIN" extract --jsonl -j 2 -o g1.jsonl
sed -n "8,$((total / 2))p" list | xargs "$BIN" extract --jsonl -o g2.jsonl
sed -n "$((total / 2 + 1)),\$p" list | xargs "$BIN" extract --jsonl -j 3 -o g3.jsonl
expect_exit 0 "merge three parts" -- "$BIN" merge -o gm.json g3.jsonl g1.jsonl g2.jsonl
cmp -s gen.json gm.json && ok || ko "generated corpus: merge of three parts differs from one extract"
# the merge runs in 2 and 4 parts on these thousands of candidates
for j in 2 4; do
  "$BIN" extract -j $j -o gen$j.json gen && cmp -s gen.json gen$j.json && ok ||
    ko "generated corpus: -j $j differs"
done
"$BIN" merge -j 3 -o gm3.json g1.jsonl g2.jsonl g3.jsonl && cmp -s gen.json gm3.json && ok ||
  ko "generated corpus: merge -j 3 differs from one extract"

# the candidates' texts wait in a spill file in $TMPDIR until the merge: with
# no usable $TMPDIR they stay in memory, with the same result; a failed write
# to it (here: the file size limit) stops the run with a message, no output
TMPDIR=/nonexistent/ctimeline "$BIN" extract -j 1 -o gen-mem.json gen &&
  cmp -s gen.json gen-mem.json && ok || ko "extract without a spill file differs"
( trap '' XFSZ; ulimit -f 200; exec "$BIN" extract -j 1 -o gen-full.json gen ) >"$TMP/out" 2>"$TMP/err"
rc=$?
[ "$rc" = 1 ] && ok || ko "a failed spill write: exit $rc, not 1"
expect_in "$TMP/err" "temporary file" "a failed spill write names the temporary file"
[ ! -e gen-full.json ] && ok || ko "a failed spill write left an output file"

# the README's GNU parallel recipe, with the local machine as the only host
if command -v parallel >/dev/null; then
  echo ":" >hosts
  find gen -name '*.txt' | sort | parallel --will-cite --sshloginfile hosts \
    --transferfile {} --cleanup -X "$BIN" extract --jsonl --no-progress {} >gp.jsonl
  [ "$(wc -l <gp.jsonl)" -eq "$total" ] && ok || ko "GNU parallel: one line per article"
  expect_exit 0 "GNU parallel: merge" -- "$BIN" merge -o gp.json gp.jsonl
  cmp -s gen.json gp.json && ok || ko "GNU parallel recipe: result differs from one extract"
else
  ko "GNU parallel is not installed (scripts/install-deps installs it)"
fi

# the README's Hadoop Streaming recipe, its contract simulated (Hadoop is not a
# Debian package): each mapper runs the mapper command on some of the path
# lines, the framework sorts the map output, and the one reducer reads it as
# "key<TAB>value" lines (a line without a tab is all key: an empty value)
find gen -name '*.txt' | sort >paths.txt
split -n l/3 paths.txt map.
for m in map.*; do
  xargs "$BIN" extract --jsonl --no-progress -j 1 <"$m" || ko "Hadoop recipe: mapper $m"
done | LC_ALL=C sort | sed 's/$/\t/' >reduce.in
[ "$(wc -l <reduce.in)" -eq "$total" ] && ok || ko "Hadoop recipe: one map line per article"
"$BIN" merge - <reduce.in >hs.json && cmp -s gen.json hs.json && ok ||
  ko "Hadoop Streaming recipe (simulated): result differs from one extract"

# errors: a finished timeline, bad JSON, an empty input, a bad field
expect_exit 1 "merge a finished timeline" -- "$BIN" merge all.json
expect_in "$TMP/err" "all.json:1: top level: a finished timeline" "finished timeline named"
printf '%s\n' "$(head -n 1 parts.jsonl)" 'not json' >bad.jsonl
expect_exit 1 "merge bad JSON" -- "$BIN" merge bad.jsonl
expect_in "$TMP/err" "bad.jsonl:2: not valid JSON" "bad line named"
: >empty.jsonl
expect_exit 1 "merge nothing" -- "$BIN" merge empty.jsonl
expect_in "$TMP/err" "empty.jsonl: no results to merge" "empty input named"
head -n 1 parts.jsonl | sed 's/"dct_precision":"[a-z]*"/"dct_precision":"week"/' >field.jsonl
expect_exit 1 "merge a bad field" -- "$BIN" merge field.jsonl
expect_in "$TMP/err" "field.jsonl:1: document.dct_precision: unknown precision (day, month, year, none)" "bad field named"
expect_exit 1 "merge a missing file" -- "$BIN" merge nothere.jsonl
expect_in "$TMP/err" "nothere.jsonl: cannot open" "missing file named"
# the same article twice is an error; two articles of the same file name in
# different directories get distinct ids ("x", "x~2") in every run
expect_exit 1 "the same article twice" -- "$BIN" extract seeds seeds/${files[0]#seeds/}
expect_in "$TMP/err" "the same article given twice" "duplicate article named"
expect_exit 1 "merge the same part twice" -- "$BIN" merge parts.jsonl parts.jsonl
expect_in "$TMP/err" "the same article given twice" "duplicate part named"
mkdir -p dup/a dup/b
cp "${files[0]}" dup/a/x.txt
cp "${files[1]}" dup/b/x.txt
expect_exit 0 "same file name in two directories" -- "$BIN" extract -o dup.json dup/a dup/b
python3 -c "
import json, sys
ids = [d['id'] for d in json.load(open('dup.json'))['documents']]
sys.exit(0 if ids == ['x', 'x~2'] else 1)" && ok || ko "distinct document ids"
"$BIN" extract --jsonl -o dupb.jsonl dup/b && "$BIN" extract --jsonl -o dupa.jsonl dup/a &&
  "$BIN" merge -o dupm.json dupb.jsonl dupa.jsonl && cmp -s dup.json dupm.json && ok ||
  ko "same file names: merge differs from extract"
expect_exit 0 "render what has renamed ids" -- "$BIN" render -T svg -o dupr dup.json
# limits: a line of 65 MiB, a whole-file JSON array of 257 MiB (sparse)
python3 -c "
import sys
with open('long.jsonl', 'w') as f:
    f.write('{\"format\":\"' + 'x' * (65 << 20) + '\"}\n')"
expect_exit 1 "a 65 MiB line" -- "$BIN" merge long.jsonl
expect_in "$TMP/err" "long.jsonl:1: a line longer than 64 MiB" "long line named"
rm -f long.jsonl
printf '[' >big.json && truncate -s 257M big.json
expect_exit 1 "a 257 MiB JSON array" -- "$BIN" merge big.json
expect_in "$TMP/err" "big.json: a whole-file JSON input larger than 256 MiB" "big file named"
rm -f big.json
expect_exit 2 "extract -j 0" -- "$BIN" extract -j 0 seeds
expect_exit 2 "merge without input" -- "$BIN" merge
# a failed --jsonl run leaves no file behind and keeps the old one
echo keep >kept.jsonl
expect_exit 1 "extract --jsonl with a missing input" -- "$BIN" extract --jsonl -o kept.jsonl seeds nothere.txt
[ "$(cat kept.jsonl)" = keep ] && ok || ko "a failed run replaced the output"
[ "$(ls -A | grep -c '\.tmp')" -eq 0 ] && ok || ko "temporary file left behind"
finish
