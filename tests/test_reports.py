"""Tests of realpolitik.reports: the self-contained dyad report."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from realpolitik.reports import dyad_report
from realpolitik.settings import Settings
from realpolitik.store import Store
from realpolitik.web.cli import register
from test_web import build_store


@pytest.fixture
def db(tmp_path: Path) -> Path:
    build_store(tmp_path / "r.duckdb")
    return tmp_path / "r.duckdb"


def test_report_is_self_contained_with_chart_quotes_and_evidence(db: Path) -> None:
    with Store(db, read_only=True) as store:
        html = dyad_report(store, "rus", "prk")
    assert html.startswith("<!doctype html>") and html.rstrip().endswith("</html>")
    assert "<svg" in html and 'class="bar coop"' in html
    assert "Russia (RUS) and North Korea (PRK)" in html
    assert "“Russia signed a friendship treaty with North Korea on Wednesday.”" in html
    assert "Moscow and Pyongyang sign a treaty" in html  # evidence: document title
    assert "verb &#x27;visited&#x27; matched 042 (hand-made)" in html  # and the reason
    assert "How to read this" in html and "CAMEO" in html
    assert "<script" not in html.lower()  # also: the title with <script> is escaped
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)  # nothing fetched from the network


def test_report_since_and_empty(db: Path) -> None:
    with Store(db, read_only=True) as store:
        later = dyad_report(store, "RUS", "PRK", since=date(2024, 1, 1))
        none = dyad_report(store, "FRA", "DEU")
        by_actor = dyad_report(store, "RUSGOV", "PRK")
    assert "Russia signed a friendship treaty" not in later and "Russia visited North Korea" in later
    assert "No events between FRA and DEU" in none
    assert "Russian government (RUSGOV)" in by_actor


def test_report_cli_writes_file(db: Path, tmp_path: Path) -> None:
    app = typer.Typer()
    register(app, Settings.from_env)
    out = tmp_path / "report.html"
    result = CliRunner().invoke(
        app, ["report", "--dyad", "RUS", "PRK", "--since", "2023-01-01", "-o", str(out), "--db", str(db)]
    )
    assert result.exit_code == 0, result.output
    assert "<svg" in out.read_text(encoding="utf-8")
