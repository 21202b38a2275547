"""Shared fixtures.  The spaCy pipeline and the knowledge base load once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def coder():
    from realpolitik.coder import Coder
    from realpolitik.settings import Settings

    return Coder(Settings())


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"needs the shared data folder at {SHARED}")
    return SHARED


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return tmp_path / "test.duckdb"
