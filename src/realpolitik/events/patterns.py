"""Event patterns: the verb and noun dictionary in ``data/events/verbs.yaml``.

Each pattern names a CAMEO code, the verb lemmas (and/or event nouns) that express it, and optional
constraints: the head lemmas of the object ("cut" + "aid" is a cut in aid, "cut" + "ties" a cut in
relations), a phrasal particle, and the preposition that introduces the target.  A domain expert
extends the file; this module only indexes it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from realpolitik import cameo
from realpolitik.datafiles import load_data_file, load_yaml


@dataclass(frozen=True, slots=True)
class Pattern:
    index: int  # position in the file, for reasons ("verbs.yaml #12")
    code: str
    verbs: frozenset[str]
    objects: frozenset[str]
    prep: str | None
    particle: str | None
    nouns: frozenset[str]
    reciprocal: bool
    comment: str

    @property
    def specificity(self) -> int:
        return (2 if self.objects else 0) + (1 if self.particle else 0) + (1 if self.prep else 0)

    def describe(self) -> str:
        what = "/".join(sorted(self.verbs)) or "/".join(sorted(self.nouns))
        if self.particle:
            what += f" {self.particle}"
        if self.objects:
            what += " + " + "/".join(sorted(self.objects)[:4]) + ("..." if len(self.objects) > 4 else "")
        if self.prep:
            what += f" {self.prep} X"
        return f"{self.code} [{what}] (verbs.yaml #{self.index})"


@dataclass(frozen=True, slots=True)
class PatternBook:
    by_verb: dict[str, tuple[Pattern, ...]]
    by_noun: dict[str, tuple[Pattern, ...]]
    size: int

    def for_verb(self, lemma: str) -> tuple[Pattern, ...]:
        return self.by_verb.get(lemma, ())

    def for_noun(self, lemma: str) -> tuple[Pattern, ...]:
        return self.by_noun.get(lemma, ())


def _words(value: Any) -> frozenset[str]:
    if value is None:
        return frozenset()
    if isinstance(value, str):
        value = [value]
    return frozenset(" ".join(str(v).lower().split()) for v in value)


def parse_patterns(entries: list[dict[str, Any]], origin: str = "verbs.yaml") -> list[Pattern]:
    """Validate and build patterns; a bad entry raises ValueError naming it."""
    out: list[Pattern] = []
    for i, e in enumerate(entries, start=1):
        code = str(e.get("code", "")).strip()
        if not cameo.is_code(code):
            raise ValueError(f"{origin} #{i}: unknown CAMEO code {code!r}")
        verbs, nouns = _words(e.get("verbs")), _words(e.get("nouns"))
        if not verbs and not nouns:
            raise ValueError(f"{origin} #{i}: needs verbs or nouns")
        out.append(
            Pattern(
                index=i,
                code=code,
                verbs=verbs,
                objects=_words(e.get("objects")),
                prep=(str(e["prep"]).lower() if e.get("prep") else None),
                particle=(str(e["particle"]).lower() if e.get("particle") else None),
                nouns=nouns,
                reciprocal=bool(e.get("reciprocal", False)),
                comment=str(e.get("comment") or ""),
            )
        )
    return out


def build_book(patterns: list[Pattern]) -> PatternBook:
    by_verb: dict[str, list[Pattern]] = defaultdict(list)
    by_noun: dict[str, list[Pattern]] = defaultdict(list)
    for p in patterns:
        for v in p.verbs:
            by_verb[v].append(p)
        for n in p.nouns:
            by_noun[n].append(p)

    def order(ps: list[Pattern]) -> tuple[Pattern, ...]:
        return tuple(sorted(ps, key=lambda p: (-p.specificity, p.index)))

    return PatternBook(
        {k: order(v) for k, v in by_verb.items()}, {k: order(v) for k, v in by_noun.items()}, len(patterns)
    )


@cache
def default_book() -> PatternBook:
    path = resources.files("realpolitik") / "data" / "events" / "verbs.yaml"
    return build_book(parse_patterns(load_data_file(path) or []))


def load_book(path: Path) -> PatternBook:
    with path.open(encoding="utf-8") as f:
        return build_book(parse_patterns(load_yaml(f) or [], origin=path.name))
