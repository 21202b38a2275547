"""Machinery shared by the importers: sniffing a file, reading it with DuckDB, staging, reporting.

Every importer works the same way, all in DuckDB SQL:

1. ``sniff`` looks at the first lines (gzip aware) to find the delimiter, the header and the width;
2. ``read_csv_sql`` builds a ``read_csv`` call that reads every column as VARCHAR under a safe name
   (``c0``, ``c1`` ...), with unreadable lines (bad UTF-8, too many fields) kept in a rejects table;
3. the importer's own SELECT casts the columns (``TRY_CAST`` / ``TRY_STRPTIME``) and names a reason for
   each bad row; ``stage`` materialises that into a temporary table;
4. ``insert_staged`` inserts the good rows that are not already stored (anti-join on the key), counts
   the bad ones with a few examples, and records the import in ``import_runs``.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from realpolitik.errors import InputError, UsageError

SNIFF_BYTES = 256 * 1024
MAX_EXAMPLES = 5
STAGE = "_rp_import_stage"
REJECTS = "_rp_import_rejects"
REJECT_SCANS = "_rp_import_reject_scans"


@dataclass(frozen=True, slots=True)
class BadRow:
    row: int | None  # data row number (1 = first row after any header); None when unknown
    reason: str
    raw: str

    def as_json(self) -> dict[str, object]:
        return {"row": self.row, "reason": self.reason, "raw": self.raw}


@dataclass(slots=True)
class FileReport:
    """What importing one file did."""

    path: str
    format: str
    dataset: str
    target: str = "events"  # or "dyad_weights"
    rows: int = 0
    new: int = 0
    existing: int = 0
    bad: int = 0
    examples: list[BadRow] = field(default_factory=list)
    seconds: float = 0.0
    import_id: int | None = None

    def as_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "format": self.format,
            "dataset": self.dataset,
            "target": self.target,
            "rows": self.rows,
            "new": self.new,
            "existing": self.existing,
            "bad": self.bad,
            "bad_examples": [e.as_json() for e in self.examples],
            "seconds": round(self.seconds, 3),
        }


@dataclass(slots=True)
class ImportReport:
    """What ``import_files`` did, file by file."""

    files: list[FileReport] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(f.rows for f in self.files)

    @property
    def new(self) -> int:
        return sum(f.new for f in self.files)

    @property
    def existing(self) -> int:
        return sum(f.existing for f in self.files)

    @property
    def bad(self) -> int:
        return sum(f.bad for f in self.files)

    def as_frame(self) -> pd.DataFrame:
        rows = [{k: v for k, v in f.as_json().items() if k != "bad_examples"} for f in self.files]
        return pd.DataFrame(
            rows,
            columns=["path", "format", "dataset", "target", "rows", "new", "existing", "bad", "seconds"],
        )


# -- sniffing -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Sniff:
    """What the first lines of a file say about its layout."""

    path: Path
    gzip: bool
    delimiter: str
    quote: str  # "" when fields are never quoted (raw GDELT)
    header: tuple[str, ...] | None  # header names as written, None when there is no header
    rows: tuple[tuple[str, ...], ...]  # the first data rows, split
    width: int  # number of fields to read (the widest of header and sampled rows)
    leading_index: bool  # data rows carry one more (leading) field than the header names
    na_is_null: bool  # unquoted NA marks missing values (files written by R)

    @property
    def names(self) -> tuple[str, ...]:
        """Normalised column names (lower case, letters and digits only), '' where unnamed."""
        if self.header is None:
            return tuple("" for _ in range(self.width))
        names = tuple(normalise_name(h) for h in self.header)
        if self.leading_index:
            names = ("", *names)
        return names + tuple("" for _ in range(self.width - len(names)))

    def index_of(self, *candidates: str) -> int | None:
        """Index of the first column whose normalised name is one of ``candidates``."""
        names = self.names
        for cand in candidates:
            if cand in names:
                return names.index(cand)
        return None


def normalise_name(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.strip().strip('"').lower())


def _is_gzip(path: Path) -> bool:
    with path.open("rb") as f:
        return f.read(2) == b"\x1f\x8b"


def _head_text(path: Path, compressed: bool) -> tuple[str, bool]:
    """The first ``SNIFF_BYTES`` of the (decompressed) file, and whether that is the whole file."""
    try:
        if compressed:
            with gzip.open(path, "rb") as f:
                data = f.read(SNIFF_BYTES + 1)
        else:
            with path.open("rb") as f:
                data = f.read(SNIFF_BYTES + 1)
    except (OSError, EOFError) as exc:
        raise InputError("E101", path, reason=str(exc).splitlines()[0] if str(exc) else "read error") from exc
    complete = len(data) <= SNIFF_BYTES
    return data[:SNIFF_BYTES].decode("utf-8", errors="replace"), complete


def _looks_like_data(field_value: str) -> bool:
    v = field_value.strip().strip('"')
    return bool(re.fullmatch(r"-?\d+(\.\d+)?|\d{4}-\d{2}-\d{2}", v))


def sniff(path: Path, max_rows: int = 50) -> Sniff:
    """Read the first lines of ``path`` to learn its delimiter, header and width."""
    if not path.exists():
        raise UsageError("E001", path)
    if path.is_dir():
        raise UsageError("E002", path, option="FILE", value=str(path), expected="a file, not a directory")
    compressed = _is_gzip(path)
    text, complete = _head_text(path, compressed)
    lines = text.splitlines()
    if not complete and lines:
        lines = lines[:-1]  # the last line may be cut
    lines = [ln for ln in lines if ln.strip()]
    if not lines:
        raise InputError("E103", path, reason="no data lines")
    first = lines[0]
    if "\t" in first:
        delimiter = "\t"
    elif "," in first:
        delimiter = ","
    elif ";" in first:
        delimiter = ";"
    elif "|" in first:
        delimiter = "|"
    else:
        delimiter = ","
    quote = '"' if delimiter != "\t" or first.startswith('"') else ""
    reader = csv.reader(
        io.StringIO("\n".join(lines[: max_rows + 1])),
        delimiter=delimiter,
        quotechar=quote or "\x00",
        quoting=csv.QUOTE_MINIMAL if quote else csv.QUOTE_NONE,
    )
    parsed = [tuple(r) for r in reader]
    head = parsed[0]
    is_header = not any(_looks_like_data(v) for v in head) and (
        len(parsed) < 2 or any(_looks_like_data(v) for v in parsed[1])
    )
    header = head if is_header else None
    data = tuple(parsed[1:] if is_header else parsed)
    widest = max((len(r) for r in data), default=len(head))
    leading_index = bool(header) and bool(data) and len(data[0]) == len(head) + 1
    width = max(widest, len(head) + (1 if leading_index else 0))
    # unquoted NA marks missing values in files written by R (they have a header); raw GDELT exports
    # have none, and there "NA" is a FIPS code (Netherlands Antilles)
    na_is_null = header is not None and bool(
        re.search(
            rf"(^|{re.escape(delimiter)})NA({re.escape(delimiter)}|$)", "\n".join(lines[:50]), re.MULTILINE
        )
    )
    return Sniff(
        path=path,
        gzip=compressed,
        delimiter=delimiter,
        quote=quote,
        header=tuple(header) if header else None,
        rows=data,
        width=width,
        leading_index=leading_index,
        na_is_null=na_is_null,
    )


# -- reading --------------------------------------------------------------------------------------


def sql_str(value: str) -> str:
    """A SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


