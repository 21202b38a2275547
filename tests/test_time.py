"""Tests for realpolitik.time: finding and resolving date expressions in sentences."""

from __future__ import annotations

from datetime import date

import pytest

from realpolitik.records import EventDate
from realpolitik.time import DateExpression, find_dates, publication_date

P = date(2024, 10, 10)  # a Thursday


def only(text: str, published: date | None = P, anchor: EventDate | None = None) -> DateExpression:
    found = find_dates(text, published, anchor)
    assert len(found) == 1, found
    return found[0]


def summary(expr: DateExpression) -> tuple[str, date, str, date | None, bool]:
    d = expr.date
    return (expr.text, d.value, d.precision, d.end, expr.relative)


# --- explicit dates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("The talks opened on 19 June 2024 in Geneva.", "19 June 2024"),
        ("The talks opened on June 19, 2024 in Geneva.", "June 19, 2024"),
        ("The talks opened on 2024-06-19 in Geneva.", "2024-06-19"),
        ("The talks opened on the 19th of June, 2024.", "19th of June, 2024"),
    ],
)
def test_time_explicit_day(text: str, words: str) -> None:
    expr = only(text)
    assert summary(expr) == (words, date(2024, 6, 19), "day", None, False)
    assert text[expr.start : expr.end] == words
    assert expr.date.origin == "text"
    assert expr.date.expression == words


def test_time_abbreviated_month_with_day_and_year() -> None:
    assert summary(only("Rioters stormed the Capitol on Jan. 6, 2021.")) == (
        "Jan. 6, 2021",
        date(2021, 1, 6),
        "day",
        None,
        False,
    )


def test_time_month_and_year() -> None:
    assert summary(only("In June 2024, talks began.")) == (
        "June 2024",
        date(2024, 6, 1),
        "month",
        None,
        False,
    )
    assert only("in March of 2022").date.value == date(2022, 3, 1)


@pytest.mark.parametrize(
    "text",
    [
        "The Soviet Union collapsed in 1991.",
        "The 1991 treaty still holds.",
        "Talks were held in Moscow, 1991.",
        "Resolution 2094 (1991) was adopted.",
        "Russia's 1991 election was chaotic.",
    ],
)
def test_time_year_in_date_context(text: str) -> None:
    expr = only(text)
    assert summary(expr) == ("1991", date(1991, 1, 1), "year", None, False)
    assert expr.date.iso() == "1991"


def test_time_year_with_qualifier_keeps_the_words() -> None:
    assert summary(only("Prices rose in early 2024.")) == (
        "early 2024",
        date(2024, 1, 1),
        "year",
        None,
        False,
    )
    assert summary(only("by the end of 2023")) == ("the end of 2023", date(2023, 1, 1), "year", None, False)
    assert only("mid-2024").text == "mid-2024"


@pytest.mark.parametrize(
    ("text", "words", "start_year"),
    [
        ("Growth was strong in the 1990s.", "the 1990s", 1990),
        ("Growth was strong in the '90s.", "the '90s", 1990),
        ("Growth was strong in the mid-'90s.", "the mid-'90s", 1990),
        ("Growth was strong in the mid-1990s.", "the mid-1990s", 1990),
        ("Growth was strong in the early 2000s.", "the early 2000s", 2000),
        ("Growth was strong in the nineties.", "the nineties", 1990),
        ("Growth was strong in the '30s.", "the '30s", 1930),
        ("Growth was strong in the '20s.", "the '20s", 2020),
    ],
)
def test_time_decades(text: str, words: str, start_year: int) -> None:
    expr = only(text)
    assert summary(expr) == (words, date(start_year, 1, 1), "decade", None, False)
    assert expr.date.iso() == f"{start_year}s"


def test_time_since_decade_is_a_range_to_publication() -> None:
    assert summary(only("Ties have improved since the early 2000s.")) == (
        "since the early 2000s",
        date(2000, 1, 1),
        "decade",
        P,
        True,
    )
    assert summary(only("Ties have improved since 1991.", None)) == (
        "since 1991",
        date(1991, 1, 1),
        "year",
        None,
        False,
    )


# --- ranges ---------------------------------------------------------------------------------


