"""The event coder: Document -> sentences, actor mentions and events.

Stages, each in its own module: spaCy parse (``nlp``), actor resolution (``actors``), event
patterns and clause status (``events``), dates (``time``).  The coder composes them and turns
candidates into ``Event`` records with CAMEO attributes and provenance.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from realpolitik import cameo
from realpolitik.actors.kb import ActorKB, build_kb, default_kb
from realpolitik.actors.resolver import ActorFinder, ActorResolver, Resolved
from realpolitik.dateline import dateline_places, mask_dateline
from realpolitik.events.cues import Cues, default_cues
from realpolitik.events.extract import Candidate, EventExtractor
from realpolitik.events.patterns import PatternBook, default_book
from realpolitik.nlp import load_pipeline
from realpolitik.places import PlaceMention, find_places, gazetteer
from realpolitik.quantities import Quantity, find_quantities
from realpolitik.records import Document, Event, EventDate, Mention, Provenance, Sentence
from realpolitik.settings import Settings
from realpolitik.time import DateExpression, find_dates, publication_date

CODER_NAME = "realpolitik-rules"
CODER_VERSION = "0.1.0"


@dataclass(frozen=True, slots=True)
class CodedDocument:
    document: Document
    sentences: list[Sentence]
    mentions: list[Mention]
    events: list[Event]


class Coder:
    """Loads the pipeline and dictionaries once; codes documents or bare sentences."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        kb: ActorKB | None = None,
        book: PatternBook | None = None,
        cues: Cues | None = None,
    ) -> None:
        settings = settings or Settings.from_env()
        self.settings = settings
        self.nlp = load_pipeline(settings.spacy_model)
        if kb is None:
            kb = build_kb(settings.user_actors) if settings.user_actors else default_kb()
        self.kb = kb
        self.resolver = ActorResolver(ActorFinder(self.nlp, kb))
        self.extractor = EventExtractor(self.resolver, book or default_book(), cues or default_cues())
        self.cues = cues or default_cues()
        gazetteer()  # load the place names now, not in the middle of the first document
        self._people = {e.kb_id: e for es in kb.surface.values() for e in es if e.is_person}

    # ---- public -------------------------------------------------------------------------------
    def code_documents(self, docs: Iterable[Document]) -> Iterator[CodedDocument]:
        """Code documents in order, parsing them in small batches."""
        docs = list(docs) if not isinstance(docs, list) else docs
        texts = ((mask_dateline(d.text), d) for d in docs)  # (same offsets, dateline blanked)
        for parsed, document in self.nlp.pipe(texts, as_tuples=True, batch_size=self.settings.batch_size):
            yield self._code(parsed, document)

    def code_document(self, document: Document) -> CodedDocument:
        return self._code(self.nlp(mask_dateline(document.text)), document)

    def code_text(self, text: str, published: date | None = None) -> list[Event]:
        return self.code_document(Document(id="", text=text, published=published)).events

    # ---- one document -------------------------------------------------------------------------
    def _code(self, doc: Doc, document: Document) -> CodedDocument:
        ctx = self.resolver.context(doc, document.published)
        ctx.filed_in = self.resolver.state_of_places(dateline_places(document.text))
        sentences: list[Sentence] = []
        mentions: list[Mention] = []
        events: list[Event] = []
        last_date: EventDate | None = None
        for index, sent in enumerate(doc.sents):
            original = document.text[sent.start_char : sent.end_char]  # (with its dateline, if any)
            sentences.append(Sentence(document.id, index, sent.start_char, sent.end_char, original))
            named = self.resolver.mentions(sent, ctx)
            self.resolver.remember(named, ctx)
            mentions.extend(_mention(document.id, index, doc, r) for r in named)
            candidates = self.extractor.sentence(sent, ctx)
            if not candidates:
                continue
            dates = _dates_in(sent, document.published, last_date)
            places = find_places(sent.text) if any(_has_place_phrase(c) for c in candidates) else []
            amounts = find_quantities(sent.text)
            triggers = {c.trigger.i for c in candidates}
            for cand in candidates:
                when = self._date_for(cand, sent, dates, triggers, last_date, document.published)
                where = _place_for(cand, sent, places)
                measured = _quantities_for(cand, sent, amounts)
                events.extend(self._events(document, index, sent, cand, when, where, measured))
                if when is not None and when.origin == "text":
                    last_date = when
        return CodedDocument(document, sentences, mentions, _dedupe(events))

    def _events(
        self,
        document: Document,
        index: int,
        sent: Span,
        cand: Candidate,
        when: EventDate | None,
        where: PlaceMention | None = None,
        measured: list[Quantity] | None = None,
    ) -> list[Event]:
        extra: dict[str, str] = {}
        if where is not None:
            p = where.place
            extra = {
                "location_country": p.country,
                "latitude": str(p.latitude),
                "longitude": str(p.longitude),
                "location_admin1": p.admin1 or "",
                "location_kind": p.kind,
            }
        if measured:
            extra["quantities"] = "; ".join(q.text for q in measured)
        out: list[Event] = []
        for source, target in _pairs(cand):
            if not source.actor.code:  # "ethnic Albanian unrest": a community of no state codes nothing
                continue
            code, crowd = self.extractor.crowd_code(cand, source, target)
            entry = cameo.lookup(code)
            source, target = self._as_of(source, when), (self._as_of(target, when) if target else None)
            reason = f"{cand.why}{crowd}; source {source.reason}"
            if target is not None:
                reason += f"; target {target.reason}"
            if cand.reciprocal:
                reason += "; reciprocal (joint subject)"
            if when is not None:
                reason += f"; date {when.iso()} from {when.expression or when.origin}"
            trig = cand.trigger
            prov = Provenance(
                doc_id=document.id or None,
                sentence_index=index,
                start=sent.start_char,
                end=sent.end_char,
                trigger_start=trig.idx,
                trigger_end=trig.idx + len(trig.text),
                coder=CODER_NAME,
                coder_version=CODER_VERSION,
                reason=reason,
                confidence=cand.confidence,
            )
            out.append(
                Event(
                    source=source.actor,
                    target=target.actor if target else None,
                    cameo=entry.code,
                    plover=entry.plover,
                    plover_mode=entry.plover_mode,
                    goldstein=entry.goldstein,
                    quad_class=entry.quad_class,
                    date=when,
                    provenance=prov,
                    hedged=cand.hedged,
                    quote=cand.quote,
                    location=where.place.name if where is not None else None,
                    sentence=document.text[sent.start_char : sent.end_char],
                    extra=extra,
                )
            )
        return out

    def _as_of(self, r: Resolved, when: EventDate | None) -> Resolved:
        """People hold offices for terms: an event the text dates in 1961 sees Kim Il Sung as head of
        government even in an article of 1996."""
        entry = self._people.get(r.actor.kb_id or "")
        if entry is None or when is None or when.origin != "text" or when.precision == "decade":
            return r
        role, why = entry.role_on(when.value)
        if role == r.actor.role:
            return r
        actor = entry.actor(when.value)
        return replace(r, actor=actor, reason=f"{r.reason}; on the event's date: {why}")

    def _date_for(
        self,
        cand: Candidate,
        sent: Span,
        dates: list[tuple[DateExpression, Token]],
        triggers: set[int],
        last: EventDate | None,
        published: date | None,
    ) -> EventDate | None:
        """The date expression that governs the event's clause; else the story's; else publication."""
        own, free = None, None
        for expr, tok in dates:
            owner = _owner(tok, triggers)
            if owner is not None and owner.i == cand.trigger.i:
                own = own or expr
            elif (
                owner is None
                or owner.i not in triggers
                or cand.trigger.i in {a.i for a in owner.ancestors} | {owner.i}
            ):
                free = free or expr
        for anc in cand.trigger.ancestors:  # "In June, the leaders agreed to sign": date on 'agreed'
            for expr, tok in dates:
                if own is None and _owner(tok, triggers | {anc.i}) is anc:
                    own = expr
        if _future_act(cand):  # a date inside what is intended or asked for dates that act
            for expr, tok in dates:
                owner = _owner(tok, triggers)
                if owner is None:
                    continue
                inside = cand.trigger.i in {a.i for a in owner.ancestors}  # "demanded that X go by ..."
                reframed = bool(cand.act) and cand.act != cand.code
                if inside or (owner.i == cand.trigger.i and reframed):  # "will meet in June"
                    return _forward(expr, published)
        chosen = own or free
        if chosen is not None:
            return chosen.date
        if last is not None and _starts_with_sequencer(sent, self.cues):
            return EventDate(
                last.value, last.precision, "text", last.end, f"carried over from '{last.expression}'"
            )
        return publication_date(published)


