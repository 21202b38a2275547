"""Resolve noun phrases of a parsed document to CAMEO actors.

Three steps, all on the spaCy parse:

1. ``ActorFinder`` marks every knowledge-base surface form in the document (longest match wins).
2. ``ActorResolver.resolve`` takes the head token of a noun phrase (a subject, an object, the
   object of a preposition) and returns the actors it denotes: the knowledge-base entry inside the
   phrase (a person, a body, a capital, a country or its adjective), the role from the phrase's own
   words ("Russian *troops*" MIL, "South Korean *companies*" BUS), conjuncts ("Putin and Kim") as
   separate actors, and references to earlier actors ("it", "the two leaders", "the North").
3. The resolver remembers what each sentence resolved, so later references can point back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from realpolitik.actors.kb import ActorKB, KBEntry, ascii_fold, surname
from realpolitik.places import gazetteer
from realpolitik.records import ETHNIC_ROLE, Actor

# Children that belong to a noun phrase for actor purposes (relative clauses etc. do not).
_NP_DEPS = {
    "compound",
    "amod",
    "poss",
    "nmod",
    "det",
    "nummod",
    "appos",
    "prep",
    "pobj",
    "case",
    "flat",
    "npadvmod",
}
_PERSONAL = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
_NEUTER = {"it", "its", "itself"}
_PLURAL = {"they", "them", "their", "theirs", "themselves"}
_RELATIVE = {"that", "which", "who", "whom", "whose"}
_PAIR_NOUNS = {
    "leader",
    "country",
    "nation",
    "side",
    "government",
    "state",
    "president",
    "neighbour",
    "neighbor",
    "ally",
    "partner",
    "capital",
    "power",
    "party",
}
_PREP_ACTOR = {
    "of",
    "for",
    "from",
    "in",
    "by",
    "throughout",
    "across",
}  # "the president of Russia", "calls by Belarus"
_KIND_RANK = {
    "person": 0,
    "body": 1,
    "metonym": 1,
    "org": 2,
    "group": 2,
    "capital": 3,
    "country": 4,
    "demonym": 4,
    "adjective": 5,
    "collective": 6,
    "community": 7,  # "Kurdish villagers in Turkey": the state named in the phrase wins over the community
}
_FALLBACK_ROLES = {"GOV", "LEG", "MIL", "JUD"}
# a definite singular noun for an organised group refers back to the group named last
_GROUP_REFERENCE_NOUNS = {"group", "militia", "movement", "organisation", "organization", "faction", "outfit"}
_GOVERNMENT_NOUNS = {"administration", "government", "cabinet", "regime", "junta"}
_GROUP_NOUNS = {
    "ten",  # "tens of thousands of people"
    "tens",
    "dozen",
    "dozens",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "score",
    "scores",
    "group",
    "handful",
    "crowd",
    "number",
    "million",
    "millions",
    "member",  # "three members of the group": the group's
    "members",
}  # "the government" may borrow the last named country


@dataclass(frozen=True, slots=True)
class Resolved:
    actor: Actor
    start: int  # token span of the evidence in the doc
    end: int
    reason: str
    is_person: bool = False
    kind: str = ""  # the knowledge-base kind that resolved it (country, capital, person ...)


class ActorFinder:
    """Marks knowledge-base surface forms and role words in a document."""

    def __init__(self, nlp, kb: ActorKB) -> None:  # nlp: spacy Language
        self.kb = kb
        forms = sorted(kb.surface)
        words = _form_words(nlp, forms)
        self.forms = _PhraseIndex((tuple(w), f) for f, w in zip(forms, words, strict=True))
        # Sentence-initial and headline capitalisation: "The Kremlin", "Foreign Ministry".
        self._lower_index: dict[str, list[str]] = {}
        for f in forms:
            self._lower_index.setdefault(f.lower(), []).append(f)
        self.forms_lower = _PhraseIndex(
            (tuple(x.lower() for x in w), f.lower())
            for f, w in zip(forms, words, strict=True)
            if not f.isupper() and len(f) > 3
        )
        self._surnames: dict[str, list[KBEntry]] = {}  # last word of a person's name -> people
        for entries in kb.surface.values():
            for e in entries:
                if e.is_person and e.terms and " " in e.name:
                    bearers = self._surnames.setdefault(ascii_fold(surname(e.name, e.country)), [])
                    if e not in bearers:
                        bearers.append(e)
        self._near = _NearIndex(
            f for f, entries in kb.surface.items() if all(e.kind in _SPELLED_KINDS for e in entries)
        )
        self.roles = PhraseMatcher(nlp.vocab, attr="LOWER")
        role_words = sorted(kb.roles)
        self.roles.add("ROLE", list(nlp.tokenizer.pipe(role_words)))
        self.role_lemmas = {w: r for w, r in kb.roles.items() if " " not in w}

    def find(self, doc: Doc) -> dict[int, tuple[Span, list[KBEntry]]]:
        """Token index -> (span, entries) for every token inside a knowledge-base match."""
        spans: list[tuple[Span, list[KBEntry]]] = []
        orth = [t.text for t in doc]
        for start, end in self.forms.matches(orth):
            span = doc[start:end]
            spans.append((span, self.kb.lookup(span.text)))
        for start, end in self.forms_lower.matches([w.lower() for w in orth]):
            span = doc[start:end]
            # (also "iSrael", and text written all in lower case: "russia and china met")
            if (
                span.text[:1].isupper()
                or start == span.sent.start
                or not span.text.islower()
                or span.sent.text.islower()
            ):
                for form in self._lower_index.get(span.text.lower(), []):
                    spans.append((span, self.kb.lookup(form)))
        spans = [s for s in spans if s[1]]
        spans.sort(key=lambda s: (-(s[0].end - s[0].start), s[0].start))
        taken: dict[int, tuple[Span, list[KBEntry]]] = {}
        for span, entries in spans:
            if any(i in taken for i in range(span.start, span.end)):
                continue
            if (
                _lowercase_common_word(span)
                or _dateline(span)
                or _ethnic(span, entries)
                or _relational(span)
                or (_in_a_name(span) and all(e.kind == "collective" for e in entries))
                or _in_water_name(span)
            ):
                continue
            for i in range(span.start, span.end):
                taken[i] = (span, entries)
        for tok in doc:  # "Afganistan", "Phillippines", "Isreal": a state's name misspelt by one letter
            if tok.i not in taken and (form := self._misspelt(tok)) is not None:
                taken[tok.i] = (doc[tok.i : tok.i + 1], self.kb.lookup(form))
        return taken

    def surnames_in_office(self, doc: Doc, day: date, taken: dict[int, tuple[Span, list[KBEntry]]]) -> None:
        """A surname alone names the one bearer in office on ``day``: "Kabila" in 1998 is Laurent,
        not his son; "Musharraf", "Bhutto" and "Izetbegovic" need no alias of their own.  Only when
        exactly one person of that surname held an office that day."""
        for tok in doc:
            if tok.pos_ != "PROPN" or not tok.text[:1].isupper() or len(tok.text) < 4:
                continue
            current = taken.get(tok.i)
            if current is not None and not (len(current[0]) == 1 and all(e.is_person for e in current[1])):
                continue  # a longer name or a non-person already matched
            if current is None and (tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN"):
                continue  # "Sharif Hospital": part of a longer unknown name
            if current is not None and any(_in_office(e, day) for e in current[1]):
                continue  # the alias already names someone in office
            bearers = [e for e in self._surnames.get(ascii_fold(tok.text), []) if _in_office(e, day)]
            if len({e.kb_id for e in bearers}) == 1:
                taken[tok.i] = (doc[tok.i : tok.i + 1], bearers[:1])

    def _misspelt(self, tok: Token) -> str | None:
        """The one country name or adjective ``tok`` is a single-letter slip of, if it is a
        capitalised word of six letters or more that no place in the gazetteer bears."""
        text = tok.text
        if len(text) < 6 or not text.isalpha() or not text[0].isupper() or tok.ent_type_ == "PERSON":
            return None
        if self.kb.lookup(text) or self._lower_index.get(text.lower()):
            return None  # a listed form, left out on purpose ("Israeli-occupied"): no slip
        near = self._near.near(text)
        if len({e.country for f in near for e in self.kb.lookup(f)}) != 1:
            return None
        from realpolitik.places import gazetteer  # (loaded only when a word comes this far)

        return None if gazetteer().lookup(text) else near[0]

    def role_spans(self, doc: Doc) -> dict[int, tuple[Span, str]]:
        """Token index of a role phrase's last word -> (span, role): "foreign minister" -> GOV."""
        out: dict[int, tuple[Span, str]] = {}
        for _, start, end in self.roles(doc):
            span = doc[start:end]
            role = self.kb.roles[" ".join(span.text.lower().split())]
            prev = out.get(end - 1)
            if prev is None or len(prev[0]) < len(span):
                out[end - 1] = (span, role)
        for tok in doc:  # plural and inflected forms: "troops", "ministries"
            if tok.i not in out and tok.lemma_.lower() in self.role_lemmas:
                out[tok.i] = (doc[tok.i : tok.i + 1], self.role_lemmas[tok.lemma_.lower()])
        return out


