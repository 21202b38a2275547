"""The actor knowledge base: surface forms of countries, organisations, groups and people.

The data lives in ``data/actors/*.yaml`` (see SOURCE.md there); users can add or override entries
with their own YAML or CSV file (``load_user_file``).  Every surface form maps to one or more
``KBEntry`` records; an entry resolves to an ``Actor`` for a given date (people hold offices for
terms, so "Moon Jae-in" is KOR GOV in 2019 and KOR ELI in 2024).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from realpolitik.datafiles import load_data_file, load_yaml
from realpolitik.errors import InputError
from realpolitik.records import ETHNIC_ROLE, Actor

Kind = str  # country | adjective | demonym | capital | metonym | body | org | group | community | person

ETHNIC = ETHNIC_ROLE  # realpolitik's marker role for ethnic/national/religious communities (communities.yaml)


@dataclass(frozen=True, slots=True)
class Term:
    role: str | None
    office: str | None
    start: date | None
    end: date | None

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class KBEntry:
    kb_id: str
    kind: Kind
    name: str
    country: str | None
    role: str | None = None
    org: str | None = None
    terms: tuple[Term, ...] = ()
    otherwise: str | None = None
    era: Term | None = None  # the days this entry holds (a name whose state changed: era_names.yaml)
    homes: tuple[str, ...] = ()  # a community living in several states: those states (communities.yaml)

    def holds_on(self, day: date | None) -> bool:
        return self.era is None or (day is not None and self.era.covers(day))

    @property
    def is_person(self) -> bool:
        return self.kind == "person"

    def role_on(self, day: date | None) -> tuple[str | None, str]:
        """The role this entry has on ``day`` and a few words saying why."""
        if not self.terms:
            return self.role, ""
        if day is None:
            current = [t for t in self.terms if t.end is None]
            term = current[0] if current else self.terms[-1]
            return term.role, f"{term.office or term.role} (no date: latest term)"
        for term in self.terms:
            if term.covers(day):
                return term.role, f"{term.office or term.role} on {day.isoformat()}"
        return self.otherwise, f"not in office on {day.isoformat()}"

    def actor(self, day: date | None = None, role: str | None = None) -> Actor:
        own_role, _ = self.role_on(day)
        role = role or own_role
        if self.org:
            return Actor(code=f"IGO{self.org}", country="IGO", role=role, name=self.name, kb_id=self.kb_id)
        return Actor.of(self.country, role, name=self.name, kb_id=self.kb_id)


@dataclass(slots=True)
class ActorKB:
    surface: dict[str, list[KBEntry]] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)  # lowercase role words -> role code
    country_names: dict[str, str] = field(default_factory=dict)  # code -> canonical name
    codes: frozenset[str] = frozenset()
    role_codes: frozenset[str] = frozenset()

    def add(self, form: str, entry: KBEntry, *, override: bool = False) -> None:
        form = _clean_form(form)
        if not form:
            return
        entries = self.surface.setdefault(form, [])
        if override:
            entries.clear()
        if all(e.kb_id != entry.kb_id for e in entries):
            entries.append(entry)
        plain = ascii_fold(form)
        if plain != form:  # "Slobodan Milošević" is written "Slobodan Milosevic" on most wires
            self.add(plain, entry, override=override)
        if entry.is_person and _ARTICLE.search(form):
            # "Omar al-Bashir" is also "Omar El Bashir", "Omar al Bashir" and "Omar Bashir"
            for variant in {_ARTICLE.sub(a, form) for a in _ARTICLE_FORMS} - {form}:
                entries = self.surface.setdefault(_clean_form(variant), [])
                if all(e.kb_id != entry.kb_id for e in entries):
                    entries.append(entry)

    def lookup(self, form: str) -> list[KBEntry]:
        return self.surface.get(_clean_form(form), [])

    def extend(self, pairs: Iterable[tuple[str, KBEntry]], *, override: bool = False) -> None:
        for form, entry in pairs:
            self.add(form, entry, override=override)


_FOLD = str.maketrans({"đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ß": "ss", "æ": "ae",
                       "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ı": "i", "þ": "th", "ð": "d"})  # fmt: skip


# the Arabic article before a family name, as wires write it
_ARTICLE = re.compile(r"(?<=\s)(?:[Aa]l|[Ee]l)[- ](?=[A-Z])")
_ARTICLE_FORMS = ("al-", "al ", "Al-", "Al ", "el-", "el ", "El-", "El ", "")


# States whose leaders' family names come first, as English texts keep them ("President Lee" is
# Lee Teng-hui, "President Xi" Xi Jinping, "Prime Minister Lee" Lee Hsien Loong)
_FAMILY_NAME_FIRST = frozenset({"CHN", "TWN", "KOR", "PRK", "HKG", "MAC", "SGP"})


def surname(name: str, country: str | None = None) -> str:
    """The family name a text may use alone: 'Omar al-Bashir' -> 'Bashir', 'Lee Teng-hui' (TWN) ->
    'Lee'."""
    words = name.split()
    if country in _FAMILY_NAME_FIRST and len(words) > 1:
        return words[0]
    return re.sub(r"^(?:[Aa]l|[Ee]l)-", "", words[-1])


def ascii_fold(text: str) -> str:
    """``text`` without its accents and special letters: 'Đinđić' -> 'Dindic', 'Łódź' -> 'Lodz'."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _clean_form(form: str) -> str:
    form = " ".join(str(form).split())
    if form.lower().startswith("the "):
        form = form[4:]
    return form


