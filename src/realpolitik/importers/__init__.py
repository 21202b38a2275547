"""Import event data sets and dyad series into the store, next to the events realpolitik codes itself.

>>> from realpolitik.store import Store
>>> from realpolitik.importers import import_files
>>> report = import_files(Store("rp.duckdb"), ["20191024143000.export.CSV"], fmt=None)
>>> report.new, report.bad

Formats (``fmt``; ``None`` detects it from the first lines of each file):

==========  =====================================================================================
``gdelt``   GDELT 1.0 / 2.0 events (57, 58, 61 fields, with or without header, gzip) → events,
            dataset ``gdelt1`` / ``gdelt2`` (``gdelt1`` or ``gdelt2`` as ``fmt`` forces one)
``icews``   ICEWS event files, and the four-field ICEWS knowledge-graph subsets → dataset ``icews``
``csv``     any CSV of events with a column ``mapping`` → dataset ``csv:<file stem>``
``dyads``   dyad series ``date,a,b,weight[,count]`` → table ``dyad_weights``, dataset ``dyads:<stem>``
==========  =====================================================================================

Every file is read by DuckDB's CSV reader (all columns as text, then cast in SQL) and inserted with
one ``INSERT ... SELECT``.  Rows that cannot be read or cast are counted, and a few are kept as
examples (``FileReport.examples`` and the table ``import_runs``); they are never dropped silently.
Re-importing a file adds nothing: events are keyed by the data set's own event id (or a hash of the
row), dyad weights by (dataset, date, a, b).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import duckdb

from realpolitik.errors import InputError, UsageError
from realpolitik.importers.base import (
    BadRow,
    FileReport,
    ImportReport,
    Sniff,
    register_reference_tables,
    sniff,
)
from realpolitik.importers.gdelt import import_gdelt, is_gdelt
from realpolitik.importers.generic import import_csv_events, import_dyads, is_dyads
from realpolitik.importers.icews import import_icews, is_icews_events, is_icews_graph

FORMATS = ("gdelt", "gdelt1", "gdelt2", "icews", "csv", "dyads")

__all__ = [
    "FORMATS",
    "BadRow",
    "FileReport",
    "ImportReport",
    "detect_format",
    "import_files",
    "parse_mapping",
]


def _connection(store: Any) -> duckdb.DuckDBPyConnection:
    con = getattr(store, "con", store)
    if not isinstance(con, duckdb.DuckDBPyConnection):
        raise TypeError("store must be a realpolitik Store or a DuckDB connection")
    return con


def parse_mapping(text: str | None) -> dict[str, str]:
    """``"date=day,a=iso3_a"`` → ``{"date": "day", "a": "iso3_a"}`` (UsageError when malformed)."""
    if not text:
        return {}
    out: dict[str, str] = {}
    for part in text.split(","):
        if not part.strip():
            continue
        key, sep, value = part.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise UsageError(
                "E002", None, option="--mapping", value=text, expected="key=column,key=column,..."
            )
        out[key.strip().lower()] = value.strip()
    return out


def detect_format(s: Sniff) -> str | None:
    """'gdelt', 'icews', 'dyads' or None (unknown: name a format, e.g. csv with a mapping)."""
    if is_gdelt(s):
        return "gdelt"
    if is_icews_events(s) or is_icews_graph(s):
        return "icews"
    if is_dyads(s):
        return "dyads"
    return None


def import_file(
    store: Any, path: str | Path, fmt: str | None = None, mapping: Mapping[str, str] | None = None
) -> FileReport:
    """Import one file (see the module docstring); returns what it did."""
    if fmt is not None and fmt not in FORMATS:
        raise UsageError("E002", None, option="--format", value=fmt, expected=" | ".join(FORMATS))
    s = sniff(Path(path))
    kind = fmt or detect_format(s)
    if kind is None:
        raise InputError(
            "E101",
            s.path,
            reason="cannot tell the format (not GDELT, ICEWS or a dyad series); "
            "give --format csv with --mapping",
        )
    # a connection of our own: its temporary tables vanish with it, and the caller's open results
    # (or transaction) are left alone
    con = _connection(store).cursor()
    try:
        register_reference_tables(con)
        options = dict(mapping or {})
        if kind in ("gdelt", "gdelt1", "gdelt2"):
            return import_gdelt(con, s, None if kind == "gdelt" else kind)
        if kind == "icews":
            return import_icews(con, s)
        if kind == "dyads":
            return import_dyads(con, s, options)
        return import_csv_events(con, s, options)
    finally:
        con.close()


def import_files(
    store: Any,
    paths: Iterable[str | Path],
    fmt: str | None = None,
    mapping: Mapping[str, str] | None = None,
) -> ImportReport:
    """Import every file of ``paths`` (format ``fmt``, or detected per file when None)."""
    report = ImportReport()
    files = [Path(p) for p in paths]
    for p in files:  # check them all before importing any
        if not p.exists():
            raise UsageError("E001", p)
    for p in files:
        report.files.append(import_file(store, p, fmt, mapping))
    return report