_WORD = r"[^\W\d_]+(?:-[^\W\d_]+)*"
_PLAIN_WORDS = re.compile(_WORD + r"(?: " + _WORD + r")*")


_TOWN_MIN_POPULATION = 100_000  # a homonym town this big is worth reading for a capital


def _homonym_capitals(kb_tokens: dict[int, tuple[Span, list[KBEntry]]]) -> None:
    """'Syrian officers ... in Tripoli ..., the north Lebanese port': a capital named as a place,
    in a document that names another state with a big city of that name and not the capital's
    own state, is that city (Tripoli, Lebanon), not the capital (Libya)."""
    named = {
        e.country
        for _, entries in kb_tokens.values()
        for e in entries[:1]
        if e.kind in {"country", "adjective", "demonym"} and e.country
    }
    for i, (span, entries) in list(kb_tokens.items()):
        capital = entries[0]
        if len(entries) != 1 or capital.kind != "capital" or capital.country in named:
            continue
        if span.root.dep_ != "pobj" or span.root.head.lower_ not in {
            "in",
            "into",
            "at",
            "near",
            "around",
            "from",
        }:
            continue  # ("urged Washington": the capital as an actor)
        towns = {
            p.country
            for p in gazetteer().lookup(span.text)
            if p.kind == "city"
            and p.country in named
            and p.country != capital.country
            and (p.population or 0) >= _TOWN_MIN_POPULATION
        }
        if len(towns) == 1:
            state = towns.pop()
            town = KBEntry(f"town:{span.text}:{state}", "country", f"{span.text} ({state})", state)
            kb_tokens[i] = (span, [town])


def _plain_tokens(form: str) -> list[str]:
    """'Kim Jong-un' -> Kim, Jong, -, un: how the tokenizer splits runs of letters and inner hyphens."""
    out: list[str] = []
    for word in form.split(" "):
        for i, part in enumerate(word.split("-")):
            out += ["-", part] if i else [part]
    return out


def _form_words(nlp, forms: list[str]) -> list[list[str]]:
    """The tokens of each surface form as the tokenizer splits running text.  Words of letters
    (and inner hyphens) split as the tokenizer splits them (tests/test_actors.py checks this for
    every form); only forms with digits, dots or apostrophes ("U.S.", "Côte d'Ivoire") go through
    the tokenizer, which is slow for 12,000 names."""
    out: list[list[str] | None] = [_plain_tokens(f) if _PLAIN_WORDS.fullmatch(f) else None for f in forms]
    odd = [i for i, w in enumerate(out) if w is None]
    for i, doc in zip(odd, nlp.tokenizer.pipe(forms[i] for i in odd), strict=True):
        out[i] = [t.text for t in doc]
    return [w or [] for w in out]


# Nouns that name a body of people: a compound naming which body wins over the possessor
# ("bin Laden's al-Qaeda network").
_BODY_NOUNS = {
    "network", "group", "organisation", "organization", "movement", "faction", "wing", "party", "front",
    "alliance", "coalition", "militia", "army", "force", "cell", "branch", "affiliate", "unit", "brigade",
    "government", "regime", "administration", "council", "committee", "delegation", "team", "agency",
}  # fmt: skip

