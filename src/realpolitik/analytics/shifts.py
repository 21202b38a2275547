"""Shifts in relations: change points in a dyad's series, and the dyads that moved most between periods.

``change_points`` runs binary segmentation on a series (deterministic): split the series where the
two halves' means differ most (largest drop in squared error), keep the split when the gain beats a
BIC-like penalty ``4 σ² log n`` (σ estimated robustly from the median absolute first difference),
repeat on the parts, at most ``max_points`` times, each part at least ``min_size`` periods long.

``movers`` compares two periods for every country pair: the change in the monthly mean weight
(Goldstein sum plus dyad weights, per month), the cooperation-conflict balance, the mean Goldstein
score or the monthly event count; ranked (most moved first), each with the events (or, for dyad
series, the months) that drive the change.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from realpolitik.analytics.common import (
    CountMode,
    DateLike,
    connection,
    dataset_match,
    events_relation,
    months_between,
    normalise_actor,
    parse_window,
    use_events,
    use_weights,
)
from realpolitik.analytics.dyads import dyad_series
from realpolitik.errors import UsageError

METRICS = ("auto", "weight", "balance", "goldstein", "events")
DIRECTIONS = ("both", "up", "down")
CHANGE_COLUMNS = ["period", "index", "before", "after", "change", "gain"]
MOVER_COLUMNS = ["a", "b", "metric", "before", "after", "change", "n_before", "n_after", "drivers"]


# -- change points --------------------------------------------------------------------------------


def _noise(x: np.ndarray) -> float:
    d = np.diff(x)
    if len(d) >= 2:
        mad = float(np.median(np.abs(d - np.median(d))))
        if mad > 0:
            return mad / 0.6745 / math.sqrt(2)
    sd = float(np.std(x))
    return sd if sd > 0 else 0.0


def change_points(
    values: Sequence[float] | np.ndarray | pd.Series,
    *,
    max_points: int = 5,
    min_size: int = 3,
    penalty: float | None = None,
) -> list[tuple[int, float]]:
    """Binary segmentation for shifts in the mean: ``(index, gain)`` of each change point, in order.

    ``index`` is the first position of the new segment.  ``penalty`` (default ``4 σ² log n``) is the
    least drop in squared error a split must bring.
    """
    x = np.asarray(values, dtype=float)
    n = len(x)
    if n < 2 * min_size or max_points <= 0:
        return []
    sigma = _noise(x)
    if sigma == 0:
        return []
    pen = 4 * sigma**2 * math.log(n) if penalty is None else penalty
    cs = np.concatenate([[0.0], np.cumsum(x)])

    def best_split(lo: int, hi: int) -> tuple[float, int] | None:
        if hi - lo < 2 * min_size:
            return None
        ks = np.arange(lo + min_size, hi - min_size + 1)
        left, right = cs[ks] - cs[lo], cs[hi] - cs[ks]
        gain = left**2 / (ks - lo) + right**2 / (hi - ks) - (left + right) ** 2 / (hi - lo)
        i = int(np.argmax(gain))
        return float(gain[i]), int(ks[i])

    segments = [(0, n)]
    found: list[tuple[int, float]] = []
    while len(found) < max_points:
        candidates = []
        for lo, hi in segments:
            split = best_split(lo, hi)
            if split is not None:
                candidates.append((split[0], split[1], lo, hi))
        if not candidates:
            break
        gain, k, lo, hi = max(candidates, key=lambda c: (c[0], -c[1]))
        if gain <= pen:
            break
        found.append((k, gain))
        segments.remove((lo, hi))
        segments += [(lo, k), (k, hi)]
    return sorted(found)


def series_change_points(series: pd.Series, **options: Any) -> pd.DataFrame:
    """Change points of a series indexed by period: ``period``, ``index``, segment means ``before`` and
    ``after``, their difference ``change`` and the split's ``gain``."""
    s = series.dropna()
    x = s.to_numpy(dtype=float)
    cps = change_points(x, **options)
    bounds = [0, *[k for k, _ in cps], len(x)]
    rows = []
    for j, (k, gain) in enumerate(cps):
        before = float(x[bounds[j] : k].mean())
        after = float(x[k : bounds[j + 2]].mean())
        rows.append(
            {
                "period": s.index[k],
                "index": k,
                "before": before,
                "after": after,
                "change": after - before,
                "gain": gain,
            }
        )
    return pd.DataFrame(rows, columns=CHANGE_COLUMNS)


