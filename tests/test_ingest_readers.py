"""Tests of realpolitik.ingest: readers for each format, problems for bad inputs, language detection."""

from __future__ import annotations

import io
import socket
from datetime import date
from pathlib import Path

import pytest

from realpolitik.errors import InputError, UsageError
from realpolitik.ingest import InputProblem, detect_language, formats, iter_documents
from realpolitik.ingest.formats import parse_date, strip_markdown
from realpolitik.records import Document, content_id

INPUTS = Path(__file__).parent / "fixtures" / "inputs"


def read(*names: str | Path, **kwargs: object) -> list[Document | InputProblem]:
    paths = [str(INPUTS / n) if n != "-" else "-" for n in names]
    return list(iter_documents(paths, **kwargs))  # type: ignore[arg-type]


def only_doc(items: list[Document | InputProblem]) -> Document:
    assert len(items) == 1 and isinstance(items[0], Document), items
    return items[0]


def only_problem(items: list[Document | InputProblem]) -> InputProblem:
    assert len(items) == 1 and isinstance(items[0], InputProblem), items
    return items[0]


def test_readers_text_file_title_id_language_and_published_fallback() -> None:
    doc = only_doc(read("article.txt", published=date(2024, 6, 19)))
    assert doc.title == "Russia and North Korea Sign Defence Pact"
    assert doc.text.startswith("Russia and North Korea Sign Defence Pact\nRussian President")
    assert doc.id == content_id(doc.text)
    assert doc.language == "en"
    assert doc.published == date(2024, 6, 19)
    assert doc.path == str(INPUTS / "article.txt")


def test_readers_text_without_published_is_undated() -> None:
    assert only_doc(read("article.txt")).published is None


def test_readers_text_title_only_when_short_headline() -> None:
    stdin = io.StringIO("Russia and North Korea signed a treaty that\nobliges mutual military aid.\n")
    assert only_doc(read("-", stdin=stdin)).title is None
    assert only_doc(read("-", stdin=io.StringIO("One line without a break"))).title is None


def test_readers_markdown_front_matter_and_stripping() -> None:
    doc = only_doc(read("article.md", published=date(2000, 1, 1)))
    assert doc.title == "Seoul protests the Moscow-Pyongyang treaty"
    assert doc.published == date(2024, 6, 20)  # metadata wins over --published
    assert doc.url == "https://example.org/seoul-protest" and doc.source == "Example Wire"
    assert "South Korea strongly condemned the treaty signed by Russia and North Korea." in doc.text
    assert "Seoul summoned the Russian ambassador" in doc.text
    assert not any(mark in doc.text for mark in ("---", "**", "](", "# ", "> "))
    assert doc.text.startswith("Seoul protests\n")


def test_readers_markdown_strip_keeps_snake_case_and_alt_text() -> None:
    text = "## Title ##\n![Kim in Moscow](k.jpg) met __the__ snake_case_name [here][1]\n\n[1]: http://x\n"
    assert strip_markdown(text) == "Title\nKim in Moscow met the snake_case_name here"


