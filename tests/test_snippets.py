"""The team's news snippets with their expected events (tests/fixtures/snippets.jsonl).

A snippet passes when the coder finds every expected event (source and target country, CAMEO
root) and nothing else; a snippet that expects no event must yield none.  Snippets the coder does
not get right yet are listed, with the reason, in snippets_known_gaps.txt: they run as strict
expected failures, so fixing one makes the suite say so.  The file grows with every fix.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"

SNIPPETS = [
    json.loads(line)
    for line in (FIXTURES / "snippets.jsonl").read_text(encoding="utf-8").splitlines()
    if line.strip()
]
GAPS = {
    line.split(":", 1)[0].strip(): line.split(":", 1)[1].strip()
    for line in (FIXTURES / "snippets_known_gaps.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
}


def expected_events(snip):
    out = set()
    for e in snip["events"]:
        roots = {c[:2] for c in [e["code"], *e.get("alt_codes", [])]}
        out.add((e["source_country"], frozenset(roots), e.get("target_country")))
    return out


def _params():
    for s in SNIPPETS:
        marks = [pytest.mark.xfail(reason=GAPS[s["id"]], strict=True)] if s["id"] in GAPS else []
        yield pytest.param(s, id=s["id"], marks=marks)


@pytest.mark.parametrize("snip", list(_params()))
def test_snippet_yields_its_expected_events(coder, snip):
    events = coder.code_text(snip["text"], date.fromisoformat(snip["date"]))
    got = {(e.source.country, e.root, e.target.country if e.target else None) for e in events}
    want = expected_events(snip)
    missing = [w for w in want if not any(g[0] == w[0] and g[1] in w[1] and g[2] == w[2] for g in got)]
    extra = [g for g in got if not any(g[0] == w[0] and g[1] in w[1] and g[2] == w[2] for w in want)]
    assert not missing and not extra, f"missing {missing}, extra {extra}: {snip['text']}"
