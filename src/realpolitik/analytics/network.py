"""The signed, weighted network of countries over a time window.

``edge_table`` aggregates events (and dyad weights) per undirected country pair in DuckDB.  The edge
weight is chosen by ``weight``:

* ``goldstein`` (default): the sum of Goldstein scores, plus the sum of dyad weights;
* ``balance``: ``(cooperation - conflict) / events`` in [-1, 1] (for dyad series: positive minus negative
  weight over their absolute sum);
* ``mean``: the mean Goldstein score per event (dyad series: mean weight per row).

The sign says cooperation (+) or conflict (-).  ``centrality`` ranks actors (degree, positive and negative
strength, eigenvector centrality of the absolute weights, betweenness on the cooperative edges) and
``structural_balance`` counts balanced triads (an even number of negative edges: "the friend of my
friend is my friend") and lists the most frustrated ones (strongest unbalanced triangles).
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from realpolitik.analytics.common import (
    CountMode,
    DateLike,
    connection,
    dataset_match,
    date_match,
    events_relation,
    normalise_actor,
    parse_date,
    use_events,
    use_weights,
    where,
)
from realpolitik.errors import UsageError

WEIGHTS = ("goldstein", "balance", "mean")
EDGE_COLUMNS = [
    "a",
    "b",
    "events",
    "goldstein_sum",
    "goldstein_mean",
    "coop",
    "conflict",
    "balance",
    "weight_sum",
    "weight_count",
    "weight",
    "sign",
]


def _event_edges(con: Any, clause: tuple[str, list[object]], relation: str) -> pd.DataFrame:
    sql, params = clause
    return con.execute(
        f"""
        SELECT least(source_country, target_country) AS a, greatest(source_country, target_country) AS b,
               count(*) AS events, sum(goldstein) AS goldstein_sum,
               count(*) FILTER (WHERE quad_class IN (1, 2)) AS coop,
               count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict
        FROM {relation}
        WHERE source_country IS NOT NULL AND target_country IS NOT NULL
          AND source_country <> target_country AND {sql}
        GROUP BY ALL
        """,
        params,
    ).df()


def _weight_edges(con: Any, clause: tuple[str, list[object]]) -> pd.DataFrame:
    sql, params = clause
    return con.execute(
        f"""
        SELECT least(a, b) AS a, greatest(a, b) AS b,
               sum(weight) AS weight_sum, count(*) AS weight_rows,
               sum(coalesce(count, 1)) AS weight_count,
               coalesce(sum(weight) FILTER (WHERE weight > 0), 0) AS weight_pos,
               coalesce(-sum(weight) FILTER (WHERE weight < 0), 0) AS weight_neg
        FROM dyad_weights WHERE a <> b AND {sql}
        GROUP BY ALL
        """,
        params,
    ).df()


def edge_table(
    store: Any,
    since: DateLike = None,
    until: DateLike = None,
    *,
    weight: str = "goldstein",
    min_events: int = 1,
    datasets: Sequence[str] | None = None,
    actors: Sequence[str] | None = None,
    count: CountMode = "events",
) -> pd.DataFrame:
    """One row per undirected country pair ``a < b`` active in the window (see the module docstring).

    ``min_events`` drops pairs with fewer events (for dyad series: fewer counted rows, e.g. active
    days); ``actors`` keeps only pairs between the given countries.  ``count``: ``events`` counts each
    event cluster once, ``mentions`` every coded sentence (and imported row).
    """
    if weight not in WEIGHTS:
        raise UsageError("E002", None, option="--weight", value=weight, expected=" | ".join(WEIGHTS))
    con = connection(store)
    start, stop = parse_date(since, option="--since"), parse_date(until, end=True, option="--until")
    frames = []
    if use_events(datasets):
        frames.append(
            _event_edges(
                con,
                where(date_match("event_date", start, stop), dataset_match(datasets)),
                events_relation(con, count),
            )
        )
    if use_weights(con, datasets):
        frames.append(_weight_edges(con, where(date_match("date", start, stop), dataset_match(datasets))))
    df = frames[0] if frames else pd.DataFrame(columns=["a", "b"])
    for f in frames[1:]:
        df = df.merge(f, on=["a", "b"], how="outer")
    return _finish_edges(df, weight, min_events, actors)


def _finish_edges(
    df: pd.DataFrame, weight: str, min_events: int, actors: Sequence[str] | None
) -> pd.DataFrame:
    if df.empty:
        return pd.DataFrame(columns=EDGE_COLUMNS)
    for col in ("events", "coop", "conflict", "weight_rows", "weight_count"):
        df[col] = df[col].fillna(0).astype("int64") if col in df else 0
    for col in ("goldstein_sum", "weight_sum", "weight_pos", "weight_neg"):
        df[col] = df[col].fillna(0.0).astype("float64") if col in df else 0.0
    if actors:
        keep = {normalise_actor(x) for x in actors}
        df = df[df["a"].isin(keep) & df["b"].isin(keep)]
    df = df[(df["events"] + df["weight_count"]) >= min_events].copy()
    ev = df["events"].to_numpy(dtype=float)
    rows = df["weight_rows"].to_numpy(dtype=float)
    pos, neg = df["weight_pos"].to_numpy(), df["weight_neg"].to_numpy()
    with np.errstate(invalid="ignore", divide="ignore"):
        df["goldstein_mean"] = np.where(ev > 0, df["goldstein_sum"] / ev, np.nan)
        ev_balance = np.where(ev > 0, (df["coop"] - df["conflict"]) / ev, np.nan)
        w_balance = np.where(pos + neg > 0, (pos - neg) / (pos + neg), np.nan)
        df["balance"] = np.where(ev > 0, ev_balance, w_balance)
        if weight == "goldstein":
            w = df["goldstein_sum"] + df["weight_sum"]
        elif weight == "balance":
            w = df["balance"]
        else:
            w = np.where(ev > 0, df["goldstein_mean"], np.where(rows > 0, df["weight_sum"] / rows, np.nan))
    df["weight"] = np.nan_to_num(np.asarray(w, dtype=float))
    df["sign"] = np.sign(df["weight"]).astype("int64")
    df = df.sort_values(["a", "b"]).reset_index(drop=True)
    return df[EDGE_COLUMNS]


# -- matrices -------------------------------------------------------------------------------------


def weight_matrix(edges: pd.DataFrame, column: str = "weight") -> tuple[list[str], np.ndarray]:
    """Sorted node names and the symmetric matrix of ``column`` (0 where no edge)."""
    nodes = sorted(set(edges["a"]) | set(edges["b"]))
    index = {n: i for i, n in enumerate(nodes)}
    w = np.zeros((len(nodes), len(nodes)))
    if nodes:
        ia = edges["a"].map(index).to_numpy()
        ib = edges["b"].map(index).to_numpy()
        vals = edges[column].to_numpy(dtype=float)
        w[ia, ib] = vals
        w[ib, ia] = vals
        np.fill_diagonal(w, 0.0)
    return nodes, w


def signed_graph(edges: pd.DataFrame) -> nx.Graph:
    """A networkx graph with ``weight`` (signed), ``abs_weight``, ``sign`` and ``events`` on each edge."""
    g = nx.Graph()
    for row in edges.itertuples(index=False):
        if row.weight == 0:
            continue
        g.add_edge(
            row.a,
            row.b,
            weight=float(row.weight),
            abs_weight=abs(float(row.weight)),
            sign=int(row.sign),
            events=int(row.events),
        )
    return g


def _eigenvector(w: np.ndarray) -> np.ndarray:
    if len(w) == 0:
        return np.zeros(0)
    vals, vecs = np.linalg.eigh(np.abs(w))
    v = np.abs(vecs[:, int(np.argmax(vals))])
    return v / v.max() if v.max() > 0 else v


def _betweenness(nodes: list[str], edges: pd.DataFrame, max_work: float = 4e5) -> np.ndarray:
    """Betweenness on the cooperative (positive) edges, strong ties being short; sampled when large."""
    pos = edges[edges["weight"] > 0]
    if pos.empty:
        return np.zeros(len(nodes))
    g = nx.Graph()
    g.add_nodes_from(nodes)
    top = float(pos["weight"].max())
    for row in pos.itertuples(index=False):
        g.add_edge(row.a, row.b, distance=top / float(row.weight))
    n, m = g.number_of_nodes(), g.number_of_edges()
    k = None if n * m <= max_work else max(8, min(n, int(max_work / max(m, 1))))
    bc = nx.betweenness_centrality(g, k=k, weight="distance", normalized=True, seed=0)
    return np.array([bc.get(x, 0.0) for x in nodes])


def centrality(edges: pd.DataFrame, *, betweenness: bool = True) -> pd.DataFrame:
    """Per actor: degree, positive/negative degree and strength, net strength, eigenvector centrality
    (on absolute weights) and betweenness (on cooperative edges), most central first."""
    cols = [
        "actor",
        "degree",
        "positive",
        "negative",
        "strength",
        "positive_strength",
        "negative_strength",
        "net_strength",
        "events",
        "eigenvector",
        "betweenness",
    ]
    edges = edges[edges["weight"] != 0]
    if edges.empty:
        return pd.DataFrame(columns=cols)
    nodes, w = weight_matrix(edges)
    _, ev = weight_matrix(edges, "events")
    out = pd.DataFrame(
        {
            "actor": nodes,
            "degree": (w != 0).sum(axis=1),
            "positive": (w > 0).sum(axis=1),
            "negative": (w < 0).sum(axis=1),
            "strength": np.abs(w).sum(axis=1),
            "positive_strength": np.clip(w, 0, None).sum(axis=1),
            "negative_strength": np.clip(-w, 0, None).sum(axis=1),
            "net_strength": w.sum(axis=1),
            "events": ev.sum(axis=1).astype("int64"),
            "eigenvector": _eigenvector(w),
            "betweenness": _betweenness(nodes, edges) if betweenness else np.nan,
        }
    )
    return out.sort_values(["eigenvector", "actor"], ascending=[False, True]).reset_index(drop=True)[cols]


# -- structural balance ---------------------------------------------------------------------------


@dataclass
class Balance:
    """Structural balance of a signed network (triangles only)."""

    triads: int
    balanced: int
    unbalanced: int
    share_balanced: float  # NaN without triangles
    weighted_share_balanced: float  # triangles weighted by the geometric mean of their |weights|
    frustrated: pd.DataFrame = field(default_factory=pd.DataFrame)  # strongest unbalanced triangles

    def as_json(self) -> dict[str, object]:
        return {
            "triads": self.triads,
            "balanced": self.balanced,
            "unbalanced": self.unbalanced,
            "share_balanced": None if np.isnan(self.share_balanced) else round(self.share_balanced, 4),
            "weighted_share_balanced": None
            if np.isnan(self.weighted_share_balanced)
            else round(self.weighted_share_balanced, 4),
        }


def _trace3(m: np.ndarray) -> float:
    return float(np.einsum("ij,jk,ki->", m, m, m, optimize=True))


def structural_balance(edges: pd.DataFrame, *, top: int = 10) -> Balance:
    """Share of balanced triangles (counted and weighted) and the ``top`` most frustrated triangles.

    Counts come from matrix traces: with A the 0/1 adjacency and S the sign matrix,
    triangles = tr(A³)/6 and balanced - unbalanced = tr(S³)/6.
    """
    edges = edges[edges["weight"] != 0]
    nodes, w = weight_matrix(edges)
    if len(nodes) < 3:
        return Balance(0, 0, 0, float("nan"), float("nan"), frustrated_triads(edges, 0))
    a = (w != 0).astype(float)
    s = np.sign(w)
    triads = round(_trace3(a) / 6)
    signed = round(_trace3(s) / 6)
    balanced = (triads + signed) // 2
    c = np.cbrt(np.abs(w))
    tot_w = _trace3(c) / 6
    signed_w = _trace3(s * c) / 6
    share = balanced / triads if triads else float("nan")
    wshare = (tot_w + signed_w) / (2 * tot_w) if tot_w > 0 else float("nan")
    frustrated = frustrated_triads(edges, top)
    return Balance(int(triads), int(balanced), int(triads - balanced), share, wshare, frustrated)


def _top_frustrated(nodes: list[str], w: np.ndarray, top: int) -> list[tuple[float, int, int, int]]:
    """The ``top`` unbalanced triangles (i < j < k) by their weakest absolute weight."""
    if top <= 0:
        return []
    best: list[tuple[float, int, int, int]] = []
    n = len(nodes)
    s = np.sign(w)
    aw = np.abs(w)
    for i in range(n - 2):
        nb = np.flatnonzero(w[i, i + 1 :]) + i + 1
        if len(nb) < 2:
            continue
        sub = w[np.ix_(nb, nb)]
        jj, kk = np.nonzero(np.triu(sub, 1))
        if len(jj) == 0:
            continue
        j, k = nb[jj], nb[kk]
        unbalanced = s[i, j] * s[i, k] * s[j, k] < 0
        if not unbalanced.any():
            continue
        j, k = j[unbalanced], k[unbalanced]
        strength = np.minimum(np.minimum(aw[i, j], aw[i, k]), aw[j, k])
        if len(strength) > top:
            keep = np.argpartition(-strength, top - 1)[:top]
            j, k, strength = j[keep], k[keep], strength[keep]
        for sj, sk, st in zip(j.tolist(), k.tolist(), strength.tolist(), strict=True):
            item = (st, -i, -sj, -sk)
            if len(best) < top:
                heapq.heappush(best, item)
            elif item > best[0]:
                heapq.heapreplace(best, item)
    ordered = sorted(best, reverse=True)
    return [(st, -i, -j, -k) for st, i, j, k in ordered]


def frustrated_triads(edges: pd.DataFrame, top: int = 10) -> pd.DataFrame:
    """The ``top`` most frustrated (unbalanced) triangles: actors a, b, c, the three signed weights
    and ``strength`` (the weakest absolute weight of the three)."""
    edges = edges[edges["weight"] != 0]
    nodes, w = weight_matrix(edges)
    items = _top_frustrated(nodes, w, top) if len(nodes) >= 3 else []
    rows = [
        {
            "a": nodes[i],
            "b": nodes[j],
            "c": nodes[k],
            "weight_ab": w[i, j],
            "weight_bc": w[j, k],
            "weight_ac": w[i, k],
            "negative_edges": int((w[i, j] < 0) + (w[j, k] < 0) + (w[i, k] < 0)),
            "strength": st,
        }
        for st, i, j, k in items
    ]
    return pd.DataFrame(
        rows, columns=["a", "b", "c", "weight_ab", "weight_bc", "weight_ac", "negative_edges", "strength"]
    )


# -- all together ---------------------------------------------------------------------------------


@dataclass
class Network:
    edges: pd.DataFrame
    nodes: pd.DataFrame
    balance: Balance

    @property
    def graph(self) -> nx.Graph:
        return signed_graph(self.edges)


def analyse_network(
    store: Any,
    since: DateLike = None,
    until: DateLike = None,
    *,
    weight: str = "goldstein",
    min_events: int = 1,
    datasets: Sequence[str] | None = None,
    actors: Sequence[str] | None = None,
    top_triads: int = 10,
    betweenness: bool = True,
    count: CountMode = "events",
) -> Network:
    """Edges, node centralities and structural balance of the window's signed network."""
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
    nodes = centrality(edges, betweenness=betweenness)
    balance = structural_balance(edges, top=top_triads)
    return Network(edges=edges, nodes=nodes, balance=balance)
