"""How much of a gold set's disagreement is code conventions, not errors (for developers).

Usage: python benchmarks/convention_check.py GOLD.jsonl SYSTEM.jsonl

realpolitik codes NGOs as NGO and countries by the CAMEO table (ITA, TMP, VNM); the PLOVER gold set
writes IGO for Amnesty or the Red Cross and ITL, TLS, VTN.  This prints the shared scorer's actors
figures as they are, and again with those four codes of the system output read as the gold's.
The official figure is the first; the second only says how much is convention.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "shared" / "tools"))
import score_events  # (the shared scorer, ../shared/tools)

GOLD_SPELLING = {"NGO": "IGO", "ITA": "ITL", "TMP": "TLS", "VNM": "VTN"}


def actors_f1(gold_path: str, sys_path: str, spelling: dict[str, str]) -> tuple[int, int, int, float]:
    lines = Path(gold_path).read_text("utf-8").splitlines()
    gold = {str(r["id"]): r for r in (json.loads(line) for line in lines if line.strip())}
    tp = n_sys = n_gold = 0
    for line in Path(sys_path).read_text("utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        golds = score_events.gold_events(gold[str(rec["id"])])
        syss = [
            dict(e, src=spelling.get(e["src"], e["src"]), tgt=spelling.get(e["tgt"], e["tgt"]))
            for e in score_events.system_events(rec)
        ]
        tp += score_events.match(golds, syss, lambda g, s: True)
        n_sys += len(syss)
        n_gold += len(golds)
    return tp, n_sys, n_gold, (2 * tp / (n_sys + n_gold) if n_sys + n_gold else 0.0)


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    for label, spelling in (("as scored", {}), ("gold's spelling", GOLD_SPELLING)):
        tp, n_sys, n_gold, f1 = actors_f1(sys.argv[1], sys.argv[2], spelling)
        print(f"{label:16s} actors F1 {f1:.3f}  (tp {tp}, system {n_sys}, gold {n_gold})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