def metric_values(series: pd.DataFrame, metric: str = "auto") -> tuple[pd.Series, str]:
    """One number per period of a ``dyad_series`` frame for ``metric`` (and the metric used)."""
    if metric not in METRICS:
        raise UsageError("E002", None, option="--metric", value=metric, expected=" | ".join(METRICS))
    if metric == "auto":
        metric = "weight" if series["weight_count"].sum() > 0 else "balance"
    idx = pd.DatetimeIndex(series["period"])
    if metric == "weight":
        v = series["goldstein_sum"] + series["weight"]
    elif metric == "balance":
        with np.errstate(invalid="ignore", divide="ignore"):
            wb = np.where(series["weight_abs"] > 0, series["weight"] / series["weight_abs"], np.nan)
        v = pd.Series(np.where(series["events"] > 0, series["balance"], wb), index=series.index)
    elif metric == "goldstein":
        v = series["goldstein_mean"]
    else:
        v = series["events"] + series["weight_count"]
    return pd.Series(np.asarray(v, dtype=float), index=idx, name=metric), metric


def dyad_change_points(
    store: Any,
    a: str,
    b: str | None = None,
    *,
    freq: str = "month",
    metric: str = "auto",
    since: DateLike = None,
    until: DateLike = None,
    directed: bool = False,
    datasets: Sequence[str] | None = None,
    max_points: int = 5,
    min_size: int = 3,
    penalty: float | None = None,
    count: CountMode = "events",
) -> pd.DataFrame:
    """Change points of the dyad's ``metric`` series (see ``series_change_points``); ``metric`` 'auto'
    uses the weight when dyad series take part, else the cooperation-conflict balance."""
    series = dyad_series(
        store, a, b, freq=freq, since=since, until=until, directed=directed, datasets=datasets, count=count
    )
    if series.empty:
        return pd.DataFrame(columns=[*CHANGE_COLUMNS, "metric"])
    values, used = metric_values(series, metric)
    out = series_change_points(values, max_points=max_points, min_size=min_size, penalty=penalty)
    out["metric"] = used
    return out


# -- movers ---------------------------------------------------------------------------------------


def _window_filter(column: str, w1: tuple[date, date], w2: tuple[date, date]) -> tuple[str, list[object]]:
    return f"({column} BETWEEN ? AND ? OR {column} BETWEEN ? AND ?)", [w1[0], w1[1], w2[0], w2[1]]


def _event_pairs(
    con: Any,
    w1: tuple[date, date],
    w2: tuple[date, date],
    datasets: Sequence[str] | None,
    actor: str | None,
    relation: str = "events",
) -> pd.DataFrame:
    wf, wp = _window_filter("event_date", w1, w2)
    ds, dp = dataset_match(datasets)
    af, ap = ("(source_country = ? OR target_country = ?)", [actor, actor]) if actor else ("true", [])
    parts, params = [], []
    for tag, (lo, hi) in (("1", w1), ("2", w2)):
        cond = "event_date BETWEEN ? AND ?"
        parts.append(
            f"count(*) FILTER (WHERE {cond}) AS n{tag}, "
            f"coalesce(sum(goldstein) FILTER (WHERE {cond}), 0) AS g{tag}, "
            f"count(*) FILTER (WHERE {cond} AND quad_class IN (1, 2)) AS c{tag}, "
            f"count(*) FILTER (WHERE {cond} AND quad_class IN (3, 4)) AS k{tag}"
        )
        params += [lo, hi] * 4
    sql = f"""
        SELECT least(source_country, target_country) AS a, greatest(source_country, target_country) AS b,
               {", ".join(parts)}
        FROM {relation}
        WHERE source_country IS NOT NULL AND target_country IS NOT NULL AND source_country <> target_country
          AND {wf} AND {ds} AND {af}
        GROUP BY ALL
    """
    return con.execute(sql, [*params, *wp, *dp, *ap]).df()


def _weight_pairs(
    con: Any, w1: tuple[date, date], w2: tuple[date, date], datasets: Sequence[str] | None, actor: str | None
) -> pd.DataFrame:
    wf, wp = _window_filter("date", w1, w2)
    ds, dp = dataset_match(datasets)
    af, ap = ("(a = ? OR b = ?)", [actor, actor]) if actor else ("true", [])
    parts, params = [], []
    for tag, (lo, hi) in (("1", w1), ("2", w2)):
        cond = "date BETWEEN ? AND ?"
        parts.append(
            f"coalesce(sum(weight) FILTER (WHERE {cond}), 0) AS w{tag}, "
            f"coalesce(sum(weight) FILTER (WHERE {cond} AND weight > 0), 0) AS p{tag}, "
            f"coalesce(-sum(weight) FILTER (WHERE {cond} AND weight < 0), 0) AS q{tag}, "
            f"count(*) FILTER (WHERE {cond}) AS r{tag}, "
            f"coalesce(sum(coalesce(count, 1)) FILTER (WHERE {cond}), 0) AS m{tag}"
        )
        params += [lo, hi] * 5
    sql = f"""
        SELECT least(a, b) AS a, greatest(a, b) AS b, {", ".join(parts)}
        FROM dyad_weights WHERE a <> b AND {wf} AND {ds} AND {af}
        GROUP BY ALL
    """
    return con.execute(sql, [*params, *wp, *dp, *ap]).df()


