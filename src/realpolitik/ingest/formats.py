"""Parsers from decoded text to article text plus metadata, one per input format.

Each parser takes a ``str`` and returns ``Parsed``; a problem with the content raises
``FormatProblem`` carrying an error code from ``realpolitik.errors``.  Nothing here touches files or
the network: ``readers`` does the I/O.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import lxml.html
import trafilatura
import yaml
from lxml import etree
from trafilatura.settings import Document as ExtractedPage

TITLE_MAX_CHARS = 200


@dataclass(frozen=True, slots=True)
class Parsed:
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: date | None = None


class FormatProblem(Exception):
    """The content cannot be read as a document; ``code`` and ``fields`` fill an ``ERRORS`` template."""

    def __init__(self, code: str, **fields: object) -> None:
        super().__init__(code)
        self.code = code
        self.fields = fields


# -- dates -----------------------------------------------------------------------------------

_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_SLASH_DATE = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")
_TEXT_FORMATS = ("%d %B %Y", "%B %d, %Y", "%B %d %Y", "%d %b %Y", "%b %d, %Y", "%b %d %Y")


def parse_date(value: object) -> date | None:
    """A publication date from metadata (date, datetime, ISO string, "20241010", "10 October 2024").

    Returns None for anything it cannot read as a calendar day.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    text = value.strip()
    for pattern in (_ISO_DATE, _COMPACT_DATE, _SLASH_DATE):
        match = pattern.match(text)
        if match:
            try:
                return date(*(int(g) for g in match.groups()))
            except ValueError:
                return None
    for fmt in _TEXT_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _str_or_none(value: object) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = " ".join(str(value).split())
    return text or None


# -- plain text ------------------------------------------------------------------------------


def guess_title(text: str) -> str | None:
    """The first line, when it looks like a headline: short, followed by a line break, not a sentence
    or the first half of a wrapped line."""
    stripped = text.lstrip()
    first, sep, rest = stripped.partition("\n")
    first = first.strip()
    if not sep or not first or len(first) >= TITLE_MAX_CHARS or first[-1] in ".,;:":
        return None
    following = rest.lstrip()
    if following and following[0].islower():
        return None
    return first


def parse_text(text: str) -> Parsed:
    return Parsed(text=text, title=guess_title(text))


