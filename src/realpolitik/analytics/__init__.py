"""Alignment analytics over coded and imported events (and imported dyad series).

Everything reads the store with DuckDB SQL and returns pandas data frames:

* ``dyad_series`` / ``dyad_events`` — a pair's (or one actor's) relation over time, and the events
  behind any point;
* ``edge_table`` / ``network`` / ``centrality`` / ``structural_balance`` — the signed country network
  of a window;
* ``blocs`` / ``bloc_stability`` — aligned groups by signed community detection, and how they hold
  over consecutive windows;
* ``dyad_change_points`` / ``movers`` — breaks in a dyad's series, and the pairs that moved most
  between two periods with the events driving the move;
* ``realpolitik.analytics.plots`` — PNG/SVG plots of the above.
"""

from realpolitik.analytics.blocs import BlocTimeline, bloc_stability, bloc_summary, blocs, blocs_of_edges
from realpolitik.analytics.dyads import dyad_events, dyad_series
from realpolitik.analytics.network import (
    Balance,
    Network,
    analyse_network,
    centrality,
    edge_table,
    frustrated_triads,
    signed_graph,
    structural_balance,
)
from realpolitik.analytics.shifts import (
    change_points,
    dyad_change_points,
    metric_values,
    movers,
    series_change_points,
)

__all__ = [
    "Balance",
    "BlocTimeline",
    "Network",
    "analyse_network",
    "bloc_stability",
    "bloc_summary",
    "blocs",
    "blocs_of_edges",
    "centrality",
    "change_points",
    "dyad_change_points",
    "dyad_events",
    "dyad_series",
    "edge_table",
    "frustrated_triads",
    "metric_values",
    "movers",
    "series_change_points",
    "signed_graph",
    "structural_balance",
]