def read_csv_sql(s: Sniff, width: int | None = None, *, na_is_null: bool | None = None) -> str:
    """A DuckDB ``read_csv(...)`` call reading ``width`` VARCHAR columns ``c0 .. c{width-1}``."""
    n = width or s.width
    cols = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(n))
    na = s.na_is_null if na_is_null is None else na_is_null
    nullstr = "['', 'NA']" if na else "['']"
    q = sql_str(s.quote)
    options = [
        sql_str(str(s.path)),
        "auto_detect = false",
        f"delim = {sql_str(s.delimiter)}",
        "header = false",
        f"skip = {1 if s.header is not None else 0}",
        f"columns = {{{cols}}}",
        f"quote = {q}",
        f"escape = {q}",
        "comment = ''",
        f"nullstr = {nullstr}",
        "allow_quoted_nulls = false",
        "null_padding = true",
        "strict_mode = true",
        "ignore_errors = true",
        "store_rejects = true",
        f"rejects_table = '{REJECTS}'",
        f"rejects_scan = '{REJECT_SCANS}'",
        f"compression = '{'gzip' if s.gzip else 'none'}'",
        "max_line_size = 10000000",
    ]
    return "read_csv(" + ", ".join(options) + ")"


def raw_line_sql(width: int, delimiter: str) -> str:
    """SQL rebuilding a row's text from its columns (for bad-row examples)."""
    cols = ", ".join(f"coalesce(c{i}, '')" for i in range(width))
    return f"left(concat_ws({sql_str(delimiter)}, {cols}), 300)"


