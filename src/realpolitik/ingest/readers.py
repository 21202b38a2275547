"""Turn paths into ``Document`` records: files, directories (recursively) and ``-`` for stdin.

Bad inputs never raise: ``iter_documents`` yields an ``InputProblem`` for each one and carries on, so
one unreadable file does not stop a batch.  Problems carry the codes of ``realpolitik.errors``.

Formats, by file extension: ``.txt``/``.text`` (and extensionless files named explicitly) plain text,
``.md``/``.markdown`` Markdown with optional YAML front matter, ``.html``/``.htm`` web pages (main text
via trafilatura, offline), ``.jsonl``/``.ndjson`` one JSON object per line with a ``text`` field.  Text
must be UTF-8 (a leading BOM is dropped; line endings become ``\\n``).  The size limit applies to each
file, or to each line of a JSONL file.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO, TextIO

from realpolitik.errors import RealpolitikError, error_class, format_line, format_message
from realpolitik.ingest.formats import (
    FormatProblem,
    Parsed,
    is_json_record,
    normalise_newlines,
    parse_html,
    parse_json_record,
    parse_markdown,
    parse_text,
)
from realpolitik.ingest.language import detect_language
from realpolitik.records import Document, content_id

STDIN = "-"
STDIN_LABEL = "<stdin>"
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
SUPPORTED_SUFFIXES: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
PARSERS: dict[str, Callable[[str], Parsed]] = {
    "text": parse_text,
    "markdown": parse_markdown,
    "html": parse_html,
}
_SNIFF_BYTES = 8192
_MAGIC = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive or Office document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "a program",
}
_CONTROL = frozenset(range(32)) - {9, 10, 11, 12, 13, 27}


@dataclass(frozen=True, slots=True)
class InputProblem:
    """An input that could not be read as a document; ``str()`` gives ``"E104 path: message"``."""

    path: str
    code: str
    message: str

    @classmethod
    def of(cls, code: str, path: str | Path, **fields: object) -> InputProblem:
        return cls(str(path), code, format_message(code, **fields))

    def __str__(self) -> str:
        return format_line(self.code, self.path, self.message)

    @property
    def exit_code(self) -> int:
        """2 for usage problems (a path that does not exist), 1 for bad input."""
        return error_class(self.code).exit_code

    def to_error(self) -> RealpolitikError:
        """The matching ``UsageError``/``InputError``, for callers that want to stop on it."""
        return error_class(self.code).from_message(self.code, self.path, self.message)


Item = Document | InputProblem


def iter_documents(
    paths: Sequence[str],
    *,
    published: date | None = None,
    stdin: TextIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Item]:
    """Documents (and problems) from ``paths`` in order; directories are walked in sorted order.

    ``published`` is the fallback publication date for documents whose metadata has none.  ``"-"``
    reads ``stdin`` (default ``sys.stdin``): JSONL when every non-empty line is a JSON object with a
    ``text`` field, plain text otherwise.
    """
    for name in paths:
        if name == STDIN:
            yield from _read_stdin(stdin if stdin is not None else sys.stdin, published, max_bytes)
        else:
            yield from _read_path(Path(name), published, max_bytes)


def iter_files(directory: Path) -> list[Path]:
    """Supported files under ``directory``, recursively and sorted, skipping hidden files and folders."""
    found = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [
            Path(root, f)
            for f in files
            if not f.startswith(".") and Path(f).suffix.lower() in SUPPORTED_SUFFIXES
        ]
    return sorted(found)


def supported_types() -> str:
    return ", ".join(SUPPORTED_SUFFIXES)


# -- paths -----------------------------------------------------------------------------------


def _read_path(path: Path, published: date | None, max_bytes: int) -> Iterator[Item]:
    if path.is_dir():
        files = iter_files(path)
        if not files:
            yield InputProblem.of("E110", path, supported=supported_types())
        for file in files:
            yield from _read_file(file, SUPPORTED_SUFFIXES[file.suffix.lower()], published, max_bytes)
        return
    if not path.exists():
        yield InputProblem.of("E001", path)
        return
    suffix = path.suffix.lower()
    kind = "text" if not suffix else SUPPORTED_SUFFIXES.get(suffix)
    if kind is None:
        yield InputProblem.of("E105", path, suffix=suffix, supported=supported_types())
        return
    yield from _read_file(path, kind, published, max_bytes)


def _read_file(path: Path, kind: str, published: date | None, max_bytes: int) -> Iterator[Item]:
    if kind == "jsonl":
        yield from _read_jsonl(path, published, max_bytes)
        return
    data = _load_bytes(path, max_bytes)
    if isinstance(data, InputProblem):
        yield data
        return
    text = _decode(data, str(path))
    if isinstance(text, InputProblem):
        yield text
        return
    yield _parse(PARSERS[kind], text, str(path), published)


def _load_bytes(path: Path, max_bytes: int) -> bytes | InputProblem:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return InputProblem.of("E108", path, size=size, limit=max_bytes)
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except PermissionError:
        return InputProblem.of("E101", path, reason="permission denied")
    except OSError as exc:
        return InputProblem.of("E101", path, reason=exc.strerror or str(exc))
    if len(data) > max_bytes:
        return InputProblem.of("E108", path, size=f"over {max_bytes}", limit=max_bytes)
    return data


# -- bytes to text ---------------------------------------------------------------------------


def _binary_reason(sample: bytes) -> str | None:
    """Why ``sample`` (the start of an input) looks binary, or None when it looks like text."""
    for magic, what in _MAGIC.items():
        if sample.startswith(magic):
            return what
    if b"\x00" in sample:
        return "it contains NUL bytes"
    controls = sum(1 for b in sample if b in _CONTROL)
    if sample and controls / len(sample) > 0.1:
        return "it is mostly control characters"
    return None


def _decode(data: bytes, label: str) -> str | InputProblem:
    """UTF-8 text of an input, or the problem that stops it being one."""
    if not data:
        return InputProblem.of("E103", label, reason="nothing in it")
    reason = _binary_reason(data[:_SNIFF_BYTES])
    if reason:
        return InputProblem.of("E102", label, reason=reason)
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    try:
        text = data[start:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = start + exc.start
        return InputProblem.of("E104", label, offset=offset, detail=f"0x{data[offset]:02x}, {exc.reason}")
    if not text.strip():
        return InputProblem.of("E103", label, reason="only whitespace")
    return normalise_newlines(text)


def _parse(parser: Callable[[str], Parsed], text: str, label: str, published: date | None) -> Item:
    try:
        parsed = parser(text)
    except FormatProblem as exc:
        return InputProblem.of(exc.code, label, **exc.fields)
    if not parsed.text.strip():
        return InputProblem.of("E103", label, reason="no text left after removing markup")
    return _document(parsed, label, published)


def _document(parsed: Parsed, label: str, published: date | None) -> Document:
    return Document(
        id=content_id(parsed.text),
        text=parsed.text,
        title=parsed.title,
        url=parsed.url,
        source=parsed.source,
        published=parsed.published or published,
        language=detect_language(parsed.text),
        path=label,
    )


# -- JSON lines ------------------------------------------------------------------------------


def _read_jsonl(path: Path, published: date | None, max_bytes: int) -> Iterator[Item]:
    try:
        fh = path.open("rb")
    except OSError as exc:
        reason = "permission denied" if isinstance(exc, PermissionError) else exc.strerror or str(exc)
        yield InputProblem.of("E101", path, reason=reason)
        return
    with fh:
        yield from _jsonl_lines(fh, str(path), published, max_bytes)


def _jsonl_lines(fh: BinaryIO, label: str, published: date | None, max_bytes: int) -> Iterator[Item]:
    if fh.seekable():
        reason = _binary_reason(fh.read(_SNIFF_BYTES))
        fh.seek(0)
        if reason:
            yield InputProblem.of("E102", label, reason=reason)
            return
    offset, seen = 0, False
    for lineno, raw in enumerate(fh, start=1):
        line_label, line_start = f"{label}:{lineno}", offset
        offset += len(raw)
        if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw, line_start = raw[3:], 3
        if not raw.strip():
            continue
        seen = True
        if len(raw) > max_bytes:
            yield InputProblem.of("E108", line_label, size=len(raw), limit=max_bytes)
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            detail = f"0x{raw[exc.start]:02x}, {exc.reason}"
            yield InputProblem.of("E104", line_label, offset=line_start + exc.start, detail=detail)
            continue
        yield _parse(parse_json_record, line, line_label, published)
    if not seen:
        yield InputProblem.of("E103", label, reason="no JSON lines in it")


# -- stdin -----------------------------------------------------------------------------------


def _read_stdin(stream: TextIO, published: date | None, max_bytes: int) -> Iterator[Item]:
    text = _stdin_text(stream, max_bytes)
    if isinstance(text, InputProblem):
        yield text
        return
    lines = text.split("\n")
    records = [line for line in lines if line.strip()]
    if records and all(line.lstrip().startswith("{") and is_json_record(line) for line in records):
        for lineno, line in enumerate(lines, start=1):
            if line.strip():
                yield _parse(parse_json_record, line, f"{STDIN_LABEL}:{lineno}", published)
        return
    yield _parse(parse_text, text, STDIN_LABEL, published)


def _stdin_text(stream: TextIO, max_bytes: int) -> str | InputProblem:
    """All of standard input as text (read as bytes when the stream has a byte buffer)."""
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        data = buffer.read(max_bytes + 1)
    else:
        try:
            chunk = stream.read(max_bytes + 1)
        except UnicodeDecodeError as exc:
            return InputProblem.of("E104", STDIN_LABEL, offset=exc.start, detail=exc.reason)
        data = chunk.encode("utf-8", errors="surrogatepass")
    if len(data) > max_bytes:
        return InputProblem.of("E108", STDIN_LABEL, size=f"over {max_bytes}", limit=max_bytes)
    return _decode(data, STDIN_LABEL)