def test_readers_markdown_bad_front_matter_is_a_problem(tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_text("---\ntitle: [unclosed\n---\nText about Russia and China.\n", encoding="utf-8")
    problem = only_problem(list(iter_documents([str(bad)])))
    assert problem.code == "E109"


def test_readers_html_main_text_and_metadata(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("HTML reading tried to use the network")

    monkeypatch.setattr(socket, "socket", no_network)
    doc = only_doc(read("article.html"))
    assert doc.title == "China urges restraint on the Korean peninsula"
    assert doc.published == date(2024, 6, 21)
    assert doc.url == "https://example.org/news/china-restraint"
    assert "China called on all parties to exercise restraint" in doc.text
    assert "Home | World" not in doc.text and "Copyright" not in doc.text


def test_readers_html_falls_back_to_meta_tags_when_extractor_finds_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(formats.trafilatura, "bare_extraction", lambda *a, **k: None)
    doc = only_doc(read("article.html"))
    assert doc.title == "China urges restraint on the Korean peninsula"
    assert doc.published == date(2024, 6, 21)
    assert doc.url == "https://example.org/news/china-restraint"
    assert doc.text.startswith("China urges restraint on the Korean peninsula\nChina called on all parties")
    assert "Home | World" not in doc.text and "Copyright" not in doc.text


def test_readers_html_meta_date_fallback_for_tiny_page() -> None:
    doc = only_doc(read("short-meta.html"))
    assert doc.text == "Kyiv thanked Warsaw."
    assert doc.published == date(2023, 1, 5)
    assert doc.language == "und"  # too few letters to tell


def test_readers_jsonl_malformed_line_reported_others_yield() -> None:
    items = read("articles.jsonl")
    docs = [i for i in items if isinstance(i, Document)]
    problems = [i for i in items if isinstance(i, InputProblem)]
    assert [d.path for d in docs] == [f"{INPUTS / 'articles.jsonl'}:1", f"{INPUTS / 'articles.jsonl'}:5"]
    assert docs[0].title == "Tokyo protests" and docs[0].published == date(2024, 1, 15)
    assert docs[0].source == "Wire" and docs[0].id == content_id(docs[0].text)
    assert docs[1].published == date(2024, 2, 1) and docs[1].url == "https://example.org/de"
    assert [(p.code, p.path) for p in problems] == [
        ("E106", f"{INPUTS / 'articles.jsonl'}:2"),
        ("E107", f"{INPUTS / 'articles.jsonl'}:4"),
    ]
    assert str(problems[0]).startswith(f"E106 {INPUTS / 'articles.jsonl'}:2: malformed JSON line")


@pytest.mark.parametrize(
    ("name", "code", "words"),
    [
        ("binary.txt", "E102", "binary"),
        ("empty.txt", "E103", "empty"),
        ("whitespace.txt", "E103", "whitespace"),
        ("latin1.txt", "E104", "byte 3: 0xe9"),
        ("table.csv", "E105", "'.csv'"),
        ("no-such-file.txt", "E001", "no such file"),
    ],
)
def test_readers_bad_input_yields_problem(name: str, code: str, words: str) -> None:
    problem = only_problem(read(name))
    assert problem.code == code
    assert words in str(problem)
    assert str(problem).startswith(f"{code} {INPUTS / name}: ")
    assert "\n" not in str(problem)


def test_readers_problem_converts_to_error_with_exit_code() -> None:
    missing = only_problem(read("no-such-file.txt"))
    assert missing.exit_code == 2 and isinstance(missing.to_error(), UsageError)
    binary = only_problem(read("binary.txt")).to_error()
    assert isinstance(binary, InputError) and binary.exit_code == 1
    assert str(binary) == str(only_problem(read("binary.txt")))


def test_readers_size_limit() -> None:
    problem = only_problem(read("article.txt", max_bytes=100))
    assert problem.code == "E108" and "limit 100" in problem.message


def test_readers_directory_recursive_sorted_skipping_hidden_and_unsupported() -> None:
    items = read("corpus", published=date(2022, 3, 30))
    assert all(isinstance(i, Document) for i in items), items
    names = [Path(i.path).relative_to(INPUTS / "corpus").as_posix() for i in items]  # type: ignore[union-attr, arg-type]
    assert names == ["a.txt", "b.txt", "sub/a.md"]
    assert [i.published for i in items] == [date(2022, 3, 30), date(2022, 3, 30), date(2022, 3, 29)]  # type: ignore[union-attr]


def test_readers_empty_directory_is_reported(tmp_path: Path) -> None:
    (tmp_path / "notes.csv").write_text("a,b\n")
    assert only_problem(list(iter_documents([str(tmp_path)]))).code == "E110"


def test_readers_extensionless_file_named_explicitly_is_text(tmp_path: Path) -> None:
    path = tmp_path / "ARTICLE"
    path.write_text("Iran and Saudi Arabia restored diplomatic relations.\n", encoding="utf-8")
    assert only_doc(list(iter_documents([str(path)]))).text.startswith("Iran and Saudi Arabia")


def test_readers_bom_and_crlf_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "win.txt"
    path.write_bytes(b"\xef\xbb\xbfTitle\r\nBody text about Turkey and Greece.\r\n")
    doc = only_doc(list(iter_documents([str(path)])))
    assert doc.text == "Title\nBody text about Turkey and Greece.\n" and doc.title == "Title"


def test_readers_stdin_plain_text() -> None:
    doc = only_doc(read("-", stdin=io.StringIO("Headline\nIndia and Pakistan agreed to a ceasefire.\n")))
    assert doc.path == "<stdin>" and doc.title == "Headline"


def test_readers_stdin_jsonl_when_every_line_is_a_record() -> None:
    stdin = io.StringIO(
        '{"text": "Egypt hosted talks.", "date": "20240301"}\n\n{"text": "Qatar mediated."}\n'
    )
    items = read("-", stdin=stdin)
    assert [i.path for i in items] == ["<stdin>:1", "<stdin>:3"]  # type: ignore[union-attr]
    assert items[0].published == date(2024, 3, 1)  # type: ignore[union-attr]


def test_readers_stdin_bytes_buffer_invalid_utf8() -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b"ok text \xff\xfe more"), encoding="utf-8")
    problem = only_problem(read("-", stdin=stdin))
    assert problem.code == "E104" and problem.path == "<stdin>" and "byte 8" in problem.message


def test_readers_stdin_empty() -> None:
    assert only_problem(read("-", stdin=io.StringIO(""))).code == "E103"


def test_readers_language_detection_flags_german() -> None:
    doc = only_doc(read("german.txt"))
    assert doc.language == "de"
    assert detect_language(doc.text) == "de"  # deterministic


def test_language_short_text_is_undetermined() -> None:
    assert detect_language("Kyiv, 12 May") == "und"
    assert detect_language("Le gouvernement français a condamné l'attaque contre l'ambassade.") == "fr"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-10-10", date(2024, 10, 10)),
        ("2024-10-10T23:30:00-05:00", date(2024, 10, 10)),
        ("20241010", date(2024, 10, 10)),
        (20241010, date(2024, 10, 10)),
        ("10 October 2024", date(2024, 10, 10)),
        ("October 10, 2024", date(2024, 10, 10)),
        (date(2024, 10, 10), date(2024, 10, 10)),
        ("2024-13-45", None),
        ("soon", None),
        (None, None),
    ],
)
def test_formats_parse_date(value: object, expected: date | None) -> None:
    assert parse_date(value) == expected
