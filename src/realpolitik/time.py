"""Find and resolve date expressions in news sentences (standard library only).

``find_dates(text, published, anchor)`` returns every date expression in a sentence as a
``DateExpression`` (character span, matched words, resolved ``EventDate`` with origin "text").
Resolution is against the publication date P and, for "a few days later"-style phrases, against
``anchor`` (the previous event's date).  Without P, expressions that need it are dropped.

Conventions (the records allow only day, month, year and decade precision):

* Periods are stored as their first day: "June 2024" -> 2024-06-01 (month), "1991" -> 1991-01-01
  (year), "the 1990s" -> 1990-01-01 (decade).  ``end`` is set only for ranges.
* Narration is assumed to be in the past: "in June", "June 19" and "Tuesday" mean the most
  recent one on or before P (P itself when P is that day or month).  "last Tuesday"/"last June"
  mean strictly before P; "next ..." and "tomorrow" are the only future forms.
* "early/mid/late" qualifiers are kept in the matched words but do not move the date:
  "the mid-'90s" is decade precision 1990-01-01, "late 2023" is year 2023.
* Two-digit decades ("the '90s") and decade words ("the nineties") take the latest decade that
  does not start after P's year (or after 2029 when P is unknown).
* "last week" is P - 7 days, "next week" P + 7, "this week" P, day precision; "earlier this
  week" is Monday of P's week to P.
* Seasons are northern-hemisphere meteorological seasons (spring March-May, summer June-August,
  autumn/fall September-November, winter December-February) with month precision and an end:
  "last summer"/"the past summer" is the latest summer that ended before P, "this winter" the
  winter containing P or else the nearest one, "summer 2023" June-August 2023, "winter 2022"
  December 2022-February 2023.
* Ranges ("between X and Y", "from X to Y", "X-Y", "2003-2009") keep X's value and precision
  and end on the last day of Y.  "since X" keeps X and ends on P (``end`` None without P).
* "N days later", "the next day", "later that month", ... are added to ``anchor`` (keeping its
  precision) or, without an anchor, to P (day precision); the result is never after P.
  "that month/year" and "the following month/year" coarsen to the unit named.
  "a few"/"several"/a bare plural ("days later") count as 3.
* ``relative`` is True when the value or end depended on P or on the anchor.

Not dates here: durations ("for the first time in 24 years", "24 years", "over the last year",
"two weeks after the election"), quantities ("at least 600,000", "2000 troops"), "recently".
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from realpolitik.records import DatePrecision, EventDate

__all__ = ["DateExpression", "find_dates", "publication_date"]


@dataclass(frozen=True, slots=True)
class DateExpression:
    start: int  # character offsets in the given text
    end: int
    text: str
    date: EventDate  # origin="text", expression=the matched words
    relative: bool  # True when it depended on the reference date or an anchor


# --------------------------------------------------------------------------------------------
# Tables


def _words(words: str) -> frozenset[str]:
    return frozenset(words.split())


_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES, start=1)}
_MONTH_ABBREVIATIONS = {
    "Jan": 1,
    "Feb": 2,
    "Mar": 3,
    "Apr": 4,
    "Jun": 6,
    "Jul": 7,
    "Aug": 8,
    "Sep": 9,
    "Sept": 9,
    "Oct": 10,
    "Nov": 11,
    "Dec": 12,
}
_AMBIGUOUS_MONTHS = frozenset({"May", "March"})  # also verbs / nouns: need a date-like context
_WEEKDAYS = {
    name: number
    for number, name in enumerate(
        ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    )
}
_SEASON_START_MONTH = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_DECADE_WORDS = {
    "twenties": 20,
    "thirties": 30,
    "forties": 40,
    "fifties": 50,
    "sixties": 60,
    "seventies": 70,
    "eighties": 80,
    "nineties": 90,
}
_COUNTING_WORDS = (
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
)
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "a couple of": 2,
    "couple of": 2,
    "a few": 3,
    "few": 3,
    "several": 3,
    "a dozen": 12,
    **{word: number for number, word in enumerate(_COUNTING_WORDS, start=2)},
}
_VAGUE_COUNT = 3  # "days later", "years ago"
_DAY_WORD_OFFSETS = {
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "yesterday": -1,
    "last night": -1,
    "the day before yesterday": -2,
    "tomorrow": 1,
    "the day after tomorrow": 2,
}
_UNIT_DAYS = {"moment": 0, "minute": 0, "hour": 0, "day": 1, "week": 7}
_UNIT_MONTHS = {"month": 1, "year": 12, "decade": 120}
_UNIT_PRECISION: dict[str, DatePrecision] = {"month": "month", "year": "year"}
_PRECISION_RANK = {"day": 0, "month": 1, "year": 2, "decade": 3}

# Words before a bare four-digit year that make it a year.
_YEAR_CUES = _words(
    "in since until till by from between during before after early late mid year circa throughout into fiscal"
)
_YEAR_WEAK_CUES = frozenset({"to", "and", "or", "through"})  # need another date just before
_OF_YEAR_HEADS = _words(
    "end beginning start middle half quarter course rest remainder spring summer autumn fall winter"
)
_DETERMINERS = _words("the a an its his her their this that whose our my your")
_NUMBER_CUES = _words(
    "about some nearly almost over approximately roughly than least most only just another"
    " additional total estimated around exactly under below above number no"
)
_EVENT_NOUNS = _words(
    "treaty agreement accord election vote referendum war invasion coup crisis summit talk meeting"
    " visit conference deal ceasefire truce armistice declaration resolution protocol pact"
    " memorandum communique statement revolution uprising protest riot massacre attack bombing"
    " strike offensive campaign operation law act constitution budget census olympics game cup"
    " report sanction decision ruling verdict trial framework plan policy standoff dispute"
    " incident crash earthquake tsunami flood famine pandemic outbreak negotiation round session"
    " tour test launch exercise drill nuclear military presidential parliamentary general"
    " missile border peace"
)
_COUNTED_NOUNS = _words(
    "people persons troops soldiers civilians refugees migrants workers members delegates votes"
    " voters dollars euros pounds yuan rubles roubles tons tonnes km kilometres kilometers miles"
    " metres meters feet barrels units cases deaths casualties dead killed wounded injured men"
    " women children residents protesters protestors demonstrators prisoners detainees hostages"
    " families homes houses buildings jobs rockets missiles shells drones vehicles tanks weapons"
    " rounds participants personnel officers police policemen fighters militants rebels times"
    " percent per hectares acres households students employees staff sailors marines pilots"
    " aircraft planes jets ships vessels boats warheads signatures ballots seats companies firms"
    " patients doctors victims kg kilograms megawatts mw gw pages words points years days"
)
_MONTH_CUES = _words(
    "in on since until till by during of from to through between and or before after early late mid the"
)
_SEASON_CUES = _words("in during by over until till through since throughout before after")
_WEEKDAY_CAPITAL_CUES = _words(
    "on by since until till from through and or before after late early last next this"
)
_ANCHOR_BLOCKERS = frozenset({"in", "over", "within", "during", "for", "throughout"})


def _ci(alternatives: str) -> str:
    """A case-insensitive group of alternatives (spaces match any whitespace)."""
    return "(?i:" + alternatives.replace(" ", r"\s+") + ")"


def _alternatives(words: Iterable[str]) -> str:
    """Regex alternatives, longest first so that 'Sept' wins over 'Sep'."""
    return "|".join(sorted(words, key=len, reverse=True))


_FULL_MONTH = _alternatives(_MONTHS)
_MONTH = (
    rf"(?<![A-Za-z])(?P<mon>(?:{_FULL_MONTH})(?![A-Za-z])"
    rf"|(?:{_alternatives(_MONTH_ABBREVIATIONS)})(?:\.|(?![A-Za-z])))"
)
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\w)"
_YEAR = r"(?P<year>19\d\d|20\d\d)(?![\w%]|[.,]\d)"
_SEASON = r"(?<![A-Za-z])(?P<season>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)(?![A-Za-z])"
_NUMBER = "(?i:" + _alternatives(_NUMBER_WORDS).replace(" ", r"\s+") + r"|\d{1,3})"
_QUALIFIER = rf"(?:(?P<qual>{_ci('early|mid|late')})[-–\s]+)?"

# --------------------------------------------------------------------------------------------
# Small date helpers


@dataclass(frozen=True, slots=True)
class _Hit:
    value: date
    precision: DatePrecision
    relative: bool
    end: date | None = None


@dataclass(frozen=True, slots=True)
class _Ctx:
    text: str
    published: date | None
    anchor: EventDate | None


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    hit: _Hit | None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: date, months: int) -> date:
    year, month0 = divmod(day.month - 1 + months, 12)
    year += day.year
    return date(year, month0 + 1, min(day.day, calendar.monthrange(year, month0 + 1)[1]))


def _truncate(day: date, precision: DatePrecision) -> date:
    if precision == "month":
        return day.replace(day=1)
    if precision == "year":
        return date(day.year, 1, 1)
    if precision == "decade":
        return date(day.year // 10 * 10, 1, 1)
    return day


def _coarser(a: DatePrecision, b: DatePrecision) -> DatePrecision:
    return a if _PRECISION_RANK[a] >= _PRECISION_RANK[b] else b


def _period_end(hit: _Hit) -> date:
    value = hit.value
    if hit.end is not None:
        return hit.end
    if hit.precision == "month":
        return _month_end(value.year, value.month)
    if hit.precision == "year":
        return date(value.year, 12, 31)
    if hit.precision == "decade":
        return date(value.year // 10 * 10 + 9, 12, 31)
    return value


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_number(token: str) -> int:
    token = token.rstrip(".")
    return _MONTHS.get(token) or _MONTH_ABBREVIATIONS[token]


def _count(token: str | None) -> int:
    if not token:
        return _VAGUE_COUNT
    token = " ".join(token.lower().split())
    return int(token) if token.isdigit() else _NUMBER_WORDS[token]


def _shift(day: date, unit: str, count: int) -> date:
    if unit in _UNIT_DAYS:
        return day + timedelta(days=_UNIT_DAYS[unit] * count)
    return _add_months(day, _UNIT_MONTHS[unit] * count)


def _season_range(season: str, year: int) -> tuple[date, date]:
    start = date(year, _SEASON_START_MONTH[season], 1)
    last = _add_months(start, 2)
    return start, _month_end(last.year, last.month)


def _century_decade(decade: int, ctx: _Ctx) -> int:
    pivot = ctx.published.year if ctx.published else 2029
    year = pivot // 100 * 100 + decade
    return year if year <= pivot else year - 100


# --------------------------------------------------------------------------------------------
# Context around a match


def _prev_word(text: str, pos: int) -> str:
    """The word right before ``pos`` (only spaces or a hyphen between), lower-cased, or ''."""
    found = re.search(r"([A-Za-z][A-Za-z'’]*)[\s-]*$", text[max(0, pos - 40) : pos])
    return found.group(1).lower() if found else ""


def _prev_word_raw(text: str, pos: int) -> str:
    found = re.search(r"([A-Za-z][A-Za-z'’]*)\s*$", text[max(0, pos - 40) : pos])
    return found.group(1) if found else ""


def _word_before(text: str, pos: int) -> str:
    """The word before the previous word."""
    found = re.search(r"([A-Za-z]+)\s+[A-Za-z'’]+[\s-]*$", text[max(0, pos - 60) : pos])
    return found.group(1).lower() if found else ""


def _next_word(text: str, pos: int) -> str:
    found = re.match(r"\s+([A-Za-z][A-Za-z'’-]*)", text[pos : pos + 40])
    return found.group(1) if found else ""


def _clause_ends(text: str, pos: int) -> bool:
    return re.match(r"\s*(?:[,.;:!?)]|$)", text[pos:]) is not None


def _number_before(text: str, pos: int) -> bool:
    return re.search(r"\d[\s,.]*$", text[max(0, pos - 10) : pos]) is not None


def _at_sentence_start(text: str, pos: int) -> bool:
    return not text[:pos].strip(" \t\n\"'“‘(")


# --------------------------------------------------------------------------------------------
# Acceptance checks (is this match a date at all?)


def _always(m: re.Match[str], text: str) -> bool:
    return True


def _accept_month_alone(m: re.Match[str], text: str) -> bool:
    if m["mod"]:
        return _prev_word(text, m.start()) != "the"
    name, prev = m["mon"], _prev_word(text, m.start())
    if prev in _MONTH_CUES:
        return not (name in _AMBIGUOUS_MONTHS and prev == "the")
    prev_raw = _prev_word_raw(text, m.start())
    if prev_raw.endswith(("'s", "’s")) and name not in _AMBIGUOUS_MONTHS:  # "Putin's June visit"
        return not _next_word(text, m.end())[:1].isupper()
    if name in _AMBIGUOUS_MONTHS or prev_raw[:1].isupper():
        return False
    return not _next_word(text, m.end())[:1].isupper()


def _accept_year(m: re.Match[str], text: str) -> bool:
    start, end = m.span()
    before = text[:start]
    if before.endswith("-") and not before.lower().endswith("mid-"):
        return False
    following, prev = _next_word(text, end), _prev_word(text, start)
    if following.lower() in _COUNTED_NOUNS or prev in _NUMBER_CUES:
        return False
    return (
        _year_cue(text, start, prev)
        or _is_event_noun(following)
        or _year_as_modifier(text, start, prev, following)
        or _year_after_comma(text, start, end)
    )


def _is_event_noun(word: str) -> bool:
    word = word.lower()
    return word in _EVENT_NOUNS or word.removesuffix("s") in _EVENT_NOUNS


def _year_cue(text: str, start: int, prev: str) -> bool:
    if prev in _YEAR_CUES:
        return True
    if prev == "of":
        return _word_before(text, start) in _OF_YEAR_HEADS
    if prev in _YEAR_WEAK_CUES:
        window = text[max(0, start - 40) : start]
        return re.search(rf"\b(?:19|20)\d\d\b|{_FULL_MONTH}", window) is not None
    return False


def _year_as_modifier(text: str, start: int, prev: str, following: str) -> bool:
    """'the 2006 nuclear test', "Russia's 2022 invasion", '1991 Gulf War' (sentence start)."""
    if not following:
        return False
    if prev in _DETERMINERS or prev.endswith(("'s", "’s", "s'")):
        return True
    return _at_sentence_start(text, start) and following[:1].isupper()


def _year_after_comma(text: str, start: int, end: int) -> bool:
    """'Moscow, 1991.' or '(1991)', but not a list of numbers."""
    before = text[:start].rstrip()
    if before.endswith("("):
        return text[end:].lstrip().startswith(")")
    return before.endswith(",") and not _number_before(text, len(before) - 1) and _clause_ends(text, end)


def _accept_year_range(m: re.Match[str], text: str) -> bool:
    return _next_word(text, m.end()).lower() not in _COUNTED_NOUNS and not _number_before(text, m.start())


def _accept_two_digit_decade(m: re.Match[str], text: str) -> bool:
    return bool(m["the"] or m["qual"] or m["apos"])


def _accept_weekday(m: re.Match[str], text: str) -> bool:
    if m["mod"]:
        return True
    prev = _prev_word_raw(text, m.start())
    return not prev[:1].isupper() or prev.lower() in _WEEKDAY_CAPITAL_CUES


def _accept_season_word(m: re.Match[str], text: str) -> bool:
    """Capitalised seasons only at the start of a sentence ('Arab Spring' is not a date)."""
    return m["season"].islower() or _at_sentence_start(text, m.start("season"))


def _accept_bare_season(m: re.Match[str], text: str) -> bool:
    return _accept_season_word(m, text) and _prev_word(text, m.start()) in _SEASON_CUES


def _accept_relative_unit(m: re.Match[str], text: str) -> bool:
    return _prev_word(text, m.start()) not in {"the", "past"}


def _accept_count_unit(m: re.Match[str], text: str) -> bool:
    if _number_before(text, m.start()):
        return False
    direction = (m.groupdict().get("dir") or "").lower()
    return direction not in {"before", "after"} or _clause_ends(text, m.end())


def _accept_following(m: re.Match[str], text: str) -> bool:
    return _prev_word(text, m.start()) not in _ANCHOR_BLOCKERS


def _accept_clause_end(m: re.Match[str], text: str) -> bool:
    return _clause_ends(text, m.end())


# --------------------------------------------------------------------------------------------
# Resolvers (match -> date)


def _absolute_day(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    value = _safe_date(int(m["year"]), _month_number(m["mon"]), int(m["day"]))
    return _Hit(value, "day", False) if value else None


def _iso_day(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    year = int(m["year"])
    value = _safe_date(year, int(m["mnum"]), int(m["day"])) if 1900 <= year <= 2099 else None
    return _Hit(value, "day", False) if value else None


def _month_year(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    return _Hit(date(int(m["year"]), _month_number(m["mon"]), 1), "month", False)


def _recent_day(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    """'June 19' / '19 June': the most recent one on or before P."""
    if ctx.published is None:
        return None
    month, day, p = _month_number(m["mon"]), int(m["day"]), ctx.published
    year = p.year if (month, day) <= (p.month, p.day) else p.year - 1
    for candidate in range(year, year - 8, -1):
        value = _safe_date(candidate, month, day)
        if value:
            return _Hit(value, "day", True)
    return None


def _month_alone(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    if ctx.published is None:
        return None
    month, p = _month_number(m["mon"]), ctx.published
    mod = " ".join((m["mod"] or "").lower().split())
    if mod == "next":
        year = p.year if month > p.month else p.year + 1
    elif mod == "this":
        year = p.year
    elif mod:  # last, past, the past
        year = p.year if month < p.month else p.year - 1
    else:
        year = p.year if month <= p.month else p.year - 1
    return _Hit(date(year, month, 1), "month", True)


def _year(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    return _Hit(date(int(m["year"]), 1, 1), "year", False)


def _year_range(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    first, second = int(m["year"]), m["year2"]
    last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
    if len(second) == 2 and last <= first:
        last += 100
    if not first < last <= 2099 or (len(second) == 2 and last - first > 20):
        return None
    return _Hit(date(first, 1, 1), "year", False, end=date(last, 12, 31))


def _decade(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    return _Hit(date(int(m["decade"]), 1, 1), "decade", False)


def _two_digit_decade(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    return _Hit(date(_century_decade(int(m["decade"]), ctx), 1, 1), "decade", False)


def _decade_word(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    decade = _century_decade(_DECADE_WORDS[m["word"].lower()], ctx)
    return _Hit(date(decade, 1, 1), "decade", False)


def _day_word(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    if ctx.published is None:
        return None
    offset = _DAY_WORD_OFFSETS[" ".join(m["w"].lower().split())]
    return _Hit(ctx.published + timedelta(days=offset), "day", True)


def _weekday(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    if ctx.published is None:
        return None
    p, weekday = ctx.published, _WEEKDAYS[m["wd"]]
    mod = (m["mod"] or "").lower()
    if mod == "next":
        return _Hit(p + timedelta(days=(weekday - p.weekday() - 1) % 7 + 1), "day", True)
    if mod in {"last", "past"}:
        return _Hit(p - timedelta(days=(p.weekday() - weekday - 1) % 7 + 1), "day", True)
    return _Hit(p - timedelta(days=(p.weekday() - weekday) % 7), "day", True)


def _relative_unit(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    """'last week', 'this month', 'earlier this year', 'next year'."""
    if ctx.published is None:
        return None
    p, step = ctx.published, {"last": -1, "this": 0, "next": 1}[m["which"].lower()]
    unit, qual = m["unit"].lower(), (m["qual"] or "").lower()
    if unit == "week":
        if step == 0 and qual == "earlier" and p.weekday() > 0:
            return _Hit(p - timedelta(days=p.weekday()), "day", True, end=p)
        return _Hit(p + timedelta(days=7 * step), "day", True)
    if unit == "month":
        return _Hit(_add_months(p.replace(day=1), step), "month", True)
    return _Hit(date(p.year + step, 1, 1), "year", True)


def _ago(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    if ctx.published is None:
        return None
    unit, count = m["unit"].lower(), _count(m["num"])
    value = _shift(ctx.published, unit, -count)
    precision: DatePrecision = "day" if unit in _UNIT_DAYS else "month" if unit == "month" else "year"
    return _Hit(_truncate(value, precision), precision, True)


def _from_anchor(ctx: _Ctx, unit: str, count: int, floor: DatePrecision = "day") -> _Hit | None:
    if ctx.anchor is not None:
        base, precision = ctx.anchor.value, ctx.anchor.precision
    elif ctx.published is not None:
        base, precision = ctx.published, "day"
    else:
        return None
    precision = _coarser(precision, floor)
    value = _shift(base, unit, count)
    if ctx.published is not None and value > ctx.published:
        value = ctx.published
    return _Hit(_truncate(value, precision), precision, True)


def _count_later(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    """'a few days later', 'two weeks earlier', 'three years before.'"""
    sign = 1 if m["dir"].lower().startswith(("later", "after")) else -1
    return _from_anchor(ctx, m["unit"].lower(), sign * _count(m["num"]))


def _following(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    """'the next day', 'the following year', 'the previous week', 'the day before.'"""
    unit = m["unit"].lower()
    sign = 1 if m["dir"].lower() in {"next", "following", "after"} else -1
    return _from_anchor(ctx, unit, sign, _UNIT_PRECISION.get(unit, "day"))


def _that_unit(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    """'that day', 'later that month', 'the same year'."""
    unit = m["unit"].lower()
    return _from_anchor(ctx, unit, 0, _UNIT_PRECISION.get(unit, "day"))


def _season_hit(season: str, year: int, relative: bool) -> _Hit:
    start, end = _season_range(season.lower(), year)
    return _Hit(start, "month", relative, end=end)


def _season_year(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    return _season_hit(m["season"], int(m["year"]), False)


def _season_instances(season: str, p: date) -> list[tuple[date, date]]:
    return [_season_range(season, year) for year in range(p.year - 2, p.year + 2)]


def _distance(day: date, period: tuple[date, date]) -> int:
    """Days from ``day`` to the nearest day of ``period`` (0 inside it)."""
    return max((period[0] - day).days, (day - period[1]).days, 0)


def _season_relative(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    if ctx.published is None:
        return None
    p, season = ctx.published, m["season"].lower()
    mod = " ".join((m.groupdict().get("mod") or "").lower().split())
    instances = _season_instances(season, p)
    if mod == "next":
        start, end = min(r for r in instances if r[0] > p)
    elif mod == "this":
        start, end = min(instances, key=lambda r: _distance(p, r))
    elif mod:  # last, past, the past, this past
        start, end = max(r for r in instances if r[1] < p)
    else:
        start, end = max(r for r in instances if r[0] <= p)
    return _Hit(start, "month", True, end=end)


# --------------------------------------------------------------------------------------------
# Rules


@dataclass(frozen=True, slots=True)
class _Rule:
    pattern: re.Pattern[str]
    resolve: Callable[[re.Match[str], _Ctx], _Hit | None]
    accept: Callable[[re.Match[str], str], bool] = _always


def _rule(
    pattern: str,
    resolve: Callable[[re.Match[str], _Ctx], _Hit | None],
    accept: Callable[[re.Match[str], str], bool] = _always,
) -> _Rule:
    return _Rule(re.compile(pattern), resolve, accept)


_UNITS = "(?P<unit>(?i:moment|minute|hour|day|week|month|year|decade))s?"
_RULES: tuple[_Rule, ...] = (
    _rule(r"(?<![\w-])(?P<year>\d{4})-(?P<mnum>\d\d)-(?P<day>\d\d)(?![\w-])", _iso_day),
    _rule(rf"(?<![\w.,]){_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}", _absolute_day),
    _rule(rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}", _absolute_day),
    _rule(rf"{_MONTH},?\s+(?:of\s+)?{_YEAR}", _month_year),
    _rule(rf"(?<![\w.,]){_DAY}\s+(?:of\s+)?{_MONTH}", _recent_day),
    _rule(rf"{_MONTH}\s+{_DAY}(?![.,:]\d|%)", _recent_day),
    _rule(
        rf"(?:(?P<mod>{_ci('the past|last|next|this|past')})\s+)?(?<![A-Za-z])"
        rf"(?P<mon>{_FULL_MONTH})(?![A-Za-z])",
        _month_alone,
        _accept_month_alone,
    ),
    _rule(rf"(?<![\w$£€#.,/'’]){_YEAR}", _year, _accept_year),
    _rule(
        r"(?<![\w$£€#.,/'’-])(?P<year>19\d\d|20\d\d)\s*[-–—/]\s*(?P<year2>\d{4}|\d\d)(?![\w%/-]|[.,]\d)",
        _year_range,
        _accept_year_range,
    ),
    _rule(
        rf"(?<![\w'’])(?:{_ci('the')}\s+)?{_QUALIFIER}(?P<decade>1[89]\d0|20\d0)['’]?s(?![A-Za-z0-9])",
        _decade,
    ),
    _rule(
        rf"(?<![\w'’])(?:(?P<the>{_ci('the')})\s+)?{_QUALIFIER}(?P<apos>['‘’])?(?P<decade>\d0)['’]?s(?![A-Za-z0-9])",
        _two_digit_decade,
        _accept_two_digit_decade,
    ),
    _rule(
        rf"(?<![A-Za-z]){_ci('the')}\s+{_QUALIFIER}(?P<word>{_ci(_alternatives(_DECADE_WORDS))})(?![A-Za-z])",
        _decade_word,
    ),
    _rule(rf"(?<![A-Za-z])(?P<w>{_ci(_alternatives(_DAY_WORD_OFFSETS))})(?![A-Za-z])", _day_word),
    _rule(
        rf"(?<![A-Za-z])(?:(?P<mod>{_ci('last|next|this|past')})\s+)?"
        rf"(?P<wd>{_alternatives(_WEEKDAYS)})(?![A-Za-z])",
        _weekday,
        _accept_weekday,
    ),
    _rule(
        r"(?i)(?<![A-Za-z])(?:(?P<qual>earlier|later|early|late)\s+)?(?P<which>last|this|next)\s+"
        r"(?P<unit>week|month|year)(?![A-Za-z])",
        _relative_unit,
        _accept_relative_unit,
    ),
    _rule(
        rf"(?<![\w,.])(?:(?P<num>{_NUMBER})\s+)?{_UNITS}\s+{_ci('ago')}(?![A-Za-z])",
        _ago,
        _accept_count_unit,
    ),
    _rule(
        rf"(?<![\w,.])(?:(?P<num>{_NUMBER})\s+)?{_UNITS}\s+"
        rf"(?P<dir>{_ci('later|earlier|afterwards|afterward|after|before')})(?![A-Za-z])",
        _count_later,
        _accept_count_unit,
    ),
    _rule(
        r"(?i)(?<![A-Za-z])the\s+(?P<dir>next|following|previous|preceding)\s+"
        r"(?P<unit>day|week|month|year)(?![A-Za-z])",
        _following,
        _accept_following,
    ),
    _rule(
        r"(?i)(?<![A-Za-z])the\s+(?P<unit>day|week|month|year)\s+(?P<dir>before|after)(?![A-Za-z])",
        _following,
        _accept_clause_end,
    ),
    _rule(
        r"(?i)(?<![A-Za-z])(?:(?:later|earlier)\s+)?(?:that(?:\s+same)?|the\s+same)\s+"
        r"(?P<unit>day|week|month|year)(?![A-Za-z-])",
        _that_unit,
    ),
    _rule(
        rf"(?<![A-Za-z])(?:{_ci('the')}\s+)?{_QUALIFIER}{_SEASON}(?:\s+of)?,?\s+{_YEAR}"
        r"(?:\s*[-–/]\s*(?:\d{4}|\d\d)(?!\w))?",
        _season_year,
        _accept_season_word,
    ),
    _rule(
        rf"(?<![A-Za-z])(?P<mod>{_ci('the past|this past|last|next|this|past')})\s+{_SEASON}",
        _season_relative,
        _accept_season_word,
    ),
    _rule(rf"(?<![A-Za-z])(?:{_ci('the')}\s+)?{_SEASON}(?!\s+of\b)", _season_relative, _accept_bare_season),
)

# --------------------------------------------------------------------------------------------
# Finding, selecting and combining


def _candidates(ctx: _Ctx) -> Iterator[_Span]:
    for rule in _RULES:
        for m in rule.pattern.finditer(ctx.text):
            if rule.accept(m, ctx.text):
                yield _Span(m.start(), m.end(), rule.resolve(m, ctx))


def _select(spans: Iterator[_Span]) -> list[_Span]:
    """Longest first, non-overlapping; unresolvable matches still block shorter ones."""
    chosen: list[_Span] = []
    for span in sorted(spans, key=lambda s: (s.start - s.end, s.start)):
        if all(span.end <= other.start or span.start >= other.end for other in chosen):
            chosen.append(span)
    return sorted((s for s in chosen if s.hit is not None), key=lambda s: s.start)


_QUALIFIER_BEFORE = re.compile(
    r"(?i)(?:\b(?:early|late)\s+|\bmid-?\s*|\b(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+(?:the\s+)?)$"
)
_RANGE_PREFIX = re.compile(r"(?i)\b(?P<kw>between|from)\s+$")
_RANGE_SEPARATOR = re.compile(r"(?i)\s*(?:(?P<and>and)|to|through|until|till|[-–—])\s*")
_SINCE_BEFORE = re.compile(r"(?i)\b(?:ever\s+)?since\s+$")


def _extend_with(spans: list[_Span], text: str, prefix: re.Pattern[str]) -> list[_Span]:
    """Move each span's start back over ``prefix`` words (never into the previous span)."""
    out: list[_Span] = []
    for span in spans:
        low = out[-1].end if out else 0
        found = prefix.search(text, low, span.start)
        out.append(replace(span, start=found.start()) if found else span)
    return out


