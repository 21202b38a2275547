"""Named schema migrations: ``store/migrations/NNNN_name.sql`` files applied once each, in name order.

Each file runs in its own transaction together with the row that records it in ``schema_migrations``,
so a migration is either fully applied and recorded, or not at all.  To change the schema, add the next
file (``0002_places.sql``, ...); never edit one that has shipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

import duckdb

BOOTSTRAP_SQL = (
    "CREATE TABLE IF NOT EXISTS schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP)"
)


class MigrationError(Exception):
    """A migration file failed; ``name`` says which, ``__cause__`` holds the DuckDB error."""

    def __init__(self, name: str, detail: str) -> None:
        super().__init__(f"migration {name} failed: {detail}")
        self.name = name
        self.detail = detail


@dataclass(frozen=True, slots=True)
class Migration:
    name: str  # file stem, e.g. "0001_core"
    sql: str


def migrations_dir() -> Traversable:
    """The folder of migration files shipped with the package."""
    return resources.files("realpolitik.store").joinpath("migrations")


def load_migrations(directory: Traversable | Path | None = None) -> list[Migration]:
    """All ``*.sql`` files of ``directory`` (default: the package's), sorted by name."""
    folder = migrations_dir() if directory is None else directory
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".sql")), key=lambda f: f.name)
    return [Migration(name=f.name.removesuffix(".sql"), sql=f.read_text(encoding="utf-8")) for f in files]


def applied_migrations(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Names of migrations recorded in ``schema_migrations`` ([] when the table does not exist)."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables "
        "WHERE table_name = 'schema_migrations' AND table_schema = current_schema()"
    ).fetchone()
    if not exists or not exists[0]:
        return []
    return [row[0] for row in con.execute("SELECT name FROM schema_migrations ORDER BY name").fetchall()]


def pending_migrations(con: duckdb.DuckDBPyConnection, migrations: list[Migration]) -> list[Migration]:
    done = set(applied_migrations(con))
    return [m for m in migrations if m.name not in done]


def apply_migrations(con: duckdb.DuckDBPyConnection, migrations: list[Migration]) -> list[str]:
    """Apply the pending ``migrations``, each in one transaction; return the names applied.

    Raises ``MigrationError`` (after rolling back) when a migration's SQL fails.
    """
    con.execute(BOOTSTRAP_SQL)
    applied = []
    for migration in pending_migrations(con, migrations):
        con.begin()
        try:
            con.execute(migration.sql)
            con.execute(
                "INSERT INTO schema_migrations VALUES (?, ?)",
                [migration.name, datetime.now(UTC).replace(tzinfo=None)],
            )
            con.commit()
        except duckdb.Error as exc:
            con.rollback()
            raise MigrationError(migration.name, str(exc).splitlines()[0]) from exc
        except BaseException:
            con.rollback()
            raise
        applied.append(migration.name)
    return applied
