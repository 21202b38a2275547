"""realpolitik: coded political events from news text, and alignment analytics, offline.

The public Python API (everything else is private and may change)::

    import realpolitik as rp
    events = rp.code_text("Putin visited Pyongyang in June.", published=date(2024, 10, 10))
    with rp.Store("realpolitik.duckdb") as store:
        stats = rp.ingest_paths(["articles/"], store)
        frame = store.events(dyad=("RUS", "PRK"))      # a pandas DataFrame

Heavy modules (spaCy) load on first use, so importing realpolitik is cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Coder",
    "Document",
    "Event",
    "EventDate",
    "Mention",
    "Provenance",
    "RealpolitikError",
    "Sentence",
    "Settings",
    "Store",
    "__version__",
    "code_text",
    "ingest_paths",
]

_LAZY = {
    "Actor": "realpolitik.records",
    "Document": "realpolitik.records",
    "Event": "realpolitik.records",
    "EventDate": "realpolitik.records",
    "Mention": "realpolitik.records",
    "Provenance": "realpolitik.records",
    "Sentence": "realpolitik.records",
    "Settings": "realpolitik.settings",
    "RealpolitikError": "realpolitik.errors",
    "Store": "realpolitik.store",
    "Coder": "realpolitik.coder",
}

if TYPE_CHECKING:
    from datetime import date

    from realpolitik.records import Event


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'realpolitik' has no attribute {name!r}")


_default_coder: Any = None


def code_text(text: str, published: date | None = None) -> list[Event]:
    """Code one text with the default coder (loaded once)."""
    global _default_coder
    if _default_coder is None:
        _default_coder = import_module("realpolitik.coder").Coder()
    return _default_coder.code_text(text, published)


def ingest_paths(paths: list[str], store: Any, **kwargs: Any) -> Any:
    """Ingest files or folders into ``store``; returns the run's ``IngestStats``."""
    coder_mod = import_module("realpolitik.coder")
    pipeline = import_module("realpolitik.pipeline")
    settings = kwargs.pop("settings", None)
    return pipeline.ingest(paths, store, coder=lambda: coder_mod.Coder(settings), **kwargs)
