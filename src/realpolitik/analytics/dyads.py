"""Dyad time series: how two actors (or one actor and everybody else) deal with each other over time.

``dyad_series`` aggregates events per day/week/month/quarter/year in DuckDB: event counts, Goldstein sum
and mean, the share of each quad class and the cooperation-conflict balance
``(cooperation - conflict) / events`` (quad classes 1-2 against 3-4), optionally normalised by news
volume (all events of the period).  Pre-aggregated dyad series imported into ``dyad_weights`` join as
the ``weight`` columns.  ``dyad_events`` lists the events behind one point of the series.

Actors are CAMEO country codes (``RUS``) or actor codes (``RUSGOV``): a country code matches an event
side of that country (or, for sides without a country, whose code starts with it); an actor code
matches codes starting with it.  Undirected by default (both directions count).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from realpolitik.analytics.common import (
    CountMode,
    DateLike,
    check_actor_known,
    check_freq,
    connection,
    dataset_match,
    date_match,
    events_relation,
    full_index,
    normalise_actor,
    pair_match,
    parse_date,
    period_end,
    use_events,
    use_weights,
    weight_pair_match,
    where,
)
from realpolitik.analytics.common import (
    period_start as start_of_period,
)

QUADS = ("verbal_coop", "material_coop", "verbal_conflict", "material_conflict")
SERIES_COLUMNS = [
    "period",
    "events",
    "goldstein_sum",
    "goldstein_mean",
    *[f"share_{q}" for q in QUADS],
    "coop",
    "conflict",
    "balance",
    "weight",
    "weight_abs",
    "weight_count",
]
NORMALISED_COLUMNS = ["volume", "events_share", "goldstein_norm", "weight_volume", "weight_share"]


def _event_counts(con: Any, freq: str, clause: tuple[str, list[object]], relation: str) -> pd.DataFrame:
    sql, params = clause
    return con.execute(
        f"""
        SELECT CAST(date_trunc('{freq}', event_date) AS DATE) AS period,
               count(*) AS events,
               sum(goldstein) AS goldstein_sum,
               avg(goldstein) AS goldstein_mean,
               count(*) FILTER (WHERE quad_class = 1) AS n_verbal_coop,
               count(*) FILTER (WHERE quad_class = 2) AS n_material_coop,
               count(*) FILTER (WHERE quad_class = 3) AS n_verbal_conflict,
               count(*) FILTER (WHERE quad_class = 4) AS n_material_conflict
        FROM {relation} WHERE {sql}
        GROUP BY 1 ORDER BY 1
        """,
        params,
    ).df()


def _weight_sums(con: Any, freq: str, clause: tuple[str, list[object]]) -> pd.DataFrame:
    sql, params = clause
    return con.execute(
        f"""
        SELECT CAST(date_trunc('{freq}', date) AS DATE) AS period,
               sum(weight) AS weight, sum(abs(weight)) AS weight_abs,
               sum(coalesce(count, 1)) AS weight_count
        FROM dyad_weights WHERE {sql}
        GROUP BY 1 ORDER BY 1
        """,
        params,
    ).df()


def _combine(ev: pd.DataFrame, w: pd.DataFrame) -> pd.DataFrame:
    """Outer-join event and weight aggregates on period; derive shares and balance (numpy, one frame)."""
    df = ev.merge(w, on="period", how="outer").sort_values("period") if not w.empty else ev
    if df.empty:
        return pd.DataFrame(columns=SERIES_COLUMNS)

    def col(name: str, dtype: str = "float64") -> np.ndarray:
        if name not in df:
            return np.zeros(len(df), dtype=dtype)
        return df[name].fillna(0).to_numpy(dtype=dtype)

    events = col("events", "int64")
    n = {q: col(f"n_{q}", "int64") for q in QUADS}
    coop = n["verbal_coop"] + n["material_coop"]
    conflict = n["verbal_conflict"] + n["material_conflict"]
    with np.errstate(invalid="ignore", divide="ignore"):
        per_event = np.where(events > 0, 1.0 / np.maximum(events, 1), np.nan)
    data: dict[str, object] = {
        "period": pd.to_datetime(df["period"]).to_numpy(),
        "events": events,
        "goldstein_sum": col("goldstein_sum"),
        "goldstein_mean": df["goldstein_mean"].to_numpy(dtype=float)
        if "goldstein_mean" in df
        else np.full(len(df), np.nan),
        **{f"share_{q}": n[q] * per_event for q in QUADS},
        "coop": coop,
        "conflict": conflict,
        "balance": (coop - conflict) * per_event,
        "weight": col("weight"),
        "weight_abs": col("weight_abs"),
        "weight_count": col("weight_count", "int64"),
    }
    return pd.DataFrame(data, columns=SERIES_COLUMNS)


def _fill(df: pd.DataFrame, freq: str, since: date | None, until: date | None) -> pd.DataFrame:
    """Add the periods without data (zero counts, NaN means and shares)."""
    if df.empty:
        return df
    first = since or df["period"].min().date()
    last = until or df["period"].max().date()
    idx = full_index(first, last, freq)
    if len(idx) == len(df) and (idx == pd.DatetimeIndex(df["period"])).all():
        return df
    out = df.set_index("period").reindex(idx)
    zero = ["events", "goldstein_sum", "coop", "conflict", "weight", "weight_abs", "weight_count"]
    out[zero] = out[zero].fillna(0)
    for c in ("events", "coop", "conflict", "weight_count"):
        out[c] = out[c].astype("int64")
    out.index.name = "period"
    return out.reset_index()


def _volume(
    con: Any,
    freq: str,
    datasets: Sequence[str] | None,
    since: date | None,
    until: date | None,
    events: bool,
    weights: bool,
    relation: str = "events",
) -> pd.DataFrame:
    """News volume per period: all events, and the absolute sum of all dyad weights."""
    frames = []
    if events:
        sql, params = where(date_match("event_date", since, until), dataset_match(datasets))
        frames.append(
            con.execute(
                f"SELECT CAST(date_trunc('{freq}', event_date) AS DATE) AS period, count(*) AS volume "
                f"FROM {relation} WHERE {sql} GROUP BY 1",
                params,
            ).df()
        )
    if weights:
        sql, params = where(date_match("date", since, until), dataset_match(datasets))
        frames.append(
            con.execute(
                f"SELECT CAST(date_trunc('{freq}', date) AS DATE) AS period, "
                "sum(abs(weight)) AS weight_volume "
                f"FROM dyad_weights WHERE {sql} GROUP BY 1",
                params,
            ).df()
        )
    out = pd.DataFrame({"period": pd.Series(dtype="datetime64[ns]")})
    for f in frames:
        f["period"] = pd.to_datetime(f["period"])
        out = out.merge(f, on="period", how="outer")
    return out


def dyad_series(
    store: Any,
    a: str,
    b: str | None = None,
    *,
    freq: str = "month",
    since: DateLike = None,
    until: DateLike = None,
    directed: bool = False,
    normalise: bool = False,
    datasets: Sequence[str] | None = None,
    fill: bool = True,
    count: CountMode = "events",
) -> pd.DataFrame:
    """The time series of the dyad ``a``-``b`` (``b`` None: ``a`` against every other actor).

    One row per period (``period`` = its first day) with ``events``, ``goldstein_sum``,
    ``goldstein_mean``, ``share_verbal_coop`` ... ``share_material_conflict``, ``coop``, ``conflict``,
    ``balance`` and, from ``dyad_weights``, ``weight`` (signed sum), ``weight_abs`` and ``weight_count``.
    ``normalise`` adds ``volume`` (all events of the period), ``events_share``, ``goldstein_norm``
    (Goldstein sum per event of news volume), ``weight_volume`` and ``weight_share``.
    ``datasets`` limits the data sets ('gdelt2', 'icews', 'csv', 'dyads' or full names); by default
    every event data set and every dyad series take part.  ``fill`` adds empty periods.
    ``count``: ``events`` counts each event cluster once (a happening reported by several articles is
    one event), ``mentions`` counts every coded sentence (and every imported row).
    """
    con = connection(store)
    check_freq(freq)
    relation = events_relation(con, count)
    a = normalise_actor(a, "A")
    b = normalise_actor(b, "B") if b else None
    start, stop = parse_date(since, option="--since"), parse_date(until, end=True, option="--until")
    ev = pd.DataFrame()
    if use_events(datasets):
        clause = where(
            date_match("event_date", start, stop),
            dataset_match(datasets),
            pair_match(a, b, directed=directed),
        )
        ev = _event_counts(con, freq, clause, relation)
    w = pd.DataFrame()
    if use_weights(con, datasets):
        clause = where(
            date_match("date", start, stop),
            dataset_match(datasets),
            weight_pair_match(a, b, directed=directed),
        )
        w = _weight_sums(con, freq, clause)
    if ev.empty and w.empty:
        for actor in (a, b):
            if actor:
                check_actor_known(con, actor, datasets)
        return pd.DataFrame(columns=SERIES_COLUMNS + (NORMALISED_COLUMNS if normalise else []))
    if ev.empty:
        ev = pd.DataFrame({"period": pd.Series(dtype="datetime64[ns]")})
    df = _combine(ev, w)
    if fill:
        df = _fill(df, freq, start_of_period(start, freq) if start else None, stop)
    if normalise:
        vol = _volume(
            con, freq, datasets, start, stop, use_events(datasets), use_weights(con, datasets), relation
        )
        df = df.merge(vol, on="period", how="left")
        for col in ("volume", "weight_volume"):
            if col not in df:
                df[col] = np.nan
        with np.errstate(invalid="ignore", divide="ignore"):
            df["events_share"] = df["events"] / df["volume"]
            df["goldstein_norm"] = df["goldstein_sum"] / df["volume"]
            df["weight_share"] = df["weight"] / df["weight_volume"]
    df.attrs.update({"a": a, "b": b, "freq": freq, "directed": directed})
    return df


EVENT_FIELDS = (
    "event_id, dataset, event_date, source_code, source_country, source_name, target_code, target_country, "
    "target_name, cameo, root, plover, goldstein, quad_class, num_mentions, doc_id, sentence_index, "
    "coalesce(quote, sentence_text) AS text, url"
)


def dyad_events(
    store: Any,
    a: str,
    b: str | None,
    period_start: DateLike,
    freq: str = "month",
    *,
    directed: bool = False,
    datasets: Sequence[str] | None = None,
    limit: int | None = 100,
    count: CountMode = "events",
) -> pd.DataFrame:
    """The events behind one point of ``dyad_series``: the dyad's events in the period holding
    ``period_start``, strongest (largest absolute Goldstein score, most mentioned) first.  ``count``
    ``events`` lists each event cluster once (its best event, ``num_mentions`` = its mentions)."""
    con = connection(store)
    relation = events_relation(con, count)
    check_freq(freq)
    a = normalise_actor(a, "A")
    b = normalise_actor(b, "B") if b else None
    first = start_of_period(period_start, freq)
    last = period_end(first, freq)
    sql, params = where(
        date_match("event_date", first, last), dataset_match(datasets), pair_match(a, b, directed=directed)
    )
    lim = f" LIMIT {int(limit)}" if limit else ""
    return con.execute(
        f"SELECT {EVENT_FIELDS} FROM {relation} WHERE {sql} "
        f"ORDER BY abs(goldstein) DESC NULLS LAST, num_mentions DESC NULLS LAST, event_date, event_id{lim}",
        params,
    ).df()