# -- Markdown --------------------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)^---[ \t]*$\n?", re.S | re.M)
_MD_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"<!--.*?-->", re.S), ""),  # HTML comments
    (re.compile(r"^[ \t]*\[[^\]]+\]:[ \t]+\S.*$", re.M), ""),  # link reference definitions
    (re.compile(r"^[ \t]*([-*_])([ \t]*\1){2,}[ \t]*$", re.M), ""),  # horizontal rules
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t#]*$", re.M), r"\1"),  # ATX headings
    (re.compile(r"^[ \t]*>[ \t]?", re.M), ""),  # block quotes
    (re.compile(r"^([ \t]*)[-*+][ \t]+", re.M), r"\1"),  # bullet markers
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images -> alt text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # inline links -> text
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # reference links -> text
    (re.compile(r"`([^`\n]+)`"), r"\1"),  # inline code
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # strong
    (re.compile(r"\*(?=\S)([^*\n]+?)(?<=\S)\*"), r"\1"),  # emphasis with *
    (re.compile(r"(?<!\w)_(?=\S)([^_\n]+?)(?<=\S)_(?!\w)"), r"\1"),  # emphasis with _
]
_HEADING = re.compile(r"^[ \t]{0,3}#[ \t]+(.+?)[ \t#]*$")


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """YAML front matter between leading ``---`` lines (lower-cased keys) and the body after it."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.safe_load(match.group(1)) if match.group(1).strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or type(exc).__name__
        raise FormatProblem("E109", detail=f"{problem}{where}") from exc
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise FormatProblem("E109", detail=f"expected key: value pairs, got {type(meta).__name__}")
    return {str(k).lower(): v for k, v in meta.items()}, text[match.end() :]


def strip_markdown(text: str) -> str:
    """Markdown to plain text, lightly: headings, emphasis, links, images, code, quotes, bullets."""
    for pattern, replacement in _MD_RULES:
        text = pattern.sub(replacement, text)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def parse_markdown(text: str) -> Parsed:
    meta, body = split_front_matter(text)
    first_line = body.lstrip().partition("\n")[0]
    heading = _HEADING.match(first_line)
    title = _str_or_none(meta.get("title")) or (strip_markdown(heading.group(1)) if heading else None)
    return Parsed(
        text=strip_markdown(body),
        title=title,
        url=_str_or_none(meta.get("url") or meta.get("link")),
        source=_str_or_none(meta.get("source") or meta.get("publisher")),
        published=parse_date(meta.get("published") or meta.get("date")),
    )


# -- HTML ------------------------------------------------------------------------------------

_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.created",
    "pubdate",
    "publishdate",
    "sailthru.date",
)
_BLOCKS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "pre", "td")
_DROP = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "template")


@contextmanager
def _quiet(logger_name: str) -> Iterator[None]:
    """Silence a chatty library logger for the duration of a call."""
    logger = logging.getLogger(logger_name)
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def _meta_tags(tree: lxml.html.HtmlElement) -> dict[str, str]:
    """``<meta>`` name/property/itemprop (lower-cased) -> content, first occurrence wins."""
    tags: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = el.get("property") or el.get("name") or el.get("itemprop")
        content = el.get("content")
        if key and content and key.lower() not in tags:
            tags[key.lower()] = content.strip()
    return tags


def _html_fallback(tree: lxml.html.HtmlElement) -> Parsed:
    """Metadata from meta tags and text from block elements, for when trafilatura finds nothing."""
    meta = _meta_tags(tree)
    candidates = [meta.get(key) for key in _DATE_META] + [t.get("datetime") for t in tree.iter("time")]
    published = next((d for d in map(parse_date, candidates) if d is not None), None)
    title_el = tree.find(".//title")
    title = meta.get("og:title") or (title_el.text_content() if title_el is not None else None)
    canonical = tree.find(".//link[@rel='canonical']")
    url = (canonical.get("href") if canonical is not None else None) or meta.get("og:url")
    for el in list(tree.iter(*_DROP)):
        el.drop_tree()
    blocks = [" ".join(el.text_content().split()) for el in tree.iter(*_BLOCKS)]
    text = "\n".join(b for b in blocks if b) or " ".join(tree.text_content().split())
    return Parsed(
        text=text,
        title=_str_or_none(title),
        url=_str_or_none(url),
        source=_str_or_none(meta.get("og:site_name")),
        published=published,
    )


def parse_html(html: str) -> Parsed:
    """Main text and metadata of an HTML page (trafilatura, then meta tags). Never uses the network."""
    with _quiet("trafilatura"), _quiet("htmldate"):
        result = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    try:
        tree = lxml.html.fromstring(html.encode("utf-8"))
    except (etree.ParserError, ValueError):
        tree = None
    fallback = _html_fallback(tree) if tree is not None else Parsed(text="")
    if not isinstance(result, ExtractedPage) or not result.text or not result.text.strip():
        return fallback
    return Parsed(
        text=result.text,
        title=_str_or_none(result.title) or fallback.title,
        url=_str_or_none(result.url) or fallback.url,
        source=_str_or_none(result.sitename) or fallback.source,
        published=parse_date(result.date) or fallback.published,
    )


# -- JSON lines ------------------------------------------------------------------------------


def parse_json_record(line: str) -> Parsed:
    """One JSONL record: ``text`` (required), ``title``, ``url``, ``published``/``date``, ``source``."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise FormatProblem("E106", detail=f"{exc.msg} at column {exc.colno}") from exc
    if not isinstance(record, dict):
        raise FormatProblem("E106", detail=f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if text is None:
        raise FormatProblem("E107", detail='no "text" field')
    if not isinstance(text, str):
        raise FormatProblem("E107", detail=f'"text" is a {type(text).__name__}, not a string')
    if not text.strip():
        raise FormatProblem("E107", detail='"text" is empty')
    published = record.get("published")
    return Parsed(
        text=normalise_newlines(text),
        title=_str_or_none(record.get("title")),
        url=_str_or_none(record.get("url")),
        source=_str_or_none(record.get("source")),
        published=parse_date(published if published is not None else record.get("date")),
    )


def is_json_record(line: str) -> bool:
    """True when ``line`` is a JSON object with a string ``text`` (used to sniff JSONL on stdin)."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError:
        return False
    return isinstance(record, dict) and isinstance(record.get("text"), str)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