# Nouns that a state's adjective only describes: "the Russian language" is no Russian actor.
_LANGUAGE_NOUNS = {"language", "languages", "tongue", "dialect", "dialects", "alphabet", "script"}

# Nouns naming another party by its tie to the possessor: "Israel's militia ally in southern
# Lebanon", "Moscow's proxies" are not Israel or Russia.
_TIE_NOUNS = {
    "ally", "allies", "proxy", "proxies", "partner", "partners", "neighbour", "neighbours", "neighbor",
    "neighbors", "rival", "rivals", "enemy", "enemies", "foe", "foes", "adversary", "adversaries",
    "client", "clients", "protege", "protégé", "surrogate", "surrogates",
}  # fmt: skip


class _PhraseIndex:
    """Exact token-sequence lookup: which spans of a token list are listed phrases (longest first
    at each start; overlaps are resolved by the caller)."""

    def __init__(self, phrases: Iterable[tuple[tuple[str, ...], str]]) -> None:
        self._phrases: set[tuple[str, ...]] = set()
        self._longest: dict[str, int] = {}  # first token -> most tokens of a phrase starting with it
        for words, _ in phrases:
            if not words:
                continue
            self._phrases.add(words)
            if self._longest.get(words[0], 0) < len(words):
                self._longest[words[0]] = len(words)

    def matches(self, tokens: list[str]) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        for i, word in enumerate(tokens):
            most = self._longest.get(word)
            if most is None:
                continue
            for n in range(min(most, len(tokens) - i), 0, -1):
                if tuple(tokens[i : i + n]) in self._phrases:
                    out.append((i, i + n))
        return out


_SPELLED_KINDS = {"country", "adjective", "demonym"}


def _in_office(entry: KBEntry, day: date) -> bool:
    return any(t.covers(day) for t in entry.terms)


class _NearIndex:
    """Words one edit (a letter dropped, added, changed, or two swapped) from a listed form, found
    by the forms' one-letter deletions (the symmetric-delete method)."""

    def __init__(self, forms: Iterable[str]) -> None:
        self._by_variant: dict[str, set[str]] = {}
        for form in forms:
            if len(form) >= 6 and form.isalpha():
                for v in _deletions(form.lower()):
                    self._by_variant.setdefault(v, set()).add(form)

    def near(self, word: str) -> list[str]:
        low = word.lower()
        found = {f for v in _deletions(low) for f in self._by_variant.get(v, ())}
        return sorted(f for f in found if f.lower() != low and _one_edit(low, f.lower()))


def _deletions(word: str) -> set[str]:
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


def _one_edit(a: str, b: str) -> bool:
    """Are ``a`` and ``b`` one deletion, insertion, substitution or adjacent swap apart?"""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        i, j = [*diff, 0, 0][:2]
        return len(diff) == 2 and j == i + 1 and a[i] == b[j] and a[j] == b[i]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _ethnic(span: Span, entries: list[KBEntry]) -> bool:
    """'ethnic Albanians', 'ethnic Russian unrest': an ethnic group, not the state of that name."""
    prev = span.doc[span.start - 1] if span.start > 0 else None
    return (
        prev is not None
        and prev.lower_ == "ethnic"
        and all(e.kind in {"adjective", "demonym"} for e in entries)
    )


# "Syrian-backed militia", "the Israeli-occupied West Bank": the state named is a patron or an
# occupier, not the actor.  ("Saudi-led coalition" and "UK-based group" do name the actor's state.)
_RELATIONAL_PARTICIPLES = {
    "backed",
    "occupied",
    "held",
    "controlled",
    "allied",
    "aligned",
    "funded",
    "sponsored",
    "brokered",
    "made",
    "supplied",
    "armed",
    "trained",
    "leaning",
    "friendly",
    "inspired",
    "linked",
    "affiliated",
    "connected",
}


# Heads of proper names of things: "the Europe Bridge", "the South Asia Free Trade Agreement" name a
# bridge and a treaty, not the region (a state in a name, "Baghdad University", still says where).
_NAMED_THINGS = {
    "bridge",
    "university",
    "college",
    "school",
    "hospital",
    "airport",
    "stadium",
    "street",
    "square",
    "avenue",
    "road",
    "highway",
    "agreement",
    "treaty",
    "accord",
    "act",
    "prize",
    "award",
    "cup",
    "games",
    "championship",
    "festival",
    "museum",
    "hotel",
}


# Words that make a name a body of water ("the South China Sea", "the Gulf of Aden", "Lake Chad"): no
# state is named inside one, and none is a place of a state (events/extract.py reads it too).
WATER_WORDS = frozenset(
    {"Sea", "Ocean", "Gulf", "Strait", "Straits", "Bay", "Channel", "Sound", "River", "Lake"}
)


def _in_water_name(span: Span) -> bool:
    """'the South China Sea', 'the Sea of Japan': a state named inside the name of a sea is no actor."""
    doc = span.doc
    after = doc[span.end].text if span.end < len(doc) else ""
    before = doc[span.start - 2 : span.start].text if span.start >= 2 else ""
    return after in WATER_WORDS or (before.split(" ")[0] in WATER_WORDS and before.endswith(" of"))


def _in_a_name(span: Span) -> bool:
    """A place or state named inside the proper name of a thing ("Baghdad University")."""
    if span.root.dep_ != "compound":
        return False
    head = span.root.head
    for _ in range(5):  # "the South Asia Free Trade Agreement": up the chain of name words
        if head.pos_ == "PROPN" and head.lemma_.lower() in _NAMED_THINGS and head.i >= span.end:
            return True
        if head.dep_ != "compound" or head.head.i == head.i:
            return False
        head = head.head
    return False


def _relational(span: Span) -> bool:
    """'anti-Syria journalist', 'pro-Iranian group', 'Syrian-backed militia': a stance towards a
    state, or its patronage, in a modifier; the phrase is not that state's actor."""
    doc = span.doc
    if span.start >= 2 and doc[span.start - 1].text == "-" and doc[span.start - 2].lower_ in {"anti", "pro"}:
        return True
    if span.start >= 1 and doc[span.start - 1].lower_ in {"anti-", "pro-"}:
        return True
    return (
        span.end + 1 < len(doc)
        and doc[span.end].text == "-"
        and doc[span.end + 1].lower_ in _RELATIONAL_PARTICIPLES
    )


