"""Why the coder codes nothing in a gold sentence that has events, counted (for developers).

Usage: python benchmarks/miss_causes.py GOLD.jsonl SYSTEM.jsonl [--list]
SYSTEM is the output of `realpolitik code` on GOLD (benchmarks/evaluate.py writes it to benchmarks/out/).

For every gold sentence with events where the system coded none, the extractor's own steps are
replayed on each verb, and the sentence gets the furthest step any verb reached:
  no pattern  no verb matches a pattern of the dictionary;
  skip        a verb matches, but the cue words rule the act out (negation, modality, "failed to" ...);
  no source   a pattern applies, but no doer is found;
  no target   a pattern and a doer are found, but the event is dropped (no target where one is needed).
Counts are of gold events.  With --list, each sentence is printed with its class.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path

from realpolitik.coder import Coder
from realpolitik.events.cues import clause_status
from realpolitik.settings import Settings

STEPS = ["no pattern", "skip", "no source", "no target"]


def furthest_step(coder: Coder, text: str, day: date) -> str:
    ex = coder.extractor
    doc = coder.nlp(text)
    ctx = coder.resolver.context(doc, day)
    for sent in doc.sents:
        coder.resolver.remember(coder.resolver.mentions(sent, ctx), ctx)
    best = 0
    for tok in doc:
        if tok.pos_ not in {"VERB", "AUX"} or tok.dep_ == "aux":
            continue
        lemma = ex.verb_lemma(tok)
        pattern, _ = ex._match(tok, ex.book.for_verb(lemma))
        if pattern is None and lemma in ex.light_verbs:
            pattern, _ = ex._light(tok)
        if pattern is None:
            continue
        status = clause_status(tok, ex.cues)
        if status.status == "skip":
            best = max(best, 1)
            continue
        best = max(best, 3 if ex._sources(tok, ctx, status) else 2)
    return STEPS[best]


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 2:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    gold = [json.loads(line) for line in Path(args[0]).read_text(encoding="utf-8").splitlines() if line]
    system = {}
    for line in Path(args[1]).read_text(encoding="utf-8").splitlines():
        if line:
            rec = json.loads(line)
            system[rec["id"]] = rec
    coder = Coder(Settings())
    counts: Counter[str] = Counter()
    for rec in gold:
        if not rec.get("events") or system.get(rec["id"], {}).get("events"):
            continue
        day = date.fromisoformat(rec.get("date") or "2000-01-01")
        step = furthest_step(coder, rec["text"], day)
        counts[step] += len(rec["events"])
        if "--list" in sys.argv:
            print(f"{step:10s} | {rec['id']} {rec['text'][:140]}")
    print(f"{Path(args[0]).name}: {sum(counts.values())} gold events in sentences coded empty")
    for step in STEPS:
        print(f"  {counts[step]:5d}  {step}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
