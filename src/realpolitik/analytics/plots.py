"""Plots of the analytics results, written to PNG or SVG with matplotlib's Agg canvas (no display)."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from realpolitik.errors import UsageError

SUFFIXES = (".png", ".svg")


def check_plot_path(path: str | Path) -> Path:
    p = Path(path)
    if p.suffix.lower() not in SUFFIXES:
        raise UsageError(
            "E002", None, option="--plot", value=str(path), expected="a file name ending in .png or .svg"
        )
    if p.parent != Path() and not p.parent.is_dir():
        raise UsageError("E001", p.parent)
    return p


def _save(fig: Figure, path: str | Path) -> Path:
    p = check_plot_path(path)
    FigureCanvasAgg(fig)
    fig.savefig(p, format=p.suffix.lower().lstrip("."), dpi=120, bbox_inches="tight")
    return p


def plot_dyad(
    series: pd.DataFrame,
    path: str | Path,
    *,
    title: str = "",
    value: str = "auto",
    change_points: pd.DataFrame | None = None,
) -> Path:
    """Bars of events (or weight) per period above the balance (or weight) line, change points marked."""
    fig = Figure(figsize=(10, 5.5))
    top, bottom = fig.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [1, 1.4]})
    x = pd.to_datetime(series["period"])
    width = (
        float(np.median(np.diff(x.values).astype("timedelta64[D]").astype(float))) * 0.8 if len(x) > 1 else 20
    )
    has_events = series["events"].sum() > 0
    if has_events:
        top.bar(x, series["events"], width=width, color="#7a8b99")
        top.set_ylabel("events")
    else:
        top.bar(x, series["weight_count"], width=width, color="#7a8b99")
        top.set_ylabel("count")
    if value == "auto":
        value = "balance" if has_events and series["weight_count"].sum() == 0 else "weight"
    y = series["balance"] if value == "balance" else series["goldstein_sum"] + series["weight"]
    bottom.axhline(0, color="#999999", linewidth=0.8)
    bottom.plot(x, y, color="#1f4e79", marker="o", markersize=2.5, linewidth=1.2)
    bottom.set_ylabel("balance (coop - conflict) / events" if value == "balance" else "weight")
    if change_points is not None:
        for when in change_points["period"]:
            for ax in (top, bottom):
                ax.axvline(pd.Timestamp(when), color="#c0392b", linestyle="--", linewidth=1)
    top.set_title(title)
    fig.autofmt_xdate()
    return _save(fig, path)


def plot_network(
    edges: pd.DataFrame,
    path: str | Path,
    *,
    membership: pd.DataFrame | None = None,
    max_nodes: int = 50,
    max_edges: int = 250,
    title: str = "",
) -> Path:
    """The ``max_nodes`` strongest actors and their ``max_edges`` strongest ties: green cooperative, red
    conflictual, width by |weight|; placed by the cooperative ties; node colour by bloc if given."""
    edges = edges[edges["weight"] != 0]
    ends = pd.concat(
        [edges[["a", "weight"]].rename(columns={"a": "n"}), edges[["b", "weight"]].rename(columns={"b": "n"})]
    )
    strength = ends.assign(weight=ends["weight"].abs()).groupby("n")["weight"].sum()
    keep = set(strength.sort_values(ascending=False).head(max_nodes).index)
    sub = edges[edges["a"].isin(keep) & edges["b"].isin(keep)]
    sub = sub.assign(_abs=sub["weight"].abs()).sort_values("_abs", ascending=False).head(max_edges)
    fig = Figure(figsize=(10, 10))
    ax = fig.subplots()
    ax.set_axis_off()
    nodes = sorted(keep)
    if nodes:
        top = float(sub["_abs"].max()) if len(sub) else 1.0
        layout = nx.Graph()
        layout.add_nodes_from(nodes)
        for row in sub[sub["weight"] > 0].itertuples(index=False):
            layout.add_edge(row.a, row.b, w=float(row.weight) / top)
        pos = nx.spring_layout(layout, weight="w", seed=0, k=1.5 / np.sqrt(len(nodes)))
        for row in sub.itertuples(index=False):
            (x0, y0), (x1, y1) = pos[row.a], pos[row.b]
            share = abs(float(row.weight)) / top
            colour = "#2e8b57" if row.weight > 0 else "#c0392b"
            ax.plot([x0, x1], [y0, y1], color=colour, linewidth=0.3 + 4.0 * share, alpha=0.3 + 0.6 * share)
        colours = _bloc_colours(nodes, membership)
        xs = np.array([pos[n][0] for n in nodes])
        ys = np.array([pos[n][1] for n in nodes])
        sizes = 40 + 400 * strength.reindex(nodes).to_numpy() / float(strength.max())
        ax.scatter(xs, ys, s=sizes, c=colours, edgecolors="#333333", linewidths=0.5, zorder=3)
        for n, x0, y0 in zip(nodes, xs, ys, strict=True):
            ax.annotate(
                n,
                (x0, y0),
                fontsize=7,
                ha="center",
                va="bottom",
                xytext=(0, 6),
                textcoords="offset points",
                zorder=4,
            )
    ax.set_title(title)
    return _save(fig, path)


def _bloc_colours(nodes: list[str], membership: pd.DataFrame | None) -> list[str]:
    palette = [
        "#1f77b4",
        "#d62728",
        "#2ca02c",
        "#ff7f0e",
        "#9467bd",
        "#8c564b",
        "#e377c2",
        "#17becf",
        "#bcbd22",
        "#7f7f7f",
    ]
    if membership is None or membership.empty:
        return ["#4a7fb0"] * len(nodes)
    bloc = dict(zip(membership["actor"], membership["bloc"], strict=True))
    return [palette[(int(bloc[n]) - 1) % len(palette)] if n in bloc else "#dddddd" for n in nodes]


def plot_blocs(timeline: pd.DataFrame, path: str | Path, *, max_actors: int = 60, title: str = "") -> Path:
    """Bloc membership over windows (actors × windows, colour = aligned bloc label)."""
    counts = timeline.groupby("actor")["bloc"].size().sort_values(ascending=False)
    actors = sorted(counts.head(max_actors).index)
    wide = timeline[timeline["actor"].isin(actors)].pivot_table(
        index="actor", columns="window_start", values="bloc", aggfunc="first"
    )
    fig = Figure(figsize=(max(6, 0.5 * wide.shape[1] + 3), max(4, 0.18 * len(actors) + 1)))
    ax = fig.subplots()
    ax.imshow(
        wide.to_numpy(dtype=float) % 10, aspect="auto", cmap="tab10", vmin=0, vmax=10, interpolation="nearest"
    )
    ax.set_yticks(range(len(wide.index)), list(wide.index), fontsize=6)
    ax.set_xticks(range(len(wide.columns)), [str(c)[:7] for c in wide.columns], rotation=90, fontsize=7)
    ax.set_title(title)
    return _save(fig, path)


def plot_movers(movers_df: pd.DataFrame, path: str | Path, *, title: str = "") -> Path:
    """Horizontal bars of the change per pair (most moved on top)."""
    df = movers_df.iloc[::-1]
    fig = Figure(figsize=(8, max(3, 0.3 * len(df) + 1)))
    ax = fig.subplots()
    colours = ["#2e8b57" if c > 0 else "#c0392b" for c in df["change"]]
    ax.barh([f"{a}-{b}" for a, b in zip(df["a"], df["b"], strict=True)], df["change"], color=colours)
    ax.axvline(0, color="#999999", linewidth=0.8)
    ax.set_xlabel(f"change in {df['metric'].iloc[0]}" if len(df) else "change")
    ax.set_title(title)
    return _save(fig, path)
