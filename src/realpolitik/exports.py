"""Exports of stored events and networks to the formats other tools read.

* ``gdelt-csv`` — one row per event, with a header of GDELT 2.0 event column names (the 1.0 names are
  the same for the columns filled here).  Columns realpolitik has no value for (tone, known groups,
  ethnicity, religion, actor geography ...) are left empty.  ``GLOBALEVENTID`` is a number derived
  from the event's id; ``IsRootEvent`` is 1 for events in a document's first sentence.
* ``jsonl`` — one JSON object per line with PLOVER-style fields (``event_type``, ``mode``, ``actor``,
  ``recipient`` ...) next to the CAMEO code and the evidence (sentence, document, reason).
* ``parquet`` — every stored column of the ``events`` table, written by DuckDB's ``COPY``.
* ``graphml`` / ``gexf`` — the signed country network of a window (edge weight = Goldstein sum, plus
  event, cooperation and conflict counts; node attribute ``bloc``), written by networkx.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import networkx as nx
import pandas as pd

from realpolitik.errors import UsageError
from realpolitik.export import event_json
from realpolitik.store import Store

EVENT_FORMATS = ("gdelt-csv", "jsonl", "parquet")
NETWORK_FORMATS = ("graphml", "gexf")
FORMATS = EVENT_FORMATS + NETWORK_FORMATS

GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to export (the same filters as ``realpolitik events``)."""

    actor: str | None = None
    dyad: tuple[str, str] | None = None
    code: str | None = None
    since: date | None = None
    until: date | None = None
    dataset: str | None = None

    def frame(self, store: Store) -> pd.DataFrame:
        return store.events(
            actor=self.actor,
            dyad=self.dyad,
            code=self.code,
            since=self.since,
            until=self.until,
            dataset=self.dataset,
        )


def export(store: Store, path: Path, fmt: str, filters: EventFilter | None = None) -> int:
    """Write ``fmt`` to ``path``; returns the number of rows (events, or edges for networks)."""
    filters = filters or EventFilter()
    if fmt not in FORMATS:
        raise UsageError("E002", None, option="--format", value=fmt, expected=" | ".join(FORMATS))
    if fmt in NETWORK_FORMATS:
        graph = network_graph(store, since=filters.since, until=filters.until)
        (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(graph, path)
        return graph.number_of_edges()
    frame = filters.frame(store)
    if fmt == "parquet":
        write_parquet(frame, path)
    elif fmt == "jsonl":
        with path.open("w", encoding="utf-8") as out:
            for row in plover_rows(frame):
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    else:
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=GDELT_COLUMNS)
            writer.writeheader()
            writer.writerows(gdelt_rows(frame))
    return len(frame)


# -- GDELT ----------------------------------------------------------------------------------------


def _value(v: Any) -> Any:
    if v is None or v is pd.NaT or (isinstance(v, float) and math.isnan(v)):
        return None
    return v.item() if hasattr(v, "item") else v


def global_event_id(event_id: str) -> int:
    """A stable positive 60-bit number for an event id (GDELT ids are integers)."""
    return int(hashlib.sha256(str(event_id).encode()).hexdigest()[:15], 16)


def gdelt_row(row: dict[str, Any]) -> dict[str, Any]:
    r = {k: _value(v) for k, v in row.items()}
    day = pd.Timestamp(r["event_date"]).date() if r.get("event_date") is not None else None
    cameo = r.get("cameo") or ""
    out: dict[str, Any] = dict.fromkeys(GDELT_COLUMNS, "")
    out.update(
        {
            "GLOBALEVENTID": global_event_id(r["event_id"]),
            "SQLDATE": day.strftime("%Y%m%d") if day else "",
            "MonthYear": day.strftime("%Y%m") if day else "",
            "Year": day.year if day else "",
            "FractionDate": f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}" if day else "",
            "IsRootEvent": 1 if r.get("sentence_index") == 0 else 0,
            "EventCode": cameo,
            "EventBaseCode": cameo[:3],
            "EventRootCode": r.get("root") or cameo[:2],
            "QuadClass": r.get("quad_class") if r.get("quad_class") is not None else "",
            "GoldsteinScale": r.get("goldstein") if r.get("goldstein") is not None else "",
            "NumMentions": r.get("num_mentions") or 1,
            "NumSources": r.get("num_sources") or 1,
            "NumArticles": r.get("num_mentions") or 1,
            "ActionGeo_FullName": r.get("location") or "",
            "ActionGeo_CountryCode": r.get("location_country") or "",
            "ActionGeo_Lat": r.get("latitude") if r.get("latitude") is not None else "",
            "ActionGeo_Long": r.get("longitude") if r.get("longitude") is not None else "",
            "SOURCEURL": r.get("url") or "",
        }
    )
    for n, side in ((1, "source"), (2, "target")):
        out[f"Actor{n}Code"] = (r.get(f"{side}_code") or "").removeprefix("---")  # GDELT: "REB"
        out[f"Actor{n}Name"] = (r.get(f"{side}_name") or "").upper()
        country = r.get(f"{side}_country") or ""
        out[f"Actor{n}CountryCode"] = country if len(country) == 3 and country != "IGO" else ""
        out[f"Actor{n}Type1Code"] = r.get(f"{side}_role") or ""
    return out


