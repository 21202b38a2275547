"""Wire datelines: "NAIROBI, June 3 (Reuters) - ...", "GAZA CITY, Palestinian Territories: ...".

A dateline says where a story was filed, not who did what; left in, it is parsed as part of the first
sentence ("NAIROBI ... Kenyan troops shelled" makes Nairobi a subject). ``mask_dateline`` blanks it
out with spaces before parsing, so every character offset of the text stays what it was.
"""

from __future__ import annotations

import re

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_AGENCY = r"\((?:[A-Z][A-Za-z.&]*)(?:\s[A-Z][A-Za-z.&]*){0,3}\)"
_CAPS_PLACE = r"[A-Z][A-Z.'\-]+(?:\s+[A-Z][A-Z.'\-]+){0,3}"
_TITLE_PLACE = r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}"
_REST = (
    r"(?:\s*,\s*[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){0,3})?"  # ", Palestinian Territories"
    rf"(?:\s*,\s*(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH}))?"  # ", June 3"
)
_DASH = r"\s*(?:--|—|–|-|:)\s+"

# An ALL-CAPS place ("SEOUL -", "LYON:"), or a place in any case followed by an agency ("Nairobi,
# Kenya (AP) -"), then a dash or a colon.
_DATELINE = re.compile(
    rf"^\s*(?:{_CAPS_PLACE}{_REST}(?:\s*{_AGENCY})?|{_TITLE_PLACE}{_REST}\s*{_AGENCY}){_DASH}"
)


def dateline_span(text: str) -> tuple[int, int] | None:
    """Character range of the dateline that opens ``text``, if there is one."""
    m = _DATELINE.match(text)
    if m is None or m.end() >= len(text):
        return None
    head = text[: m.end()].strip()
    if len(head) < 4 or not any(c.isalpha() for c in text[m.end() :]):
        return None
    return m.start(), m.end()


def mask_dateline(text: str) -> str:
    """``text`` with its opening dateline replaced by spaces (same length, same offsets)."""
    span = dateline_span(text)
    if span is None:
        return text
    start, end = span
    return text[:start] + " " * (end - start) + text[end:]


def dateline_places(text: str) -> list[str]:
    """The place names of the opening dateline, most specific first: "GDANSK, Poland, Aug 14
    (Reuters) -" gives ["Gdansk", "Poland"]; no dateline, [].  (Capitals are title-cased.)"""
    span = dateline_span(text)
    if span is None:
        return []
    head = re.sub(_AGENCY, " ", text[span[0] : span[1]])
    head = re.sub(rf"(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})", " ", head)
    parts = [p.strip(" -:—–\t") for p in head.split(",")]
    return [p.title() if p.isupper() else p for p in parts if p and any(c.isalpha() for c in p)]