def _values(df: pd.DataFrame, metric: str, tag: str, months: float) -> np.ndarray:
    n, g, c, k = (df[f"{x}{tag}"].to_numpy(dtype=float) for x in "ngck")
    w, p, q, r, m = (df[f"{x}{tag}"].to_numpy(dtype=float) for x in "wpqrm")
    with np.errstate(invalid="ignore", divide="ignore"):
        if metric == "weight":
            return (g + w) / months
        if metric == "events":
            return (n + m) / months
        if metric == "balance":
            return np.where(n > 0, (c - k) / n, np.where(p + q > 0, (p - q) / (p + q), np.nan))
        return np.where(n > 0, g / n, np.where(r > 0, w / r, np.nan))


def movers(
    store: Any,
    before: str | tuple[DateLike, DateLike],
    after: str | tuple[DateLike, DateLike],
    *,
    top: int | None = 20,
    metric: str = "auto",
    direction: str = "both",
    min_events: int = 3,
    actor: str | None = None,
    datasets: Sequence[str] | None = None,
    drivers: int = 3,
    count: CountMode = "events",
) -> pd.DataFrame:
    """Country pairs ranked by how much their relation changed from ``before`` to ``after``.

    ``before``/``after``: ``"START:END"`` strings (``"2021:2022"``, ``"2023-01:2023-06"``) or date
    pairs, ends inclusive.  ``metric``: ``weight`` (monthly mean of Goldstein sum + dyad weights),
    ``balance``, ``goldstein`` (mean per event), ``events`` (per month); ``auto`` = ``weight`` when dyad
    series take part, else ``balance``.  ``direction``: ``both`` (largest absolute change first),
    ``up`` (warming, largest first) or ``down`` (cooling).  ``min_events``: for ``weight``/``events``,
    the least events (or counted dyad rows) over both periods; for ``balance``/``goldstein``, in each.
    Columns: a, b, metric, before, after, change, n_before, n_after, drivers (list of dicts: the
    strongest events of the ``after`` period in the direction of the change, or its strongest months).
    ``count``: ``events`` counts (and lists as drivers) each event cluster once, ``mentions`` every row.
    """
    if metric not in METRICS:
        raise UsageError("E002", None, option="--metric", value=metric, expected=" | ".join(METRICS))
    if direction not in DIRECTIONS:
        raise UsageError("E002", None, option="--direction", value=direction, expected=" | ".join(DIRECTIONS))
    con = connection(store)
    w1, w2 = parse_window(before, "--before"), parse_window(after, "--after")
    who = normalise_actor(actor, "--actor") if actor else None
    relation = events_relation(con, count)
    frames = []
    if use_events(datasets):
        frames.append(_event_pairs(con, w1, w2, datasets, who, relation))
    weights = use_weights(con, datasets)
    if weights:
        frames.append(_weight_pairs(con, w1, w2, datasets, who))
    df = frames[0] if frames else pd.DataFrame(columns=["a", "b"])
    for f in frames[1:]:
        df = df.merge(f, on=["a", "b"], how="outer")
    for col in [f"{x}{t}" for x in "ngckwpqrm" for t in "12"]:
        df[col] = df[col].fillna(0) if col in df else 0
    if metric == "auto":
        metric = "weight" if weights and (df["r1"].sum() + df["r2"].sum()) > 0 else "balance"
    out = pd.DataFrame(
        {
            "a": df["a"],
            "b": df["b"],
            "metric": metric,
            "before": _values(df, metric, "1", months_between(*w1)),
            "after": _values(df, metric, "2", months_between(*w2)),
            "n_before": (df["n1"] + df["m1"]).astype("int64"),
            "n_after": (df["n2"] + df["m2"]).astype("int64"),
        }
    )
    if metric in ("weight", "events"):
        keep = (out["n_before"] + out["n_after"]) >= min_events
    else:
        keep = (out["n_before"] >= min_events) & (out["n_after"] >= min_events)
    out = out[keep].copy()
    out["change"] = out["after"] - out["before"]
    out = out[np.isfinite(out["change"])]
    if direction == "up":
        out = out[out["change"] > 0].sort_values(["change", "a", "b"], ascending=[False, True, True])
    elif direction == "down":
        out = out[out["change"] < 0].sort_values(["change", "a", "b"], ascending=[True, True, True])
    else:
        out = out.assign(_abs=out["change"].abs()).sort_values(
            ["_abs", "a", "b"], ascending=[False, True, True]
        )
    if top:
        out = out.head(top)
    out = out.reset_index(drop=True)
    out["drivers"] = (
        _drivers(con, out, w2, datasets, drivers, relation) if drivers > 0 else [[] for _ in range(len(out))]
    )
    return out[MOVER_COLUMNS]