def gdelt_rows(frame: pd.DataFrame) -> Iterable[dict[str, Any]]:
    for row in frame.to_dict(orient="records"):
        yield gdelt_row(row)


# -- PLOVER-style JSON lines ----------------------------------------------------------------------


def plover_row(row: dict[str, Any]) -> dict[str, Any]:
    """One event with PLOVER-style field names, its CAMEO coding and its evidence."""
    e = event_json(row)
    src, tgt = e["source"] or {}, e["target"] or {}
    return {
        "id": e["event_id"],
        "date": e["event_date"],
        "date_precision": e["date_precision"],
        "event_type": e["plover"],
        "mode": e["plover_mode"],
        "context": None,
        "actor": src.get("name") or src.get("code"),
        "actor_code": src.get("code"),
        "actor_country": src.get("country"),
        "recipient": tgt.get("name") or tgt.get("code"),
        "recipient_code": tgt.get("code"),
        "recipient_country": tgt.get("country"),
        "location": e["location"],
        "cameo": e["cameo"],
        "goldstein": e["goldstein"],
        "quad_class": e["quad_class"],
        "hedged": e["hedged"],
        "confidence": e["confidence"],
        "text": e["sentence"],
        "quote": e["quote"],
        "story_id": e["doc_id"],
        "url": e["url"],
        "dataset": e["dataset"],
        "reason": e["reason"],
    }


def plover_rows(frame: pd.DataFrame) -> Iterable[dict[str, Any]]:
    for row in frame.to_dict(orient="records"):
        yield plover_row(row)


# -- Parquet --------------------------------------------------------------------------------------


def write_parquet(frame: pd.DataFrame, path: Path) -> None:
    """Write the events frame with DuckDB ``COPY`` from a private in-memory connection."""
    con = duckdb.connect(":memory:")
    try:
        con.register("export_events", frame)
        target = str(path).replace("'", "''")
        con.execute(f"COPY (SELECT * FROM export_events) TO '{target}' (FORMAT parquet)")
    finally:
        con.close()


# -- networks -------------------------------------------------------------------------------------


def network_graph(store: Store, *, since: date | None = None, until: date | None = None) -> nx.Graph:
    """The signed country network of the window, with each actor's bloc as a node attribute."""
    from realpolitik.analytics import blocs, edge_table

    edges = edge_table(store, since, until)
    graph = nx.Graph(since=since.isoformat() if since else "", until=until.isoformat() if until else "")
    if edges.empty:
        return graph
    membership = blocs(store, since, until, method="interaction")
    for r in membership.to_dict(orient="records"):
        graph.add_node(str(r["actor"]), label=str(r["actor"]), bloc=int(r["bloc"]))
    for r in edges.to_dict(orient="records"):
        a, b = str(r["a"]), str(r["b"])
        for node in (a, b):
            if node not in graph:
                graph.add_node(node, label=node, bloc=0)
        graph.add_edge(
            a,
            b,
            weight=float(r["weight"]),
            sign=int(r["sign"]),
            events=int(r["events"]),
            coop=int(r["coop"]),
            conflict=int(r["conflict"]),
            goldstein_sum=float(r["goldstein_sum"]),
        )
    return graph