def _future_act(cand: Candidate) -> bool:
    """Is the event an act stated for the future ("will meet again in June", "must step down by
    October 15"), framed as an intention or a threat (03x, 13x) or asked for (10x, 02x)?"""
    return (bool(cand.act) and cand.act != cand.code) or cand.code[:2] in {"02", "10"}


def _forward(expr: DateExpression, published: date | None) -> EventDate:
    """A date named without its year for an act still to come is the next one, not the last:
    "meet again in June" in April 1995 is June 1995."""
    when = expr.date
    if (
        published is None
        or not expr.relative
        or when.precision not in {"day", "month"}
        or when.value >= published.replace(day=1)
        or any(ch.isdigit() and len(w) == 4 for w in expr.text.split() for ch in w[:1])
    ):
        return when
    try:
        value = when.value.replace(year=when.value.year + 1)
    except ValueError:  # (29 February)
        value = when.value.replace(year=when.value.year + 1, day=28)
    if value < published:
        return when
    return replace(when, value=value)


def _dates_in(
    sent: Span, published: date | None, anchor: EventDate | None
) -> list[tuple[DateExpression, Token]]:
    out = []
    for expr in find_dates(sent.text, published, anchor):
        span = sent.doc.char_span(
            sent.start_char + expr.start, sent.start_char + expr.end, alignment_mode="expand"
        )
        if span is not None:
            out.append((expr, span.root))
    return out


