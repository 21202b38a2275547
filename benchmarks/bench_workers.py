"""Documents per second of `ingest` coding with 1 and 2 Dask workers (realpolitik.scale).

    .venv/bin/python benchmarks/bench_workers.py [--docs 200] [--workers 1 2]

The example corpus is repeated with a small variation per copy (a numbered line) so every copy has its
own content id; near-duplicate detection is switched off by measuring the coding step alone
(``code_distributed``), which is what scales with workers.  Worker start-up (process spawn and
loading spaCy once per worker) is timed separately: it is paid once per run, not per document.
"""

from __future__ import annotations

import argparse
import time

from realpolitik.cli import example_corpus
from realpolitik.ingest import iter_documents
from realpolitik.records import Document
from realpolitik.scale import Scale, _client, code_batch
from realpolitik.settings import Settings


def corpus(n: int) -> list[Document]:
    base = [d for d in iter_documents([str(example_corpus())]) if isinstance(d, Document)]
    base = [d for d in base if d.language == "en"]
    out = []
    for i in range(n):
        d = base[i % len(base)]
        text = f"{d.text}\n\nCopy {i} of the wire report."
        out.append(Document.from_text(text, title=d.title, published=d.published, language="en"))
    return out


def run(docs: list[Document], workers: int) -> tuple[float, float]:
    settings = Settings()
    scale = Scale(settings, workers=workers)
    t0 = time.perf_counter()
    with _client(scale) as client:
        client.wait_for_workers(workers)
        client.run(code_batch, settings, docs[:1])  # load the pipeline once in every worker
        t1 = time.perf_counter()
        batches = [docs[i : i + scale.batch] for i in range(0, len(docs), scale.batch)]
        futures = [client.submit(code_batch, settings, b, pure=False) for b in batches]
        n = sum(len(f.result()) for f in futures)
        t2 = time.perf_counter()
    assert n == len(docs)
    return t1 - t0, len(docs) / (t2 - t1)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = ap.parse_args()
    docs = corpus(args.docs)
    chars = sum(len(d.text) for d in docs) / len(docs)
    print(f"{len(docs)} documents, {chars:.0f} characters each on average")
    for w in args.workers:
        startup, rate = run(docs, w)
        print(f"workers={w}: {rate:6.1f} documents/s (start-up {startup:.1f} s)")


if __name__ == "__main__":
    main()
