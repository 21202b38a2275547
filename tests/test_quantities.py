"""Tests for realpolitik.quantities: finding amounts in news sentences."""

from __future__ import annotations

import pytest

from realpolitik.quantities import Quantity, find_quantities


def summary(q: Quantity) -> tuple[str, float, str | None, str | None]:
    return (q.text, q.value, q.unit, q.of)


def found(text: str) -> list[tuple[str, float, str | None, str | None]]:
    quantities = find_quantities(text)
    for q in quantities:
        assert text[q.start : q.end] == q.text
    return [summary(q) for q in quantities]


# --- the seed article ------------------------------------------------------------------------


def test_quantities_seed_explosives_keep_the_qualifier() -> None:
    text = "North Korea shipped over 74,000 metric tons of explosives to Russia."
    (quantity,) = find_quantities(text)
    assert (quantity.start, quantity.end) == (20, 57)
    assert summary(quantity) == ("over 74,000 metric tons of explosives", 74000.0, "metric ton", "explosives")


def test_quantities_seed_people() -> None:
    assert found("It may send at least 600,000 North Koreans to work.") == [
        ("at least 600,000 North Koreans", 600000.0, None, "North Koreans")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pyongyang sent 12,000 troops to Russia.", ("12,000 troops", 12000.0, None, "troops")),
        ("It included 1,500 special forces.", ("1,500 special forces", 1500.0, None, "special forces")),
        (
            "It sent more than 1,000 containers of munitions by rail.",
            ("more than 1,000 containers of munitions", 1000.0, "container", "munitions"),
        ),
        ("Seoul pledged $3 billion.", ("$3 billion", 3e9, "USD", None)),
        ("It got 25,000 tons of food aid.", ("25,000 tons of food aid", 25000.0, "ton", "food aid")),
        ("Ships used two ports.", ("two ports", 2.0, None, "ports")),
        ("Drones hit 16 locations overnight.", ("16 locations", 16.0, None, "locations")),
        ("The region has 10 million.", ("10 million", 1e7, None, None)),
        ("About 4,000 troops arrived.", ("About 4,000 troops", 4000.0, None, "troops")),
        ("Some 10 million people live there.", ("Some 10 million people", 1e7, None, "people")),
        ("Exports fell 5% in a year.", ("5%", 5.0, "percent", None)),
        ("Exports fell 3.5 percent.", ("3.5 percent", 3.5, "percent", None)),
        ("It sent 5 billion won in aid.", ("5 billion won", 5e9, "KRW", None)),
        ("A loan of 3bn dollars.", ("3bn dollars", 3e9, "USD", None)),
        ("The front moved 10km.", ("10km", 10.0, "kilometre", None)),
        ("It exported 500,000 barrels a day.", ("500,000 barrels", 500000.0, "barrel", None)),
        ("Only 2000 troops remained.", ("Only 2000 troops", 2000.0, None, "troops")),
        ("Killed were 20 Indian soldiers.", ("20 Indian soldiers", 20.0, None, "Indian soldiers")),
    ],
)
def test_quantities_amounts(text: str, expected: tuple[str, float, str | None, str | None]) -> None:
    assert found(text) == [expected]


def test_quantities_range_keeps_the_lower_bound() -> None:
    assert found("Between 10,000 and 12,000 troops were sent.") == [
        ("10,000 and 12,000 troops", 10000.0, None, "troops")
    ]


def test_quantities_several_in_one_sentence() -> None:
    assert found("It sent 12,000 troops and 1,500 special forces through two ports.") == [
        ("12,000 troops", 12000.0, None, "troops"),
        ("1,500 special forces", 1500.0, None, "special forces"),
        ("two ports", 2.0, None, "ports"),
    ]


# --- what is not a quantity ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The Soviet Union collapsed in 1991.",
        "The 2018 summit failed.",
        "They met on June 19, 2024 and again on 19 June.",
        "They met between October 8 and 13.",
        "The deal was signed on 2024-10-10 at 10:30.",
        "T-72 tanks and Su-27 jets and KN-23 missiles.",
        "Resolution 2397 and Resolutions 2270 and 2321 passed.",
        "The 79th General Assembly opened.",
        "One of the leaders spoke; no one else did.",
        "The Group of Eight met.",
        "The T-series engines were sold.",
        "They agreed a 10-day truce and a five-year plan.",
    ],
)
def test_quantities_not_quantities(text: str) -> None:
    assert find_quantities(text) == []
