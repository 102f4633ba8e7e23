# extract on the seeds: events JSON v1, deterministic, round trip, dates.
. "$(dirname "$0")/harness.bash"

expect_exit 0 "extract seeds" -- "$BIN" extract "$SRC/seeds" -o "$TMP/a.json"
expect_in "$TMP/a.json" '"format":	"ctimeline-events"' "format"
expect_in "$TMP/a.json" '"version":	1' "version"
for f in "$SRC"/seeds/*.txt; do
  expect_in "$TMP/a.json" "\"id\":	\"$(basename "$f" .txt)\"" "document $(basename "$f")"
done
# deterministic: byte-identical on a second run, whatever the order of arguments
expect_exit 0 "extract again" -- "$BIN" extract "$SRC/seeds" -o "$TMP/b.json"
cmp -s "$TMP/a.json" "$TMP/b.json" && ok || ko "extract is not deterministic"

# --stats: one line on stderr with what the JSON holds; the output unchanged
expect_exit 0 "extract --stats" -- "$BIN" extract --stats -j 2 "$SRC/seeds" -o "$TMP/c.json"
cmp -s "$TMP/a.json" "$TMP/c.json" && ok || ko "--stats changed the output"
nev=$(grep -c '"trigger":' "$TMP/a.json")
expect_in "$TMP/err" "extract stats: 5 documents, $nev events," "--stats counts documents and events"
expect_in "$TMP/err" "(2 threads), merge " "--stats names the phases and threads"
expect_exit 0 "extract without --stats" -- "$BIN" extract "$SRC/seeds" -o "$TMP/c.json"
expect_not_in "$TMP/err" "stats" "no stats unless asked"

# user-supplied dates win over detection
expect_exit 0 "--dct" -- "$BIN" extract --dct 004_e1287d59b61e8f81.txt=2017-07-13 "$SRC/seeds/004_e1287d59b61e8f81.txt"
expect_in "$TMP/out" '"dct":	"2017-07-13"' "--dct sets the date"
expect_in "$TMP/out" '"dct_source":	"user"' "--dct source"
printf 'path,date,title\n001_a868eae481f18e53.txt,2017-04-05,Given title\n' >"$TMP/m.csv"
expect_exit 0 "--manifest" -- "$BIN" extract --manifest "$TMP/m.csv" "$SRC/seeds/001_a868eae481f18e53.txt"
expect_in "$TMP/out" '"dct":	"2017-04-05"' "--manifest sets the date"
expect_in "$TMP/out" '"dct_source":	"manifest"' "--manifest source"
expect_in "$TMP/out" '"title":	"Given title"' "--manifest title"
printf 'path,date\nx.txt,2017-13-01\n' >"$TMP/bad.csv"
expect_exit 1 "bad manifest" -- "$BIN" extract --manifest "$TMP/bad.csv" "$SRC/seeds"
expect_in "$TMP/err" "bad.csv:2:2: '2017-13-01' is not a date" "bad manifest message"

# a user gazetteer dates a named event the article names without a date
printf 'Leaders gather\n\nFreedonian President Anna Weber and Sylvanian President Omar Haddad met at the Harbour Forum in Springfield to discuss trade.\n' >"$TMP/forum.txt"
printf '# phrase\tstart\tend\tplace\tcues\nharbour forum\t2019-05-14\t2019-05-15\tSpringfield\t\n' >"$TMP/gaz.tsv"
expect_exit 0 "--gazetteer" -- "$BIN" extract --gazetteer "$TMP/gaz.tsv" "$TMP/forum.txt"
expect_in "$TMP/out" '"earliest":	"2019-05-14"' "--gazetteer dates the event"
expect_exit 0 "without the gazetteer" -- "$BIN" extract "$TMP/forum.txt"
expect_not_in "$TMP/out" '2019-05-14' "no date without the gazetteer"
printf 'harbour forum\tnot-a-date\n' >"$TMP/badgaz.tsv"
expect_exit 1 "bad gazetteer" -- "$BIN" extract --gazetteer "$TMP/badgaz.tsv" "$TMP/forum.txt"
expect_in "$TMP/err" "badgaz.tsv:1:" "bad gazetteer names file and line"
finish
