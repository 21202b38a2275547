"""Helpers shared by the analytics modules: connections, dates, periods, filters on events and weights."""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any, Literal

import duckdb
import pandas as pd

from realpolitik.errors import UsageError

FREQS = ("day", "week", "month", "quarter", "year")
PANDAS_FREQ = {"day": "D", "week": "W-MON", "month": "MS", "quarter": "QS", "year": "YS"}
ACTOR_RE = re.compile(r"[A-Z]{3}[A-Z0-9]*")

DateLike = date | datetime | str | None
CountMode = Literal["events", "mentions"]
COUNTS = ("events", "mentions")


def connection(store: Any) -> duckdb.DuckDBPyConnection:
    """The DuckDB connection of a ``Store`` (or the connection itself)."""
    con = getattr(store, "con", store)
    if not isinstance(con, duckdb.DuckDBPyConnection):
        raise TypeError("store must be a realpolitik Store or a DuckDB connection")
    return con


def has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    row = con.execute(
        "SELECT count(*) FROM (SELECT table_name AS n FROM duckdb_tables() WHERE schema_name = "
        "current_schema() UNION ALL SELECT view_name FROM duckdb_views() WHERE schema_name = "
        "current_schema() AND NOT internal) WHERE n = ?",
        [name],
    ).fetchall()
    return bool(row and row[0][0])


def events_relation(con: duckdb.DuckDBPyConnection, count: str = "events") -> str:
    """The relation analytics read events from, by what they count.

    ``events`` (default): ``events_counted``, one row per event cluster (its best event) and one per
    event in no cluster (imported rows, events not clustered yet), so a happening reported by many
    articles counts once.  ``mentions``: the ``events`` table, every coded or imported row.
    Stores without clusters (before migration 0003) have only ``events``.
    """
    if count not in COUNTS:
        raise UsageError("E002", None, option="--count", value=count, expected=" | ".join(COUNTS))
    if count == "events" and has_table(con, "events_counted") and _has_repeat_reports(con):
        return "events_counted"
    return "events"  # no cluster has a second report: both counts are the same rows


def _has_repeat_reports(con: duckdb.DuckDBPyConnection) -> bool:
    """Is any event a non-best member of a cluster?  When none is, ``events_counted`` equals
    ``events`` and the anti-join it costs (3-4x on 10 million imported rows) can be skipped."""
    row = con.execute(
        "SELECT EXISTS (SELECT 1 FROM event_cluster_members m JOIN event_clusters c USING (cluster_id) "
        "WHERE m.event_id <> c.best_event_id)"
    ).fetchone()
    return bool(row and row[0])


# -- dates and periods ----------------------------------------------------------------------------


