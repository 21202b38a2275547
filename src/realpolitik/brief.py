"""The brief: what a store holds, as data frames a CLI or web page can render."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from realpolitik.store import Store


@dataclass(frozen=True, slots=True)
class Brief:
    stats: dict[str, int | str]
    documents: pd.DataFrame
    actors: pd.DataFrame
    timeline: pd.DataFrame
    cooperative: pd.DataFrame
    conflictual: pd.DataFrame


_DYADS_SQL = """
SELECT least(source_country, target_country) AS a, greatest(source_country, target_country) AS b,
       count(*) AS events, round(sum(goldstein), 1) AS goldstein_sum,
       round(avg(goldstein), 2) AS goldstein_mean,
       count(*) FILTER (WHERE quad_class <= 2) AS cooperative,
       count(*) FILTER (WHERE quad_class >= 3) AS conflictual,
       min(event_date) AS first, max(event_date) AS last
FROM events
WHERE target_country IS NOT NULL AND source_country <> target_country {doc}
GROUP BY ALL
"""


def make_brief(store: Store, doc_id: str | None = None, *, top: int = 8, timeline_limit: int = 60) -> Brief:
    """A brief of the whole store, or of one document (``doc_id``, a unique prefix is enough)."""
    docs = store.documents()
    events = store.events(dataset="realpolitik")
    if doc_id is not None:
        doc = store.document(doc_id)
        if doc is None:
            from realpolitik.errors import UsageError

            raise UsageError("E006", doc_id)
        doc_id = str(doc["doc_id"])
        docs = docs[docs["doc_id"] == doc_id]
        events = events[events["doc_id"] == doc_id]
    cols = [
        "event_date",
        "date_precision",
        "source_code",
        "cameo",
        "target_code",
        "goldstein",
        "quote",
        "sentence_text",
        "doc_id",
        "confidence",
    ]
    timeline = events[cols].head(timeline_limit) if len(events) else events.reindex(columns=cols)
    con = store.con
    where = "AND doc_id = ?" if doc_id else ""
    params = [doc_id] if doc_id else []
    dyads = con.execute(_DYADS_SQL.format(doc=where + " AND dataset = 'realpolitik'"), params).df()
    coop = dyads.sort_values(["goldstein_sum", "events"], ascending=[False, False])
    coop = coop[coop["goldstein_sum"] > 0].head(top)
    conf = dyads.sort_values(["goldstein_sum", "events"], ascending=[True, False])
    conf = conf[conf["goldstein_sum"] < 0].head(top)
    actors = store.actor_counts(dataset="realpolitik").head(top * 2)
    return Brief(
        store.stats(),
        docs,
        actors,
        timeline.reset_index(drop=True),
        coop.reset_index(drop=True),
        conf.reset_index(drop=True),
    )
