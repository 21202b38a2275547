"""Where the actor-level misses of a gold set come from, counted (for developers).

Usage: python benchmarks/error_classes.py GOLD.jsonl SYSTEM.jsonl
SYSTEM is the output of `realpolitik code` on GOLD (benchmarks/evaluate.py writes it to benchmarks/out/).

Each gold event (source country, target country) is put in one class: matched; nothing coded in its
sentence; right source but wrong target; right target but wrong source; source and target swapped;
other.  System events matching no gold event are counted as extra (in a sentence with gold events) or
as events in a sentence the gold leaves empty.  Matching uses the shared scorer's own reading of both
files (../shared/tools/score_events.py).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "shared" / "tools"))
import score_events


def classes(gold: list[dict], system: dict[str, dict]) -> Counter[str]:
    out: Counter[str] = Counter()
    for rec in gold:
        want = [(e["src"], e["tgt"]) for e in score_events.gold_events(rec)]
        got = [(e["src"], e["tgt"]) for e in score_events.system_events(system.get(rec["id"], {}))]
        for pair in want:
            if pair in got:
                out["matched"] += 1
            elif not got:
                out["nothing coded in the sentence"] += 1
            elif any(g[0] == pair[0] for g in got):
                out["right source, wrong target"] += 1
            elif any(g[1] == pair[1] for g in got):
                out["right target, wrong source"] += 1
            elif (pair[1], pair[0]) in got:
                out["source and target swapped"] += 1
            else:
                out["other"] += 1
        for pair in got:
            if pair not in want:
                out["extra (sentence has gold events)" if want else "extra (gold sentence empty)"] += 1
    return out


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    gold = [json.loads(line) for line in Path(sys.argv[1]).read_text(encoding="utf-8").splitlines()]
    system = {}
    for line in Path(sys.argv[2]).read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        system[rec["id"]] = rec
    counts = classes(gold, system)
    total = sum(v for k, v in counts.items() if not k.startswith("extra"))
    print(f"{Path(sys.argv[1]).name}: {total} gold events")
    for name, n in counts.most_common():
        print(f"  {n:5d}  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