def _coordination(tok: Token) -> set[int]:
    """The tokens coordinated with ``tok`` ("Russia and China": both), itself included."""
    first = tok
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    return {first.i, *(c.i for c in first.conjuncts)}


def _home_in_context(entry: KBEntry, span: Span, ctx: DocContext, via: str) -> tuple[KBEntry, str]:
    """'The Mozambique government accepted demands from Shona rebels': a community living in several
    states is of the one its sentence names (else its main home, or none)."""
    named = {
        e.country
        for t in span.sent
        if t.i in ctx.kb_tokens and not span.start <= t.i < span.end
        for e in ctx.kb_tokens[t.i][1][:1]
        if e.kind in {"country", "adjective", "capital", "demonym"}
    }
    home = [h for h in entry.homes if h in named]
    if len(home) != 1 or home[0] == entry.country:
        return entry, via
    return replace(entry, country=home[0]), f"{via}; of {home[0]}, the home its sentence names"


def _mention_noun(span: Span) -> Token:
    """The noun a mention names or modifies ("Colombian" in "the Colombian government": government)."""
    root = span.root
    return root.head if root.dep_ in {"amod", "compound"} else root


def _plural_mention(span: Span) -> bool:
    """Does the mention name a plural ("Asians", "British nationals", "Serbs and Croats")?"""
    noun = _mention_noun(span)
    return noun.tag_ in {"NNS", "NNPS"} or noun.dep_ == "conj" or any(c.dep_ == "conj" for c in noun.children)


def _blamed_object(pron: Token) -> Token | None:
    """The object of 'criticised / praised / thanked X over / for his ...', when ``pron`` is that
    possessive: the deed belongs to whom the verb is aimed at."""
    if pron.dep_ != "poss" or pron.lower_ not in {"his", "her", "their", "its"}:
        return None
    noun = pron.head
    if noun.dep_ != "pobj" or noun.head.lower_ not in {"over", "for", "about"}:
        return None
    verb = noun.head.head
    if verb.pos_ != "VERB":
        return None
    return next((c for c in verb.children if c.dep_ == "dobj"), None)


def _clause_subject_span(tok: Token) -> tuple[int, int] | None:
    """Token range of the subject of the clause ``tok`` sits in, through participle, infinitive and
    coordinated clauses that share it."""
    verb = tok.head
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    for _ in range(4):
        subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is not None:
            return subj.left_edge.i, subj.right_edge.i + 1
        if verb.dep_ not in {"advcl", "xcomp", "conj"} or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _phrase_dep(tok: Token) -> str:
    """The grammatical role of the noun phrase a word belongs to ("Ivory Coast" in "Ivory Coast
    rebels said": the subject)."""
    while tok.dep_ in {"compound", "amod", "nmod"} and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_


def _dateline(span: Span) -> bool:
    """'UNITED NATIONS —', 'SEOUL —': a wire dateline says where the story was filed, not who acted."""
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    return (
        span.text.isupper()
        and len(span.text) > 3
        and nxt is not None
        and nxt.text in {"—", "–", "-", ":", "--"}
    )


def _lowercase_common_word(span: Span) -> bool:
    """'us', 'chad' as ordinary lowercase words are not actors (US, Chad are)."""
    if len(span) != 1 or not span.text.islower() or span.text.upper() in {"UN"}:
        return False
    # In text written all in lower case, a name the tagger reads as a place or people still counts
    tok = span[0]
    return not (span.sent.text.islower() and tok.pos_ == "PROPN" and tok.ent_type_ in {"GPE", "NORP", "LOC"})


@dataclass(slots=True)
class DocContext:
    """What the resolver knows about one document while it reads it sentence by sentence."""

    doc: Doc
    day: date | None
    kb_tokens: dict[int, tuple[Span, list[KBEntry]]]
    role_tokens: dict[int, tuple[Span, str]]
    history: list[Resolved] = field(default_factory=list)
    countries_seen: set[str] = field(default_factory=set)
    filed_in: str | None = None  # the state of the dateline's place: where the story was filed


