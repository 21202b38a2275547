"""What each page shows, as plain JSON-able data read from a ``Store``.

The pages render these dictionaries and the ``/api/...`` routes return them unchanged, so the JSON
twin of a page always holds exactly what the page shows.
"""

from __future__ import annotations

import itertools
import math
from datetime import date
from typing import Any

import pandas as pd

from realpolitik.analytics import dyad_series, edge_table
from realpolitik.analytics.blocs import blocs_of_edges
from realpolitik.export import event_json
from realpolitik.store import Store

FREQS = {"year": "YS", "month": "MS"}
MAX_EVENTS = 200


def clean(value: Any) -> Any:
    """A JSON-safe copy of a value from a data frame (NaN and NaT become None, dates ISO)."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "item"):
        return clean(value.item())
    return value


def _events(frame: pd.DataFrame, limit: int = MAX_EVENTS) -> list[dict[str, Any]]:
    return [event_json(row) for row in frame.head(limit).to_dict(orient="records")]


def _period(frame: pd.DataFrame, freq: str) -> pd.Series:
    days = pd.to_datetime(frame["event_date"])
    return days.dt.to_period("Y" if freq == "year" else "M").dt.start_time.dt.date


def _label(day: date, freq: str) -> str:
    return str(day.year) if freq == "year" else day.strftime("%Y-%m")


def auto_freq(frame: pd.DataFrame) -> str:
    """Months for a short span of events, years for a long one."""
    days = pd.to_datetime(frame["event_date"]).dropna()
    if days.empty:
        return "month"
    return "year" if (days.max() - days.min()).days > 3 * 365 else "month"


def timeline(frame: pd.DataFrame, freq: str) -> list[dict[str, Any]]:
    """Event counts per period: all, cooperation (quad 1-2), conflict (quad 3-4), Goldstein sum."""
    dated = frame[frame["event_date"].notna()]
    if dated.empty:
        return []
    work = pd.DataFrame(
        {
            "period": _period(dated, freq),
            "coop": dated["quad_class"].isin([1, 2]).astype(int),
            "conflict": dated["quad_class"].isin([3, 4]).astype(int),
            "goldstein": dated["goldstein"].fillna(0.0),
        }
    )
    grouped = work.groupby("period").agg(
        events=("coop", "size"),
        coop=("coop", "sum"),
        conflict=("conflict", "sum"),
        goldstein=("goldstein", "sum"),
    )
    every = pd.date_range(min(grouped.index), max(grouped.index), freq=FREQS[freq]).date
    grouped = grouped.reindex(every, fill_value=0)  # empty periods show as gaps, not squeezed out
    return [
        {
            "period": p.isoformat(),
            "label": _label(p, freq),
            "events": int(r.events),
            "coop": int(r.coop),
            "conflict": int(r.conflict),
            "goldstein": round(float(r.goldstein), 2),
        }
        for p, r in grouped.iterrows()
    ]


def overview(
    store: Store,
    *,
    actor: str | None = None,
    dyad: tuple[str, str] | None = None,
    code: str | None = None,
    since: date | None = None,
    until: date | None = None,
    freq: str | None = None,
) -> dict[str, Any]:
    """Timeline and list of the events matching the filters."""
    frame = store.events(actor=actor, dyad=dyad, code=code, since=since, until=until)
    freq = freq or auto_freq(frame)
    return {
        "filters": {
            "actor": actor,
            "dyad": list(dyad) if dyad else None,
            "code": code,
            "since": clean(since),
            "until": clean(until),
            "freq": freq,
        },
        "stats": store.stats(),
        "total": len(frame),
        "timeline": timeline(frame, freq),
        "events": _events(frame),
    }


def actors(store: Store) -> list[dict[str, Any]]:
    frame = store.actor_counts()
    return [{k: clean(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]


def actor(store: Store, code: str, *, since: date | None = None, until: date | None = None) -> dict[str, Any]:
    """An actor's partners (net cooperation) and adversaries (net conflict), overall and over time."""
    code = code.upper()
    frame = store.events(actor=code, since=since, until=until)
    if frame.empty:
        return {"actor": code, "total": 0, "freq": "year", "partners": [], "adversaries": [], "series": {}}
    own_source = frame["source_code"].fillna("").str.startswith(code) | (frame["source_country"] == code)
    other = frame["target_country"].where(own_source, frame["source_country"])
    other = other.fillna(frame["target_code"].where(own_source, frame["source_code"]))
    work = frame.assign(other=other, goldstein=frame["goldstein"].fillna(0.0))
    work = work[work["other"].notna() & (work["other"] != code)]
    by = work.groupby("other").agg(
        events=("event_id", "size"),
        goldstein=("goldstein", "sum"),
        coop=("quad_class", lambda q: int(q.isin([1, 2]).sum())),
        conflict=("quad_class", lambda q: int(q.isin([3, 4]).sum())),
    )
    rows: list[dict[str, Any]] = [
        {
            "actor": str(k),
            "events": int(r.events),
            "goldstein": round(float(r.goldstein), 2),
            "coop": int(r.coop),
            "conflict": int(r.conflict),
        }
        for k, r in by.iterrows()
    ]
    partners = sorted((r for r in rows if r["goldstein"] > 0), key=lambda r: -r["goldstein"])[:10]
    adversaries = sorted((r for r in rows if r["goldstein"] < 0), key=lambda r: r["goldstein"])[:10]
    freq = auto_freq(work) if not work.empty else "year"
    top = [r["actor"] for r in sorted(rows, key=lambda r: -r["events"])[:6]]
    series: dict[str, list[dict[str, Any]]] = {}
    dated = work[work["event_date"].notna() & work["other"].isin(top)]
    if not dated.empty:
        dated = dated.assign(period=_period(dated, freq))
        table = dated.pivot_table(index="period", columns="other", values="goldstein", aggfunc="sum")
        for name in top:
            if name in table:
                series[name] = [
                    {"period": p.isoformat(), "label": _label(p, freq), "goldstein": clean(round(v, 2))}
                    for p, v in table[name].items()
                ]
    return {
        "actor": code,
        "total": len(frame),
        "freq": freq,
        "partners": partners,
        "adversaries": adversaries,
        "series": series,
        "events": _events(frame, 50),
    }