def test_time_between_months_range() -> None:
    assert summary(only("Prices rose between August 2023 and January 2024.")) == (
        "between August 2023 and January 2024",
        date(2023, 8, 1),
        "month",
        date(2024, 1, 31),
        False,
    )


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("They met from 2003 to 2009.", "from 2003 to 2009"),
        ("They met between 2003 and 2009.", "between 2003 and 2009"),
        ("the 2003-2009 Six-Party Talks", "2003-2009"),
        ("Talks ran 2003-2009.", "2003-2009"),
        ("Talks ran 2003–09.", "2003–09"),
    ],
)
def test_time_year_ranges(text: str, words: str) -> None:
    assert summary(only(text)) == (words, date(2003, 1, 1), "year", date(2009, 12, 31), False)


def test_time_and_without_between_is_not_a_range() -> None:
    found = find_dates("Elections were held in 2019 and 2020.", P)
    assert [summary(e) for e in found] == [
        ("2019", date(2019, 1, 1), "year", None, False),
        ("2020", date(2020, 1, 1), "year", None, False),
    ]


# --- month alone and day without year: most recent past -----------------------------------


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("In June, the talks stalled.", P, date(2024, 6, 1)),
        ("The talks stalled in June.", date(2024, 3, 1), date(2023, 6, 1)),
        ("The talks stalled in September.", date(2024, 9, 15), date(2024, 9, 1)),
        ("The talks stalled in December.", date(2024, 1, 5), date(2023, 12, 1)),
        ("The talks stalled in mid-June.", P, date(2024, 6, 1)),
    ],
)
def test_time_month_alone_is_most_recent_past(text: str, published: date, expected: date) -> None:
    expr = only(text, published)
    assert (expr.date.value, expr.date.precision, expr.date.end, expr.relative) == (
        expected,
        "month",
        None,
        True,
    )


def test_time_month_with_last_and_next() -> None:
    assert only("last June").date.value == date(2024, 6, 1)
    assert only("last October").date.value == date(2023, 10, 1)
    assert only("next June").date.value == date(2025, 6, 1)


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("They met on June 19.", P, date(2024, 6, 19)),
        ("They met on June 19.", date(2024, 6, 10), date(2023, 6, 19)),
        ("They met on 19 June.", date(2024, 6, 19), date(2024, 6, 19)),
        ("They met on December 30.", date(2024, 1, 5), date(2023, 12, 30)),
        ("They met on Sept. 11.", P, date(2024, 9, 11)),
    ],
)
def test_time_day_without_year_is_most_recent_past(text: str, published: date, expected: date) -> None:
    expr = only(text, published)
    assert (expr.date.value, expr.date.precision, expr.relative) == (expected, "day", True)


def test_time_ambiguous_month_words_need_context() -> None:
    assert find_dates("May I ask a question?", P) == []
    assert find_dates("The March on Washington was peaceful.", P) == []
    assert find_dates("Troops march into the city.", P) == []
    assert find_dates("June Carter sang.", P) == []
    assert only("Talks resumed in May.").date.value == date(2024, 5, 1)


# --- relative to the publication date ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Officials said today that ...", P, P),
        ("Officials said yesterday that ...", P, date(2024, 10, 9)),
        ("Officials said yesterday that ...", date(2024, 1, 1), date(2023, 12, 31)),
        ("Officials said tomorrow they will ...", P, date(2024, 10, 11)),
        ("Officials said last night that ...", P, date(2024, 10, 9)),
    ],
)
def test_time_day_words(text: str, published: date, expected: date) -> None:
    expr = only(text, published)
    assert (expr.date.value, expr.date.precision, expr.relative) == (expected, "day", True)


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        ("Kim spoke on Tuesday.", "Tuesday", date(2024, 10, 8)),
        ("Kim spoke on Thursday.", "Thursday", P),
        ("Kim spoke on Friday.", "Friday", date(2024, 10, 4)),
        ("Police said Tuesday that ...", "Tuesday", date(2024, 10, 8)),
        ("Kim spoke last Thursday.", "last Thursday", date(2024, 10, 3)),
        ("Kim will speak next Tuesday.", "next Tuesday", date(2024, 10, 15)),
    ],
)
def test_time_weekdays(text: str, words: str, expected: date) -> None:
    assert summary(only(text)) == (words, expected, "day", None, True)


def test_time_weekday_across_year_boundary() -> None:
    # 2024-01-01 is a Monday: "on Friday" is 2023-12-29.
    assert only("on Friday", date(2024, 1, 1)).date.value == date(2023, 12, 29)


