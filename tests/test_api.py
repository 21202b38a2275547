"""The public Python API is exactly what __all__ lists, and importing it is cheap."""

from __future__ import annotations

import subprocess
import sys

import realpolitik


def test_api_lists_exactly_its_public_names():
    for name in realpolitik.__all__:
        assert getattr(realpolitik, name) is not None


def test_api_import_does_not_load_spacy():
    code = "import sys, realpolitik; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_api_ingest_and_query_return_data_frames(tmp_path):
    doc = tmp_path / "a.md"
    doc.write_text(
        "---\npublished: 2024-06-20\n---\nRussian President Vladimir Putin visited Pyongyang on Wednesday.\n",
        encoding="utf-8",
    )
    with realpolitik.Store(tmp_path / "x.duckdb") as store:
        stats = realpolitik.ingest_paths([str(doc)], store)
        frame = store.events(dyad=("RUS", "PRK"))
    assert stats.n_new == 1 and len(frame) >= 1
    assert frame.iloc[0]["cameo"] == "042" and str(frame.iloc[0]["event_date"])[:10] == "2024-06-19"
