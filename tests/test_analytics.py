"""Analytics: dyad series, network and structural balance, blocs, change points, movers; real-data checks."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from realpolitik import analytics as an
from realpolitik.analytics.blocs import adjusted_rand, louvain_signed, modularity_matrix
from realpolitik.errors import UsageError
from realpolitik.importers import import_files
from realpolitik.store import Store

SHARED = Path(__file__).resolve().parents[2] / "shared"
WEIGHTS = SHARED / "data" / "gdelt2-daily-country-networks-2018-2024" / "derived_monthly_dyad_weights.csv.gz"

QUAD = {"036": 1, "057": 1, "061": 2, "112": 3, "173": 4, "190": 4}
GOLDSTEIN = {"036": 4.0, "057": 8.0, "061": 6.4, "112": -2.0, "173": -5.0, "190": -10.0}


def add_events(store: Store, rows: list[tuple[str, str, str, str]], dataset: str = "test") -> None:
    """rows: (date, source code, target code, cameo)."""
    frame = pd.DataFrame(
        {
            "event_id": [f"{dataset}:{i}:{r[0]}:{r[1]}:{r[2]}" for i, r in enumerate(rows)],
            "dataset": dataset,
            "source_code": [r[1] for r in rows],
            "source_country": [r[1][:3] for r in rows],
            "target_code": [r[2] for r in rows],
            "target_country": [r[2][:3] for r in rows],
            "cameo": [r[3] for r in rows],
            "goldstein": [GOLDSTEIN[r[3]] for r in rows],
            "quad_class": [QUAD[r[3]] for r in rows],
            "event_date": [date.fromisoformat(r[0]) for r in rows],
            "num_mentions": 1,
        }
    )
    store.con.register("_frame", frame)
    store.con.execute("INSERT INTO events BY NAME SELECT * FROM _frame")
    store.con.unregister("_frame")


@pytest.fixture()
def store():
    s = Store(":memory:")
    yield s
    s.close()


@pytest.fixture()
def dyad_store(store: Store) -> Store:
    add_events(
        store,
        [
            ("2024-01-03", "RUSGOV", "UKRGOV", "036"),
            ("2024-01-10", "UKRMIL", "RUSMIL", "190"),
            ("2024-01-20", "RUS", "UKR", "173"),
            ("2024-03-02", "RUSGOV", "UKR", "057"),
            ("2024-03-05", "USA", "RUS", "112"),
            ("2024-03-06", "USA", "GBR", "036"),
            ("2024-03-07", "GBR", "USA", "061"),
        ],
    )
    return store


def test_dyad_series_counts_shares_and_balance(dyad_store: Store) -> None:
    s = an.dyad_series(dyad_store, "RUS", "UKR", freq="month")
    assert list(s["period"].dt.strftime("%Y-%m")) == ["2024-01", "2024-02", "2024-03"]  # gap filled
    jan = s.iloc[0]
    assert jan["events"] == 3 and jan["goldstein_sum"] == pytest.approx(-11.0)
    assert jan["share_verbal_coop"] == pytest.approx(1 / 3) and jan[
        "share_material_conflict"
    ] == pytest.approx(2 / 3)
    assert jan["balance"] == pytest.approx((1 - 2) / 3)
    assert s.iloc[1]["events"] == 0 and np.isnan(s.iloc[1]["balance"])
    directed = an.dyad_series(dyad_store, "RUS", "UKR", directed=True, fill=False)
    assert directed["events"].tolist() == [2, 1]
    gov = an.dyad_series(dyad_store, "RUSGOV", "UKR", fill=False)  # code prefix match
    assert gov["events"].tolist() == [1, 1]
    versus_all = an.dyad_series(dyad_store, "RUS", freq="year")
    assert versus_all["events"].tolist() == [5]  # 4 with UKR + 1 with USA
    norm = an.dyad_series(dyad_store, "USA", "GBR", normalise=True, fill=False)
    assert norm.iloc[0]["volume"] == 4 and norm.iloc[0]["events_share"] == pytest.approx(0.5)


def test_dyad_events_behind_a_point(dyad_store: Store) -> None:
    ev = an.dyad_events(dyad_store, "RUS", "UKR", "2024-01-15", "month")
    assert len(ev) == 3 and ev.iloc[0]["cameo"] == "190"  # strongest first
    assert an.dyad_events(dyad_store, "RUS", "UKR", "2024-01-01", "week").empty is False


def test_bad_input_raises_usage_errors(dyad_store: Store) -> None:
    with pytest.raises(UsageError):
        an.dyad_series(dyad_store, "ZZZ", "UKR")  # unknown actor
    with pytest.raises(UsageError):
        an.dyad_series(dyad_store, "RUS", "UKR", since="2024-02-30")
    with pytest.raises(UsageError):
        an.dyad_series(dyad_store, "RUS", "UKR", freq="fortnight")
    with pytest.raises(UsageError):
        an.dyad_series(dyad_store, "R-1", "UKR")
    with pytest.raises(UsageError):
        an.movers(dyad_store, "2024:2023", "2024")


def test_network_balance_and_frustrated_triads() -> None:
    edges = pd.DataFrame(
        {
            "a": ["A", "A", "B", "B", "C"],
            "b": ["B", "C", "C", "D", "D"],
            "events": [5, 5, 5, 5, 5],
            "weight": [3.0, 2.0, -1.0, 4.0, 5.0],
        }
    )
    edges["sign"] = np.sign(edges["weight"]).astype(int)
    bal = an.structural_balance(edges, top=5)
    # triangles ABC (+,+,-: unbalanced) and BCD (-,+,+: unbalanced)
    assert (bal.triads, bal.balanced, bal.unbalanced) == (2, 0, 2)
    assert bal.share_balanced == 0.0
    triads = [tuple(r) for r in bal.frustrated[["a", "b", "c"]].itertuples(index=False)]
    assert triads == [("A", "B", "C"), ("B", "C", "D")]
    assert bal.frustrated["strength"].tolist() == [1.0, 1.0]
    nodes = an.centrality(edges)
    assert set(nodes["actor"]) == {"A", "B", "C", "D"}
    assert nodes.set_index("actor").loc["B", "negative"] == 1


def test_edge_table_and_network_from_store(dyad_store: Store) -> None:
    edges = an.edge_table(dyad_store, "2024", "2024")
    rus_ukr = edges[(edges["a"] == "RUS") & (edges["b"] == "UKR")].iloc[0]
    assert rus_ukr["events"] == 4 and rus_ukr["weight"] == pytest.approx(-3.0) and rus_ukr["sign"] == -1
    bal = an.edge_table(dyad_store, weight="balance")
    assert bal.set_index(["a", "b"]).loc[("GBR", "USA"), "weight"] == 1.0
    net = an.analyse_network(dyad_store, min_events=1)
    assert len(net.nodes) == 4 and net.graph.number_of_edges() == 3


def test_signed_louvain_finds_two_camps() -> None:
    rng = np.random.default_rng(0)
    n = 12
    camp = np.array([0] * 6 + [1] * 6)
    w = np.where(camp[:, None] == camp[None, :], 1.0, -1.0) + rng.normal(0, 0.2, (n, n))
    w = (w + w.T) / 2
    np.fill_diagonal(w, 0)
    b, _ = modularity_matrix(w)
    labels = louvain_signed(b)
    assert adjusted_rand(labels, camp) == 1.0
    assert (louvain_signed(b) == labels).all()  # deterministic


def test_blocs_and_stability_from_store(store: Store) -> None:
    rows = []
    start = date(2023, 1, 1)
    friends = [("AAA", "BBB"), ("AAA", "CCC"), ("BBB", "CCC"), ("DDD", "EEE"), ("DDD", "FFF"), ("EEE", "FFF")]
    foes = [(x, y) for x in ("AAA", "BBB", "CCC") for y in ("DDD", "EEE", "FFF")]
    for day in range(0, 700, 7):
        d = (start + timedelta(days=day)).isoformat()
        rows += [(d, x, y, "057") for x, y in friends] + [(d, x, y, "190") for x, y in foes]
    add_events(store, rows)
    df = an.blocs(store, method="interaction")
    assert df.attrs["n_blocs"] == 2
    groups = {frozenset(g["actor"]) for _, g in df.groupby("bloc")}
    assert groups == {frozenset({"AAA", "BBB", "CCC"}), frozenset({"DDD", "EEE", "FFF"})}
    tl = an.bloc_stability(store, window="year", method="interaction")
    assert len(tl.windows) == 2 and tl.windows.iloc[1]["ari_previous"] == 1.0
    assert (tl.actors["changes"] == 0).all()


def test_change_points_on_a_step() -> None:
    rng = np.random.default_rng(1)
    x = np.concatenate([rng.normal(0, 1, 30), rng.normal(8, 1, 20)])
    cps = an.change_points(x)
    assert cps and cps[0][0] == 30
    assert an.change_points(rng.normal(0, 1, 50)) == []


def test_movers_rank_and_drivers(store: Store) -> None:
    rows = [
        ("2023-01-05", "AAA", "BBB", "057"),
        ("2023-02-05", "AAA", "BBB", "057"),
        ("2023-03-05", "BBB", "AAA", "036"),
        ("2024-01-05", "AAA", "BBB", "190"),
        ("2024-02-05", "AAA", "BBB", "190"),
        ("2024-03-05", "BBB", "AAA", "173"),
        ("2023-01-05", "CCC", "DDD", "036"),
        ("2023-02-05", "CCC", "DDD", "036"),
        ("2023-03-05", "CCC", "DDD", "036"),
        ("2024-01-05", "CCC", "DDD", "036"),
        ("2024-02-05", "CCC", "DDD", "057"),
        ("2024-03-05", "CCC", "DDD", "036"),
    ]
    add_events(store, rows)
    m = an.movers(store, "2023", "2024", min_events=3)
    assert (m.iloc[0]["a"], m.iloc[0]["b"]) == ("AAA", "BBB")
    assert m.iloc[0]["metric"] == "balance" and m.iloc[0]["change"] == pytest.approx(-2.0)
    assert m.iloc[0]["drivers"][0]["cameo"] == "190"
    up = an.movers(store, "2023", "2024", min_events=3, direction="up")
    assert up.empty  # CCC-DDD stays at balance 1
    w = an.movers(store, ("2023-01-01", "2023-12-31"), "2024", metric="weight", min_events=1)
    assert w.iloc[0]["change"] == pytest.approx((-25.0 - 20.0) / 12, rel=1e-3)


# -- real data ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_store(tmp_path_factory: pytest.TempPathFactory):
    if not WEIGHTS.exists():
        pytest.skip(f"needs the shared data folder at {SHARED}")
    s = Store(tmp_path_factory.mktemp("real") / "weights.duckdb")
    report = import_files(s, [WEIGHTS], "dyads")
    assert report.files[0].new == 436_752 and report.bad == 0
    yield s
    s.close()


def test_real_russia_north_korea_among_top_positive_movers(real_store: Store) -> None:
    m = an.movers(real_store, "2021:2022", "2023", direction="up", top=10)
    pairs = list(zip(m["a"], m["b"], strict=True))
    assert ("PRK", "RUS") in pairs, pairs
    row = m[(m["a"] == "PRK") & (m["b"] == "RUS")].iloc[0]
    assert row["after"] > row["before"] and str(row["drivers"][0]["period"]).startswith("2023-09")  # summit


@pytest.mark.parametrize("other", ["UKR", "USA"])
def test_real_russia_break_around_february_2022(real_store: Store, other: str) -> None:
    cps = an.dyad_change_points(real_store, "RUS", other)
    periods = [p.strftime("%Y-%m") for p in cps["period"]]
    assert any("2022-01" <= p <= "2022-04" for p in periods), periods
    at = cps[cps["period"].dt.strftime("%Y-%m").between("2022-01", "2022-04")].iloc[0]
    assert at["change"] < 0  # relations turn worse


def test_real_blocs_put_usa_korea_japan_together(real_store: Store) -> None:
    df = an.blocs(real_store)
    bloc = dict(zip(df["actor"], df["bloc"], strict=True))
    assert bloc["USA"] == bloc["KOR"] == bloc["JPN"]
    assert bloc["RUS"] != bloc["USA"]
