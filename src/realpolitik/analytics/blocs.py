"""Blocs: groups of aligned countries, found by signed community detection, and how stable they are.

Two signed graphs can be partitioned (``method``):

* ``alignment`` (default): two countries are aligned when they treat the rest of the world alike.  Each
  country's profile is its cooperation-conflict balance with every partner; the edge between two
  countries is the correlation of their profiles over the partners both deal with (at least
  ``min_common``).  Positive = similar stance, negative = opposite stance.  This finds political camps
  even when everybody mostly talks politely (news coverage is dominated by verbal cooperation).
* ``interaction``: the network's own signed edges (see ``network.edge_table``): who cooperates with
  whom directly.  This tends to find regional clusters.

The partition maximises signed modularity (Gómez, Jensen & Arenas 2009): positive weight inside blocs
beyond what the actors' positive degrees predict, minus the same for negative weight.  It is found by a
deterministic Louvain-style search written here: move each node (in name order) to the bloc that
raises the score most, repeat until nothing moves, merge blocs into nodes, repeat.  ``resolution``
above 1 gives more, smaller blocs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from realpolitik.analytics.common import (
    FREQS,
    CountMode,
    DateLike,
    connection,
    dataset_match,
    full_index,
    parse_date,
    period_end,
    use_events,
    use_weights,
)
from realpolitik.analytics.network import edge_table, weight_matrix
from realpolitik.errors import UsageError

METHODS = ("alignment", "interaction")
MEMBERSHIP_COLUMNS = ["actor", "bloc", "bloc_size", "within", "between"]


# -- signed modularity ----------------------------------------------------------------------------


def modularity_matrix(w: np.ndarray, resolution: float = 1.0) -> tuple[np.ndarray, float]:
    """Signed modularity matrix B of symmetric ``w`` and the normaliser (total absolute weight)."""
    wp, wn = np.clip(w, 0, None), np.clip(-w, 0, None)
    kp, kn = wp.sum(axis=1), wn.sum(axis=1)
    b = wp - wn
    if kp.sum() > 0:
        b = b - resolution * np.outer(kp, kp) / kp.sum()
    if kn.sum() > 0:
        b = b + resolution * np.outer(kn, kn) / kn.sum()
    return b, float(kp.sum() + kn.sum())


def _relabel(labels: np.ndarray) -> np.ndarray:
    _, out = np.unique(labels, return_inverse=True)
    return out


def _local_moving(b: np.ndarray, max_passes: int = 100) -> np.ndarray:
    """One Louvain level on modularity matrix ``b``: labels 0..k-1 (every node starts alone)."""
    n = len(b)
    labels = np.arange(n)
    sizes = np.ones(n, dtype=int)
    m = b.copy()  # m[i, c] = sum of b[i, j] over the members j of community c
    diag = np.diag(b).copy()
    for _ in range(max_passes):
        moved = 0
        for i in range(n):
            c = labels[i]
            stay = m[i, c] - diag[i]
            row = np.where(sizes > 0, m[i], -np.inf)
            row[c] = -np.inf
            d = int(np.argmax(row))
            best = row[d]
            if sizes[c] > 1 and best < 0:  # leaving for a new, empty community scores 0
                d, best = int(np.flatnonzero(sizes == 0)[0]), 0.0
            if best > stay + 1e-12:
                m[:, c] -= b[:, i]
                m[:, d] += b[:, i]
                sizes[c] -= 1
                sizes[d] += 1
                labels[i] = d
                moved += 1
        if not moved:
            break
    return _relabel(labels)


def louvain_signed(b: np.ndarray) -> np.ndarray:
    """Deterministic multi-level Louvain on a (signed) modularity matrix: a label per node."""
    n = len(b)
    if n == 0:
        return np.zeros(0, dtype=int)
    membership = np.arange(n)
    level = b
    while True:
        part = _local_moving(level)
        k = int(part.max()) + 1
        if k == len(level):
            break
        membership = part[membership]
        h = np.zeros((len(level), k))
        h[np.arange(len(level)), part] = 1.0
        level = h.T @ level @ h
    return _relabel(membership)


def modularity(b: np.ndarray, total: float, labels: np.ndarray) -> float:
    if total <= 0 or len(labels) == 0:
        return float("nan")
    same = labels[:, None] == labels[None, :]
    return float(b[same].sum() / total)


# -- the graphs to partition ----------------------------------------------------------------------


def profile_similarity(edges: pd.DataFrame, min_common: int = 5) -> tuple[list[str], np.ndarray]:
    """Correlation between actors' balance profiles over their common partners (0 when too few)."""
    nodes, bal = weight_matrix(edges, "balance")
    _, present = weight_matrix(edges.assign(_one=1.0), "_one")
    mask = present > 0
    x = np.where(mask, np.nan_to_num(bal), 0.0)
    mk = mask.astype(float)
    n = mk @ mk.T
    sx = x @ mk.T
    sy = sx.T
    sxx = (x * x) @ mk.T
    syy = sxx.T
    sxy = x @ x.T
    with np.errstate(invalid="ignore", divide="ignore"):
        cov = sxy - sx * sy / n
        var = (sxx - sx * sx / n) * (syy - sy * sy / n)
        r = cov / np.sqrt(var)
    r[(n < min_common) | ~np.isfinite(r)] = 0.0
    np.fill_diagonal(r, 0.0)
    return nodes, r


