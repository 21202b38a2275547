"""Event clusters on the example corpus and the seed article: counts before/after clustering, and
clusters with their members for hand-checking.

Run from the repository root:
    .venv/bin/python benchmarks/clusters_report.py [--db PATH] [--show 30] [--seed FILE]

It ingests ``src/realpolitik/data/corpus/articles`` and the seed article (published 2024-10-10) into a
fresh store (a temporary file unless ``--db`` names one), then prints: documents, near-duplicates,
coded events (mentions), clusters (events), and the ``--show`` clusters with the most mentions (ties:
by date), each with its members, their documents and the reason they were joined.  Not a test.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date
from pathlib import Path

from realpolitik.coder import Coder
from realpolitik.dedupe import cluster_counts, cluster_members, duplicates, list_clusters
from realpolitik.pipeline import ingest
from realpolitik.settings import Settings
from realpolitik.store import Store

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "src" / "realpolitik" / "data" / "corpus" / "articles"
SEED = ROOT.parent / "shared" / "seed" / "russia-north-korea-alliance.txt"


def _short(text: object, n: int = 110) -> str:
    s = " ".join(str(text or "").split())
    return s if len(s) <= n else s[: n - 1] + "…"


def report(store: Store, show: int) -> None:
    counts = cluster_counts(store)
    n_docs = store.con.execute("SELECT count(*) FROM documents").fetchone()
    dups = duplicates(store)
    multi = store.con.execute("SELECT count(*) FROM event_clusters WHERE n_mentions > 1").fetchone()
    print(f"documents: {n_docs[0] if n_docs else 0}, near-duplicates: {len(dups)}")
    print(
        f"coded events before clustering (mentions): {counts['mentions']}\n"
        f"events after clustering (clusters): {counts['clusters']}  "
        f"(clusters with more than one mention: {multi[0] if multi else 0}; "
        f"rows counted by analytics: {counts['counted']})"
    )
    for d in dups:
        print(f"  duplicate {d.doc_id} of {d.original} (similarity {d.similarity:.2f})")
    df = list_clusters(store, limit=show)
    members = cluster_members(store, list(df["cluster_id"]))
    for i, row in enumerate(df.itertuples(index=False), 1):
        when = row.event_date.date().isoformat() if hasattr(row.event_date, "date") else row.event_date
        print(
            f"\n[{i}] cluster {row.cluster_id}: {row.source_code} -> {row.target_code or '-'} {row.cameo} "
            f"{when} ({row.date_precision}); {row.n_mentions} mention(s), {row.n_documents} document(s), "
            f"{row.n_sources} source(s)"
        )
        for m in members[members["cluster_id"] == row.cluster_id].itertuples(index=False):
            star = "*" if m.best else " "
            print(
                f"   {star} {m.event_id} doc {str(m.doc_id)[:8]} {m.cameo} {m.event_date!s:.10} "
                f"conf {m.confidence}"
            )
            print(f"       reason: {m.reason}")
            print(f"       text:   {_short(m.text)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=None, help="store to fill (default: a temporary file)")
    parser.add_argument("--show", type=int, default=30, help="how many clusters to print")
    parser.add_argument("--seed", type=Path, default=SEED, help="the seed article")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "clusters.duckdb"
        settings = Settings()
        with Store(db) as store:
            t0 = time.perf_counter()
            ingest([str(CORPUS)], store, coder=lambda: Coder(settings))
            if args.seed.is_file():
                ingest([str(args.seed)], store, coder=lambda: Coder(settings), published=date(2024, 10, 10))
            else:
                print(f"(seed article not found at {args.seed}; corpus only)")
            print(f"ingested in {time.perf_counter() - t0:.1f} s into {db}")
            report(store, args.show)


if __name__ == "__main__":
    main()