def test_time_capitalised_word_before_weekday_is_a_name() -> None:
    assert find_dates("The Good Friday Agreement was signed.", P) == []


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("Talks stalled last week.", date(2024, 10, 3), "day"),
        ("Talks stalled this week.", P, "day"),
        ("Talks will resume next week.", date(2024, 10, 17), "day"),
        ("Talks stalled last month.", date(2024, 9, 1), "month"),
        ("Talks stalled this month.", date(2024, 10, 1), "month"),
        ("Talks stalled earlier this month.", date(2024, 10, 1), "month"),
        ("Talks will resume next month.", date(2024, 11, 1), "month"),
        ("Talks stalled last year.", date(2023, 1, 1), "year"),
        ("Talks stalled late last year.", date(2023, 1, 1), "year"),
        ("Talks stalled this year.", date(2024, 1, 1), "year"),
        ("Talks stalled earlier this year.", date(2024, 1, 1), "year"),
        ("Talks will resume next year.", date(2025, 1, 1), "year"),
    ],
)
def test_time_last_this_next_units(text: str, expected: date, precision: str) -> None:
    expr = only(text)
    assert (expr.date.value, expr.date.precision, expr.date.end, expr.relative) == (
        expected,
        precision,
        None,
        True,
    )


def test_time_earlier_this_week_runs_from_monday() -> None:
    assert summary(only("He said it earlier this week.")) == (
        "earlier this week",
        date(2024, 10, 7),
        "day",
        P,
        True,
    )


def test_time_last_month_across_year_boundary() -> None:
    assert only("last month", date(2024, 1, 15)).date.value == date(2023, 12, 1)
    assert only("last year", date(2024, 1, 15)).date.value == date(2023, 1, 1)


@pytest.mark.parametrize(
    ("text", "published", "start", "end"),
    [
        ("Exports fell the past summer.", P, date(2024, 6, 1), date(2024, 8, 31)),
        ("Exports fell the past summer.", date(2024, 7, 15), date(2023, 6, 1), date(2023, 8, 31)),
        ("Exports fell last summer.", P, date(2024, 6, 1), date(2024, 8, 31)),
        ("Exports fell this summer.", P, date(2024, 6, 1), date(2024, 8, 31)),
        ("Exports fell last spring.", P, date(2024, 3, 1), date(2024, 5, 31)),
        ("Exports fell last autumn.", P, date(2023, 9, 1), date(2023, 11, 30)),
        ("Exports fell last fall.", P, date(2023, 9, 1), date(2023, 11, 30)),
        ("Exports fell last winter.", P, date(2023, 12, 1), date(2024, 2, 29)),
        ("Exports fell last winter.", date(2024, 1, 15), date(2022, 12, 1), date(2023, 2, 28)),
        ("Exports fell this winter.", date(2024, 1, 15), date(2023, 12, 1), date(2024, 2, 29)),
        ("Exports fell over the summer.", date(2024, 7, 15), date(2024, 6, 1), date(2024, 8, 31)),
    ],
)
def test_time_relative_seasons(text: str, published: date, start: date, end: date) -> None:
    expr = only(text, published)
    assert (expr.date.value, expr.date.precision, expr.date.end, expr.relative) == (start, "month", end, True)


def test_time_season_with_year() -> None:
    assert summary(only("Exports fell in the summer of 2023.")) == (
        "the summer of 2023",
        date(2023, 6, 1),
        "month",
        date(2023, 8, 31),
        False,
    )
    assert summary(only("Exports fell in winter 2022-23.")) == (
        "winter 2022-23",
        date(2022, 12, 1),
        "month",
        date(2023, 2, 28),
        False,
    )


def test_time_season_names_that_are_not_dates() -> None:
    assert find_dates("The Arab Spring spread quickly.", P) == []
    assert find_dates("After the fall of Kabul, aid stopped.", P) == []


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("The deal was signed three years ago.", date(2021, 1, 1), "year"),
        ("The deal was signed a year ago.", date(2023, 1, 1), "year"),
        ("The deal was signed 18 months ago.", date(2023, 4, 1), "month"),
        ("The deal was signed two weeks ago.", date(2024, 9, 26), "day"),
        ("The deal was signed a few days ago.", date(2024, 10, 7), "day"),
    ],
)
def test_time_ago(text: str, expected: date, precision: str) -> None:
    expr = only(text)
    assert (expr.date.value, expr.date.precision, expr.relative) == (expected, precision, True)


# --- relative to the previous event (anchor) ----------------------------------------------