def _join(a: _Span, b: _Span, text: str, low: int) -> _Span | None:
    if a.hit is None or b.hit is None:
        return None
    separator = _RANGE_SEPARATOR.fullmatch(text, a.end, b.start)
    prefix = _RANGE_PREFIX.search(text, low, a.start)
    if separator is None or (separator["and"] and (prefix is None or prefix["kw"].lower() != "between")):
        return None
    end = _period_end(b.hit)
    if end < a.hit.value:
        return None
    hit = replace(a.hit, end=end, relative=a.hit.relative or b.hit.relative)
    return _Span(prefix.start() if prefix else a.start, b.end, hit)


def _join_ranges(spans: list[_Span], text: str) -> list[_Span]:
    out: list[_Span] = []
    i = 0
    while i < len(spans):
        low = out[-1].end if out else 0
        joined = _join(spans[i], spans[i + 1], text, low) if i + 1 < len(spans) else None
        out.append(joined or spans[i])
        i += 2 if joined else 1
    return out


def _extend_since(spans: list[_Span], ctx: _Ctx) -> list[_Span]:
    out: list[_Span] = []
    for span in spans:
        low = out[-1].end if out else 0
        found = _SINCE_BEFORE.search(ctx.text, low, span.start)
        hit = span.hit
        if found and hit is not None and hit.end is None:
            p = ctx.published
            end = p if p is not None and p >= hit.value else None
            hit = replace(hit, end=end, relative=hit.relative or end is not None)
            span = _Span(found.start(), span.end, hit)
        out.append(span)
    return out


def _as_expression(span: _Span, text: str) -> DateExpression:
    assert span.hit is not None
    words = text[span.start : span.end]
    hit = span.hit
    event_date = EventDate(hit.value, hit.precision, "text", end=hit.end, expression=words)
    return DateExpression(span.start, span.end, words, event_date, hit.relative)


def _as_date(published: date | None) -> date | None:
    return published.date() if isinstance(published, datetime) else published


def find_dates(text: str, published: date | None, anchor: EventDate | None = None) -> list[DateExpression]:
    """All date expressions in `text` (a sentence), resolved against the publication date and, for
    expressions like 'a few days later', against `anchor` (the previous event's date). Non-overlapping,
    longest match first, sorted by start."""
    ctx = _Ctx(text, _as_date(published), anchor)
    spans = _select(_candidates(ctx))
    spans = _extend_with(spans, text, _QUALIFIER_BEFORE)
    spans = _join_ranges(spans, text)
    spans = _extend_since(spans, ctx)
    return [_as_expression(span, text) for span in spans]


def publication_date(published: date | None) -> EventDate | None:
    """Fallback date for an event that the text does not date: day precision, origin 'publication'."""
    published = _as_date(published)
    if published is None:
        return None
    return EventDate(published, "day", "publication")
