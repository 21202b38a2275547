"""The command line end to end, as a user runs it: ingest, re-ingest, bad input, code, events."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from realpolitik.cli import main

SEED_LIKE = """Putin visits Pyongyang
Russian President Vladimir Putin visited Pyongyang on Wednesday, his first trip to North Korea in 24 years.
Putin and North Korean leader Kim Jong Un signed a mutual defence treaty during the visit.
South Korea should send weapons to Ukraine, analysts said.
"""


def run(capsys, *argv: str) -> tuple[int, str, str]:
    rc = main(list(argv))
    captured = capsys.readouterr()
    return rc, captured.out, captured.err


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "visit.txt").write_text(SEED_LIKE, encoding="utf-8")
    (folder / "feed.jsonl").write_text(
        json.dumps(
            {
                "text": "Japan condemned North Korea's missile launch on Monday.",
                "published": "2024-05-28",
                "title": "Japan condemns launch",
            }
        )
        + "\n"
        + "{not json\n",
        encoding="utf-8",
    )
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    (folder / "latin1.txt").write_bytes("Caf\xe9 diplomacy in Paris.".encode("latin-1"))
    (folder / "blob.txt").write_bytes(b"\x00\x01\x02binary\x00" * 20)
    return folder


def test_cli_ingest_stores_good_documents_and_reports_each_bad_one(capsys, corpus, db):
    rc, _, err = run(capsys, "ingest", str(corpus), "--published", "2024-06-20", "--db", str(db), "-q")
    assert rc == 1  # some input failed
    assert "E103" in err and "empty.txt" in err  # empty
    assert "E104" in err and "latin1.txt" in err  # invalid UTF-8
    assert "E102" in err and "blob.txt" in err  # binary
    assert "E106" in err and "feed.jsonl:2" in err  # malformed JSONL line, with its line number
    assert "Traceback" not in err
    rc, out, _ = run(capsys, "events", "--db", str(db), "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert {(r["source"]["country"], r["cameo"], r["target"]["country"]) for r in rows if r["target"]} >= {
        ("RUS", "042", "PRK"),
        ("JPN", "111", "PRK"),
    }
    for r in rows:
        assert r["doc_id"] and r["sentence"] and r["reason"] and r["text_span"][1] > r["text_span"][0]
    # the recommendation is not an event
    assert not any("should send" in r["sentence"] and r["root"] == "07" for r in rows)


def test_cli_reingest_duplicates_nothing(capsys, corpus, db):
    run(capsys, "ingest", str(corpus / "visit.txt"), "--published", "2024-06-20", "--db", str(db), "-q")
    _, out1, _ = run(capsys, "stats", "--db", str(db))
    rc, _, err = run(
        capsys, "ingest", str(corpus / "visit.txt"), "--published", "2024-06-20", "--db", str(db)
    )
    _, out2, _ = run(capsys, "stats", "--db", str(db))
    assert rc == 0 and "1 already stored" in err

    def counts(out: str) -> list[str]:
        return [line for line in out.splitlines() if line.split(":")[0].strip() not in {"runs"}]

    assert counts(out1) == counts(out2)


def test_cli_undated_document_is_kept_and_said(capsys, corpus, db):
    rc, _, err = run(capsys, "ingest", str(corpus / "visit.txt"), "--db", str(db), "-q")
    assert rc == 0 and "without a publication date" in err
    _, out, _ = run(capsys, "stats", "--db", str(db))
    counts = {
        k.strip(): v.strip() for k, v in (line.split(":", 1) for line in out.splitlines() if ":" in line)
    }
    assert counts["documents"] == "1" and counts["undated"] == "1"


def test_cli_missing_path_is_a_one_line_error(capsys, tmp_path, db):
    rc, _, err = run(capsys, "ingest", str(tmp_path / "nope.txt"), "--db", str(db), "-q")
    assert rc in (1, 2) and "nope.txt" in err and "E001" in err and "Traceback" not in err


def test_cli_corrupt_database_is_reported_and_left_untouched(capsys, corpus, tmp_path):
    bad = tmp_path / "bad.duckdb"
    bad.write_bytes(b"this is not a database" * 100)
    before = bad.read_bytes()
    rc, _, err = run(capsys, "ingest", str(corpus / "visit.txt"), "--db", str(bad), "-q")
    assert rc == 1 and "E201" in err and len(err.strip().splitlines()) == 1
    assert bad.read_bytes() == before


def test_cli_unwritable_database_location_is_reported(capsys, corpus, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    rc, _, err = run(capsys, "ingest", str(corpus / "visit.txt"), "--db", str(blocker / "db.duckdb"), "-q")
    assert rc == 1 and "E202" in err


def test_cli_bad_date_is_a_usage_error(capsys, corpus, db):
    rc, _, err = run(capsys, "ingest", str(corpus), "--published", "June 2024", "--db", str(db))
    assert rc == 2 and "E003" in err


def test_cli_code_writes_one_line_per_input_line_with_the_contract_fields(capsys, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "a", "text": "Putin visited Pyongyang on Wednesday.", "date": "2024-06-20"})
        + "\n"
        + json.dumps({"id": "b", "text": "The weather was fine.", "date": "2024-06-20"})
        + "\n"
        + "oops\n",
        encoding="utf-8",
    )
    dst = tmp_path / "out.jsonl"
    rc, _, err = run(capsys, "code", "--input", str(src), "--output", str(dst))
    lines = [json.loads(x) for x in dst.read_text(encoding="utf-8").splitlines()]
    assert rc == 1 and "E106" in err and len(lines) == 3
    assert [x["id"] for x in lines[:2]] == ["a", "b"] and lines[1]["events"] == []
    ev = lines[0]["events"][0]
    for key in (
        "source",
        "target",
        "cameo",
        "root",
        "plover",
        "goldstein",
        "quad_class",
        "event_date",
        "date_precision",
        "text_span",
        "confidence",
        "reason",
    ):
        assert key in ev
    assert ev["source"] == {"code": "RUSGOV", "country": "RUS", "role": "GOV", "name": "Vladimir Putin"}
    assert ev["cameo"] == "042" and ev["event_date"] == "2024-06-19"


def test_cli_has_no_traceback_for_bad_input_in_a_real_process(tmp_path):
    bad = tmp_path / "x.duckdb"
    bad.write_bytes(b"garbage" * 50)
    proc = subprocess.run(
        [sys.executable, "-m", "realpolitik.cli", "stats", "--db", str(bad)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and proc.stderr.count("\n") == 1
