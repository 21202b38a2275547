"""The DuckDB event store: ``Store`` (one writer, named migrations, atomic idempotent documents)."""

from realpolitik.store.migrate import Migration, apply_migrations, load_migrations
from realpolitik.store.store import IngestStats, Store

__all__ = ["IngestStats", "Migration", "Store", "apply_migrations", "load_migrations"]
