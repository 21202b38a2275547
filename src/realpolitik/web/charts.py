"""Charts of the page data (``realpolitik.web.data``) as inline SVG strings."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from realpolitik.web import svg


def timeline(points: list[dict[str, Any]], title: str, *, anchors: bool = False) -> Markup:
    """Bars per period: cooperation up, conflict down; ``anchors`` links each bar to its events."""
    bars = [
        svg.Bar(
            label=p["label"],
            coop=p["coop"],
            conflict=p["conflict"],
            other=p["events"] - p["coop"] - p["conflict"],
            href=f"#p-{p['period']}" if anchors and p["events"] else None,
        )
        for p in points
    ]
    return Markup(svg.bar_chart(bars, title=title))


def actor_lines(series: dict[str, list[dict[str, Any]]], title: str) -> Markup:
    """Goldstein sum per period with each of the actor's main counterparts."""
    labels = sorted({p["label"] for pts in series.values() for p in pts})
    lines = {}
    for name, pts in series.items():
        by = {p["label"]: p["goldstein"] for p in pts}
        lines[name] = [float(by[x]) if by.get(x) is not None else float("nan") for x in labels]
    return Markup(svg.line_chart(labels, lines, title=title))


def network_window(window: dict[str, Any]) -> Markup:
    nodes = {n["id"]: n["bloc"] for n in window["nodes"]}
    for e in window["edges"]:
        nodes.setdefault(e["a"], 0)
        nodes.setdefault(e["b"], 0)
    edges = [svg.Edge(e["a"], e["b"], e["weight"], e["events"]) for e in window["edges"]]
    title = f"{window['label']}: {len(nodes)} actors, {len(edges)} pairs"
    return Markup(svg.network_chart(nodes, edges, title=title, window=window["label"]))


GLOBALS = {"timeline_chart": timeline, "actor_chart": actor_lines, "network_chart": network_window}
