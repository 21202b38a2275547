"""Typed records passed between pipeline stages.

Data flows one way: ingest makes a ``Document``; the coder splits it into ``Sentence`` records,
finds ``Mention`` records of actors (each resolved to an ``Actor``), and emits ``Event`` records,
each with its ``Provenance``.  The store persists them; analytics read them back as data frames.
Records are frozen: a stage builds new records instead of mutating another stage's output.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

DatePrecision = Literal["day", "month", "year", "decade"]
DateOrigin = Literal["text", "publication", "unknown"]


def content_id(text: str) -> str:
    """Content-derived document id: the same text always gets the same id."""
    normalised = " ".join(text.split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Document:
    """One article or text, as read by ingest."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: date | None = None
    language: str = "en"
    path: str | None = None

    @property
    def date_known(self) -> bool:
        return self.published is not None

    @classmethod
    def from_text(cls, text: str, **meta: object) -> Document:
        return cls(id=content_id(text), text=text, **meta)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Sentence:
    doc_id: str
    index: int
    start: int  # character offsets into Document.text
    end: int
    text: str


# CAMEO codes of the country slot that are no state: they stand alone with no country
TRANSNATIONAL_CODES = frozenset({"IGO", "NGO", "IMG", "MNC", "INT"})
UNKNOWN_COUNTRY = "---"  # the country part of a code when no country is known
ETHNIC_ROLE = "ETH"  # realpolitik's role for ethnic/national/religious communities (not a country)


@dataclass(frozen=True, slots=True)
class Actor:
    """A CAMEO actor: country (or region, or "IGO") plus an optional role.

    ``code`` is the full CAMEO actor code as GDELT writes it: country + role ("RUSGOV"),
    or for organisations "IGO" + the organisation ("IGOUNO").
    """

    code: str
    country: str | None
    role: str | None = None
    name: str | None = None
    kb_id: str | None = None  # the knowledge-base entry that resolved it

    def as_json(self) -> dict[str, str | None]:
        return {"code": self.code, "country": self.country, "role": self.role, "name": self.name}

    @classmethod
    def of(
        cls, country: str | None, role: str | None, *, name: str | None = None, kb_id: str | None = None
    ) -> Actor:
        """The actor of a country (or region, "IGO", "NGO") and a role, its code composed as CAMEO
        writes it: "RUS" + "GOV"; "NGO" + "NGO" is just "NGO"; with no country, "---" and the role
        ("---REB"), as PETRARCH writes it, so that no role reads as a country ("INS"); the GDELT
        export drops the dashes, as GDELT writes "REB".  A community of no state (the ethnic marker
        role) codes nothing, and CAMEO's transnational codes (IMG, a militant Islamist group) stand
        alone."""
        if not country:
            if role in (None, ETHNIC_ROLE):
                code = ""
            else:
                code = role if role in TRANSNATIONAL_CODES else UNKNOWN_COUNTRY + role
        else:
            code = country if role in (None, country) else country + role
        return cls(code=code, country=country or None, role=role, name=name, kb_id=kb_id)


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor mention in a sentence, resolved (or not) to an actor."""

    doc_id: str
    sentence_index: int
    start: int  # document character offsets
    end: int
    text: str
    actor: Actor | None
    reason: str = ""


@dataclass(frozen=True, slots=True)
class EventDate:
    value: date
    precision: DatePrecision
    origin: DateOrigin
    end: date | None = None  # for ranges
    expression: str | None = None

    def iso(self) -> str:
        if self.precision == "day":
            return self.value.isoformat()
        if self.precision == "month":
            return self.value.strftime("%Y-%m")
        if self.precision == "year":
            return str(self.value.year)
        return f"{self.value.year // 10 * 10}s"


@dataclass(frozen=True, slots=True)
class Provenance:
    doc_id: str | None
    sentence_index: int
    start: int  # character offsets of the sentence in the document (or the input text)
    end: int
    trigger_start: int  # offsets of the words that triggered the event
    trigger_end: int
    coder: str
    coder_version: str
    reason: str
    confidence: float


@dataclass(frozen=True, slots=True)
class Event:
    source: Actor
    target: Actor | None
    cameo: str
    plover: str | None
    plover_mode: str | None
    goldstein: float
    quad_class: int
    date: EventDate | None
    provenance: Provenance
    hedged: bool = False
    quote: str | None = None
    location: str | None = None
    sentence: str = ""
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def root(self) -> str:
        return self.cameo[:2]

    @property
    def id(self) -> str:
        """Stable id: same document, sentence, trigger, actors and code give the same id."""
        p = self.provenance
        key = "|".join(
            str(x)
            for x in (
                p.doc_id,
                p.sentence_index,
                p.trigger_start,
                self.source.code,
                self.target.code if self.target else "",
                self.cameo,
            )
        )
        return hashlib.sha256(key.encode()).hexdigest()[:16]

    def as_json(self) -> dict[str, object]:
        """The ``realpolitik code`` output contract (field names are read by evaluation scripts)."""
        d = self.date
        return {
            "source": self.source.as_json(),
            "target": self.target.as_json() if self.target else None,
            "cameo": self.cameo,
            "root": self.root,
            "plover": self.plover,
            "plover_mode": self.plover_mode,
            "goldstein": self.goldstein,
            "quad_class": self.quad_class,
            "event_date": d.iso() if d else None,
            "date_end": d.end.isoformat() if d and d.end else None,
            "date_precision": d.precision if d else None,
            "date_origin": d.origin if d else "unknown",
            "text_span": [self.provenance.trigger_start, self.provenance.trigger_end],
            "sentence_span": [self.provenance.start, self.provenance.end],
            "confidence": round(self.provenance.confidence, 3),
            "hedged": self.hedged,
            "quote": self.quote,
            "location": self.location,
            "location_country": self.extra.get("location_country"),
            "latitude": float(self.extra["latitude"]) if "latitude" in self.extra else None,
            "longitude": float(self.extra["longitude"]) if "longitude" in self.extra else None,
            "quantities": self.extra.get("quantities"),
            "reason": self.provenance.reason,
        }