def _graph(edges: pd.DataFrame, method: str, min_common: int) -> tuple[list[str], np.ndarray]:
    if method == "alignment":
        return profile_similarity(edges, min_common)
    return weight_matrix(edges)


def partition(nodes: list[str], w: np.ndarray, *, resolution: float = 1.0) -> tuple[pd.DataFrame, float]:
    """Blocs of the signed graph ``w``: membership frame and signed modularity."""
    if not nodes:
        return pd.DataFrame(columns=MEMBERSHIP_COLUMNS), float("nan")
    b, total = modularity_matrix(w, resolution)
    labels = louvain_signed(b)
    q = modularity(b, total, labels)
    sizes = np.bincount(labels)
    # number blocs 1.. by size (largest first), ties by their first member's name
    first = pd.Series(nodes).groupby(labels).min().to_dict()
    order = sorted(first, key=lambda lab: (-sizes[lab], first[lab]))
    number = {lab: i + 1 for i, lab in enumerate(order)}
    same = labels[:, None] == labels[None, :]
    np.fill_diagonal(same, False)
    other = ~(labels[:, None] == labels[None, :])
    with np.errstate(invalid="ignore", divide="ignore"):
        within = np.where(same.sum(1) > 0, (w * same).sum(1) / same.sum(1), np.nan)
        between = np.where(other.sum(1) > 0, (w * other).sum(1) / other.sum(1), np.nan)
    df = pd.DataFrame(
        {
            "actor": nodes,
            "bloc": [number[int(x)] for x in labels],
            "bloc_size": sizes[labels],
            "within": within,
            "between": between,
        }
    )
    return df.sort_values(["bloc", "actor"]).reset_index(drop=True), q


def blocs(
    store: Any,
    since: DateLike = None,
    until: DateLike = None,
    *,
    method: str = "alignment",
    weight: str = "goldstein",
    min_events: int = 1,
    min_common: int = 5,
    resolution: float = 1.0,
    datasets: Sequence[str] | None = None,
    actors: Sequence[str] | None = None,
    top_actors: int | None = None,
    count: CountMode = "events",
) -> pd.DataFrame:
    """Bloc membership in the window: ``actor``, ``bloc`` (1 = largest), ``bloc_size``, ``within`` and
    ``between`` (mean edge value to the actor's bloc and to the others).  ``df.attrs`` holds
    ``modularity``, ``method`` and ``n_blocs``.  ``top_actors`` keeps the N most active actors (by
    absolute weight) after the similarities are computed over all of them.  See the module docstring
    for the methods.  ``count``: ``events`` (each event cluster once) or ``mentions``."""
    if method not in METHODS:
        raise UsageError("E002", None, option="--method", value=method, expected=" | ".join(METHODS))
    edges = edge_table(
        store,
        since,
        until,
        weight=weight,
        min_events=min_events,
        datasets=datasets,
        actors=actors,
        count=count,
    )
    return blocs_of_edges(
        edges, method=method, min_common=min_common, resolution=resolution, top_actors=top_actors
    )