class ActorResolver:
    def __init__(self, finder: ActorFinder) -> None:
        self.finder = finder
        self.kb = finder.kb
        self._surnames = _people_by_surname(self.kb)
        self._surnames_near = _NearIndex(self._surnames)  # "Mitterand" for "Mitterrand"
        self._leaders = _leaders_by_surname(self._surnames)

    def context(self, doc: Doc, day: date | None) -> DocContext:
        kb_tokens = self.finder.find(doc)
        for i, (span, entries) in list(kb_tokens.items()):  # "Congo" in 1985 is Brazzaville
            if any(e.era for e in entries):
                held = [e for e in entries if e.holds_on(day)]
                if held:
                    kb_tokens[i] = (span, held)
                else:
                    del kb_tokens[i]
        _homonym_capitals(kb_tokens)
        if day is not None:
            self.finder.surnames_in_office(doc, day, kb_tokens)
        return DocContext(doc, day, kb_tokens, self.finder.role_spans(doc))

    def state_of_places(self, names: list[str]) -> str | None:
        """The state of a dateline's places ("Gdansk, Poland" -> POL, "SEOUL" -> KOR): the country
        named if any, else the town's (a capital, or the gazetteer's best)."""
        for name in reversed(names):  # the country part comes last
            for e in self.kb.lookup(name):
                if e.kind in {"country", "capital", "adjective"} and e.country:
                    return e.country
        for name in names:
            towns = [p for p in gazetteer().lookup(name) if len(p.country) == 3]
            if towns:
                return towns[0].country
        return None

    # ---- public -------------------------------------------------------------------------------
    def resolve(self, head: Token, ctx: DocContext, *, conjuncts: bool = True) -> list[Resolved]:
        """Actors denoted by the noun phrase headed by ``head`` (with its conjuncts)."""
        inner = counted(head)  # "scores of Sierra Leonean and Liberian refugees": both
        heads = [head, *(_conjuncts(head) if conjuncts else [])]
        heads += [c for c in (_conjuncts(inner) if conjuncts and inner.i != head.i else []) if c not in heads]
        if (
            conjuncts and head.i in ctx.kb_tokens
        ):  # "Barack Obama and ...": the parser may hang it on "Barack"
            span = ctx.kb_tokens[head.i][0]
            heads += [c for t in span if t.i != head.i for c in _conjuncts(t) if c not in heads]
            # "Barack Obama and Dmitry Medvedev signed": the parser may join "Dmitry" to "Obama"
            # and hang "Obama" on "Medvedev"; the name a part of this one is joined to is a conjunct
            heads += [
                t.head
                for t in span
                if t.i != head.i
                and t.dep_ == "conj"
                and t.head.i not in range(span.start, span.end)
                and t.head not in heads
            ]
            # "President Juan Manuel Santos and FARC commander Rodrigo Londono signed": another
            # name hung on this one as a compound, with its own "and", is a conjunct too
            for name in (c for c in head.children if c.dep_ in {"compound", "nmod"} and c.i in ctx.kb_tokens):
                other = ctx.kb_tokens[name.i][0]
                if other.start != span.start and any(x.dep_ == "cc" for x in name.children):
                    heads += [t for t in [name, *_conjuncts(name)] if t not in heads]
        if conjuncts and head.i in ctx.kb_tokens:  # "the US, Russia, and Switzerland" parses as apposition
            for app in (c for c in head.children if c.dep_ == "appos" and c.i in ctx.kb_tokens):
                if all(e.kind in {"country", "org", "capital"} for e in ctx.kb_tokens[app.i][1]):
                    heads += [app, *_conjuncts(app)]
        out: list[Resolved] = []
        for h in heads:
            for r in self._resolve_one(h, ctx):
                if all(r.actor.code != o.actor.code for o in out):
                    out.append(r)
        return out

    def remember(self, resolved: Iterable[Resolved], ctx: DocContext) -> None:
        for r in resolved:
            ctx.history.append(r)
            if r.actor.country:
                ctx.countries_seen.add(r.actor.country)

    def mentions(self, sent: Span, ctx: DocContext) -> list[Resolved]:
        """Every knowledge-base actor named in the sentence (for the mentions table)."""
        seen: set[int] = set()
        out: list[Resolved] = []
        for i in range(sent.start, sent.end):
            if i in ctx.kb_tokens and ctx.kb_tokens[i][0].start not in seen:
                span, entries = ctx.kb_tokens[i]
                seen.add(span.start)
                entry = self._choose(entries, span)
                # "Sudanese protesters": OPP (a community of no state stays a community)
                role = self._role_for(entry, _mention_noun(span) if entry.country else span.root, ctx)
                out.append(self._make(entry, span, role, ctx, f"'{span.text}' is {entry.kind} {entry.name}"))
        return out

    # ---- one noun phrase ----------------------------------------------------------------------
    def _resolve_one(self, head: Token, ctx: DocContext) -> list[Resolved]:
        low = head.lower_
        if head.pos_ in {"VERB", "AUX"} and not (
            head.tag_ == "VBG" and any(c.dep_ in {"amod", "poss"} for c in head.children)
        ):  # a clause, not a noun phrase (but "Russian shelling" is a noun the parser calls a verb)
            return []
        if head.pos_ == "PRON" or low in _RELATIVE:
            return self._pronoun(head, ctx)
        inner = counted(head)  # "dozens of opposition activists": the activists
        if inner is not head:
            return self._resolve_one(inner, ctx)
        hit = self._kb_in_phrase(head, ctx)
        if hit is not None and hit[1].kind == "demonym" and hit[0].root.i == head.i:
            settled = self._settled(head, hit[1], ctx)
            if settled:
                return settled
        if hit is not None:
            span, entry, via = hit
            if entry.kind == "community" and entry.homes:
                entry, via = _home_in_context(entry, span, ctx, via)
            role = self._role_for(entry, head, ctx)
            noun = _mention_noun(span)
            if (
                noun.i != head.i
                and noun.i in ctx.role_tokens
                and noun.i not in range(span.start, span.end)
                and entry.kind in {"country", "adjective", "capital", "demonym", "community"}
            ):  # "support from the Montenegro Assembly": the state's body deeper in the phrase
                role = ctx.role_tokens[noun.i][1]
            out = [self._make(entry, span, role, ctx, via)]
            for conj in _conjuncts(span.root) if span.root.i != head.i else []:
                if conj.i in ctx.kb_tokens and conj.head.i != head.i:  # "Hungarian and Romanian officials"
                    cspan, centries = ctx.kb_tokens[conj.i]
                    centry = self._choose(centries, cspan)
                    crole = self._role_for(centry, head, ctx)
                    out.append(
                        self._make(
                            centry,
                            cspan,
                            crole,
                            ctx,
                            f"'{cspan.text}' ({centry.kind} "
                            f"{centry.name}) joined to '{span.text}' in '{_np_text(head)}'",
                        )
                    )
            return out
        pair = self._pair_reference(head, ctx)
        if pair:
            return pair
        administration = self._administration(head, ctx)
        if administration:
            return administration
        titled = self._titled_surname(head, ctx)
        if titled:
            return titled
        if low in {"north", "south"} and head.text[0].isupper():
            return self._korea(head, ctx)
        return (
            self._group_reference(head, ctx) or self._possessed_role(head, ctx) or self._bare_role(head, ctx)
        )

    def _settled(self, head: Token, entry: KBEntry, ctx: DocContext) -> list[Resolved]:
        """'the Albanians of southern Serbia', 'the Serbs of Bosnia': a people named as of another
        state are that state's own (an ethnic community there, not the kin state).  ("Americans in
        Iraq" are foreigners there: only "of" says so.)"""
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"):
            for place in (c for c in prep.children if c.dep_ == "pobj"):
                for r in self._resolve_one(place, ctx):
                    state = r.actor.country
                    if r.kind in {"country", "capital"} and state not in {None, "IGO", entry.country}:
                        actor = Actor.of(state, ETHNIC_ROLE, name=f"{head.text} of {state}")
                        why = f"'{_np_text(head)}': {head.text} living in {state}, a community of that state"
                        return [Resolved(actor, head.i, place.i + 1, why, False, "community")]
        return []

    def _kb_in_phrase(self, head: Token, ctx: DocContext) -> tuple[Span, KBEntry, str] | None:
        """The best knowledge-base entry inside the phrase: the head itself, then its modifiers."""
        if head.i in ctx.kb_tokens:
            span, entries = ctx.kb_tokens[head.i]
            entry = self._choose(entries, span)
            return span, entry, f"'{span.text}' is {entry.kind} {entry.name}"
        best: tuple[int, Span, KBEntry, str] | None = None
        # "Osama bin Laden's al-Qaeda network" is al-Qaeda: a possessor names the owner, so a compound
        # naming the thing itself wins over it (the possessor still wins over role words and places).
        owned = {t.i for c in head.children if c.dep_ == "poss" for t in c.subtree}
        tie = {  # "the chief of Israel's militia ally": not Israel
            t.i
            for n in head.subtree
            if n.lower_ in _TIE_NOUNS
            for c in n.children
            if c.dep_ == "poss"
            for t in c.subtree
        }
        # ... but of a thing that is no body ("Finland's NATO membership", "Israel's Gaza offensive")
        # the possessor is the actor, and the compound only says what kind of thing it is.
        body = head.i in ctx.role_tokens or head.lemma_.lower() in _BODY_NOUNS
        for tok, via in _phrase_tokens(head):
            if tok.i not in ctx.kb_tokens or tok.i in tie:
                continue
            span, entries = ctx.kb_tokens[tok.i]
            entry = self._choose(entries, span)
            if entry.kind == "adjective" and _mention_noun(span).lower_ in _LANGUAGE_NOUNS:
                continue  # "restrictions on the use of the Russian language"
            # the thing, its owner, its other modifiers, then prepositional phrases (places last)
            tier = {"place": 3, "prep": 2}.get(
                via, (1 if tok.i in owned else 0) if body or not owned else (0 if tok.i in owned else 1)
            )
            rank = tier * 100 + _KIND_RANK.get(entry.kind, 9)
            if best is None or rank < best[0]:
                best = (rank, span, entry, f"'{span.text}' ({entry.kind} {entry.name}) in '{_np_text(head)}'")
        return best[1:] if best else None

    def _choose(self, entries: list[KBEntry], span: Span) -> KBEntry:
        if len(entries) == 1:
            return entries[0]
        is_person = span.root.ent_type_ == "PERSON"
        return sorted(entries, key=lambda e: (e.is_person != is_person, _KIND_RANK.get(e.kind, 9)))[0]

    def _role_for(self, entry: KBEntry, head: Token, ctx: DocContext) -> str | None:
        """The phrase's own role word wins over the entry's default, except for people and bodies."""
        head_role = ctx.role_tokens.get(head.i)
        entry_role, _ = entry.role_on(ctx.day)
        if entry.kind in {"person", "body", "metonym", "org", "group"}:
            return entry_role
        if head_role and entry.kind == "community" and head_role[1] == "GOV":
            return entry_role  # "Yoruba leaders" lead a people, not a government
        if head_role and head.i not in range(*_span_of(ctx.kb_tokens.get(head.i))):
            return head_role[1]
        return entry_role

    def _make(self, entry: KBEntry, span: Span, role: str | None, ctx: DocContext, reason: str) -> Resolved:
        actor = entry.actor(ctx.day, role)
        if entry.is_person:
            _, why = entry.role_on(ctx.day)
            reason = f"{reason}; {why}" if why else reason
        return Resolved(actor, span.start, span.end, reason, entry.is_person, entry.kind)

    # ---- references ---------------------------------------------------------------------------
    def _pronoun(self, head: Token, ctx: DocContext) -> list[Resolved]:
        low = head.lower_
        if low in _RELATIVE:  # "the Foreign Ministry, which ...": the noun the clause modifies
            clause = head.head
            if clause.dep_ in {"relcl", "acl"} and clause.head.i != head.i:
                return self._resolve_one(clause.head, ctx)
            return []
        before = [r for r in ctx.history if r.start < head.i]
        speakers = self._speakers(head, ctx)  # "Obama and Putin said they will ...", "Syria says it"
        if speakers:
            return speakers
        if low in _PERSONAL:
            cands = [r for r in before if r.is_person]
        elif low in _NEUTER or low in _PLURAL:
            cands = [r for r in before if not r.is_person]
        else:
            return []
        if head.dep_ in {"dobj", "dative", "pobj"} and not low.endswith(("self", "selves")):
            # "X received observers, informing them": an object pronoun is not its clause's subject
            own = _clause_subject_span(head)
            cands = [r for r in cands if not (own and own[0] <= r.start < own[1])]
            subject = head.doc[own[1] - 1] if own else None
            if subject is not None and subject.pos_ == "PRON" and subject.i != head.i:
                # "He urged him": whoever "he" is, "him" is someone else
                taken = {r.actor.code for r in self._pronoun(subject, ctx)}
                cands = [r for r in cands if r.actor.code not in taken]
        if not cands:
            return []
        doc = head.doc
        named = cands
        if low in _PLURAL:  # "67 British nationals ... when Amin expelled them": a plural, not Uganda
            cands = [r for r in cands if _plural_mention(doc[r.start : r.end])] or cands
        blamed = _blamed_object(head)
        if blamed is not None:  # "criticised Orban over his trip": his = Orban, who is blamed for it
            named = [r for r in cands if blamed.left_edge.i <= r.start <= blamed.right_edge.i]
            if named:
                last = named[-1]
                why = f"'{head.text}' refers back to {last.actor.name}, whose deed it is"
                return [Resolved(last.actor, head.i, head.i + 1, why, last.is_person)]
        # Prefer what the text is about: the latest subject or possessor ("Putin's visit ...; his
        # meeting with Xi ...; and his consultation": his = Putin, not Xi, the latest named).
        salient = [
            r for r in cands if _phrase_dep(doc[r.start : r.end].root) in {"nsubj", "nsubjpass", "poss"}
        ]
        last = (salient or cands)[-1]
        group = [last]
        if low in _PLURAL:  # "Russia and China held talks. They agreed ...": both
            coordinated = _coordination(_mention_noun(doc[last.start : last.end]))
            group = [r for r in named if _mention_noun(doc[r.start : r.end]).i in coordinated] or group
        out: list[Resolved] = []
        for r in group:
            if all(o.actor.code != r.actor.code for o in out):
                why = f"'{head.text}' refers back to {r.actor.name}"
                out.append(Resolved(r.actor, head.i, head.i + 1, why, r.is_person))
        return out

    def _speakers(self, pron: Token, ctx: DocContext) -> list[Resolved]:
        """The subject pronoun of what someone said refers to the speaker: "Syria says it will not",
        "the rebels said they also opposed", "Obama and Putin said they will" (both)."""
        clause = pron.head
        if pron.dep_ not in {"nsubj", "nsubjpass"} or clause.dep_ != "ccomp":
            return []
        speaker, subj = clause.head, None
        for _ in range(3):  # "King Hassan was quoted as saying he would ...": up to the quoted one
            subj = next((c for c in speaker.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if (
                subj is not None
                or speaker.dep_ not in {"pcomp", "prep", "advcl"}
                or speaker.head.i == speaker.i
            ):
                break
            speaker = speaker.head
        if subj is None or subj.pos_ == "PRON":
            return []
        group = self.resolve(subj, ctx)
        low = pron.lower_
        if not group or (len(group) > 1 and low not in _PLURAL) or not all(r.actor.code for r in group):
            return []
        personal = subj.ent_type_ == "PERSON" or subj.i in ctx.role_tokens  # "King Hassan of Morocco"
        if low in _PERSONAL and not (personal or all(r.is_person for r in group)):
            return []
        if low in _NEUTER and any(r.is_person for r in group):
            return []
        if low in _PLURAL and len(group) == 1 and group[0].is_person:
            return []
        why = "'{}' refers to the speakers: {}"
        return [
            replace(r, start=pron.i, end=pron.i + 1, reason=why.format(pron.text, r.actor.name))
            for r in group
        ]

    def _pair_reference(self, head: Token, ctx: DocContext) -> list[Resolved]:
        """'the two leaders', 'both countries', 'both sides': the last two distinct actors."""
        if head.lemma_.lower() not in _PAIR_NOUNS or head.tag_ not in {"NNS", "NNPS"}:
            return []
        words = {c.lower_ for c in head.children}
        if not words & {"two", "both"}:
            return []
        want_person = head.lemma_.lower() in {"leader", "president"}
        picked: list[Resolved] = []
        for r in reversed([r for r in ctx.history if r.start < head.i]):
            if want_person and not r.is_person:
                continue
            if all(p.actor.country != r.actor.country for p in picked):
                picked.append(r)
            if len(picked) == 2:
                break
        if len(picked) < 2:
            return []
        return [
            Resolved(
                p.actor, head.i, head.i + 1, f"'{_np_text(head)}' refers back to {p.actor.name}", p.is_person
            )
            for p in reversed(picked)
        ]

    def recent_pair(self, tok: Token, ctx: DocContext, sentences: int = 2) -> list[Resolved]:
        """The last two states named in this or the previous sentence(s): the parties of an agentless
        joint act ("goats and shells were traded in August")."""
        sents = list(tok.doc.sents)
        here = next(i for i, s in enumerate(sents) if s.start <= tok.i < s.end)
        floor = sents[max(0, here - sentences + 1)].start
        picked: list[Resolved] = []
        for r in reversed([r for r in ctx.history if floor <= r.start < tok.i]):
            if (
                r.actor.country
                and r.actor.country != "IGO"
                and all(p.actor.country != r.actor.country for p in picked)
            ):
                picked.append(r)
            if len(picked) == 2:
                break
        if len(picked) < 2:
            return []
        return [
            Resolved(
                p.actor,
                tok.i,
                tok.i + 1,
                f"parties of an agentless joint act: {p.actor.name}, named just before",
                p.is_person,
                p.kind,
            )
            for p in reversed(picked)
        ]

    def _korea(self, head: Token, ctx: DocContext) -> list[Resolved]:
        if not ctx.countries_seen & {"PRK", "KOR"}:
            return []
        code = "PRK" if head.lower_ == "north" else "KOR"
        actor = Actor(code=code, country=code, role=None, name=self.kb.country_names.get(code, code))
        return [Resolved(actor, head.i, head.i + 1, f"'the {head.text}' in a Korean context is {code}")]

    def _administration(self, head: Token, ctx: DocContext) -> list[Resolved]:
        """'the Bush administration', 'the Netanyahu government': a leader's surname before a word
        for a government is that leader's state (when every leader of that name led one state)."""
        if head.lemma_.lower() not in _GOVERNMENT_NOUNS:
            return []
        names = [
            c
            for c in head.children
            if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i not in ctx.kb_tokens
        ]
        if not names:
            return []
        countries = self._leaders.get(names[-1].lower_, set())
        if len(countries) != 1:
            return []
        code = next(iter(countries))
        actor = Actor.of(code, "GOV", name=f"{names[-1].text} {head.text}")
        why = f"'{names[-1].text} {head.text}': {names[-1].text} led {code}'s government (knowledge base)"
        return [Resolved(actor, names[-1].i, head.i + 1, why)]

    def _titled_surname(self, head: Token, ctx: DocContext) -> list[Resolved]:
        """'President Bush', 'Prime Minister Sharif': an office title before a surname the knowledge
        base knows.  One such person: that person (role by date).  Several, all of one state (the two
        Presidents Bush): that state, with the title's role.  Otherwise nothing is guessed."""
        if head.pos_ != "PROPN" or head.i in ctx.kb_tokens:
            return []
        titles = [
            c for c in head.children if c.dep_ == "compound" and c.i < head.i and c.i in ctx.role_tokens
        ]
        people = self._surnames.get(ascii_fold(head.text).lower(), [])
        spelt = ""
        if titles and not people and head.text[:1].isupper() and ctx.day is not None:
            # a misspelt surname after a title: its one near bearer who was in office that day
            near = self._surnames_near.near(head.text)
            bearers = [p for n in near for p in self._surnames[n]]
            title_word = head.doc[titles[0].i].lower_
            serving = [p for p in bearers if _in_office(p, ctx.day)] or [  # (or who held that title)
                p for p in bearers if any(title_word in (t.office or "").lower() for t in p.terms)
            ]
            if len({p.kb_id for p in serving}) == 1:
                people, spelt = serving[:1], f", misspelt by one letter ({surname(serving[0].name)})"
        if not titles or not people:
            return []
        title = titles[0]
        span = head.doc[title.i : head.i + 1]
        if len(people) > 1 and ctx.day is not None:  # "President Lee" in 1996: the Lee in office
            serving = [p for p in people if _in_office(p, ctx.day)]
            people = serving if len({p.kb_id for p in serving}) == 1 else people
        if len(people) == 1:
            why = f"'{span.text}': title and surname of {people[0].name} (knowledge base){spelt}"
            return [self._make(people[0], span, None, ctx, why)]
        countries = {p.country for p in people}
        if len(countries) != 1 or None in countries:
            return []
        code, role = countries.pop(), ctx.role_tokens[title.i][1]
        actor = Actor.of(code, role, name=span.text)
        why = f"'{span.text}': every {head.text} in the knowledge base is of {code}; role from the title"
        return [Resolved(actor, span.start, span.end, why, True, "person")]

    def _possessed_role(self, head: Token, ctx: DocContext) -> list[Resolved]:
        """'its navy', 'their troops', 'his government': the role of whoever the possessive refers to."""
        role = ctx.role_tokens.get(head.i)
        owner = next((c for c in head.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
        if role is None or owner is None:
            return []
        out = []
        for r in self._pronoun(owner, ctx):
            if r.actor.country and r.actor.country != "IGO":
                actor = Actor.of(r.actor.country, role[1], name=f"{r.actor.name} {head.text}")
                why = f"'{owner.text} {head.text}': the {head.text} of {r.actor.name}"
                out.append(Resolved(actor, owner.i, head.i + 1, why, kind="possessed"))
        return out

    def _group_reference(self, head: Token, ctx: DocContext) -> list[Resolved]:
        """'the group', 'the militant group', 'the movement': the non-state group named last."""
        if (
            head.lemma_.lower() not in _GROUP_REFERENCE_NOUNS
            or head.tag_ in {"NNS", "NNPS"}
            or not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
            or any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children)  # "the group of ..."
        ):
            return []
        for r in reversed([r for r in ctx.history if r.start < head.i]):
            if r.kind == "group":
                why = f"'{_np_text(head)}' refers back to {r.actor.name}, the group named last"
                return [Resolved(r.actor, head.i, head.i + 1, why, False, "group")]
        return []

    def _bare_role(self, head: Token, ctx: DocContext) -> list[Resolved]:
        """'the government', 'the foreign ministry' with no country: the last country named."""
        role = ctx.role_tokens.get(head.i)
        if (
            role is None
            or role[1] not in _FALLBACK_ROLES
            or head.tag_ in {"NNS", "NNPS"}
            or not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
        ):
            return []
        states = [r for r in ctx.history if r.start < head.i and r.actor.country not in {None, "IGO"}]
        doc = head.doc
        # The state the text is about (a subject or possessor) before the state merely named last.
        salient = [r for r in states if doc[r.start : r.end].root.dep_ in {"nsubj", "nsubjpass", "poss"}]
        for r in reversed(salient or states):
            if r.actor.country:
                code = r.actor.country
                actor = Actor(
                    code=code + role[1], country=code, role=role[1], name=f"{r.actor.name} {head.text}"
                )
                return [
                    Resolved(
                        actor,
                        head.i,
                        head.i + 1,
                        f"'{_np_text(head)}' without a country: taken as {code}'s, the last named",
                    )
                ]
        return []


def _leaders_by_surname(people: dict[str, list[KBEntry]]) -> dict[str, set[str]]:
    """Surname -> states whose government a person of that name led."""
    return {
        name: countries
        for name, entries in people.items()
        if (
            countries := {
                e.country
                for e in entries
                if e.country and e.country != "IGO" and any(t.role == "GOV" for t in e.terms)
            }
        )
    }


def _people_by_surname(kb: ActorKB) -> dict[str, list[KBEntry]]:
    """Surname (last word of the name, lowercase) -> the people of the knowledge base bearing it."""
    out: dict[str, list[KBEntry]] = {}
    seen: set[str] = set()
    for entries in kb.surface.values():
        for e in entries:
            if e.is_person and e.kb_id not in seen:
                seen.add(e.kb_id)
                out.setdefault(ascii_fold(surname(e.name, e.country)).lower(), []).append(e)
    return out


def counted(head: Token) -> Token:
    """What a quantity noun counts ("thousands of students": students); else ``head`` itself."""
    for _ in range(3):  # "tens of thousands of people": the people
        if head.lemma_.lower() not in _GROUP_NOUNS:
            return head
        inner = next(
            (
                g
                for p in head.children
                if p.dep_ == "prep" and p.lower_ == "of"
                for g in p.children
                if g.dep_ == "pobj"
            ),
            head,
        )
        if inner.i == head.i:
            return head
        head = inner
    return head


def _conjuncts(head: Token) -> list[Token]:
    out: list[Token] = []
    stack = [c for c in head.children if c.dep_ == "conj"]
    while stack:
        tok = stack.pop(0)
        out.append(tok)
        stack.extend(c for c in tok.children if c.dep_ == "conj")
    return out


def _phrase_tokens(head: Token) -> list[tuple[Token, str]]:
    """Tokens of the noun phrase with how they attach: 'mod' (compound, amod, poss) or 'prep'."""
    out: list[tuple[Token, str]] = []
    stack = [(c, "mod") for c in head.children if c.dep_ in _NP_DEPS]
    while stack:
        tok, via = stack.pop(0)
        if tok.dep_ == "prep":
            if tok.lower_ not in _PREP_ACTOR:
                continue
            # "the withdrawal of Serbian forces from Bosnia": whose it is before where it is
            via = "place" if tok.lower_ in {"from", "in", "throughout", "across"} else "prep"
        out.append((tok, via))
        stack.extend((c, via) for c in tok.children if c.dep_ in _NP_DEPS)
    return out


def _np_text(head: Token) -> str:
    toks = [head, *(t for t, _ in _phrase_tokens(head))]
    lo, hi = min(t.i for t in toks), max(t.i for t in toks)
    return head.doc[lo : hi + 1].text


def _span_of(item: tuple[Span, list[KBEntry]] | None) -> tuple[int, int]:
    return (item[0].start, item[0].end) if item else (0, 0)