_PLACE_PREPS = {"in", "at", "near", "from", "to", "into", "off", "outside", "inside", "around", "across"}


def _has_place_phrase(cand: Candidate) -> bool:
    heads = [cand.trigger, *(c for c in cand.trigger.children if c.dep_ in {"dobj", "nsubjpass"})]
    return any(c.dep_ == "prep" and c.lower_ in _PLACE_PREPS for h in heads for c in h.children)


def _place_for(cand: Candidate, sent: Span, places: list[PlaceMention]) -> PlaceMention | None:
    """Where the event happened: a place inside a place-like prepositional phrase of the trigger
    (or of its object): "met in Vladivostok", "shipped explosives from two ports in its Far East"."""
    if not places:
        return None
    heads = [cand.trigger, *(c for c in cand.trigger.children if c.dep_ in {"dobj", "nsubjpass"})]
    for head in heads:
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in _PLACE_PREPS):
            words = list(prep.subtree)
            lo, hi = words[0].idx - sent.start_char, words[-1].idx + len(words[-1]) - sent.start_char
            for p in places:
                if lo <= p.start and p.end <= hi:
                    return p
    return None


def _quantities_for(cand: Candidate, sent: Span, amounts: list[Quantity]) -> list[Quantity]:
    """Quantities inside the trigger's object phrase ("shipped over 74,000 metric tons of explosives")."""
    out: list[Quantity] = []
    for obj in (c for c in cand.trigger.children if c.dep_ in {"dobj", "nsubjpass", "attr"}):
        words = list(obj.subtree)
        lo, hi = words[0].idx - sent.start_char, words[-1].idx + len(words[-1]) - sent.start_char
        out += [q for q in amounts if lo <= q.start and q.end <= hi]
    return out


def _owner(tok: Token, triggers: set[int]) -> Token | None:
    """The nearest trigger (or verb) above a date expression's root token."""
    for anc in [tok, *tok.ancestors]:
        if anc.i in triggers and anc.i != tok.i:
            return anc
        if anc.i != tok.i and anc.pos_ in {"VERB", "AUX"}:
            return anc
    return None


def _starts_with_sequencer(sent: Span, cues: Cues) -> bool:
    first = sent.text.lower().lstrip(" \"'“")
    return any(first.startswith(w + " ") or first.startswith(w + ",") for w in cues.words("sequencers"))


def _pairs(cand: Candidate) -> list[tuple[Resolved, Resolved | None]]:
    if cand.reciprocal:
        return [(a, b) for a in cand.sources for b in cand.sources if a.actor.code != b.actor.code]
    if not cand.targets:
        return [(s, None) for s in cand.sources]
    pairs: list[tuple[Resolved, Resolved | None]] = [
        (s, t) for s in cand.sources for t in cand.targets if s.actor.code != t.actor.code
    ]
    if cand.mutual:
        pairs += [(t, s) for s in cand.sources for t in cand.targets if s.actor.code != t.actor.code]
    return pairs


def _mention(doc_id: str, index: int, doc: Doc, r: Resolved) -> Mention:
    span = doc[r.start : r.end]
    return Mention(doc_id, index, span.start_char, span.end_char, span.text, r.actor, r.reason)


def _dedupe(events: list[Event]) -> list[Event]:
    """One event per act: the same code between the same states in one sentence, found twice (by the
    verb and by its noun: "held their first meeting with"), is kept once, with the fuller roles; actors
    of the same states but different roles ("RUSGOV" and "RUSMIL") stay apart."""
    kept: dict[tuple, list[Event]] = {}
    for e in events:
        key = (e.provenance.sentence_index, e.source.country, e.target.country if e.target else None, e.cameo)
        group = kept.setdefault(key, [])
        for i, other in enumerate(group):
            if _same_roles(e, other):
                if _roles_known(e) > _roles_known(other):
                    group[i] = e
                break
        else:
            group.append(e)
    found = {id(e) for group in kept.values() for e in group}
    return [e for e in events if id(e) in found]


def _roles_known(e: Event) -> int:
    return (e.source.role is not None) + (e.target is not None and e.target.role is not None)


def _same_roles(a: Event, b: Event) -> bool:
    """Could ``a`` and ``b`` be the same actors, a role left open on one side matching any?"""

    def fits(x: str | None, y: str | None) -> bool:
        return x is None or y is None or x == y

    return fits(a.source.role, b.source.role) and fits(
        a.target.role if a.target else None, b.target.role if b.target else None
    )


def load_coder(settings: Settings | None = None, actors_file: Path | None = None) -> Coder:
    settings = settings or Settings.from_env()
    if actors_file is not None:
        settings = replace(settings, user_actors=actors_file)
    return Coder(settings)
