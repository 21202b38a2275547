"""Ingest: read files, directories and stdin into ``Document`` records (with language and dates)."""

from realpolitik.ingest.language import detect_language
from realpolitik.ingest.readers import (
    DEFAULT_MAX_BYTES,
    SUPPORTED_SUFFIXES,
    InputProblem,
    iter_documents,
    iter_files,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "InputProblem",
    "detect_language",
    "iter_documents",
    "iter_files",
]