ANCHOR = EventDate(date(2024, 6, 3), "day", "text", expression="June 3")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A few days later, talks resumed.", date(2024, 6, 6)),
        ("Days later, talks resumed.", date(2024, 6, 6)),
        ("Two weeks later, talks resumed.", date(2024, 6, 17)),
        ("A month later, talks resumed.", date(2024, 7, 3)),
        ("Three days earlier, talks had stalled.", date(2024, 5, 31)),
        ("The next day, talks resumed.", date(2024, 6, 4)),
        ("Talks had stalled the day before.", date(2024, 6, 2)),
        ("Hours later, talks resumed.", date(2024, 6, 3)),
    ],
)
def test_time_anchor_offsets_keep_day_precision(text: str, expected: date) -> None:
    expr = only(text, P, ANCHOR)
    assert (expr.date.value, expr.date.precision, expr.date.end, expr.relative) == (
        expected,
        "day",
        None,
        True,
    )


def test_time_anchor_precision_is_kept_or_coarsened_to_the_unit() -> None:
    june = EventDate(date(2024, 6, 1), "month", "text")
    assert summary(only("A month later, talks resumed.", P, june)) == (
        "A month later",
        date(2024, 7, 1),
        "month",
        None,
        True,
    )
    assert summary(only("Later that month, talks resumed.", P, ANCHOR)) == (
        "Later that month",
        date(2024, 6, 1),
        "month",
        None,
        True,
    )
    old = EventDate(date(2020, 3, 5), "day", "text")
    assert summary(only("The following year, talks resumed.", P, old)) == (
        "The following year",
        date(2021, 1, 1),
        "year",
        None,
        True,
    )


def test_time_later_without_anchor_is_clamped_to_publication() -> None:
    assert summary(only("A few days later, talks resumed.")) == ("A few days later", P, "day", None, True)


def test_time_anchor_without_publication_date() -> None:
    expr = only("Two weeks later, talks resumed.", None, ANCHOR)
    assert (expr.date.value, expr.relative) == (date(2024, 6, 17), True)
    assert find_dates("Two weeks later, talks resumed.", None) == []


def test_time_offset_from_a_named_event_is_not_anchored() -> None:
    assert find_dates("Three days after the attack, troops withdrew.", P, ANCHOR) == []


# --- things that are not dates ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Leaders met for the first time in 24 years.",
        "The dispute has lasted 24 years.",
        "At least 600,000 people fled.",
        "About 74,000 troops were deployed.",
        "A force of 2000 troops arrived.",
        "Some 2000 people marched.",
        "Output rose to 2000.",
        "The T-series missile was shown.",
        "Protests took place in 16 locations across 50 countries.",
        "Relations have recently improved.",
        "More recently, relations improved.",
        "Trade grew over the last year.",
        "Numbers were 1,500, 2000, 3000 in turn.",
        "Most delegates were in their 90s.",
        "Resolution 2087 condemned the launch.",
    ],
)
def test_time_non_dates_give_nothing(text: str) -> None:
    assert find_dates(text, P) == []


# --- selection, ordering, missing publication date ----------------------------------------


def test_time_several_expressions_sorted_and_non_overlapping() -> None:
    text = (
        "On Tuesday, Kim said the North would test a missile next month, as it did in June 2023 "
        "and three weeks ago."
    )
    found = find_dates(text, P)
    assert [summary(e) for e in found] == [
        ("Tuesday", date(2024, 10, 8), "day", None, True),
        ("next month", date(2024, 11, 1), "month", None, True),
        ("June 2023", date(2023, 6, 1), "month", None, False),
        ("three weeks ago", date(2024, 9, 19), "day", None, True),
    ]
    assert all(text[e.start : e.end] == e.text for e in found)


def test_time_without_publication_date_only_absolute() -> None:
    text = "In June 2024 and on Tuesday, as in June and last year, and in 1991."
    found = find_dates(text, None)
    assert [summary(e) for e in found] == [
        ("June 2024", date(2024, 6, 1), "month", None, False),
        ("1991", date(1991, 1, 1), "year", None, False),
    ]


def test_time_accepts_datetime_publication() -> None:
    from datetime import datetime

    assert only("yesterday", datetime(2024, 10, 10, 15, 30)).date.value == date(2024, 10, 9)


def test_time_publication_date_fallback() -> None:
    assert publication_date(P) == EventDate(P, "day", "publication")
    assert publication_date(None) is None


def test_time_month_after_a_possessive_is_a_date():
    (expr,) = find_dates("Putin's June visit to Vietnam", date(2024, 10, 10))
    assert expr.text == "June" and expr.date.iso() == "2024-06" and expr.date.precision == "month"
