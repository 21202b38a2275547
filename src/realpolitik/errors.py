"""User-facing errors, each with a stable code and one clear line.

Every problem a user can cause has its own code in ``ERRORS`` below (search the docs for "E104").
The first digit says the family: ``E0xx`` usage errors (exit status 2), ``E1xx`` input problems
(exit status 1), ``E2xx`` store problems (exit status 1), ``E3xx`` problems in user actor files
(input, exit status 1).  ``str(error)`` is always one line::

    E104 notes/article.txt: not valid UTF-8 (byte 1532: 0xe9); save the file as UTF-8

Readers do not raise for bad input files: they yield ``InputProblem`` records (see
``realpolitik.ingest``) that carry the same codes, so one bad file never stops a batch.
"""

from __future__ import annotations

from pathlib import Path

# code -> message template.  Placeholders are filled from keyword arguments.
ERRORS: dict[str, str] = {
    # usage (exit 2)
    "E001": "no such file or directory",
    "E002": "bad value for {option}: {value!r} ({expected})",
    "E003": "bad date {value!r}: use YYYY-MM-DD",
    "E004": "document id prefix is ambiguous: it matches {n} documents; give more characters",
    "E005": "spaCy pipeline {name!r} is not installed (nor any fallback); install it or choose another",
    "E006": "no stored document has this id (or id prefix)",
    "E007": "nothing to ingest: give files, folders, or - for standard input",
    "E008": "cannot write the output: {detail}",
    "E009": "cannot read the input: {detail}",
    "E010": "give an actor name to explain, or --list",
    # input (exit 1)
    "E101": "cannot read: {reason}",
    "E102": "looks like a binary file ({reason}); give text, Markdown, HTML or JSONL",
    "E103": "empty: {reason}",
    "E104": "not valid UTF-8 (byte {offset}: {detail}); save the file as UTF-8",
    "E105": "unsupported file type {suffix!r}; supported: {supported}",
    "E106": "malformed JSON line: {detail}",
    "E107": "JSON line has no text: {detail}",
    "E108": "too large ({size} bytes, limit {limit}); split it or raise the limit",
    "E109": "invalid YAML front matter: {detail}",
    "E110": "directory holds no readable files ({supported})",
    # store (exit 1)
    "E201": "not a realpolitik/DuckDB database ({detail}); the file was left untouched",
    "E202": "cannot create or open the database here: {detail}",
    "E203": "database does not exist (opened read-only); ingest something first",
    "E204": "database is locked by another process ({detail}); a writer excludes all others",
    "E205": "database schema needs upgrading ({pending}); open it once for writing (e.g. run ingest)",
    "E206": "a DuckDB database, but not a realpolitik one (it has tables {tables} and no schema_migrations)",
    "E207": "write failed: {detail}",
    "E208": "database is open read-only; cannot {action}",
    "E209": "migration {name} failed: {detail}",
    # actor knowledge base files given by the user (exit 1)
    "E301": "actor file does not exist",
    "E302": "cannot read the actor file: {detail}",
    "E303": "actor file, entry {n}: {detail}",
}


class _Fields(dict[str, object]):
    """Template fields; a placeholder nobody filled shows as "?" instead of raising."""

    def __missing__(self, key: str) -> str:
        return "?"


def format_message(code: str, **fields: object) -> str:
    """The one-line message for ``code`` with its placeholders filled."""
    text = ERRORS[code].format_map(_Fields(fields))
    return " ".join(text.split())


def format_line(code: str, path: str | Path | None, message: str) -> str:
    """``"E104 path: message"`` (or ``"E104 message"`` without a path), always one line."""
    message = " ".join(message.split())
    return f"{code} {path}: {message}" if path is not None else f"{code} {message}"


class RealpolitikError(Exception):
    """Base of all user-facing errors: a stable ``code``, an ``exit_code`` and a one-line message."""

    exit_code: int = 1

    def __init__(self, code: str, path: str | Path | None = None, /, **fields: object) -> None:
        if code not in ERRORS:
            raise ValueError(f"unknown error code {code!r}")
        self.code = code
        self.path = str(path) if path is not None else None
        self.message = format_message(code, **fields)
        super().__init__(format_line(code, self.path, self.message))

    @classmethod
    def from_message(cls, code: str, path: str | Path | None, message: str) -> RealpolitikError:
        """Build an error whose message was already formatted (e.g. from an ``InputProblem``)."""
        err = cls.__new__(cls)
        err.code = code
        err.path = str(path) if path is not None else None
        err.message = " ".join(message.split())
        Exception.__init__(err, format_line(code, err.path, err.message))
        return err


class UsageError(RealpolitikError):
    """The command line was wrong: missing path, bad flag value, bad date (exit status 2)."""

    exit_code = 2


class InputError(RealpolitikError):
    """An input could not be read as a document (exit status 1)."""

    exit_code = 1


class StoreError(RealpolitikError):
    """The database could not be opened or written (exit status 1)."""

    exit_code = 1


def error_class(code: str) -> type[RealpolitikError]:
    """The error class a code belongs to, from its family digit."""
    family = {"0": UsageError, "1": InputError, "2": StoreError, "3": InputError}
    return family[code[1]]


__all__ = [
    "ERRORS",
    "InputError",
    "RealpolitikError",
    "StoreError",
    "UsageError",
    "error_class",
    "format_line",
    "format_message",
]