def dyad(
    store: Store,
    a: str,
    b: str,
    *,
    since: date | None = None,
    until: date | None = None,
    freq: str | None = None,
) -> dict[str, Any]:
    """Cooperation and conflict between ``a`` and ``b`` per period, with the events behind each point."""
    a, b = a.upper(), b.upper()
    frame = store.events(dyad=(a, b), since=since, until=until)
    freq = freq or auto_freq(frame)
    points = timeline(frame, freq)
    dated = frame[frame["event_date"].notna()]
    periods = _period(dated, freq) if not dated.empty else pd.Series(dtype=object)
    for point in points:
        rows = dated[periods == date.fromisoformat(point["period"])]
        point["events_behind"] = _events(rows, 50)
    balance: list[dict[str, Any]] = []
    n_events = 0
    if not frame.empty:
        # Events are real-world happenings (clusters of reports); mentions are the reports themselves.
        series = dyad_series(store, a, b, freq=freq, since=since, until=until, fill=False, count="events")
        reports = dyad_series(store, a, b, freq=freq, since=since, until=until, fill=False, count="mentions")
        mentions_per = {clean(r["period"]): clean(r["events"]) for r in reports.to_dict(orient="records")}
        balance = [
            {
                "period": clean(r["period"]),
                "balance": clean(r["balance"]),
                "goldstein_mean": clean(r["goldstein_mean"]),
                "events": clean(r["events"]),
                "mentions": mentions_per.get(clean(r["period"])),
            }
            for r in series.to_dict(orient="records")
        ]
        n_events = int(series["events"].sum())
    return {
        "a": a,
        "b": b,
        "freq": freq,
        "total": len(frame),
        "total_events": n_events or len(frame),
        "total_mentions": len(frame),
        "points": points,
        "balance": balance,
        "undated": _events(frame[frame["event_date"].isna()], 50),
    }