def blocs_of_edges(
    edges: pd.DataFrame,
    *,
    method: str = "alignment",
    min_common: int = 5,
    resolution: float = 1.0,
    top_actors: int | None = None,
) -> pd.DataFrame:
    """``blocs`` of an ``edge_table`` already in hand (e.g. one query serving a network and its blocs)."""
    if method not in METHODS:
        raise UsageError("E002", None, option="--method", value=method, expected=" | ".join(METHODS))
    nodes, w = _graph(edges, method, min_common)
    if top_actors and len(nodes) > top_actors:
        keep = np.sort(_most_active(edges, nodes, top_actors))
        nodes, w = [nodes[i] for i in keep], w[np.ix_(keep, keep)]
    df, q = partition(nodes, w, resolution=resolution)
    df.attrs.update(
        {"modularity": q, "method": method, "n_blocs": int(df["bloc"].nunique()) if len(df) else 0}
    )
    return df


def _most_active(edges: pd.DataFrame, nodes: list[str], n: int) -> np.ndarray:
    """Indices of the ``n`` actors with the largest absolute weight (ties by name)."""
    _, strength = weight_matrix(
        edges.assign(_abs=(edges["goldstein_sum"] + edges["weight_sum"]).abs()), "_abs"
    )
    total = strength.sum(axis=1)
    order = sorted(range(len(nodes)), key=lambda i: (-total[i], nodes[i]))
    return np.array(order[:n], dtype=int)


def bloc_summary(membership: pd.DataFrame, max_members: int = 12) -> pd.DataFrame:
    """One row per bloc: size and members (the first ``max_members`` by name)."""
    rows = []
    for bloc, grp in membership.groupby("bloc", sort=True):
        members = sorted(grp["actor"])
        more = f" (+{len(members) - max_members})" if len(members) > max_members else ""
        rows.append({"bloc": bloc, "size": len(members), "members": " ".join(members[:max_members]) + more})
    return pd.DataFrame(rows, columns=["bloc", "size", "members"])


# -- stability over time --------------------------------------------------------------------------


def adjusted_rand(x: Sequence[int], y: Sequence[int]) -> float:
    """Adjusted Rand index of two labelings of the same items (1 = identical partitions)."""
    xa, ya = np.asarray(x), np.asarray(y)
    if len(xa) < 2:
        return float("nan")
    _, xi = np.unique(xa, return_inverse=True)
    _, yi = np.unique(ya, return_inverse=True)
    table = np.zeros((xi.max() + 1, yi.max() + 1))
    np.add.at(table, (xi, yi), 1)

    def pairs(v: np.ndarray) -> float:
        return float((v * (v - 1) / 2).sum())

    index, a, b = pairs(table), pairs(table.sum(1)), pairs(table.sum(0))
    total = len(xa) * (len(xa) - 1) / 2
    expected = a * b / total
    top = (a + b) / 2
    return 1.0 if top == expected else (index - expected) / (top - expected)


def _align_labels(
    current: pd.DataFrame, previous: dict[str, int], next_label: int
) -> tuple[dict[int, int], int]:
    """Map this window's bloc numbers to the previous window's labels by largest overlap (greedy)."""
    overlap: dict[tuple[int, int], int] = {}
    for actor, bloc in zip(current["actor"], current["bloc"], strict=True):
        if actor in previous:
            key = (int(bloc), previous[actor])
            overlap[key] = overlap.get(key, 0) + 1
    mapping: dict[int, int] = {}
    used: set[int] = set()
    for (bloc, prev), _count in sorted(overlap.items(), key=lambda kv: (-kv[1], kv[0])):
        if bloc not in mapping and prev not in used:
            mapping[bloc] = prev
            used.add(prev)
    for bloc in sorted(set(current["bloc"].astype(int))):
        if bloc not in mapping:
            mapping[bloc] = next_label
            next_label += 1
    return mapping, next_label