def clean(col: str | None) -> str:
    """SQL for a trimmed, empty-as-NULL text column (NULL literal when the column is absent)."""
    if col is None:
        return "CAST(NULL AS VARCHAR)"
    return f"nullif(trim({col}), '')"


# -- reference tables -----------------------------------------------------------------------------


def _data_file(*parts: str) -> Any:
    return resources.files("realpolitik").joinpath("data", *parts)


@cache
def _table_rows(*parts: str) -> tuple[dict[str, str], ...]:
    with _data_file(*parts).open(encoding="utf-8") as f:
        return tuple(csv.DictReader(f))


def reference_frame(*parts: str) -> pd.DataFrame:
    """A shipped CSV table as a data frame of strings."""
    rows = _table_rows(*parts)
    return pd.DataFrame(list(rows), dtype="string").astype(object)


def cameo_frame() -> pd.DataFrame:
    """CAMEO code → goldstein, quad class and PLOVER type, from the lead's ``data/cameo`` table."""
    try:
        df = reference_frame("cameo", "cameo_codes.csv")
    except FileNotFoundError:
        df = pd.DataFrame(columns=["code", "goldstein", "quad_class", "plover", "plover_mode"])
    for col in ("plover", "plover_mode"):
        if col not in df:
            df[col] = None
    out = pd.DataFrame(
        {
            "code": df["code"].astype(object),
            "goldstein": pd.to_numeric(df["goldstein"], errors="coerce"),
            "quad_class": pd.to_numeric(df["quad_class"], errors="coerce").astype("Int64"),
            "plover": df["plover"].where(df["plover"].astype(bool), None),
            "plover_mode": df["plover_mode"].where(df["plover_mode"].astype(bool), None),
        }
    )
    return out