def _data_file(name: str) -> Any:
    path = resources.files("realpolitik") / "data" / "actors" / name
    if not path.is_file():
        return None
    return load_data_file(path)


def _as_date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _country_entries(data: dict[str, Any]) -> Iterator[tuple[str, KBEntry]]:
    for code, info in (data or {}).items():
        info = info or {}
        name = info.get("name", code)
        base = KBEntry(kb_id=f"country:{code}", kind="country", name=name, country=code)
        for form in [name, *info.get("names", []), *info.get("alt_codes", [])]:
            yield form, base
        for form in info.get("adjectives", []):
            yield form, KBEntry(f"country:{code}", "adjective", name, code)
        for form in info.get("demonyms", []):  # "Serbians", "thousands of Iranians": the people
            yield form, KBEntry(f"country:{code}", "demonym", name, code, "CVL")
        capitals = info.get("capital") or []
        for form in [capitals] if isinstance(capitals, str) else capitals:
            yield form, KBEntry(f"capital:{code}", "capital", f"{name} (capital {form})", code, "GOV")
        for kind in ("metonyms", "bodies"):
            for form, role in (info.get(kind) or {}).items():
                kb_kind = "metonym" if kind == "metonyms" else "body"
                yield form, KBEntry(f"{kb_kind}:{code}:{form}", kb_kind, str(form), code, role or None)


def _org_entries(data: dict[str, Any]) -> Iterator[tuple[str, KBEntry]]:
    for code, info in (data or {}).items():
        info = info or {}
        entry = KBEntry(f"org:{code}", "org", info.get("name", code), "IGO", info.get("role"), org=code)
        for form in [info.get("name", code), *info.get("names", [])]:
            yield form, entry


def _group_entries(data: list[dict[str, Any]]) -> Iterator[tuple[str, KBEntry]]:
    for info in data or []:
        # Collectives and regions ("the West", "Africa") have no role: they rank below states.
        kind = "group" if info.get("role") else "collective"
        entry = KBEntry(f"group:{info['name']}", kind, info["name"], info.get("country"), info.get("role"))
        for form in [info["name"], *info.get("names", [])]:
            yield form, entry


def _community_entries(data: list[dict[str, Any]]) -> Iterator[tuple[str, KBEntry]]:
    """Ethnic, national and religious communities: the phrase's role word wins, otherwise ETH."""
    for info in data or []:
        entry = KBEntry(
            f"community:{info['name']}",
            "community",
            info["name"],
            info.get("country") or None,
            info.get("role"),
            homes=tuple(info.get("homes") or ()),
        )
        for form in [info["name"], *(info.get("names") or [])]:
            yield form, entry


def _era_entries(data: list[dict[str, Any]]) -> Iterator[tuple[str, KBEntry]]:
    """A name that meant one state in one era and another in the next ("Congo")."""
    for info in data or []:
        for era in info["eras"]:
            span = Term(None, None, _as_date(era.get("start")), _as_date(era.get("end")))
            start = span.start.isoformat() if span.start else ""
            kind = era.get("kind", "country")
            entry = KBEntry(
                f"era:{info['form']}:{start}",
                kind,
                era.get("name", info["form"]),
                era["country"],
                era.get("role") or None,
                era=span,
            )
            for form in [info["form"], *(info.get("forms") or [])]:
                yield form, entry


def _terms(raw: Iterable[dict[str, Any]]) -> tuple[Term, ...]:
    terms = [
        Term(t.get("role"), t.get("office"), _as_date(t.get("start")), _as_date(t.get("end"))) for t in raw
    ]
    return tuple(sorted(terms, key=lambda t: t.start or date.min))


def _person_entries(data: list[dict[str, Any]]) -> Iterator[tuple[str, KBEntry]]:
    for info in data or []:
        org = info.get("org")
        entry = KBEntry(
            kb_id=f"person:{info['name']}",
            kind="person",
            name=info["name"],
            country="IGO" if org else info.get("country"),
            role=info.get("role"),
            org=org,
            terms=_terms(info.get("terms") or []),
            otherwise=info.get("otherwise", "ELI"),
        )
        for form in [info["name"], *info.get("names", [])]:
            yield form, entry


