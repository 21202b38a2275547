"""The founding article, ingested as a user would, yields the alliance's key events."""

from __future__ import annotations

import json

from realpolitik.cli import main


def test_seed_article_yields_the_pact_and_the_visit(capsys, shared, db):
    seed = shared / "seed" / "russia-north-korea-alliance.txt"
    assert main(["ingest", str(seed), "--published", "2024-10-10", "--db", str(db), "-q"]) == 0
    capsys.readouterr()
    assert main(["events", "--dyad", "RUS", "PRK", "--format", "jsonl", "--db", str(db)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    found = {(r["source"]["country"], r["cameo"], r["target"]["country"], r["event_date"]) for r in rows}
    assert ("RUS", "057", "PRK", "2024-06") in found
    assert ("RUS", "042", "PRK", "2024-06") in found


def test_seed_article_recommendations_and_denials_are_not_events(capsys, shared, db):
    seed = shared / "seed" / "russia-north-korea-alliance.txt"
    text = seed.read_text(encoding="utf-8")
    recommendations_start = text.index("Where that leaves South Korea")
    main(["ingest", str(seed), "--published", "2024-10-10", "--db", str(db), "-q"])
    capsys.readouterr()
    main(["events", "--format", "jsonl", "--db", str(db)])
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows
    # The closing section only recommends what Seoul and Washington should or can do.
    late = [
        r
        for r in rows
        if r["text_span"][0] > recommendations_start and r["source"]["country"] in {"KOR", "USA"}
    ]
    assert late == []
    # "... reconsider its restrictions on sending lethal weapons to Ukraine, though there is no indication
    # that it has done so yet": no South Korean aid to Ukraine.
    assert not [r for r in rows if r["source"]["country"] == "KOR" and r["root"] in {"06", "07"}]
