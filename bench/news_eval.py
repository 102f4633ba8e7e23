#!/usr/bin/env python3
"""news_eval: score an events JSON against tests/data/news-dev/gold.json.

    ctimeline extract tests/data/news-dev -o events.json
    bench/news_eval.py events.json tests/data/news-dev/gold.json [-v]
        [--min-found F] [--min-dated F] [--min-actors F] [--max-noise N]

For each gold event (its date, and a few words copied from its source
sentence), the event is *found* when some extracted event of that article
cites a sentence holding those words, and *dated right* when one of those
events' [earliest, latest] overlaps the gold date (a day, a month or a
year). An actor is found when an extracted actor of that article shares
a name or alias with it (case-insensitive). Noise: a page-furniture string
of the gold (8 characters or more) found in an event's title, or equal to
an actor's name. Prints the counts, and with -v every miss; exits 1 when
a --min/--max threshold is not met (ctest's bench/news_dev does that).
Standard library only.
"""
import argparse
import calendar
import json
import sys


def bounds(date):
    parts = date.split("-")
    if len(parts) == 3:
        return date, date
    if len(parts) == 2:
        y, m = int(parts[0]), int(parts[1])
        return f"{y:04d}-{m:02d}-01", f"{y:04d}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}"
    return date + "-01-01", date + "-12-31"


def names(a):
    return {x.lower() for x in [a["name"]] + a.get("aliases", [])}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("events")
    ap.add_argument("gold")
    ap.add_argument("-v", action="store_true", help="list every miss")
    ap.add_argument("--min-found", type=float, default=0.0)
    ap.add_argument("--min-dated", type=float, default=0.0)
    ap.add_argument("--min-actors", type=float, default=0.0)
    ap.add_argument("--max-noise", type=int, default=-1)
    args = ap.parse_args()
    try:
        with open(args.events, encoding="utf-8") as f:
            d = json.load(f)
        with open(args.gold, encoding="utf-8") as f:
            gold = json.load(f)
    except (OSError, ValueError) as e:
        print(f"news_eval: {e}", file=sys.stderr)
        return 2

    total = found = dated = 0
    gact = fact = 0
    noise = 0
    by_doc = {}
    for e in d["events"]:
        for doc in {s["doc"] for s in e["sources"]}:
            by_doc.setdefault(doc, []).append(e)
    for art in gold:
        doc = art["file"].rsplit(".", 1)[0]
        evs = by_doc.get(doc, [])
        for ge in art["events"]:
            total += 1
            hint = ge["sentence_hint"].lower()
            hits = [e for e in evs if any(hint in s["text"].lower() for s in e["sources"])]
            lo, hi = bounds(ge["date"])
            ok = [e for e in hits if e["earliest"] and e["latest"] and e["earliest"] <= hi and e["latest"] >= lo]
            found += bool(hits)
            dated += bool(ok)
            if args.v and not ok:
                what = "wrong date" if hits else "not found"
                print(f"{doc}: {what}: {ge['date']} {ge['what']!r}")
                for e in hits[:2]:
                    print(f"    got {e['earliest']}..{e['latest']} {e['title']!r}")
        acts = [a for a in d["actors"] if any(m["doc"] == doc for m in a["mentions"])]
        for ga in art["actors"]:
            gact += 1
            if any(names(a) & names(ga) for a in acts):
                fact += 1
            elif args.v:
                print(f"{doc}: actor not found: {ga['name']!r}")
        for n in art.get("noise", []):
            if len(n) < 8:
                continue
            low = n.lower()
            bad = any(low in (e["title"] or "").lower() for e in evs) or any(low in names(a) for a in acts)
            if bad:
                noise += 1
                if args.v:
                    print(f"{doc}: noise: {n!r}")

    def frac(a, b):
        return a / b if b else 1.0

    print(f"events: {total} in the gold, {found} found ({frac(found, total):.3f}), "
          f"{dated} dated right ({frac(dated, total):.3f})")
    print(f"actors: {gact} in the gold, {fact} found ({frac(fact, gact):.3f})")
    print(f"noise: {noise}")
    fail = []
    if frac(found, total) < args.min_found:
        fail.append("found")
    if frac(dated, total) < args.min_dated:
        fail.append("dated")
    if frac(fact, gact) < args.min_actors:
        fail.append("actors")
    if args.max_noise >= 0 and noise > args.max_noise:
        fail.append("noise")
    if fail:
        print("below the thresholds: " + ", ".join(fail), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