def _read_codes(name: str) -> dict[str, str]:
    path = resources.files("realpolitik") / "data" / "cameo" / name
    with path.open(encoding="utf-8") as f:
        return {row[0]: row[1] for row in csv.reader(f) if row and row[0] != row[0].lower()}


@cache
def default_kb() -> ActorKB:
    """The knowledge base shipped with the package (loaded once per process)."""
    return build_kb()


def build_kb(user_file: Path | None = None) -> ActorKB:
    countries = _read_codes("country_codes.csv")
    kb = ActorKB(
        country_names=countries,
        codes=frozenset(countries),
        role_codes=frozenset(_read_codes("actor_types.csv")) | {ETHNIC},
    )
    kb.extend(_country_entries(_data_file("countries.yaml") or {}))
    kb.extend(_org_entries(_data_file("organisations.yaml") or {}))
    kb.extend(_group_entries(_data_file("groups.yaml") or []))
    # Armed groups of 1975-2024, parties and NGOs the two files above do not carry.
    kb.extend(_group_entries(_data_file("groups_more.yaml") or []))
    kb.extend(_person_entries(_data_file("people.yaml") or []))
    # Office holders 1975-2012; people.yaml is read first, so its entry comes first for a shared form.
    kb.extend(_person_entries(_data_file("people_historical.yaml") or []))
    # Rebel, opposition and religious leaders, vice presidents, interior and intelligence chiefs; read last.
    kb.extend(_person_entries(_data_file("people_more.yaml") or []))
    kb.extend(_community_entries(_data_file("communities.yaml") or []))
    kb.extend(_era_entries(_data_file("era_names.yaml") or []))
    for role, words in (_data_file("roles.yaml") or {}).items():
        for word in words or []:
            kb.roles[" ".join(str(word).lower().split())] = role
    if user_file is not None:
        kb.extend(load_user_file(user_file, kb), override=True)
    return kb


USER_FIELDS = ("name", "country", "role", "aliases", "org", "start", "end", "otherwise")


def load_user_file(path: Path, kb: ActorKB) -> list[tuple[str, KBEntry]]:
    """Read a user's actor file (YAML list or CSV with columns ``name,country,role,aliases``...).

    Aliases are separated by ``|`` in CSV.  Every row is validated; the first bad row raises an
    ``InputError`` naming the file, the row and the problem.
    """
    if not path.is_file():
        raise InputError("E301", path)
    try:
        text = path.read_text(encoding="utf-8")
        if path.suffix.lower() == ".csv":
            rows: list[dict[str, Any]] = list(csv.DictReader(text.splitlines()))
        else:
            loaded = load_yaml(text)
            rows = loaded if isinstance(loaded, list) else []
            if not isinstance(loaded, list):
                raise InputError("E302", path, detail="expected a YAML list of actors")
    except (UnicodeDecodeError, yaml.YAMLError, csv.Error) as exc:
        raise InputError("E302", path, detail=type(exc).__name__) from None
    out: list[tuple[str, KBEntry]] = []
    for n, row in enumerate(rows, start=1):
        out.extend(_user_row(path, n, row, kb))
    return out


def _user_row(path: Path, n: int, row: Any, kb: ActorKB) -> list[tuple[str, KBEntry]]:
    def bad(detail: str) -> InputError:
        return InputError("E303", path, n=n, detail=detail)

    if not isinstance(row, dict) or not row.get("name"):
        raise bad("every actor needs a 'name'")
    unknown = set(row) - set(USER_FIELDS)
    if unknown:
        raise bad(f"unknown field(s) {', '.join(sorted(unknown))}")
    country = (row.get("country") or "").strip().upper() or None
    org = (row.get("org") or "").strip().upper() or None
    if country and country != "IGO" and country not in kb.codes:
        raise bad(f"unknown CAMEO country code {country!r}")
    if not country and not org:
        raise bad("give a 'country' (CAMEO code) or an 'org'")
    role = (row.get("role") or "").strip().upper() or None
    if role and role not in kb.role_codes:
        raise bad(f"unknown CAMEO role code {role!r}")
    try:
        start, end = _as_date(row.get("start")), _as_date(row.get("end"))
    except ValueError:
        raise bad("dates must be YYYY-MM-DD") from None
    terms = (Term(role, None, start, end),) if (start or end) else ()
    entry = KBEntry(
        f"user:{row['name']}",
        "person" if terms else "group",
        str(row["name"]),
        "IGO" if org else country,
        role,
        org=org,
        terms=terms,
        otherwise=row.get("otherwise") or None,
    )
    aliases = row.get("aliases") or []
    if isinstance(aliases, str):
        aliases = [a for a in aliases.split("|") if a.strip()]
    return [(form, entry) for form in [str(row["name"]), *map(str, aliases)]]
