"""A self-contained HTML report on one dyad, for a reader who has never used realpolitik.

``dyad_report(store, a, b, since=None)`` returns one HTML page with inline CSS and inline SVG charts
(no scripts, no external files): what the report is, the headline numbers, cooperation and conflict
over time, the strongest events with the sentences they come from, and the evidence (document titles
and sentences) behind every event, then a short note on method.
"""

from __future__ import annotations

import csv
from datetime import date
from functools import cache
from html import escape
from importlib import resources
from typing import Any

from realpolitik.store import Store
from realpolitik.web import charts, data

QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}

CSS = """
body{font-family:Georgia,serif;max-width:900px;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.5}
h1,h2{font-family:system-ui,sans-serif}
.numbers{display:flex;gap:1.5rem;flex-wrap:wrap}
.numbers div{background:#f3f5f8;padding:.6rem 1rem;border-radius:6px}
.numbers b{display:block;font-size:1.5rem;font-family:system-ui,sans-serif}
svg{width:100%;height:auto;border:1px solid #ddd;background:#fff}
blockquote{border-left:4px solid #2b7bb9;margin:.5rem 0;padding:.2rem .8rem;background:#f7f9fb}
blockquote.conflict{border-color:#d1495b}
table{border-collapse:collapse;width:100%;font-size:.9rem}
td,th{border-bottom:1px solid #ddd;padding:.3rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
.note{color:#555;font-size:.9rem}
"""


@cache
def _countries() -> dict[str, str]:
    path = resources.files("realpolitik") / "data" / "cameo" / "country_codes.csv"
    with path.open(encoding="utf-8") as f:
        return {row["cameo_country_code"]: row["country_name"] for row in csv.DictReader(f)}


def _names(events: list[dict[str, Any]], code: str) -> str:
    """A readable name for ``code``: the CAMEO country name, else the name stored with that exact code."""
    if code in _countries():
        return _countries()[code]
    for e in events:
        for side in (e["source"], e["target"]):
            if side and side["code"] == code and side["name"]:
                return str(side["name"])
    return code


def _event_line(e: dict[str, Any]) -> str:
    src = e["source"]["code"] if e["source"] else "?"
    tgt = e["target"]["code"] if e["target"] else "nobody in particular"
    kind = QUADS.get(e["quad_class"] or 0, "other")
    when = escape(e["event_date"] or "undated")
    cameo = escape(e["cameo"] or "")
    return f"{when}: {escape(src)} → {escape(tgt)}, CAMEO {cameo} ({kind}, Goldstein {e['goldstein']})"


def dyad_report(store: Store, a: str, b: str, *, since: date | None = None, key_events: int = 8) -> str:
    """The HTML report on ``a`` and ``b`` (CAMEO country or actor codes)."""
    d = data.dyad(store, a, b, since=since)
    a, b = d["a"], d["b"]
    events = [e for p in d["points"] for e in p["events_behind"]] + d["undated"]
    titles = {doc["doc_id"]: doc for doc in data.documents(store)}
    name_a, name_b = _names(events, a), _names(events, b)
    coop = sum(p["coop"] for p in d["points"])
    conflict = sum(p["conflict"] for p in d["points"])
    period = f"since {since.isoformat()}" if since else "in all stored news"
    out = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{escape(name_a)} and {escape(name_b)}: relations report</title>",
        f"<style>{CSS}</style></head><body>",
        f"<h1>{escape(name_a)} ({escape(a)}) and {escape(name_b)} ({escape(b)})</h1>",
        "<p>This report summarises what the news articles in one realpolitik collection say the two "
        "sides did to each other: meetings, agreements, aid, threats, sanctions, clashes. "
        "Each such action is an <em>event</em>, found automatically in a sentence and classified "
        "with the CAMEO scheme used in political science. Every number below can be traced to the "
        "sentences quoted at the end.</p>",
    ]
    if not d["total"]:
        out.append(
            f"<p><strong>No events between {escape(a)} and {escape(b)} were found {period}.</strong></p>"
        )
        out.append("</body></html>")
        return "".join(out)
    out += [
        "<h2>In numbers</h2><div class='numbers'>",
        f"<div><b>{d['total']}</b>events {escape(period)}</div>",
        f"<div><b>{coop}</b>cooperative</div><div><b>{conflict}</b>conflictual</div>",
        f"<div><b>{len({e['doc_id'] for e in events if e['doc_id']})}</b>source documents</div></div>",
        "<h2>Cooperation and conflict over time</h2>",
        f"<p>Each bar is one {escape(d['freq'])}. The blue part above the line counts cooperative events "
        "(statements of support, visits, agreements, aid); the red part below counts conflictual ones "
        "(criticism, threats, sanctions, force). Grey marks neutral statements.</p>",
        str(charts.timeline(d["points"], f"{a}–{b}: events per {d['freq']}")),
        "<h2>Key events</h2><p>The events with the strongest Goldstein score (from −10, most hostile, "
        "to +10, most cooperative), with the sentence each was found in.</p>",
    ]
    strongest = sorted(events, key=lambda e: -abs(e["goldstein"] or 0.0))[:key_events]
    for e in sorted(strongest, key=lambda e: e["event_date"] or "9999"):
        cls = "conflict" if (e["quad_class"] or 0) >= 3 else "coop"
        doc = titles.get(e["doc_id"] or "", {})
        title = doc.get("title") or "untitled document"
        quote = escape(e["quote"] or e["sentence"] or "")
        when = f", {escape(str(doc['published']))}" if doc.get("published") else ""
        out.append(
            f"<p><strong>{_event_line(e)}</strong></p><blockquote class='{cls}'>“{quote}”"
            f"<br><small>— {escape(title)}{when}</small></blockquote>"
        )
    out.append(
        "<h2>Evidence</h2><p>Every event in this report, with the document and sentence it comes from and "
        "the reason it was coded this way.</p><table><thead><tr><th>Event</th><th>Document</th>"
        "<th>Sentence and reason</th></tr></thead><tbody>"
    )
    for e in events:
        doc = titles.get(e["doc_id"] or "", {})
        source = escape(doc.get("title") or e["doc_id"] or e["dataset"] or "")
        reason = escape(e["reason"] or "")
        out.append(
            f"<tr><td>{_event_line(e)}</td><td>{source}</td>"
            f"<td>{escape(e['sentence'] or '')}<br><small class='note'>{reason}</small></td></tr>"
        )
    out += [
        "</tbody></table><h2>How to read this</h2><p class='note'>Events are coded with CAMEO (Conflict and "
        "Mediation Event Observations) codes: 01–08 are cooperative, 09–20 increasingly conflictual. Dates "
        "come from the sentence when it names one, otherwise from the article's publication date. Automatic "
        "coding makes mistakes; the quoted sentences let you check each event. Coverage depends on which "
        "articles were collected, so a quiet period may mean no articles rather than no contact.</p>",
        "</body></html>",
    ]
    return "".join(out)
