"""Small server-side SVG charts (no JavaScript, no network): time bars, lines and a network drawing.

Every function returns an ``<svg>`` string with escaped text, sized by a ``viewBox`` so it scales.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

COOP = "#2b7bb9"
CONFLICT = "#d1495b"
PALETTE = ("#2b7bb9", "#d1495b", "#edae49", "#66a182", "#8e6c8a", "#00798c", "#f08a4b", "#6b717e")
NEUTRAL = "#9aa0a6"


@dataclass(frozen=True, slots=True)
class Bar:
    """One period of a stacked bar chart: cooperation above the axis, conflict below."""

    label: str
    coop: float
    conflict: float
    other: float = 0.0
    href: str | None = None


def _fmt(x: float) -> str:
    return f"{x:.1f}"


def empty_chart(message: str, width: int = 720, height: int = 80) -> str:
    return (
        f'<svg class="chart empty" viewBox="0 0 {width} {height}" role="img" xmlns="http://www.w3.org/2000/svg">'
        f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle">{escape(message)}</text></svg>'
    )


def bar_chart(bars: Sequence[Bar], *, title: str, width: int = 720, height: int = 240) -> str:
    """Cooperation (blue, up) and conflict (red, down) per period; neutral events in grey on top."""
    if not bars:
        return empty_chart("No events match.")
    top = max(max(b.coop + b.other for b in bars), 1.0)
    bottom = max(max(b.conflict for b in bars), 0.0)
    pad_l, pad_r, pad_t, pad_b = 40, 10, 24, 28
    plot_h = height - pad_t - pad_b
    scale = plot_h / (top + bottom)
    axis = pad_t + top * scale
    step = (width - pad_l - pad_r) / len(bars)
    bar_w = min(max(step * 0.8, 1.0), 48.0)
    parts = [
        f'<svg class="chart bars" viewBox="0 0 {width} {height}" role="img" xmlns="http://www.w3.org/2000/svg"'
        f' data-bars="{len(bars)}"><title>{escape(title)}</title>',
        f'<text x="{pad_l}" y="14" class="chart-title">{escape(title)}</text>',
        f'<line x1="{pad_l}" x2="{width - pad_r}" y1="{_fmt(axis)}" y2="{_fmt(axis)}" stroke="#444"/>',
        f'<text x="{pad_l - 4}" y="{pad_t + 8}" text-anchor="end" font-size="10">{int(top)}</text>',
    ]
    if bottom:
        parts.append(
            f'<text x="{pad_l - 4}" y="{height - pad_b}" text-anchor="end" font-size="10">'
            f"-{int(bottom)}</text>"
        )
    label_every = max(1, math.ceil(len(bars) / 12))
    for i, b in enumerate(bars):
        x = pad_l + i * step + (step - bar_w) / 2
        tip = f"{b.label}: {b.coop:g} cooperation, {b.conflict:g} conflict, {b.other:g} other"
        rects = []
        if b.coop:
            rects.append((axis - b.coop * scale, b.coop * scale, COOP, "coop"))
        if b.other:
            rects.append((axis - (b.coop + b.other) * scale, b.other * scale, NEUTRAL, "other"))
        if b.conflict:
            rects.append((axis, b.conflict * scale, CONFLICT, "conflict"))
        inner = "".join(
            f'<rect class="bar {cls}" x="{_fmt(x)}" y="{_fmt(y)}" width="{_fmt(bar_w)}" height="{_fmt(h)}"'
            f' fill="{colour}"/>'
            for y, h, colour, cls in rects
        )
        group = f'<g data-period="{escape(b.label)}"><title>{escape(tip)}</title>{inner}</g>'
        if b.href:
            group = f'<a href="{escape(b.href)}">{group}</a>'
        parts.append(group)
        if i % label_every == 0:
            parts.append(
                f'<text x="{_fmt(x + bar_w / 2)}" y="{height - 8}" text-anchor="middle" font-size="10">'
                f"{escape(b.label)}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)


def line_chart(
    labels: Sequence[str],
    series: Mapping[str, Sequence[float]],
    *,
    title: str,
    width: int = 720,
    height: int = 240,
) -> str:
    """One line per named series over shared period labels, with a zero line and a legend."""
    if not labels or not series:
        return empty_chart("No events match.")
    values = [v for vals in series.values() for v in vals if not math.isnan(v)] or [0.0]
    lo, hi = min(min(values), 0.0), max(max(values), 0.0)
    if hi == lo:
        hi = lo + 1.0
    pad_l, pad_r, pad_t, pad_b = 44, 10, 24, 40
    plot_w, plot_h = width - pad_l - pad_r, height - pad_t - pad_b

    def xy(i: int, v: float) -> tuple[float, float]:
        x = pad_l + (plot_w * i / (len(labels) - 1) if len(labels) > 1 else plot_w / 2)
        return x, pad_t + (hi - v) / (hi - lo) * plot_h

    zero = xy(0, 0.0)[1]
    parts = [
        f'<svg class="chart lines" viewBox="0 0 {width} {height}" role="img" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title>",
        f'<text x="{pad_l}" y="14" class="chart-title">{escape(title)}</text>',
        f'<line x1="{pad_l}" x2="{width - pad_r}" y1="{_fmt(zero)}" y2="{_fmt(zero)}" stroke="#999"'
        ' stroke-dasharray="3 3"/>',
        f'<text x="{pad_l - 4}" y="{pad_t + 8}" text-anchor="end" font-size="10">{hi:.3g}</text>',
        f'<text x="{pad_l - 4}" y="{pad_t + plot_h}" text-anchor="end" font-size="10">{lo:.3g}</text>',
    ]
    label_every = max(1, math.ceil(len(labels) / 10))
    for i, label in enumerate(labels):
        if i % label_every == 0:
            x = xy(i, 0.0)[0]
            parts.append(
                f'<text x="{_fmt(x)}" y="{height - 24}" text-anchor="middle" font-size="10">'
                f"{escape(label)}</text>"
            )
    for k, (name, vals) in enumerate(series.items()):
        colour = PALETTE[k % len(PALETTE)]
        points = [xy(i, v) for i, v in enumerate(vals) if not math.isnan(v)]
        if len(points) > 1:
            path = " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in points)
            parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{path}"/>')
        for x, y in points:
            parts.append(f'<circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="3" fill="{colour}"/>')
        lx = pad_l + k * 110
        parts.append(
            f'<rect x="{lx}" y="{height - 14}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{lx + 14}" y="{height - 5}" font-size="11">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class Edge:
    a: str
    b: str
    weight: float
    events: int


def network_chart(
    nodes: dict[str, int], edges: Sequence[Edge], *, title: str, size: int = 480, window: str = ""
) -> str:
    """Actors on a circle grouped by bloc (colour); green edges cooperate, red edges conflict."""
    if not nodes:
        return empty_chart("No country pairs in this window.", width=size, height=80)
    order = sorted(nodes, key=lambda n: (nodes[n], n))
    centre, radius = size / 2, size / 2 - 60
    pos = {}
    for i, name in enumerate(order):
        angle = 2 * math.pi * i / len(order) - math.pi / 2
        pos[name] = (centre + radius * math.cos(angle), centre + radius * math.sin(angle))
    strongest = max((abs(e.weight) for e in edges), default=1.0) or 1.0
    parts = [
        f'<svg class="chart network" viewBox="0 0 {size} {size}" role="img" xmlns="http://www.w3.org/2000/svg"'
        f' data-window="{escape(window)}" data-nodes="{len(nodes)}" data-edges="{len(edges)}">'
        f"<title>{escape(title)}</title>",
        f'<text x="10" y="18" class="chart-title">{escape(title)}</text>',
    ]
    for e in edges:
        if e.a not in pos or e.b not in pos:
            continue
        (x1, y1), (x2, y2) = pos[e.a], pos[e.b]
        colour = "#3a9d5d" if e.weight > 0 else CONFLICT if e.weight < 0 else NEUTRAL
        width = 1 + 5 * abs(e.weight) / strongest
        tip = f"{e.a}–{e.b}: weight {e.weight:.1f}, {e.events} events"
        parts.append(
            f'<line class="edge" x1="{_fmt(x1)}" y1="{_fmt(y1)}" x2="{_fmt(x2)}" y2="{_fmt(y2)}"'
            f' stroke="{colour}" stroke-width="{_fmt(width)}" stroke-opacity="0.7">'
            f"<title>{escape(tip)}</title></line>"
        )
    for name in order:
        x, y = pos[name]
        colour = PALETTE[(nodes[name] - 1) % len(PALETTE)] if nodes[name] > 0 else NEUTRAL
        parts.append(
            f'<g class="node" data-bloc="{nodes[name]}"><circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="9"'
            f' fill="{colour}" stroke="#222"/><text x="{_fmt(x)}" y="{_fmt(y - 13)}" text-anchor="middle"'
            f' font-size="11">{escape(name)}</text><title>{escape(name)}: bloc {nodes[name]}</title></g>'
        )
    parts.append("</svg>")
    return "".join(parts)
