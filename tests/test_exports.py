"""Tests of realpolitik.exports: GDELT-style CSV, PLOVER-style JSON lines, Parquet, GraphML, GEXF."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import duckdb
import networkx as nx
import pytest
from typer.testing import CliRunner

from realpolitik.errors import UsageError
from realpolitik.exports import GDELT_COLUMNS, EventFilter, export, global_event_id
from realpolitik.store import Store
from test_web import build_store


@pytest.fixture
def store(tmp_path: Path) -> Store:
    build_store(tmp_path / "x.duckdb")
    with Store(tmp_path / "x.duckdb", read_only=True) as s:
        yield s


def test_exports_gdelt_columns_are_the_gdelt_names(shared: Path) -> None:
    with (shared / "data/cameo/GDELT_2.0_Events_Column_Labels_Header_Row_Sep2016.csv").open(
        encoding="utf-8"
    ) as f:
        gdelt2 = [row["tableId"] for row in csv.DictReader(f)]
    assert list(GDELT_COLUMNS) == gdelt2
    v1 = (shared / "data/cameo/GDELT_1.0_event_Column_Labels_Header_Row_Sep2016.tsv").read_text(
        encoding="utf-8"
    )
    gdelt1 = set(v1.split()[1:])
    filled = {"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "Actor1Code", "Actor1Name",
              "Actor1CountryCode", "Actor1Type1Code", "Actor2Code", "Actor2Name", "Actor2CountryCode",
              "Actor2Type1Code", "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
              "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "SOURCEURL"}  # fmt: skip
    assert filled <= set(gdelt2)
    assert filled - {"SOURCEURL"} <= gdelt1


def test_exports_gdelt_csv_rows(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    assert export(store, out, "gdelt-csv", EventFilter(dyad=("RUS", "PRK"))) == 2
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 2 and list(rows[0]) == list(GDELT_COLUMNS)
    first = rows[0]
    assert first["SQLDATE"] == "20230301" and first["MonthYear"] == "202303" and first["Year"] == "2023"
    assert first["Actor1Code"] == "RUSGOV" and first["Actor1CountryCode"] == "RUS"
    assert first["Actor1Type1Code"] == "GOV" and first["Actor2Code"] == "PRK"
    assert (first["EventCode"], first["EventBaseCode"], first["EventRootCode"]) == ("057", "057", "05")
    assert first["QuadClass"] == "1" and float(first["GoldsteinScale"]) == 8.0
    assert first["IsRootEvent"] == "1" and rows[1]["IsRootEvent"] == "1"
    assert int(first["GLOBALEVENTID"]) > 0 and first["AvgTone"] == ""


def test_exports_gdelt_row_writes_a_stateless_actor_as_gdelt_does() -> None:
    """Internally (and in PETRARCH's form) rebels of no known state are "---REB"; GDELT writes "REB"
    with an empty country column."""
    from realpolitik.exports import gdelt_row
    from realpolitik.records import Actor

    rebels = Actor.of(None, "REB")
    row = gdelt_row(
        {
            "event_id": "e1",
            "event_date": "2024-05-01",
            "cameo": "194",
            "source_code": rebels.code,
            "source_country": rebels.country,
            "source_role": rebels.role,
            "target_code": "SYR",
            "target_country": "SYR",
        }
    )
    assert rebels.code == "---REB"
    assert (row["Actor1Code"], row["Actor1CountryCode"], row["Actor1Type1Code"]) == ("REB", "", "REB")
    assert (row["Actor2Code"], row["Actor2CountryCode"]) == ("SYR", "SYR")


def test_exports_global_event_id_is_stable_and_fits_bigint() -> None:
    assert global_event_id("abc") == global_event_id("abc") != global_event_id("abd")
    assert 0 < global_event_id("abc") < 2**63


def test_exports_jsonl_plover_fields(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    assert export(store, out, "jsonl", EventFilter(actor="USA")) == 2
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 2
    first = rows[0]
    for key in (
        "id",
        "date",
        "event_type",
        "mode",
        "actor",
        "recipient",
        "text",
        "story_id",
        "cameo",
        "reason",
    ):
        assert key in first
    assert first["actor_code"] == "USA" and first["recipient_code"] == "RUSGOV"
    assert first["date"] == "2024-06-20" and first["text"].startswith("The United States condemned")


def test_exports_parquet_reads_back(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "it's events.parquet"  # a quote in the name must not break COPY
    assert export(store, out, "parquet", EventFilter(since=date(2024, 1, 1))) == 3
    con = duckdb.connect()
    rows = con.execute(
        "SELECT cameo, source_code, event_date FROM read_parquet(?) ORDER BY event_date", [str(out)]
    )
    assert [r[0] for r in rows.fetchall()] == ["042", "122", "040"]
    names = [d[0] for d in con.execute("SELECT * FROM read_parquet(?) LIMIT 0", [str(out)]).description]
    assert {"event_id", "sentence_text", "reason", "goldstein"} <= set(names)
    con.close()


@pytest.mark.parametrize(("fmt", "read"), [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_exports_network_formats_parse(store: Store, tmp_path: Path, fmt: str, read: object) -> None:
    out = tmp_path / f"net.{fmt}"
    assert export(store, out, fmt) == 4
    graph = read(out)  # type: ignore[operator]
    assert set(graph.nodes) == {"RUS", "PRK", "KOR", "USA"}
    assert graph.number_of_edges() == 4
    assert float(graph.edges["RUS", "PRK"]["weight"]) == pytest.approx(9.9)
    assert int(graph.edges["RUS", "USA"]["conflict"]) == 1
    assert all("bloc" in data for _, data in graph.nodes(data=True))


def test_exports_network_window(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "net.graphml"
    assert export(store, out, "graphml", EventFilter(since=date(2023, 1, 1), until=date(2023, 12, 31))) == 2
    assert set(nx.read_graphml(out).nodes) == {"RUS", "PRK", "KOR"}


def test_exports_unknown_format(store: Store, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="E002"):
        export(store, tmp_path / "x", "xlsx")


def test_exports_cli(tmp_path: Path) -> None:
    import typer

    from realpolitik.settings import Settings
    from realpolitik.web.cli import register

    db = tmp_path / "x.duckdb"
    build_store(db)
    app = typer.Typer()
    register(app, Settings.from_env)
    out = tmp_path / "e.csv"
    args = ["export", "-f", "gdelt-csv", "--dyad", "RUS", "PRK", "-o", str(out), "--db", str(db)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3
    bad = CliRunner().invoke(app, ["export", "-o", str(out), "--db", str(db), "--since", "soon"])
    assert isinstance(bad.exception, UsageError)
