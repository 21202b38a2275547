"""Turning stored event rows into the formats the field reads."""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

import pandas as pd


def _clean(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NaT:
        return None
    if isinstance(value, (pd.Timestamp, datetime)):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _iso(row: dict[str, Any]) -> str | None:
    d = _clean(row.get("event_date"))
    if d is None:
        return None
    precision = row.get("date_precision")
    if precision == "month":
        return d[:7]
    if precision == "year":
        return d[:4]
    if precision == "decade":
        return d[:3] + "0s"
    return d


def _actor(row: dict[str, Any], side: str) -> dict[str, Any] | None:
    code = _clean(row.get(f"{side}_code"))
    if code is None:
        return None
    return {part: _clean(row.get(f"{side}_{part}")) for part in ("code", "country", "role", "name")}


def event_json(row: dict[str, Any]) -> dict[str, Any]:
    """A stored event row as the ``realpolitik code`` JSON contract, plus document and sentence."""
    return {
        "event_id": row.get("event_id"),
        "doc_id": _clean(row.get("doc_id")),
        "sentence_index": _clean(row.get("sentence_index")),
        "sentence": _clean(row.get("sentence_text")),
        "dataset": row.get("dataset"),
        "source": _actor(row, "source"),
        "target": _actor(row, "target"),
        "cameo": row.get("cameo"),
        "root": row.get("root"),
        "plover": _clean(row.get("plover")),
        "plover_mode": _clean(row.get("plover_mode")),
        "goldstein": _clean(row.get("goldstein")),
        "quad_class": _clean(row.get("quad_class")),
        "event_date": _iso(row),
        "date_end": _clean(row.get("date_end")),
        "date_precision": _clean(row.get("date_precision")),
        "date_origin": _clean(row.get("date_origin")),
        "text_span": [_clean(row.get("trigger_start")), _clean(row.get("trigger_end"))],
        "sentence_span": [_clean(row.get("sentence_start")), _clean(row.get("sentence_end"))],
        "confidence": _clean(row.get("confidence")),
        "hedged": _clean(row.get("hedged")),
        "quote": _clean(row.get("quote")),
        "location": _clean(row.get("location")),
        "reason": _clean(row.get("reason")),
        "url": _clean(row.get("url")),
    }


def events_json(frame: pd.DataFrame) -> Iterator[dict[str, Any]]:
    for row in frame.to_dict(orient="records"):
        yield event_json(row)