def network(store: Store, *, years: int = 1, max_windows: int = 40) -> dict[str, Any]:
    """The signed country network and its blocs in consecutive windows of ``years`` years."""
    row = store.con.execute("SELECT min(event_date), max(event_date) FROM events").fetchone()
    if not row or row[0] is None:
        return {"years": years, "windows": []}
    first, last = row[0].year, row[1].year
    active = {r[0] for r in store.con.execute("SELECT DISTINCT year(event_date) FROM events").fetchall()}
    starts = [
        start
        for start in range(first, last + 1, max(years, 1))
        if any(start <= y < start + years for y in active)
    ][-max_windows:]
    windows = []
    for start in starts:
        since, until = date(start, 1, 1), date(start + years - 1, 12, 31)
        edges = edge_table(store, since, until)
        if edges.empty:
            continue
        membership = blocs_of_edges(edges, method="interaction")
        label = str(start) if years == 1 else f"{start}–{start + years - 1}"
        windows.append(
            {
                "label": label,
                "since": since.isoformat(),
                "until": until.isoformat(),
                "nodes": [
                    {"id": str(r["actor"]), "bloc": int(r["bloc"])} for r in membership.to_dict("records")
                ],
                "edges": [
                    {
                        "a": str(r["a"]),
                        "b": str(r["b"]),
                        "weight": round(float(r["weight"]), 2),
                        "events": int(r["events"]),
                        "coop": int(r["coop"]),
                        "conflict": int(r["conflict"]),
                    }
                    for r in edges.to_dict("records")
                ],
            }
        )
    return {"years": years, "windows": windows}


def documents(store: Store) -> list[dict[str, Any]]:
    frame = store.documents()
    keep = ["doc_id", "title", "url", "source", "published", "language", "coded", "n_events"]
    return [{k: clean(row[k]) for k in keep} for row in frame.to_dict(orient="records")]


def document(store: Store, doc_id: str) -> dict[str, Any] | None:
    """A document with its text, sentences, actor mentions and events (each with its reason)."""
    doc = store.document(doc_id)
    if doc is None:
        return None
    events = [event_json(e) for e in doc["events"]]
    mentions = [{k: clean(v) for k, v in m.items()} for m in doc["mentions"]]
    meta = {k: clean(v) for k, v in doc.items() if k not in {"sentences", "mentions", "events"}}
    return {**meta, "mentions": mentions, "events": events, "n_sentences": len(doc["sentences"])}


def highlight_segments(
    text: str, mentions: list[dict[str, Any]], events: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Split ``text`` into runs, each tagged with the mention/trigger spans covering it."""
    spans: list[tuple[int, int, str, str]] = []
    for m in mentions:
        if m.get("start_char") is not None and m.get("end_char") is not None:
            label = f"{m.get('text')} → {m.get('actor_code') or 'unresolved'}"
            spans.append((int(m["start_char"]), int(m["end_char"]), "mention", label))
    for i, e in enumerate(events):
        start, end = e["text_span"]
        if start is not None and end is not None:
            spans.append((int(start), int(end), "trigger", f"event {i + 1}: CAMEO {e['cameo']}"))
    cuts = sorted({0, len(text), *(max(0, min(len(text), p)) for s in spans for p in s[:2])})
    segments = []
    for lo, hi in itertools.pairwise(cuts):
        covering = [s for s in spans if s[0] <= lo and hi <= s[1]]
        segments.append(
            {
                "text": text[lo:hi],
                "kinds": sorted({s[2] for s in covering}),
                "labels": [s[3] for s in covering],
            }
        )
    return segments


def search(store: Store, phrase: str, *, limit: int = 100) -> dict[str, Any]:
    """Sentences containing ``phrase`` (case-insensitive), with their document's title and date."""
    phrase = phrase.strip()
    if not phrase:
        return {"q": phrase, "total": 0, "documents": [], "sentences": []}
    rows = store.con.execute(
        "SELECT s.doc_id, d.title, d.published, s.sentence_index, s.text FROM sentences s "
        "JOIN documents d USING (doc_id) WHERE contains(lower(s.text), lower(?)) "
        "ORDER BY d.published NULLS LAST, s.doc_id, s.sentence_index LIMIT ?",
        [phrase, limit],
    ).fetchall()
    sentences = [
        {"doc_id": r[0], "title": r[1], "published": clean(r[2]), "sentence_index": r[3], "text": r[4]}
        for r in rows
    ]
    docs: dict[str, dict[str, Any]] = {}
    for s in sentences:
        docs.setdefault(s["doc_id"], {"doc_id": s["doc_id"], "title": s["title"], "matches": 0})[
            "matches"
        ] += 1
    return {"q": phrase, "total": len(sentences), "documents": list(docs.values()), "sentences": sentences}
