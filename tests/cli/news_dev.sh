# extract on tests/data/news-dev (160 invented articles of many kinds, with
# hand-made gold: tests/data/news-dev/README.md), scored by
# bench/news_eval.py: the share of gold events found and dated right, of
# gold actors found, and no page furniture as an event or actor. The
# thresholds sit a little under the figures measured (bench/README.md),
# so that a change that loses events fails here. Three noise hits are
# allowed, the count on the eighth session's last code: set 11 (n105) keeps
# a teaser list under "MORE FROM THE COURIER", and two statements its
# articles report name the outlet ("told the Andes Daily Wire"), whose
# masthead the gold lists as furniture. Sets 12 to 14 (n111-n140) list
# more towns and districts as actors, which ctimeline reads as places
# (an event's `place`), not actors: the actor share fell from 0.851 to
# 0.826 when they came in, and its threshold from 0.84 to 0.82.
. "$(dirname "$0")/harness.bash"
expect_exit 0 "extract news-dev" -- "$BIN" extract --no-progress "$SRC/tests/data/news-dev" -o "$TMP/events.json"
expect_exit 0 "news-dev scores" -- python3 "$SRC/bench/news_eval.py" "$TMP/events.json" \
  "$SRC/tests/data/news-dev/gold.json" --min-found 0.83 --min-dated 0.77 --min-actors 0.82 --max-noise 3
cat "$TMP/out"
finish
