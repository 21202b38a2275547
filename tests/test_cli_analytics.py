"""The import and analytics commands, through a small Typer app with ``register``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from realpolitik.cli_analytics import register
from realpolitik.errors import InputError, RealpolitikError, UsageError
from realpolitik.settings import Settings

EVENTS_CSV = """date,source,target,cameo
2021-01-05,RUSGOV,UKRGOV,036
2021-02-05,UKR,RUS,057
2021-03-05,RUS,UKR,036
2021-04-05,RUS,UKR,057
2022-01-05,RUSMIL,UKRMIL,190
2022-02-05,RUS,UKR,173
2022-03-05,UKR,RUS,112
2022-04-05,RUS,UKR,190
2021-01-05,USA,GBR,036
2021-06-05,GBR,USA,057
2022-01-05,USA,GBR,036
2022-06-05,USA,GBR,057
2022-07-05,USA,GBR,036
2021-03-05,USA,RUS,036
2022-03-05,USA,RUS,112
2022-03-06,USA,UKR,057
2021-03-06,USA,UKR,036
2022-03-07,GBR,UKR,057
2021-03-07,GBR,UKR,036
2022-03-08,GBR,RUS,112
2021-03-08,GBR,RUS,036
"""


@pytest.fixture()
def app(tmp_path: Path) -> typer.Typer:
    a = typer.Typer()
    register(a, lambda: Settings(db=tmp_path / "store.duckdb"))
    return a


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture()
def loaded(app: typer.Typer, runner: CliRunner, tmp_path: Path) -> typer.Typer:
    path = tmp_path / "events.csv"
    path.write_text(EVENTS_CSV)
    result = runner.invoke(app, ["import", str(path), "--format", "csv"])
    assert result.exit_code == 0, result.output
    return app


def jsonl(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_import_reports_and_is_idempotent(app: typer.Typer, runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text(EVENTS_CSV + "not-a-date,RUS,UKR,036\n")
    result = runner.invoke(app, ["import", str(path), "-f", "csv", "--output", "jsonl"])
    assert result.exit_code == 0, result.output
    (row,) = jsonl(result.output)
    assert (row["dataset"], row["new"], row["bad"]) == ("csv:events", 21, 1)
    assert row["bad_examples"][0]["reason"].startswith("bad or missing date")
    again = runner.invoke(app, ["import", str(path), "-f", "csv"])
    assert again.exit_code == 0 and "0 new, 21 already stored, 1 bad rows" in again.output


def test_dyad_formats(loaded: typer.Typer, runner: CliRunner) -> None:
    result = runner.invoke(loaded, ["dyad", "RUS", "UKR", "--freq", "year", "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = jsonl(result.output)
    assert [r["period"] for r in rows] == ["2021-01-01", "2022-01-01"]
    assert rows[0]["events"] == 4 and rows[0]["balance"] == 1.0 and rows[1]["balance"] == -1.0
    csv_out = runner.invoke(loaded, ["dyad", "rus", "ukr", "--freq", "quarter", "-f", "csv", "--normalise"])
    assert csv_out.exit_code == 0 and csv_out.output.splitlines()[0].startswith("period,events")
    assert "events_share" in csv_out.output.splitlines()[0]
    table = runner.invoke(loaded, ["dyad", "RUS", "UKR", "--since", "2022", "--until", "2022-02"])
    assert table.exit_code == 0 and "2022-02-01" in table.output and "2021" not in table.output
    ev = runner.invoke(loaded, ["dyad", "RUS", "UKR", "--events", "2022-01-20", "-f", "jsonl"])
    assert [r["cameo"] for r in jsonl(ev.output)] == ["190"]


def test_network_blocs_and_shifts(loaded: typer.Typer, runner: CliRunner, tmp_path: Path) -> None:
    net = runner.invoke(loaded, ["network", "--since", "2022", "--show", "edges", "-f", "jsonl"])
    assert net.exit_code == 0, net.output
    edges = {(r["a"], r["b"]): r for r in jsonl(net.output)}
    assert edges[("RUS", "UKR")]["sign"] == -1 and edges[("GBR", "USA")]["sign"] == 1
    table = runner.invoke(loaded, ["network", "--plot", str(tmp_path / "net.png")])
    assert table.exit_code == 0 and "share balanced" in table.output
    assert (tmp_path / "net.png").stat().st_size > 1000
    blocs = runner.invoke(loaded, ["blocs", "--method", "interaction", "-f", "jsonl"])
    assert blocs.exit_code == 0, blocs.output
    assert {r["actor"] for r in jsonl(blocs.output)} == {"GBR", "RUS", "UKR", "USA"}
    windows = runner.invoke(
        loaded,
        ["blocs", "--method", "interaction", "--window", "year", "--plot", str(tmp_path / "blocs.svg")],
    )
    assert windows.exit_code == 0, windows.output
    assert (tmp_path / "blocs.svg").read_text().lstrip().startswith("<?xml")
    shifts = runner.invoke(
        loaded,
        [
            "shifts",
            "--before",
            "2021",
            "--after",
            "2022",
            "--min-events",
            "1",
            "-f",
            "jsonl",
            "--plot",
            str(tmp_path / "movers.png"),
        ],
    )
    assert shifts.exit_code == 0, shifts.output
    rows = jsonl(shifts.output)
    assert {"a", "b", "change", "drivers"} <= rows[0].keys()
    changes = [abs(r["change"]) for r in rows]
    assert changes == sorted(changes, reverse=True)  # most moved first
    assert (rows[0]["a"], rows[0]["b"]) in {("RUS", "UKR"), ("GBR", "RUS"), ("RUS", "USA")}
    cps = runner.invoke(loaded, ["shifts", "RUS", "UKR", "-f", "csv"])
    assert cps.exit_code == 0 and cps.output.startswith("period,index,before,after,change")


@pytest.mark.parametrize(
    ("args", "error", "code"),
    [
        (["dyad", "RUS", "UKR", "--since", "2021-02-30"], UsageError, "E003"),
        (["dyad", "XYZ", "UKR"], UsageError, "E002"),
        (["dyad", "RUS", "UKR", "-f", "xml"], UsageError, "E002"),
        (["dyad", "RUS", "UKR", "--plot", "out.pdf"], UsageError, "E002"),
        (["import", "missing.csv"], UsageError, "E001"),
        (["import", "EVENTS", "--format", "parquet"], UsageError, "E002"),
        (["import", "EVENTS"], InputError, "E101"),
        (["shifts", "--before", "2021"], UsageError, "E002"),
        (["shifts", "--before", "2021:2020", "--after", "2022"], UsageError, "E002"),
        (["blocs", "--window", "week"], UsageError, "E002"),
        (["network", "--weight", "volume"], UsageError, "E002"),
    ],
)
def test_bad_input_gives_one_line_errors(
    loaded: typer.Typer, runner: CliRunner, tmp_path: Path, args: list[str], error: type, code: str
) -> None:
    args = [str(tmp_path / "events.csv") if a == "EVENTS" else a for a in args]
    result = runner.invoke(loaded, args)
    assert isinstance(result.exception, error), (result.exception, result.output)
    assert isinstance(result.exception, RealpolitikError) and result.exception.code == code
    assert "\n" not in str(result.exception)