def parse_date(value: DateLike, *, end: bool = False, option: str = "date") -> date | None:
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` (or a date) → date; ``end`` gives the period's last day."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)
        if re.fullmatch(r"\d{4}-\d{2}", text):
            y, m = int(text[:4]), int(text[5:])
            return date(y, m, calendar.monthrange(y, m)[1] if end else 1)
        if re.fullmatch(r"\d{4}", text):
            y = int(text)
            return date(y, 12, 31) if end else date(y, 1, 1)
    except ValueError:
        pass
    raise UsageError("E003", None, value=f"{option} {text}")


def parse_window(spec: str | tuple[DateLike, DateLike], option: str = "period") -> tuple[date, date]:
    """``"START:END"`` (each YYYY, YYYY-MM or YYYY-MM-DD; END inclusive), one period (``"2023"`` is
    all of 2023) or a pair of dates → (start, end)."""
    if isinstance(spec, tuple):
        start, stop = parse_date(spec[0], option=option), parse_date(spec[1], end=True, option=option)
    else:
        text = str(spec).strip()
        if text.count(":") > 1:
            raise UsageError("E002", None, option=option, value=text, expected="START:END, e.g. 2021:2022-06")
        left, _, right = text.partition(":") if ":" in text else (text, ":", text)
        start, stop = parse_date(left, option=option), parse_date(right, end=True, option=option)
    if start is None or stop is None:
        raise UsageError("E002", None, option=option, value=str(spec), expected="START:END with both dates")
    if stop < start:
        raise UsageError("E002", None, option=option, value=str(spec), expected="END on or after START")
    return start, stop


def check_freq(freq: str) -> str:
    if freq not in FREQS:
        raise UsageError("E002", None, option="--freq", value=freq, expected=" | ".join(FREQS))
    return freq


def period_start(value: DateLike, freq: str) -> date:
    """The first day of the ``freq`` period holding ``value``."""
    d = parse_date(value, option="period")
    if d is None:
        raise UsageError("E003", None, value="(none)")
    ts = pd.Timestamp(d)
    if freq == "day":
        return d
    if freq == "week":
        return (ts - pd.Timedelta(days=ts.weekday())).date()
    if freq == "month":
        return d.replace(day=1)
    if freq == "quarter":
        return date(d.year, 3 * ((d.month - 1) // 3) + 1, 1)
    return date(d.year, 1, 1)


def period_end(start: date, freq: str) -> date:
    """The last day of the ``freq`` period starting on ``start``."""
    offset = pd.tseries.frequencies.to_offset(PANDAS_FREQ[freq])
    return (pd.Timestamp(start) + offset - pd.Timedelta(days=1)).date() if freq != "day" else start


def months_between(start: date, stop: date) -> float:
    """Length of the inclusive window in months (30.44-day months)."""
    return ((stop - start) + timedelta(days=1)).days / (365.25 / 12)


def full_index(first: date, last: date, freq: str) -> pd.DatetimeIndex:
    return pd.date_range(pd.Timestamp(period_start(first, freq)), pd.Timestamp(last), freq=PANDAS_FREQ[freq])


# -- actors and filters ---------------------------------------------------------------------------


def normalise_actor(actor: str, option: str = "actor") -> str:
    code = actor.strip().upper()
    if not ACTOR_RE.fullmatch(code):
        raise UsageError(
            "E002",
            None,
            option=option,
            value=actor,
            expected="a CAMEO country code (RUS) or actor code (RUSGOV)",
        )
    return code


def side_match(side: str, actor: str) -> tuple[str, list[object]]:
    """SQL (and parameters) matching one side of an event to ``actor``.

    A country code (three letters) matches a side whose country equals it, or, when the side has no
    country, whose actor code starts with it ("RUS" matches RUSGOV); a longer code (RUSGOV) matches
    actor codes starting with it (RUSGOV, RUSGOVMIL ...).  Testing the country first and the code
    only for sides without one keeps the scan as fast as a plain country comparison.  The code is
    written into the SQL as a literal (it has passed ``ACTOR_RE``: letters and digits only).
    """
    if not ACTOR_RE.fullmatch(actor):
        raise UsageError("E002", None, option="actor", value=actor, expected="letters and digits")
    if len(actor) == 3:
        return f"({side}_country = '{actor}' OR ({side}_country IS NULL AND {side}_code LIKE '{actor}%'))", []
    return f"({side}_code LIKE '{actor}%')", []


def pair_match(a: str, b: str | None, *, directed: bool) -> tuple[str, list[object]]:
    """SQL matching events between ``a`` and ``b`` (``b`` None: ``a`` and any other actor)."""
    sa, pa = side_match("source", a)
    ta, qa = side_match("target", a)
    if b is None:
        has_target = "(target_code IS NOT NULL OR target_country IS NOT NULL)"
        has_source = "(source_code IS NOT NULL OR source_country IS NOT NULL)"
        out = f"({sa} AND {has_target} AND NOT coalesce({ta}, false))"
        params: list[object] = [*pa, *qa]
        if not directed:
            out = f"({out} OR ({ta} AND {has_source} AND NOT coalesce({sa}, false)))"
            params += [*qa, *pa]
        return out, params
    sb, pb = side_match("source", b)
    tb, qb = side_match("target", b)
    out = f"({sa} AND {tb})"
    params = [*pa, *qb]
    if not directed:
        out = f"({out} OR ({sb} AND {ta}))"
        params += [*pb, *qa]
    return out, params


def weight_pair_match(a: str, b: str | None, *, directed: bool) -> tuple[str, list[object]]:
    """SQL matching rows of ``dyad_weights`` (country level) between ``a`` and ``b``."""
    if b is None:
        return (
            "(a = ? AND b <> ?)" if directed else "((a = ? AND b <> ?) OR (b = ? AND a <> ?))",
            [a, a] if directed else [a, a, a, a],
        )
    if directed:
        return "(a = ? AND b = ?)", [a, b]
    return "((a = ? AND b = ?) OR (a = ? AND b = ?))", [a, b, b, a]


def dataset_match(datasets: Sequence[str] | None, column: str = "dataset") -> tuple[str, list[object]]:
    """SQL selecting rows of the given data sets ('gdelt2'; 'csv' matches every 'csv:*')."""
    if not datasets:
        return "true", []
    parts: list[str] = []
    params: list[object] = []
    for d in datasets:
        parts.append(f"({column} = ? OR starts_with({column}, ?))")
        params += [d, d + ":"]
    return "(" + " OR ".join(parts) + ")", params


def date_match(column: str, since: date | None, until: date | None) -> tuple[str, list[object]]:
    parts: list[str] = [f"{column} IS NOT NULL"]
    params: list[object] = []
    if since is not None:
        parts.append(f"{column} >= ?")
        params.append(since)
    if until is not None:
        parts.append(f"{column} <= ?")
        params.append(until)
    return " AND ".join(parts), params


def where(*clauses: tuple[str, list[object]]) -> tuple[str, list[object]]:
    sql = " AND ".join(c for c, _ in clauses)
    params = [p for _, ps in clauses for p in ps]
    return sql, params


def use_weights(con: duckdb.DuckDBPyConnection, datasets: Sequence[str] | None) -> bool:
    """Whether ``dyad_weights`` rows take part (the table exists and the data set filter allows them)."""
    if not has_table(con, "dyad_weights"):
        return False
    if not datasets:
        return True
    return any(d == "dyads" or d.startswith("dyads:") for d in datasets)


def use_events(datasets: Sequence[str] | None) -> bool:
    return not datasets or any(not (d == "dyads" or d.startswith("dyads:")) for d in datasets)


def check_actor_known(con: duckdb.DuckDBPyConnection, actor: str, datasets: Sequence[str] | None) -> None:
    """UsageError when no event or dyad weight mentions ``actor`` at all."""
    ds, dp = dataset_match(datasets)
    if use_events(datasets):
        s, sp = side_match("source", actor)
        t, tp = side_match("target", actor)
        if con.execute(
            f"SELECT 1 FROM events WHERE ({s} OR {t}) AND {ds} LIMIT 1", [*sp, *tp, *dp]
        ).fetchall():
            return
    if (
        use_weights(con, datasets)
        and con.execute(
            f"SELECT 1 FROM dyad_weights WHERE (a = ? OR b = ?) AND {ds} LIMIT 1", [actor, actor, *dp]
        ).fetchall()
    ):
        return
    raise UsageError(
        "E002",
        None,
        option="actor",
        value=actor,
        expected="an actor that occurs in the store; no event or dyad weight mentions it",
    )
