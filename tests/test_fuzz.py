"""Hostile input: parsers, readers and the coder never raise anything but their documented problems.

Parsers raise only ``FormatProblem``; ``iter_documents`` never raises (bad input is an
``InputProblem``); the coder codes any text.  Sizes are capped so the whole file runs in seconds.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from realpolitik.ingest import InputProblem, iter_documents
from realpolitik.ingest.formats import (
    FormatProblem,
    Parsed,
    parse_html,
    parse_json_record,
    parse_markdown,
    parse_text,
)
from realpolitik.records import Document

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# any code point but surrogates (not encodable as UTF-8), with control characters and many scripts
hostile_chars = st.characters(blacklist_categories=["Cs"])
controls = st.sampled_from(
    ["\x00", "\x01", "\x07", "\x0b", "\x0c", "\x1b", "\x7f", "\u200b", "\u202e", "\ufeff"]
)
words = st.sampled_from(
    [
        "Russia",
        "North Korea",
        "the Kremlin",
        "Путин",
        "金正恩",
        "سيول",
        "signed",
        "visited",
        "—",
        "...",
        "\n\n",
    ]
)
hostile_text = st.lists(st.one_of(st.text(hostile_chars, max_size=20), controls, words), max_size=60).map(
    " ".join
)


def _ok(parser, text: str) -> None:
    try:
        result = parser(text)
    except FormatProblem as exc:
        assert exc.code.startswith("E1")
        return
    assert isinstance(result, Parsed)
    assert isinstance(result.text, str)


@FUZZ
@given(hostile_text)
def test_parse_text_and_markdown(text: str) -> None:
    _ok(parse_text, text)
    _ok(parse_markdown, text)
    _ok(parse_markdown, f"---\n{text}\n---\n{text}")  # front matter of random YAML


@FUZZ
@given(hostile_text, st.integers(0, 300))
def test_parse_html(text: str, depth: int) -> None:
    _ok(parse_html, text)
    _ok(parse_html, f"<html><body>{'<div><b>' * depth}<p>{text}</p>{'</b></div>' * (depth // 2)}")


@FUZZ
@given(
    st.one_of(
        hostile_text,
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.floats() | st.text(hostile_chars, max_size=30),
            lambda inner: (
                st.lists(inner, max_size=4)
                | st.dictionaries(
                    st.sampled_from(["text", "title", "url", "published", "date", "source", "x"]),
                    inner,
                    max_size=5,
                )
            ),
            max_leaves=12,
        ).map(json.dumps),
    )
)
def test_parse_json_record(line: str) -> None:
    _ok(parse_json_record, line)


@FUZZ
@given(st.binary(max_size=3000), st.sampled_from([".txt", ".md", ".html", ".jsonl", ".htm", ".markdown"]))
def test_readers_on_random_bytes(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"random{suffix}"
        path.write_bytes(data)
        for item in iter_documents([str(path), tmp], max_bytes=2000):
            assert isinstance(item, Document | InputProblem)
            if isinstance(item, InputProblem):
                assert "\n" not in str(item) and item.code[0] == "E"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(hostile_text)
def test_coder_on_hostile_text(coder, text: str) -> None:
    doc = Document.from_text(text or " ")
    coded = coder.code_document(doc)
    for s in coded.sentences:
        assert 0 <= s.start <= s.end <= len(doc.text)
    for e in coded.events:
        p = e.provenance
        assert 0 <= p.trigger_start <= p.trigger_end <= len(doc.text)


def test_coder_on_a_very_long_sentence(coder) -> None:
    text = "Russia, " * 1500 + "and North Korea signed an agreement with China" + ", and then met" * 300 + "."
    coded = coder.code_document(Document.from_text(text))
    assert len(coded.sentences) >= 1


def test_deeply_nested_html_reads(tmp_path: Path) -> None:
    page = tmp_path / "deep.html"
    page.write_text(
        "<html><body>" + "<div>" * 5000 + "<p>Russia signed a treaty with China.</p></body></html>"
    )
    items = list(iter_documents([str(page)]))
    assert len(items) == 1 and isinstance(items[0], Document | InputProblem)
