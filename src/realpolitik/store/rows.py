"""Rows for the core tables, built from records: Arrow schemas and one function per table."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import pyarrow as pa

from realpolitik.records import Document, Event, Mention, Sentence

DATASET = "realpolitik"  # events.dataset of events coded by realpolitik itself

SENTENCE_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()),
        ("sentence_index", pa.int32()),
        ("start_char", pa.int32()),
        ("end_char", pa.int32()),
        ("text", pa.string()),
    ]
)
MENTION_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()),
        ("sentence_index", pa.int32()),
        ("start_char", pa.int32()),
        ("end_char", pa.int32()),
        ("text", pa.string()),
        ("actor_code", pa.string()),
        ("country", pa.string()),
        ("role", pa.string()),
        ("actor_name", pa.string()),
        ("reason", pa.string()),
    ]
)
_S, _I, _F, _B, _D = pa.string(), pa.int32(), pa.float64(), pa.bool_(), pa.date32()
_SIDES, _SIDE_PARTS = ("source", "target"), ("code", "country", "role", "name")
EVENT_SCHEMA = pa.schema(
    [
        *[(name, _S) for name in ("event_id", "dataset", "doc_id")],
        ("sentence_index", _I),
        *[(f"{side}_{part}", _S) for side in _SIDES for part in _SIDE_PARTS],
        *[(name, _S) for name in ("cameo", "root", "plover", "plover_mode")],
        ("goldstein", _F),
        ("quad_class", _I),
        ("event_date", _D),
        ("date_end", _D),
        *[(name, _S) for name in ("date_precision", "date_origin", "location", "location_country")],
        ("latitude", _F),
        ("longitude", _F),
        ("num_mentions", _I),
        ("num_sources", _I),
        ("confidence", _F),
        ("hedged", _B),
        *[(name, _S) for name in ("quote", "reason", "coder", "coder_version")],
        *[(name, _I) for name in ("sentence_start", "sentence_end", "trigger_start", "trigger_end")],
        ("sentence_text", _S),
        ("url", _S),
    ]
)


def utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def check_doc_ids(
    doc: Document, sentences: Sequence[Sentence], mentions: Sequence[Mention], events: Sequence[Event]
) -> None:
    ids: set[str | None] = {s.doc_id for s in sentences}
    ids.update(m.doc_id for m in mentions)
    ids.update(e.provenance.doc_id for e in events)
    stray = ids - {doc.id}
    if stray:
        raise ValueError(f"records of document(s) {sorted(map(str, stray))} passed with document {doc.id}")


def document_row(doc: Document, *, coded: bool, run_id: int | None) -> list[object]:
    return [
        doc.id,
        doc.title,
        doc.url,
        doc.source,
        doc.published,
        doc.date_known,
        doc.language,
        doc.language == "en",
        doc.path,
        doc.text,
        len(doc.text),
        coded,
        utc_now(),
        run_id,
    ]


def sentence_row(s: Sentence, doc: Document) -> dict[str, Any]:
    return {
        "doc_id": doc.id,
        "sentence_index": s.index,
        "start_char": s.start,
        "end_char": s.end,
        "text": s.text,
    }


def mention_row(m: Mention, doc: Document) -> dict[str, Any]:
    a = m.actor
    return {
        "doc_id": doc.id,
        "sentence_index": m.sentence_index,
        "start_char": m.start,
        "end_char": m.end,
        "text": m.text,
        "actor_code": a.code if a else None,
        "country": a.country if a else None,
        "role": a.role if a else None,
        "actor_name": a.name if a else None,
        "reason": m.reason,
    }


def event_rows(events: Sequence[Event], doc: Document) -> list[dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {}
    for event in events:
        rows.setdefault(event.id, event_row(event, doc))
    return list(rows.values())


def event_row(event: Event, doc: Document) -> dict[str, Any]:
    p, d, extra = event.provenance, event.date, event.extra
    row: dict[str, Any] = {
        "event_id": event.id,
        "dataset": DATASET,
        "doc_id": doc.id,
        "sentence_index": p.sentence_index,
        "cameo": event.cameo,
        "root": event.root,
        "plover": event.plover,
        "plover_mode": event.plover_mode,
        "goldstein": event.goldstein,
        "quad_class": event.quad_class,
        "event_date": d.value if d else None,
        "date_end": d.end if d else None,
        "date_precision": d.precision if d else None,
        "date_origin": d.origin if d else "unknown",
        "location": event.location,
        "location_country": extra.get("location_country"),
        "latitude": _float_or_none(extra.get("latitude")),
        "longitude": _float_or_none(extra.get("longitude")),
        "num_mentions": 1,
        "num_sources": 1,
        "confidence": p.confidence,
        "hedged": event.hedged,
        "quote": event.quote,
        "reason": p.reason,
        "coder": p.coder,
        "coder_version": p.coder_version,
        "sentence_start": p.start,
        "sentence_end": p.end,
        "trigger_start": p.trigger_start,
        "trigger_end": p.trigger_end,
        "sentence_text": event.sentence or doc.text[p.start : p.end],
        "url": doc.url,
    }
    for side, actor in (("source", event.source), ("target", event.target)):
        row[f"{side}_code"] = actor.code if actor else None
        row[f"{side}_country"] = actor.country if actor else None
        row[f"{side}_role"] = actor.role if actor else None
        row[f"{side}_name"] = actor.name if actor else None
    return row


def _float_or_none(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None
