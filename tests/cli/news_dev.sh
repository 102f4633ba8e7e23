# extract on tests/data/news-dev (100 invented articles of many kinds, with
# hand-made gold: tests/data/news-dev/README.md), scored by
# bench/news_eval.py: the share of gold events found and dated right, of
# gold actors found, and no page furniture as an event or actor. The
# thresholds sit a little under the figures measured (bench/README.md),
# so that a change that loses events fails here.
. "$(dirname "$0")/harness.bash"
expect_exit 0 "extract news-dev" -- "$BIN" extract --no-progress "$SRC/tests/data/news-dev" -o "$TMP/events.json"
expect_exit 0 "news-dev scores" -- python3 "$SRC/bench/news_eval.py" "$TMP/events.json" \
  "$SRC/tests/data/news-dev/gold.json" --min-found 0.83 --min-dated 0.77 --min-actors 0.85 --max-noise 0
cat "$TMP/out"
finish
