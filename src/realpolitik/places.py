"""Find place names in news sentences with an offline gazetteer (standard library only).

``find_places(text)`` returns the places named in a sentence as ``PlaceMention`` records
(character span, matched words, resolved ``Place``).  ``gazetteer().lookup(name)`` resolves one
name.  The data is ``data/places/gazetteer.tsv.gz``, built by ``tools/build_gazetteer.py`` from
GeoNames (cities with population >= 15,000 or capitals, their first-level regions, countries)
plus hand-written informal regions, seas, straits, ports, world regions and a few sites
(``data/places/extra_places.yaml``).

Conventions:

* Matching is on whole words, longest name first, case-insensitive, but a word written with a
  capital in the name must be capitalised in the text ("Sea of Japan", not "sea of japan");
  lowercase words never start a match.  Accents are ignored ("Artem" finds "Artëm").
* Ambiguous names resolve to hand-written places first, then countries, then cities and
  regions.  A place's own name (or a short or long form of it: "New York" for New York City)
  beats an alternate name; then the most populous wins, a region counting for a twentieth of its
  people: "Kursk" and "New York" are the cities, "Florida" the US state (not the Cuban town),
  "Georgia" the country, "Pokrovsk" the Ukrainian town rather than Engels (once called
  Pokrovsk), "Kiev" is Kyiv.  ``lookup`` returns all candidates, best first.
* A region word after a name ("Kursk oblast", "Kharkiv region", "Donetsk Oblast") selects the
  first-level region of that name and is part of the mention.  A leading "the" is not.
* Names glued to another capitalised word ("Will Kielm", "Vladimir Putin", "Washington Post")
  are taken for parts of a person's or organisation's name and skipped, except after function
  words and compass adjectives ("In Pyongyang", "Eastern Ukraine") and before month or weekday
  names.  One-word names shorter than three letters, function words ("To" is a town in Burkina
  Faso) and a few words that are rarely places in news ("Will", "Nice", ...) are never matched
  on their own.
* "X, Y" where Y is a country or region picks the candidate for X inside Y when there is one
  ("Moscow, Idaho"); otherwise X keeps its best candidate.
* ``Place.country`` is a CAMEO country code (ISO-3 except e.g. ROM for Romania), or a CAMEO
  region code for shared seas and straits ("ASA", "EEU", "MEA", "PGS", ...).  Regions and
  countries carry the population-weighted centre of their cities as coordinates.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

from realpolitik.datafiles import cached_json

__all__ = ["Gazetteer", "Place", "PlaceMention", "find_places", "gazetteer"]


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str  # CAMEO country (or region) code
    admin1: str | None  # first-level region name
    latitude: float
    longitude: float
    kind: str  # "city", "region", "country", "sea", "strait", "port"
    population: int | None


@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int  # character offsets in the given text
    end: int
    text: str
    place: Place


# --------------------------------------------------------------------------------------------
# Tables


def _words(words: str) -> frozenset[str]:
    return frozenset(words.split())


_KIND_RANK = {"country": 1, "city": 2, "region": 2}  # hand-written kinds rank 0
_REGION_DISCOUNT = 20  # a region beats a city of its name only when 20 times as populous
_REGION_WORDS = _words("oblast region province krai kray governorate prefecture")
_NEVER = _words(  # one-word names that are rarely places in news (names, words, months)
    "Will Nice Split Mobile Reading Bath Of Young Best Police Union Independence Liberty Hope"
    " Sale Bar Van Batman Obama Trump President Minister General Page Mission March May August"
    " Kim Lee Park Moon Chang Jang Choi Kang Yoon Han Ri Pak Sun Hamas Angara Lander"
    " North South East West Northern Southern Eastern Western Central Centre Center Capital"
    " Coast Lakes Upper Lower Islands Mountain Valley Border Federal Orient"
    " Jackson Lincoln Austin Victoria Florence Marion Regina Eugene Warren Irving Carson"
)
_NEVER_PLAIN = frozenset(word.casefold() for word in _NEVER)
_FREE_BEFORE = _words(
    "in at near from to into of on over across around for and or but with by via as the a an"
    " this that these those both either between through toward towards inside outside"
    " north south east west northern southern eastern western central northeastern"
    " northwestern southeastern southwestern occupied annexed greater"
    " when while after before since during where if although though then also yesterday"
)
_FREE_AFTER = _words(
    "January February March April May June July August September October November December"
    " Monday Tuesday Wednesday Thursday Friday Saturday Sunday"
)
_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+|'(?!s\b)[^\W\d_]+)*|'s\b")
_GAP = re.compile(r"\.?\s*")  # allowed between the words of one name ("St. Petersburg")
_SPACES = re.compile(r"[ \t]+")  # allowed between a name and an adjacent capitalised word


def _plain(word: str) -> str:
    """Casefolded, accents removed, typographic apostrophes made straight."""
    decomposed = unicodedata.normalize("NFKD", word.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _tokens(text: str) -> list[re.Match[str]]:
    return list(_TOKEN.finditer(text.replace("’", "'")))


def _case(word: str) -> str:
    """The case of a word: A for all capitals (an acronym), U for capitalised, l for lowercase."""
    if len(word) > 1 and word.isupper():
        return "A"
    return "U" if word[:1].isupper() else "l"


def _fits(text_case: str, name_case: str) -> bool:
    """A capitalised name word needs a capital in the text; an acronym in the text, an acronym."""
    if text_case == "A":
        return name_case == "A"
    return text_case == "U" or name_case == "l"


_PLAIN_ASCII = re.compile(r"[A-Za-z -]+")


def _key(name: str) -> str:
    """The lookup key of a name: its words, plain, separated by single spaces."""
    if _PLAIN_ASCII.fullmatch(name):  # fast path for most names
        return " ".join(name.lower().split())
    return " ".join(_plain(m.group()) for m in _tokens(name))


def _shape(name: str) -> str:
    """The case of each word of a name."""
    return "".join(_case(m.group()) for m in _tokens(name))


# --------------------------------------------------------------------------------------------
# Gazetteer

_Entry = tuple[tuple[int, int, int], Place, str]  # (rank, place, case of each word)


class Gazetteer:
    """Places by name and alias; ``lookup`` returns the best candidate first.

    Built from gazetteer rows (tab-separated kind, name, country, admin1, latitude, longitude,
    population, ``|``-separated aliases).  Only the name index is built up front; a row becomes
    a ``Place`` the first time it is looked up.
    """

    def __init__(self, rows: list[str], index: dict[str, list[list[int]]] | None = None) -> None:
        self._rows = rows
        self._places: dict[int, Place] = {}
        self._entries: dict[str, list[_Entry]] = {}
        if index is None:
            index = _name_index(rows)
        self._index = index
        # first word -> most words of a name starting with it (most capitalised words start none)
        spans: dict[str, int] = {}
        for key in index:
            first, _, rest = key.partition(" ")
            n = rest.count(" ") + 2 if rest else 1
            if spans.get(first, 0) < n:
                spans[first] = n
        self._spans = spans
        self.longest = max(spans.values(), default=1)

    def span_from(self, word: str) -> int:
        """How many words the longest name starting with ``word`` has (0: no name starts so)."""
        return self._spans.get(word, 0)

    def __len__(self) -> int:
        return len(self._index)

    def _place(self, number: int) -> Place:
        place = self._places.get(number)
        if place is None:
            kind, name, country, admin1, lat, lon, pop, _ = self._rows[number].split("\t")
            place = Place(
                name=name,
                country=country,
                admin1=admin1 or None,
                latitude=float(lat),
                longitude=float(lon),
                kind=kind,
                population=int(pop) if pop else None,
            )
            self._places[number] = place
        return place

    def entries(self, key: str) -> list[_Entry]:
        """Candidates for a lookup key, best first, with the case of the matching name."""
        found = self._entries.get(key)
        if found is None:
            found = []
            for number, alias in self._index.get(key, ()):
                place = self._place(number)
                names = [place.name, *self._rows[number].rsplit("\t", 1)[1].split("|")]
                shape = next(_shape(n) for n in names[alias:] if _key(n) == key)
                people = place.population or 0
                if place.kind == "region":
                    people //= _REGION_DISCOUNT
                own = _key(place.name)
                if own.startswith(key + " ") or key.startswith(own + " "):
                    alias = 0  # a short or long form of the name: "New York", "Gaza City"
                rank = (_KIND_RANK.get(place.kind, 0), alias, -people)
                found.append((rank, place, shape))
            found.sort(key=lambda entry: entry[0])
            self._entries[key] = found
        return found

    def lookup(self, name: str) -> list[Place]:
        """All places called ``name`` (any case), best first; [] when unknown."""
        seen: dict[Place, None] = {}
        for _, place, _ in self.entries(_key(name)):
            seen.setdefault(place)
        return list(seen)


def _name_index(rows: list[str]) -> dict[str, list[list[int]]]:
    """Lookup key of every name and alias -> [row number, 0 for the name / 1 for an alias]."""
    index: dict[str, list[list[int]]] = {}
    for number, row in enumerate(rows):
        fields = row.split("\t", 2)
        names = [fields[1], *row.rsplit("\t", 1)[1].split("|")]
        for alias, name in enumerate(names):
            if name:
                index.setdefault(_key(name), []).append([number, min(alias, 1)])
    return index


@cache
def gazetteer() -> Gazetteer:
    """The shipped gazetteer, loaded once (its name index from the data cache when it is there)."""
    raw = (resources.files("realpolitik") / "data" / "places" / "gazetteer.tsv.gz").read_bytes()
    rows = gzip.decompress(raw).decode("utf-8").splitlines()[1:]
    return Gazetteer(rows, cached_json("gazetteer-index", raw, lambda: _name_index(rows)))


# --------------------------------------------------------------------------------------------
# Finding places in text


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _adjacent(text: str, start: int, end: int) -> bool:
    return _SPACES.fullmatch(text, start, end) is not None


def _glued(text: str, tokens: list[re.Match[str]], first: int, last: int) -> bool:
    """True when the name at tokens[first..last] is part of a longer capitalised name."""
    if first > 0:
        before = tokens[first - 1]
        word = before.group()
        if (
            _capitalised(word)
            and word.casefold() not in _FREE_BEFORE
            and _adjacent(text, before.end(), tokens[first].start())
        ):
            return True
    if last + 1 < len(tokens):
        after = tokens[last + 1]
        word = after.group()
        if (
            _capitalised(word)
            and word not in _FREE_AFTER
            and _adjacent(text, tokens[last].end(), after.start())
        ):
            return True
    return False


def _match_at(
    text: str, tokens: list[re.Match[str]], i: int, gaz: Gazetteer
) -> tuple[int, list[Place]] | None:
    """The longest name starting at token i: (index of its last token, candidates best first)."""
    most = gaz.span_from(_plain(tokens[i].group()))
    if not most:
        return None
    words = [_plain(m.group()) for m in tokens[i : i + most]]
    for n in range(len(words), 0, -1):
        last = i + n - 1
        if any(_GAP.fullmatch(text, tokens[k].end(), tokens[k + 1].start()) is None for k in range(i, last)):
            continue
        cases = [_case(m.group()) for m in tokens[i : last + 1]]
        fits = [
            place
            for _, place, need in gaz.entries(" ".join(words[:n]))
            if all(_fits(c, w) for c, w in zip(cases, need, strict=True))
        ]
        if not fits:
            continue
        if last + 1 < len(tokens) and tokens[last + 1].group().casefold() in _REGION_WORDS:
            regions = [p for p in fits if p.kind == "region"]
            if regions and _GAP.fullmatch(text, tokens[last].end(), tokens[last + 1].start()):
                return last + 1, regions
        return last, fits
    return None


def _never_alone(word: str) -> bool:
    """One-word names that are not taken on their own: stop words, function words, short words."""
    plain = _plain(word)
    return len(plain) < 3 or plain in _NEVER_PLAIN or plain in _FREE_BEFORE


def _inside(place: Place, container: Place) -> bool:
    if place.country != container.country or place is container:
        return False
    return container.kind == "country" or (container.kind == "region" and place.admin1 == container.name)


def _in_context(text: str, mentions: list[tuple[PlaceMention, list[Place]]]) -> list[PlaceMention]:
    """ "Kursk, Russia", "Moscow, Idaho": prefer the candidate inside the place named after a comma."""
    out = [mention for mention, _ in mentions]
    for k in range(len(mentions) - 1):
        (mention, candidates), (container, _) = mentions[k], mentions[k + 1]
        if text[mention.end : container.start].strip() != "," or _inside(mention.place, container.place):
            continue
        inside = [p for p in candidates if _inside(p, container.place)]
        if inside:
            out[k] = PlaceMention(mention.start, mention.end, mention.text, inside[0])
    return out


def find_places(text: str) -> list[PlaceMention]:
    """Place names in ``text``, in order, without overlaps."""
    gaz = gazetteer()
    tokens = _tokens(text)
    found: list[tuple[PlaceMention, list[Place]]] = []
    i = 0
    while i < len(tokens):
        word = tokens[i].group()
        match = None
        if _capitalised(word):
            match = _match_at(text, tokens, i, gaz)
        if match is None or (match[0] == i and _never_alone(word)):
            i += 1
            continue
        last, candidates = match
        if not _glued(text, tokens, i, last):
            start, end = tokens[i].start(), tokens[last].end()
            found.append((PlaceMention(start, end, text[start:end], candidates[0]), candidates))
        i = last + 1
    return _in_context(text, found)
