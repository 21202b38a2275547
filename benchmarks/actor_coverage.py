"""How many gold actors does the knowledge base find in the text at all?

For each gold event of a dev-gold file, counts the source and target countries that appear among
the knowledge-base matches of the sentence.  Separates "the actor was never recognised" from "it was
recognised but not attached to the event".   Usage: python benchmarks/actor_coverage.py [GOLD.jsonl]
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

from realpolitik.coder import Coder

GOLD = Path(__file__).resolve().parents[2] / "shared" / "data" / "dev-gold" / "plover-gsr.jsonl"


def main() -> int:
    gold_path = Path(sys.argv[1]) if len(sys.argv) > 1 else GOLD
    coder = Coder()
    total = found = 0
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        doc = coder.nlp(rec["text"])
        ctx = coder.resolver.context(doc, date.fromisoformat(rec["date"]))
        seen = {e.country for _, entries in ctx.kb_tokens.values() for e in entries}
        for event in rec["events"]:
            for side in ("source_country", "target_country"):
                if event.get(side):
                    total += 1
                    found += event[side] in seen
    print(f"{gold_path.name}: {found}/{total} gold actors recognised in the text ({found / total:.1%})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
