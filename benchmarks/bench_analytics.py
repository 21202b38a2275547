"""Benchmark: analytics API against hand-written DuckDB GROUP BYs over 10 million synthetic events.

Run from the repository root:  .venv/bin/python benchmarks/bench_analytics.py [--events N] [--db PATH]

It fills a store (the real schema) with N synthetic events (default 10,000,000), then times, on the
same table in the same run:

* ``dyad_series(store, "RUS", "UKR", freq="month")`` against one GROUP BY month for the pair;
* ``edge_table(store, since, until)`` (the network's aggregation) against one GROUP BY pair;
* ``analyse_network`` (aggregation + centrality + structural balance) for reference.

Each timing is the best of ``--repeat`` runs after one warm-up, API and hand-written query
alternating (the machine may be shared).  Not a test.
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from realpolitik.analytics import analyse_network, dyad_series, edge_table
from realpolitik.store import Store

COUNTRIES = re.findall(
    r"[A-Z]{3}",
    "USA RUS CHN UKR GBR FRA DEU JPN KOR PRK IRN ISR PSE TUR IND PAK SAU EGY SYR IRQ AFG BRA MEX CAN AUS "
    "ITA ESP POL BLR GEO ARM AZE KAZ VNM PHL IDN THA MYS SGP NGA ZAF ETH KEN SDN LBY YEM QAT ARE VEN COL "
    "ARG CHL CUB NLD BEL SWE NOR FIN",
)
ROLES = ("", "GOV", "MIL", "BUS", "MED", "OPP", "CVL")
CAMEO = (
    ("010", 0.0, 1),
    ("036", 4.0, 1),
    ("040", 1.0, 1),
    ("042", 1.9, 1),
    ("043", 2.8, 1),
    ("051", 3.4, 1),
    ("057", 8.0, 1),
    ("061", 6.4, 2),
    ("071", 7.4, 2),
    ("111", -2.0, 3),
    ("112", -2.0, 3),
    ("120", -4.0, 3),
    ("130", -4.4, 3),
    ("160", -4.0, 3),
    ("173", -5.0, 4),
    ("190", -10.0, 4),
    ("193", -10.0, 4),
)


def fill(store: Store, n: int) -> float:
    """Insert ``n`` synthetic events with SQL; returns seconds."""
    countries = "[" + ", ".join(f"'{c}'" for c in COUNTRIES) + "]"
    roles = "[" + ", ".join(f"'{r}'" for r in ROLES) + "]"
    codes = "[" + ", ".join(f"'{c}'" for c, _, _ in CAMEO) + "]"
    gold = "[" + ", ".join(str(g) for _, g, _ in CAMEO) + "]"
    quad = "[" + ", ".join(str(q) for _, _, q in CAMEO) + "]"
    nc, nr, nk = len(COUNTRIES), len(ROLES), len(CAMEO)
    start = time.perf_counter()
    store.con.execute(
        f"""
        INSERT INTO events (event_id, dataset, source_code, source_country, target_code, target_country,
                            cameo, root, goldstein, quad_class, event_date, date_precision, num_mentions)
        WITH r AS (
            SELECT i,
                   (hash(i) % {nc})::INT AS s0,
                   1 + (hash(i * 7) % ({nc} - 1))::INT AS off,
                   1 + s0 AS s,
                   1 + ((s0 + off) % {nc})::INT AS t,
                   1 + (hash(i * 3) % {nr})::INT AS sr,
                   1 + (hash(i * 5) % {nr})::INT AS tr,
                   1 + (hash(i * 11) % {nk})::INT AS k,
                   (hash(i * 13) % 3653)::INT AS d
            FROM range({n}) t(i)
        )
        SELECT 'bench:' || i, 'bench',
               {countries}[s] || {roles}[sr], {countries}[s],
               {countries}[t] || {roles}[tr], {countries}[t],
               {codes}[k], left({codes}[k], 2), {gold}[k], {quad}[k],
               DATE '2015-01-01' + d, 'day', 1 + (hash(i * 17) % 20)::INT
        FROM r
        """
    )
    return time.perf_counter() - start


def compare(api: Callable[[], Any], hand: Callable[[], Any], repeat: int) -> tuple[float, float, Any, Any]:
    """Best-of-``repeat`` times of ``api`` and ``hand``, run alternately (so load changes hit both)."""
    api_result, hand_result = api(), hand()  # warm-up
    api_times, hand_times = [], []
    for _ in range(repeat):
        t0 = time.perf_counter()
        api_result = api()
        t1 = time.perf_counter()
        hand_result = hand()
        t2 = time.perf_counter()
        api_times.append(t1 - t0)
        hand_times.append(t2 - t1)
    return min(api_times), min(hand_times), api_result, hand_result


HAND_DYAD = """
    SELECT CAST(date_trunc('month', event_date) AS DATE) AS period, count(*) AS events,
           sum(goldstein), avg(goldstein),
           count(*) FILTER (WHERE quad_class = 1), count(*) FILTER (WHERE quad_class = 2),
           count(*) FILTER (WHERE quad_class = 3), count(*) FILTER (WHERE quad_class = 4)
    FROM events
    WHERE (source_country = 'RUS' AND target_country = 'UKR')
       OR (source_country = 'UKR' AND target_country = 'RUS')
    GROUP BY 1 ORDER BY 1
