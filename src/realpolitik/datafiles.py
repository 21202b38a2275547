"""Reading the package's YAML data files quickly.

YAML stays the format a domain expert reads and edits, but parsing the actor and pattern files
takes about a second, paid by every command.  ``load_data_file`` therefore keeps a JSON copy of
each parsed file in a cache folder, keyed by a hash of the file's bytes: an edited file is parsed
again, an unchanged one is read back in milliseconds.  The cache folder is
``$REALPOLITIK_CACHE`` (empty: no cache), else ``$XDG_CACHE_HOME/realpolitik``, else
``~/.cache/realpolitik``; when it cannot be written the files are simply parsed every time.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from datetime import date, datetime
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import IO, Any

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FORMAT = "1"  # bump when the cached form changes


def load_yaml(stream: IO[str] | str) -> Any:
    """Parse YAML safely; the same result as ``yaml.safe_load``, several times faster."""
    return yaml.load(stream, Loader=_Loader)


def load_data_file(path: Traversable | Path) -> Any:
    """The parsed content of a YAML data file, from the cache when the file is unchanged."""
    raw = path.read_bytes()
    return cached_json(path.name, raw, lambda: load_yaml(raw.decode("utf-8")))


def cached_json(name: str, raw: bytes, build: Callable[[], Any]) -> Any:
    """``build()``'s JSON-able result for the input bytes ``raw``, from the cache when the same
    input was seen before (an index built from a shipped data file, for instance)."""
    folder = cache_dir()
    stem = f"{name}-{_FORMAT}-"
    cached = folder / f"{stem}{hashlib.sha256(raw).hexdigest()[:32]}.json" if folder else None
    if cached is not None:
        try:
            return json.loads(cached.read_text(encoding="utf-8"), object_hook=_revive)
        except (OSError, ValueError):
            pass
    value = build()
    if cached is not None:
        _store(cached, value, stale=f"{stem}*.json")
    return value


def cache_dir() -> Path | None:
    configured = os.environ.get("REALPOLITIK_CACHE")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "realpolitik"


def _store(target: Path, value: Any, stale: str) -> None:
    """Write the JSON copy atomically (replacing copies of the file's earlier versions, matched by
    the glob ``stale``); skip values JSON cannot give back unchanged."""
    try:
        text = json.dumps(value, default=_encode, ensure_ascii=False)
        if json.loads(text, object_hook=_revive) != value:
            return  # e.g. a mapping with non-string keys
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, target)
        for old in target.parent.glob(stale):
            if old != target:
                old.unlink(missing_ok=True)
    except (OSError, TypeError, ValueError):
        pass


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"__datetime__": value.isoformat()}
    if isinstance(value, date):
        return {"__date__": value.isoformat()}
    raise TypeError(type(value).__name__)


def _revive(obj: dict[str, Any]) -> Any:
    if len(obj) == 1:
        if "__date__" in obj:
            return date.fromisoformat(obj["__date__"])
        if "__datetime__" in obj:
            return datetime.fromisoformat(obj["__datetime__"])
    return obj