def register_reference_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create the temporary lookup tables the importers join with (idempotent)."""
    tables = {
        "_rp_cameo": cameo_frame(),
        "_rp_fips": reference_frame("imports", "fips_countries.csv"),
        "_rp_iso3": reference_frame("imports", "iso3_to_cameo.csv"),
        "_rp_icews_countries": reference_frame("imports", "icews_countries.csv"),
        "_rp_icews_text": reference_frame("imports", "icews_event_text.csv"),
    }
    for name, frame in tables.items():
        view = f"{name}_df"
        con.register(view, frame)
        try:
            con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM {view}")
        finally:
            con.unregister(view)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _rp_icews_countries_lc AS "
        "SELECT lower(name) AS key, first(cameo) AS cameo FROM _rp_icews_countries GROUP BY 1"
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _rp_icews_text_lc AS "
        "SELECT lower(text) AS key, first(cameo) AS cameo FROM _rp_icews_text GROUP BY 1"
    )


def sector_role_sql(expr: str) -> str:
    """SQL CASE mapping an ICEWS sector list (or actor text) to a CAMEO role code."""
    rows = _table_rows("imports", "icews_sectors.csv")
    whens = " ".join(
        f"WHEN contains(lower({expr}), {sql_str(r['pattern'].lower())}) THEN {sql_str(r['role'])}"
        for r in rows
    )
    return f"(CASE {whens} ELSE NULL END)"


# -- staging and inserting ------------------------------------------------------------------------


def _drop_rejects(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(f"DROP TABLE IF EXISTS {REJECTS}")
    con.execute(f"DROP TABLE IF EXISTS {REJECT_SCANS}")


def stage(con: duckdb.DuckDBPyConnection, select_sql: str, path: Path) -> list[BadRow]:
    """Materialise ``select_sql`` into the stage table; return the unreadable lines the reader rejected.

    ``select_sql`` must produce the target columns plus ``_row`` (data row number), ``_bad`` (NULL or
    the reason a row is rejected) and ``_raw`` (the row text, for bad rows).
    """
    _drop_rejects(con)
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {STAGE} AS {select_sql}")
    except duckdb.Error as exc:
        _drop_rejects(con)
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError("E101", path, reason=detail) from exc
    try:
        rows = con.execute(f"SELECT line, error_type, csv_line FROM {REJECTS} ORDER BY line").fetchall()
    except duckdb.CatalogException:
        rows = []
    _drop_rejects(con)
    return [
        BadRow(
            row=int(r[0]) if r[0] is not None else None,
            reason=f"unreadable line ({r[1]})",
            raw=(r[2] or "")[:300],
        )
        for r in rows
    ]


def insert_staged(
    con: duckdb.DuckDBPyConnection,
    report: FileReport,
    *,
    table: str,
    columns: Sequence[str],
    key: Sequence[str],
    read_errors: list[BadRow],
    timer: Timer,
) -> None:
    """Insert the good, new rows of the stage table into ``table``; fill ``report``'s counts."""
    n_rows, n_bad = con.execute(f"SELECT count(*), count(_bad) FROM {STAGE}").fetchall()[0]
    examples = con.execute(
        f"SELECT _row, _bad, _raw FROM {STAGE} WHERE _bad IS NOT NULL ORDER BY _row LIMIT {MAX_EXAMPLES}"
    ).fetchall()
    cols = ", ".join(columns)
    key_cols = ", ".join(key)
    join = " AND ".join(f"t.{k} = s.{k}" for k in key)
    sql = (
        f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {STAGE} s "
        f"WHERE _bad IS NULL AND NOT EXISTS (SELECT 1 FROM {table} t WHERE {join}) "
        f"QUALIFY row_number() OVER (PARTITION BY {key_cols} ORDER BY _row) = 1"
    )
    con.begin()
    try:
        result = con.execute(sql).fetchall()
        new = int(result[0][0]) if result else 0
        report.rows = int(n_rows) + len(read_errors)
        report.bad = int(n_bad) + len(read_errors)
        report.new = new
        report.existing = int(n_rows) - int(n_bad) - new
        report.examples = (read_errors + [BadRow(int(r[0]), str(r[1]), str(r[2] or "")) for r in examples])[
            :MAX_EXAMPLES
        ]
        report.seconds = timer.seconds
        _record_run(con, report, timer)
        con.commit()
    except BaseException:
        con.rollback()
        raise
    finally:
        con.execute(f"DROP TABLE IF EXISTS {STAGE}")


def _record_run(con: duckdb.DuckDBPyConnection, report: FileReport, timer: Timer) -> None:
    now = datetime.now(UTC).replace(tzinfo=None)
    row = con.execute(
        "INSERT INTO import_runs VALUES (nextval('import_run_seq'), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "RETURNING import_id",
        [
            timer.started_at,
            now,
            report.path,
            report.format,
            report.dataset,
            report.target,
            report.rows,
            report.new,
            report.existing,
            report.bad,
            json.dumps([e.as_json() for e in report.examples]),
            report.seconds,
        ],
    ).fetchall()
    report.import_id = int(row[0][0]) if row else None


class Timer:
    def __init__(self) -> None:
        self.start = time.perf_counter()
        self.started_at = datetime.now(UTC).replace(tzinfo=None)

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.start