"""

# the API's full matching rule (country equal, or, for sides without a country, the code prefix)
HAND_DYAD_PREFIX = HAND_DYAD.replace(
    """WHERE (source_country = 'RUS' AND target_country = 'UKR')
       OR (source_country = 'UKR' AND target_country = 'RUS')""",
    """WHERE ((source_country = 'RUS' OR (source_country IS NULL AND source_code LIKE 'RUS%'))
            AND (target_country = 'UKR' OR (target_country IS NULL AND target_code LIKE 'UKR%')))
       OR ((source_country = 'UKR' OR (source_country IS NULL AND source_code LIKE 'UKR%'))
            AND (target_country = 'RUS' OR (target_country IS NULL AND target_code LIKE 'RUS%')))""",
)

HAND_EDGES = """
    SELECT least(source_country, target_country) AS a, greatest(source_country, target_country) AS b,
           count(*), sum(goldstein),
           count(*) FILTER (WHERE quad_class IN (1, 2)), count(*) FILTER (WHERE quad_class IN (3, 4))
    FROM events
    WHERE source_country <> target_country AND event_date BETWEEN DATE '2020-01-01' AND DATE '2022-12-31'
    GROUP BY ALL
"""


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--db", type=Path, default=None, help="store to (re)use; default a temporary file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "bench.duckdb"
        store = Store(path)
        try:
            have = store.con.execute("SELECT count(*) FROM events WHERE dataset = 'bench'").fetchall()[0][0]
            if have == 0:
                seconds = fill(store, args.events)
                have = store.con.execute("SELECT count(*) FROM events").fetchall()[0][0]
                print(f"filled {have:,} events in {seconds:.1f} s")
            else:
                print(f"using {have:,} events already in {path}")
            con = store.con
            rows = []
            api, hand, s, h = compare(
                lambda: dyad_series(store, "RUS", "UKR", freq="month"),
                lambda: con.execute(HAND_DYAD).df(),
                args.repeat,
            )
            assert int(s["events"].sum()) == int(h["events"].sum()), "dyad results differ"
            rows.append(("dyad series RUS-UKR per month", api, hand))
            api, hand, s, h = compare(
                lambda: dyad_series(store, "RUS", "UKR", freq="month"),
                lambda: con.execute(HAND_DYAD_PREFIX).df(),
                args.repeat,
            )
            assert int(s["events"].sum()) == int(h["events"].sum()), "dyad results differ"
            rows.append(("  vs GROUP BY with the same match", api, hand))
            api, hand, e, h = compare(
                lambda: edge_table(store, "2020", "2022"), lambda: con.execute(HAND_EDGES).df(), args.repeat
            )
            assert len(e) == len(h), "edge tables differ"
            rows.append(("network edges 2020-2022", api, hand))
            full, hand, net, _ = compare(
                lambda: analyse_network(store, "2020", "2022"),
                lambda: con.execute(HAND_EDGES).df(),
                args.repeat,
            )
            rows.append(("network + centrality + balance", full, hand))
            print(f"{'computation':34} {'API s':>8} {'hand s':>8} {'ratio':>6}")
            for name, a, b in rows:
                print(f"{name:34} {a:8.3f} {b:8.3f} {a / b:6.2f}")
            print(f"(network: {len(net.nodes)} actors, {len(net.edges)} pairs, {net.balance.triads} triads)")
        finally:
            store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
