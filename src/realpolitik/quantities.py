"""Find quantities in news sentences (standard library only).

``find_quantities(text)`` returns every amount in a sentence as a ``Quantity``: character span,
matched words, numeric ``value``, measurement ``unit`` and what is counted or measured (``of``).

Conventions:

* ``value`` is the number with its scale word applied: "10 million" -> 1e7, "$3 billion" -> 3e9,
  "two ports" -> 2.  In a range ("10,000 to 12,000 troops") it is the lower bound; the span
  covers both numbers.
* A qualifier ("over", "more than", "at least", "about", "up to", ...) is kept in ``text`` but
  does not change ``value``.
* ``unit`` is a singular measurement unit ("metric ton", "ton", "kilometre", "barrel"), a
  currency code ("USD", "EUR", "KRW", "RUB", "CNY", "GBP", "JPY") or "percent".  Counting words
  ("container", "shipment", "round", ...) are units only before "of": "1,000 containers of
  munitions" has unit "container" and of "munitions"; "1,000 containers" has of "containers".
* Counted people and things have ``unit`` None and go to ``of``: "12,000 troops" (of "troops"),
  "at least 600,000 North Koreans" (of "North Koreans").  ``of`` is a short noun phrase (at most
  four words) ending at its first plural or head noun ("two other American adversaries"), cut at
  function words, verbs in -ed and punctuation; None when nothing follows.

Not quantities: years ("in 1991", "the 2018 summit"), day numbers in dates ("June 19",
"19 June 2024"), ordinals ("79th"), compound adjectives ("a 10-day truce"), model and
resolution numbers ("T-72", "Su-27", "Resolution 2397"), times ("10:30"), "one" (rarely an
amount: "one of the", "no one").  Durations ("for 24 years") are quantities (of "years").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Quantity", "find_quantities"]


@dataclass(frozen=True, slots=True)
class Quantity:
    start: int  # character offsets in the given text
    end: int
    text: str
    value: float
    unit: str | None
    of: str | None


# --------------------------------------------------------------------------------------------
# Tables


def _words(words: str) -> frozenset[str]:
    return frozenset(words.split())


_COUNTS = (
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen"
    " seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety"
)
_NUMBER_WORDS = {
    word: float(n if n <= 20 else 20 + (n - 20) * 10) for n, word in enumerate(_COUNTS.split(" "), start=2)
}
_NUMBER_WORDS.update({"dozen": 12.0, "hundred": 100.0})
_SCALES = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
_CURRENCY_SIGNS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₩": "KRW", "₽": "RUB"}
_CURRENCY_WORDS = {
    "dollar": "USD",
    "dollars": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "won": "KRW",
    "ruble": "RUB",
    "rubles": "RUB",
    "rouble": "RUB",
    "roubles": "RUB",
    "yuan": "CNY",
    "yen": "JPY",
}
_MEASURES = {  # plural or singular form -> unit
    "metric tons": "metric ton",
    "metric ton": "metric ton",
    "metric tonnes": "metric ton",
    "metric tonne": "metric ton",
    "tons": "ton",
    "ton": "ton",
    "tonnes": "ton",
    "tonne": "ton",
    "kilograms": "kilogram",
    "kilogram": "kilogram",
    "kg": "kilogram",
    "kilometres": "kilometre",
    "kilometers": "kilometre",
    "kilometre": "kilometre",
    "kilometer": "kilometre",
    "km": "kilometre",
    "miles": "mile",
    "mile": "mile",
    "metres": "metre",
    "meters": "metre",
    "barrels": "barrel",
    "barrel": "barrel",
    "hectares": "hectare",
    "square kilometres": "square kilometre",
    "square kilometers": "square kilometre",
    "square miles": "square mile",
    "percent": "percent",
    "per cent": "percent",
}
_COUNTERS = {  # units only before "of"
    "containers": "container",
    "container": "container",
    "shipments": "shipment",
    "truckloads": "truckload",
    "trucks": "truck",
    "wagons": "wagon",
    "railcars": "railcar",
    "rounds": "round",
    "boxes": "box",
    "tons": "ton",
    "pieces": "piece",
    "units": "unit",
    "batches": "batch",
    "crates": "crate",
    "sets": "set",
}
_QUALIFIERS = (
    "more than|fewer than|less than|as many as|as much as|as few as|at least|at most|up to"
    "|upwards of|close to|nearly|almost|about|around|roughly|approximately|some|over|under"
    "|an estimated|estimated|just over|just under|well over|only|exactly"
)
_MONTHS = _words(
    "January February March April May June July August September October November December"
    " Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"
)
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_LABELS = _words(
    "resolution resolutions article articles no number chapter section paragraph page flight route highway"
)
_YEAR_CUES = _words("in since until till by from between during before after of the early late mid")
_HEAD_NOUNS = _words(
    "people personnel police staff aircraft equipment ammunition children men women"
    " artillery infantry cavalry"
)
_STOP = _words(
    "a an the to in on at from into for with by and or but nor that which who whom whose as than"
    " of per is are was were be been being has have had will would could should may might must"
    " can do does did this these those it its their his her our there here when while where if"
    " after before since until during over under about between against across through each"
    " not no so also including like"
)

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"hundred|thousand|million|billion|trillion|mln|bn|tn"
_SIGN = r"US\$|[$€£¥₩₽]"
_WORD_NUMBER = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_AMOUNT = re.compile(
    rf"(?:\b(?P<qual>{_QUALIFIERS})\s+)?"
    rf"(?:(?P<sign>{_SIGN})\s?)?"
    rf"(?:(?P<num>{_NUMBER})|(?P<word>\b(?:{_WORD_NUMBER})\b))"
    rf"(?:\s*(?:-|–|to|and)\s*(?P<num2>{_NUMBER})(?![\d,.:/-]*\d)(?!\s+(?:{_MONTH_NAMES})\b))?"
    rf"(?:\s?(?P<scale>(?:{_SCALE})\b))?",
    re.IGNORECASE,
)
_PHRASE_WORD = re.compile(r"[ \t]+([^\W\d_]+(?:[-'’][^\W\d_]+)*)")
_PLURAL = re.compile(r"[^su's]s$|ies$")
_OF = re.compile(r"\s+of\b")
_ABBREVIATED_UNIT = re.compile(r"(?:km|kg|bn|mln|tn)\b|%", re.IGNORECASE)
_NOT_AMOUNT_AFTER = re.compile(r"(?:st|nd|rd|th)\b|:\d|/\d|[-–]?[^\W\d_]", re.IGNORECASE)
_LISTED = re.compile(
    rf"(?:\b(?:{_MONTH_NAMES})|(?i:resolutions?|articles?))\s+\d+(?:,\s*\d+)*,?\s+(?:and|or)\s+$"
)
_ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d")


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _noun_phrase(text: str, pos: int) -> tuple[str | None, int]:
    """A short noun phrase right after ``pos`` (after spaces): its words and end offset."""
    words: list[str] = []
    start = end = pos
    while len(words) < 4:
        match = _PHRASE_WORD.match(text, end)
        if match is None:
            break
        word = match.group(1)
        if word.casefold() in _STOP:
            break
        if words and word.endswith("ed"):
            break  # a verb: "troops arrived"
        if not words:
            start = match.start(1)
        words.append(word)
        end = match.end()
        if _PLURAL.search(word) or word.casefold() in _HEAD_NOUNS:
            break  # the head noun: "special forces", "people" (not "people live")
    if not words:
        return None, pos
    return text[start:end], end


def _is_name_or_date(text: str, match: re.Match[str]) -> bool:
    """Numbers that are part of names, models, dates, times or ordinals."""
    start, end = match.start("num"), match.end("num")
    after = text[end:]
    if _NOT_AMOUNT_AFTER.match(after) and not _ABBREVIATED_UNIT.match(after):
        return True  # 79th, 10:30, 3/4, 5G, a 10-day truce
    if _ISO_DATE.match(text, start) or re.search(r"(?:[^\W\d_]|\d[-–/:])[-–]?$", text[:start]):
        return True  # 2024-10-10, T-72, Su-27, G7, the second 10 of 10-10
    if match.group("qual") or match.group("sign"):
        return False
    previous = re.search(r"([^\W\d_]+)(\W*)$", text[:start])
    if previous:
        word = previous.group(1)
        named = word[0].isupper() and word.casefold() not in _STOP
        if word in _MONTHS or (named and previous.group(2).strip() == ""):
            return True  # June 19, Resolution 2397, Article 5
        if word.casefold() in _LABELS or (word in {"and", "or"} and _LISTED.search(text[:start])):
            return True  # resolution 2397, no. 5, Resolutions 2270 and 2321, October 8 and 13
    next_word = re.match(r"\s*([^\W\d_]+)", after)
    return bool(next_word and next_word.group(1) in _MONTHS)  # 19 June


def _is_year(text: str, match: re.Match[str]) -> bool:
    number = match.group("num")
    if not re.fullmatch(r"1[5-9]\d\d|20\d\d", number) or match.group("qual") or match.group("sign"):
        return False
    before = re.search(r"([^\W\d_]+|,)\W*$", text[: match.start("num")])
    if before is None or before.group(1).casefold() in _YEAR_CUES or before.group(1) == ",":
        return True
    following, _ = _noun_phrase(text, match.end())
    return following is None or not following.split()[0].endswith("s")  # the 2018 summit


# --------------------------------------------------------------------------------------------
# Finding quantities


def _alternatives(table: dict[str, str]) -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in sorted(table, key=len, reverse=True))
    return re.compile(rf"\s*({words})\b", re.IGNORECASE)


_UNIT_TABLES = [
    (_MEASURES, _alternatives(_MEASURES), False),
    (_CURRENCY_WORDS, _alternatives(_CURRENCY_WORDS), False),
    (_COUNTERS, _alternatives(_COUNTERS), True),
]
_PERCENT_SIGN = re.compile(r"\s?%")


def _unit_after(text: str, pos: int) -> tuple[str | None, int, bool]:
    """A unit at ``pos``: (unit, end offset, True for a counting word that needs "of")."""
    sign = _PERCENT_SIGN.match(text, pos)
    if sign:
        return "percent", sign.end(), False
    for table, pattern, counter in _UNIT_TABLES:
        found = pattern.match(text, pos)
        if found:
            return table[found.group(1).lower()], found.end(), counter
    return None, pos, False


def _quantity(text: str, match: re.Match[str]) -> Quantity | None:
    if match.group("num"):
        if _is_name_or_date(text, match) or _is_year(text, match):
            return None
        value = _number(match.group("num"))
    else:
        word = match.group("word")
        if word[0].isupper() and text[: match.start()].rstrip()[-1:] not in {"", ".", "!", "?", '"'}:
            return None  # part of a name: "Group of Eight", "the Six"
        value = _NUMBER_WORDS[word.casefold()]
    scale = match.group("scale")
    if scale:
        value *= _SCALES[scale.casefold()]
    end = match.end()
    unit = _CURRENCY_SIGNS.get(match.group("sign") or "")
    if unit is None:
        found, unit_end, counter = _unit_after(text, end)
        if found and (not counter or _OF.match(text, unit_end)):
            unit, end = found, unit_end
    of_word = _OF.match(text, end)
    if unit is None:
        of, end = _noun_phrase(text, end)
    elif of_word:
        of, of_end = _noun_phrase(text, of_word.end())
        end = of_end if of else end
    else:
        of = None
    if match.group("word") and of is None and unit is None and not scale:
        return None  # a bare "two" is not an amount
    start = match.start()
    return Quantity(start, end, text[start:end], value, unit, of)


def find_quantities(text: str) -> list[Quantity]:
    """Quantities in ``text``, in order, without overlaps."""
    found: list[Quantity] = []
    pos = 0
    while (match := _AMOUNT.search(text, pos)) is not None:
        before = text[max(match.start() - 2, 0) : match.start()].rjust(2)
        inside = before[1].isalnum() or before[1] in "._" or (before[1] == "," and before[0].isdigit())
        quantity = None if inside else _quantity(text, match)
        if quantity is None:
            pos = match.start() + 1
            continue
        found.append(quantity)
        pos = quantity.end
    return found