def _drivers(
    con: Any,
    movers_df: pd.DataFrame,
    window: tuple[date, date],
    datasets: Sequence[str] | None,
    k: int,
    relation: str = "events",
) -> list[list[dict[str, object]]]:
    """For each mover: the ``k`` events of ``window`` pushing most in the change's direction, or, for
    pairs known only from dyad series, the ``k`` months that do."""
    if movers_df.empty:
        return []
    pairs = pd.DataFrame(
        {"a": movers_df["a"], "b": movers_df["b"], "dir": np.sign(movers_df["change"]).astype(float)}
    )
    ds, dp = dataset_match(datasets)
    found: dict[tuple[str, str], list[dict[str, object]]] = {}
    con = con.cursor()  # a connection of our own for the registered frame
    con.register("_rp_mover_pairs", pairs)
    try:
        if use_events(datasets):
            order = "e.goldstein * p.dir DESC NULLS LAST, e.num_mentions DESC NULLS LAST, e.event_id"
            text = "coalesce(e.quote, e.sentence_text, e.source_name || ' / ' || e.target_name)"
            rows = con.execute(
                f"""
                SELECT p.a, p.b, e.event_id, e.event_date, e.source_code, e.target_code, e.cameo,
                       e.goldstein, e.num_mentions, {text} AS text, e.url
                FROM {relation} e JOIN _rp_mover_pairs p
                  ON least(e.source_country, e.target_country) = p.a
                 AND greatest(e.source_country, e.target_country) = p.b
                WHERE e.event_date BETWEEN ? AND ? AND e.source_country <> e.target_country AND {ds}
                QUALIFY row_number() OVER (PARTITION BY p.a, p.b ORDER BY {order}) <= {k}
                ORDER BY p.a, p.b, {order}
                """,
                [window[0], window[1], *dp],
            ).fetchall()
            for a, b, eid, d, src, tgt, cameo, gs, nm, text, url in rows:
                found.setdefault((a, b), []).append(
                    {
                        "event_id": eid,
                        "date": d.isoformat() if d else None,
                        "source": src,
                        "target": tgt,
                        "cameo": cameo,
                        "goldstein": gs,
                        "mentions": nm,
                        "text": text,
                        "url": url,
                    }
                )
        if use_weights(con, datasets):
            rows = con.execute(
                f"""
                WITH m AS (
                    SELECT p.a, p.b, w.date, sum(w.weight) AS weight, any_value(p.dir) AS dir
                    FROM dyad_weights w
                    JOIN _rp_mover_pairs p ON least(w.a, w.b) = p.a AND greatest(w.a, w.b) = p.b
                    WHERE w.date BETWEEN ? AND ? AND {ds}
                    GROUP BY ALL
                )
                SELECT a, b, date, weight, dir FROM m
                QUALIFY row_number() OVER (PARTITION BY a, b ORDER BY weight * dir DESC, date) <= {k}
                ORDER BY a, b, weight * dir DESC, date
                """,
                [window[0], window[1], *dp],
            ).fetchall()
            for a, b, d, weight, _dir in rows:
                if (a, b) not in found or "period" in found[(a, b)][0]:
                    found.setdefault((a, b), []).append(
                        {"period": d.isoformat(), "weight": round(float(weight), 4)}
                    )
    finally:
        con.close()
    return [found.get((a, b), []) for a, b in zip(movers_df["a"], movers_df["b"], strict=True)]


def describe_driver(item: dict[str, object]) -> str:
    """One short line for a driver (event or month)."""
    if "period" in item:
        return f"{str(item['period'])[:7]} {float(item['weight']):+.1f}"  # type: ignore[arg-type]
    gs = item.get("goldstein")
    score = f"{float(gs):+.1f}" if isinstance(gs, int | float) and not pd.isna(gs) else "?"
    return f"{item.get('date')} {item.get('source')}->{item.get('target')} {item.get('cameo')} ({score})"
