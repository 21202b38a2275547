"""The founding story end to end: the example corpus plus the seed article, coded and analysed,
show Russia moving toward North Korea and away from South Korea between the 1990s and 2024."""

from __future__ import annotations

from datetime import date

from realpolitik.analytics import movers
from realpolitik.cli import example_corpus
from realpolitik.pipeline import ingest
from realpolitik.store import Store


def test_alignment_story_russia_moves_toward_pyongyang_and_away_from_seoul(coder, shared, tmp_path):
    seed = shared / "seed" / "russia-north-korea-alliance.txt"
    with Store(tmp_path / "story.duckdb") as store:
        ingest([str(example_corpus())], store, coder=lambda: coder)
        ingest([str(seed)], store, coder=lambda: coder, published=date(2024, 10, 10))
        moved = movers(store, "1990-01-01:1999-12-31", "2024-01-01:2024-12-31", actor="RUS", top=None)
    change = {frozenset((r["a"], r["b"])): r["change"] for r in moved.to_dict(orient="records")}
    assert change[frozenset(("RUS", "PRK"))] > 0.5
    assert change[frozenset(("RUS", "KOR"))] < -0.5
