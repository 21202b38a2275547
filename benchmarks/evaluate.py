"""Accuracy of the coder on the peer gold sets, scored by ../shared/tools/score_events.py.

Usage: python benchmarks/evaluate.py [--out DIR]
Runs `realpolitik code` as a user would on each gold file and prints the scorer's figures.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLD = {
    "petr2": SHARED / "data" / "dev-gold" / "petr2-gsr.jsonl",
    "plover": SHARED / "data" / "dev-gold" / "plover-gsr.jsonl",
}
CLI = ROOT / ".venv" / "bin" / "realpolitik"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out")
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"needs {SHARED} (the shared gold sets)", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    for name, gold in GOLD.items():
        system = args.out / f"{name}-system.jsonl"
        subprocess.run([str(CLI), "code", "--input", str(gold), "--output", str(system)], check=True)
        print(f"== {name}: {gold.name}")
        subprocess.run(
            [sys.executable, str(SHARED / "tools" / "score_events.py"), str(gold), str(system)], check=True
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
