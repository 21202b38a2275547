"""Show where the coder disagrees with a gold set, sentence by sentence (for developers).

Usage: python benchmarks/error_report.py GOLD.jsonl SYSTEM.jsonl [--level actors|root|plover]
SYSTEM is the output of `realpolitik code` on GOLD (benchmarks/evaluate.py writes it to benchmarks/out/).
"""

from __future__ import annotations

import json
import sys


def side(e: dict, name: str) -> str | None:
    if f"{name}_country" in e:
        return e[f"{name}_country"]
    a = e.get(name)
    return a["country"] if a else None


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    level = "root"
    if "--level" in sys.argv:
        level = sys.argv[sys.argv.index("--level") + 1]
    with open(args[0], encoding="utf-8") as f:
        gold = [json.loads(x) for x in f]
    with open(args[1], encoding="utf-8") as f:
        system = {json.loads(x)["id"]: json.loads(x) for x in f}

    def key(e: dict, is_gold: bool) -> tuple:
        what = ""
        if level == "root":
            what = (e.get("code") or e.get("cameo") or "")[:2]
        elif level == "plover":
            what = e.get("plover") or ""
        return (side(e, "source"), what, side(e, "target"))

    bad = 0
    for g in gold:
        s = system.get(g["id"], {"events": []})
        gk = sorted({key(e, True) for e in g["events"]}, key=str)
        sk = sorted({key(e, False) for e in s["events"]}, key=str)
        if gk != sk:
            bad += 1
            print(f"## {g['id']}: {g['text']}")
            print(f"   gold   {gk}")
            print(f"   system {sk}")
            for e in s["events"]:
                target = (e["target"] or {}).get("code")
                print(f"      {e['source']['code']}-{e['cameo']}-{target}: {e['reason'][:160]}")
    print(f"{bad} of {len(gold)} sentences differ at level {level}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
