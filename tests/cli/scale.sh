# Resource limits (issue 8): no quadratic algorithm over mentions or events.
# 100,000 mentions of one actor and 10,000 events on one day, generated here,
# go through extract, render (the timeline), export, import and report in
# seconds (normal build: each step under 3 s); `timeout` turns a blow-up
# into a failure instead of a hang. CTL_TIME_FACTOR (5 in the sanitizer
# build, tests/CMakeLists.txt) stretches the bounds.
. "$(dirname "$0")/harness.bash"

python3 - "$TMP" <<'PY'
import random, sys
tmp = sys.argv[1]
random.seed(1)
with open(tmp + '/mentions.txt', 'w') as f:
    f.write('Merkel everywhere\n\nBERLIN, July 12, 2017\n\n')
    for i in range(20000):
        f.write('Angela Merkel said on Monday that Merkel would stay. Merkel smiled. Merkel left. Merkel returned.\n'
                if i % 5 == 0 else
                'Merkel spoke again. Merkel waited. Merkel stayed. Merkel agreed. Merkel left.\n')
syl = ['kor', 'vel', 'man', 'dra', 'sten', 'bur', 'lin', 'tas', 'mer', 'quo', 'ria', 'del', 'fen', 'gor']
def name():
    return ''.join(random.choice(syl) for _ in range(3)).capitalize()
with open(tmp + '/oneday.txt', 'w') as f:
    f.write('Many meetings\n\nPublished July 12, 2017\n\n')
    for i in range(10000):
        f.write('On July 12, 2017, minister %s %s met president %s %s in %s to sign an agreement.\n'
                % (name(), name(), name(), name(), name()))
PY

expect_fast 60 0 "100,000 mentions of one actor: extract" -- "$BIN" extract -o "$TMP/m.json" "$TMP/mentions.txt"
python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if max(len(a['mentions']) for a in d['actors']) == 100000 else 1)" "$TMP/m.json" && ok || ko "one actor with 100,000 mentions"
expect_fast 60 0 "100,000 mentions: render" -- "$BIN" render -T svg --view all -o "$TMP/m" "$TMP/m.json"
expect_fast 60 0 "100,000 mentions: actors" -- "$BIN" actors "$TMP/mentions.txt"

expect_fast 60 0 "10,000 events on one day: extract" -- "$BIN" extract -o "$TMP/d.json" "$TMP/oneday.txt"
python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if len(d['events']) == 10000 and len({e['date'] for e in d['events']}) == 1 else 1)" "$TMP/d.json" && ok || ko "10,000 events on one day"
expect_fast 60 0 "10,000 events: render the timeline" -- "$BIN" render -T svg --view timeline -o "$TMP/d" "$TMP/d.json"
expect_fast 60 0 "10,000 events: export CSV" -- "$BIN" export --to csv -o "$TMP/d" "$TMP/d.json"
expect_fast 60 0 "10,000 events: import CSV" -- "$BIN" export --to json -o "$TMP/d/back.json" "$TMP/d/events.csv"
expect_fast 60 0 "10,000 events: report" -- "$BIN" report -o "$TMP/d/report.html" "$TMP/d.json"
expect_in "$TMP/err" "graph diagram left out of the report" "report says what it left out"
finish