def _extent(store: Any, datasets: Sequence[str] | None) -> tuple[date | None, date | None]:
    con = connection(store)
    ds, dp = dataset_match(datasets)
    lows, highs = [], []
    if use_events(datasets):
        row = con.execute(f"SELECT min(event_date), max(event_date) FROM events WHERE {ds}", dp).fetchall()[0]
        if row[0]:
            lows.append(row[0])
            highs.append(row[1])
    if use_weights(con, datasets):
        row = con.execute(f"SELECT min(date), max(date) FROM dyad_weights WHERE {ds}", dp).fetchall()[0]
        if row[0]:
            lows.append(row[0])
            highs.append(row[1])
    return (min(lows) if lows else None, max(highs) if highs else None)


@dataclass
class BlocTimeline:
    membership: pd.DataFrame  # window_start, window_end, actor, bloc (labels aligned across windows)
    windows: pd.DataFrame  # window_start, window_end, actors, blocs, modularity, ari_previous, kept_share
    actors: pd.DataFrame  # actor, windows, changes, mean_jaccard


def bloc_stability(
    store: Any,
    since: DateLike = None,
    until: DateLike = None,
    *,
    window: str = "year",
    **options: Any,
) -> BlocTimeline:
    """Blocs in consecutive ``window`` periods (month, quarter, year) and how membership holds.

    Bloc labels are carried over from one window to the next by largest overlap, so an actor keeping
    its label stayed with (most of) its bloc.  Per window: ``ari_previous`` (adjusted Rand index with
    the previous window, over actors present in both) and ``kept_share`` (share of those actors keeping
    their label).  Per actor: ``changes`` of label and ``mean_jaccard`` (overlap of its co-members
    between consecutive windows).  ``options`` go to ``blocs``.
    """
    if window not in FREQS or window in ("day", "week"):
        raise UsageError("E002", None, option="--window", value=window, expected="month | quarter | year")
    start, stop = parse_date(since, option="--since"), parse_date(until, end=True, option="--until")
    lo, hi = _extent(store, options.get("datasets"))
    start, stop = start or lo, stop or hi
    if start is None or stop is None:
        empty = pd.DataFrame()
        return BlocTimeline(empty, empty, empty)
    frames, summaries = [], []
    previous: dict[str, int] = {}
    prev_members: dict[str, set[str]] = {}
    next_label = 1
    for ts in full_index(start, stop, window):
        first = ts.date()
        last = min(period_end(first, window), stop)
        df = blocs(store, max(first, start), last, **options)
        mapping, next_label = _align_labels(df, previous, next_label)
        df = df.assign(bloc=df["bloc"].map(mapping), window_start=first, window_end=last)
        labels = dict(zip(df["actor"], df["bloc"].astype(int), strict=True))
        common = sorted(set(labels) & set(previous))
        summaries.append(
            {
                "window_start": first,
                "window_end": last,
                "actors": len(df),
                "blocs": int(df["bloc"].nunique()) if len(df) else 0,
                "modularity": df.attrs.get("modularity", float("nan")),
                "ari_previous": adjusted_rand([labels[a] for a in common], [previous[a] for a in common])
                if common
                else float("nan"),
                "kept_share": float(np.mean([labels[a] == previous[a] for a in common]))
                if common
                else float("nan"),
            }
        )
        members = {a: {b for b, lb in labels.items() if lb == la and b != a} for a, la in labels.items()}
        for a in common:
            before, after = prev_members[a] & set(labels), members[a] & set(previous)
            union = before | after
            df.loc[df["actor"] == a, "jaccard"] = len(before & after) / len(union) if union else np.nan
        frames.append(df)
        previous, prev_members = labels, members
    membership = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    if "jaccard" not in membership:
        membership["jaccard"] = np.nan
    membership = membership[["window_start", "window_end", "actor", "bloc", "bloc_size", "jaccard"]]
    actors = (
        membership.sort_values(["actor", "window_start"])
        .groupby("actor")
        .agg(
            windows=("bloc", "size"),
            changes=("bloc", lambda s: int((s.diff().fillna(0) != 0).sum())),
            mean_jaccard=("jaccard", "mean"),
        )
        .reset_index()
        .sort_values(["mean_jaccard", "actor"], ascending=[False, True], na_position="last")
        .reset_index(drop=True)
    )
    return BlocTimeline(membership, pd.DataFrame(summaries), actors)
