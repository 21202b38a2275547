"""Tests for realpolitik.places: the offline gazetteer and finding place names in sentences."""

from __future__ import annotations

import time

import pytest

from realpolitik.places import Gazetteer, Place, PlaceMention, find_places, gazetteer


def found(text: str) -> list[tuple[str, str, str, str | None, str]]:
    """(matched words, place name, country, admin1, kind) for each mention."""
    return [(m.text, m.place.name, m.place.country, m.place.admin1, m.place.kind) for m in find_places(text)]


def only(text: str) -> PlaceMention:
    mentions = find_places(text)
    assert len(mentions) == 1, mentions
    return mentions[0]


# --- the seed article ------------------------------------------------------------------------


def test_places_seed_kursk_oblast_is_the_russian_region() -> None:
    text = "North Korean troops were sent to the Kursk oblast to fight Ukrainian forces."
    mention = only(text)
    assert (mention.start, mention.end, mention.text) == (37, 49, "Kursk oblast")
    assert text[mention.start : mention.end] == "Kursk oblast"
    assert (mention.place.name, mention.place.country, mention.place.kind) == ("Kursk", "RUS", "region")
    assert mention.place.admin1 == "Kursk"


def test_places_seed_pyongyang_is_in_north_korea() -> None:
    place = only("Vladimir Putin flew to Pyongyang on Tuesday.").place
    assert (place.name, place.country, place.kind) == ("Pyongyang", "PRK", "city")
    assert place.latitude == pytest.approx(39.03, abs=0.05)
    assert place.longitude == pytest.approx(125.75, abs=0.05)


def test_places_seed_russias_far_east() -> None:
    assert found("They met at the Vostochny cosmodrome in Russia's Far East.") == [
        ("Vostochny cosmodrome", "Vostochny Cosmodrome", "RUS", "Amur", "spaceport"),
        ("Russia's Far East", "Russian Far East", "RUS", None, "region"),
    ]
    assert found("Drills in the Russian Far East.") == [
        ("Russian Far East", "Russian Far East", "RUS", None, "region")
    ]


def test_places_seed_vladivostok_is_in_primorsky_krai() -> None:
    place = only("Kim Jong Un arrived in Vladivostok by train.").place
    assert (place.name, place.country, place.admin1, place.kind) == (
        "Vladivostok",
        "RUS",
        "Primorsky Krai",
        "city",
    )
    assert place.population == 604901


def test_places_seed_kyiv_and_new_york() -> None:
    assert found("Officials in Kyiv and New York disagreed.") == [
        ("Kyiv", "Kyiv", "UKR", "Kyiv City", "city"),
        ("New York", "New York City", "USA", "New York", "city"),
    ]


def test_places_person_name_is_not_a_place() -> None:
    assert find_places("Will Kielm is a Research Fellow at the Institute.") == []


# --- regions, informal regions, seas and ports ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Shelling in the Kursk region.", ("Kursk region", "Kursk", "RUS", "region")),
        ("Shelling in Kharkiv Oblast.", ("Kharkiv Oblast", "Kharkiv", "UKR", "region")),
        ("Fighting in Crimea.", ("Crimea", "Crimea", "UKR", "region")),
        ("Ports of Primorsky Krai.", ("Primorsky Krai", "Primorsky Krai", "RUS", "region")),
        ("Peace on the Korean Peninsula.", ("Korean Peninsula", "Korean Peninsula", "ASA", "region")),
        ("Troops on the Golan Heights.", ("Golan Heights", "Golan Heights", "SYR", "region")),
        ("Aid for the Gaza Strip.", ("Gaza Strip", "Gaza Strip", "PSE", "region")),
        ("Raids in the West Bank.", ("West Bank", "West Bank", "PSE", "region")),
        ("Battles in Donbas.", ("Donbas", "Donbas", "UKR", "region")),
        ("Drills in the Sea of Japan.", ("Sea of Japan", "Sea of Japan", "ASA", "sea")),
        ("Drills in the East Sea.", ("East Sea", "Sea of Japan", "ASA", "sea")),
        ("Ships in the Black Sea.", ("Black Sea", "Black Sea", "EEU", "sea")),
        ("Attacks in the Red Sea.", ("Red Sea", "Red Sea", "MEA", "sea")),
        ("Patrols in the Taiwan Strait.", ("Taiwan Strait", "Taiwan Strait", "ASA", "strait")),
        ("Claims in the South China Sea.", ("South China Sea", "South China Sea", "SEA", "sea")),
        ("Drills in the Yellow Sea.", ("Yellow Sea", "Yellow Sea", "ASA", "sea")),
        ("Ships left Rason.", ("Rason", "Rason", "PRK", "port")),
        ("Ships reached Vostochny port.", ("Vostochny port", "Vostochny port", "RUS", "port")),
        ("Strikes on Gaza City.", ("Gaza City", "Gaza", "PSE", "city")),
    ],
)
def test_places_regions_seas_and_ports(text: str, expected: tuple[str, str, str, str]) -> None:
    mention = only(text)
    assert (mention.text, mention.place.name, mention.place.country, mention.place.kind) == expected
    assert text[mention.start : mention.end] == mention.text


def test_places_bare_name_prefers_the_city_to_its_region() -> None:
    assert found("Missiles hit Donetsk and Kursk.") == [
        ("Donetsk", "Donetsk", "UKR", "Donetsk", "city"),
        ("Kursk", "Kursk", "RUS", "Kursk", "city"),
    ]


def test_places_countries_are_returned_with_their_code() -> None:
    assert found("Russia and North Korea signed a pact; Romania objected.") == [
        ("Russia", "Russia", "RUS", None, "country"),
        ("North Korea", "North Korea", "PRK", None, "country"),
        ("Romania", "Romania", "ROM", None, "country"),
    ]


def test_places_alternate_names_and_primary_names() -> None:
    assert found("Drones flew from Kiev toward Pokrovsk.") == [
        ("Kiev", "Kyiv", "UKR", "Kyiv City", "city"),
        ("Pokrovsk", "Pokrovsk", "UKR", "Donetsk", "city"),
    ]


# --- what is not a place ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "the talks in pyongyang and moscow",  # lowercase words are ignored
        "Kim Jong Un and Moon Jae-in shook hands.",
        "The Washington Post and the New York Times reported it.",
        "Jordan Peterson and Paris Hilton spoke.",
        "In March the UN met; Western leaders spoke.",
        "drills in the sea of japan",  # a capitalised word in the name needs a capital
    ],
)
def test_places_not_places(text: str) -> None:
    assert find_places(text) == []


def test_places_function_words_and_weekdays_do_not_hide_a_place() -> None:
    assert found("In Pyongyang Tuesday, Eastern Ukraine was discussed.") == [
        ("Pyongyang", "Pyongyang", "PRK", "Pyongyang", "city"),
        ("Ukraine", "Ukraine", "UKR", None, "country"),
    ]


# --- the gazetteer ---------------------------------------------------------------------------


def test_places_lookup_orders_candidates() -> None:
    candidates = gazetteer().lookup("kursk")
    assert [(p.name, p.country, p.kind) for p in candidates] == [
        ("Kursk", "RUS", "city"),
        ("Kursk", "RUS", "region"),
    ]
    assert gazetteer().lookup("Nowhere Such Place") == []
    washington = gazetteer().lookup("Washington")[0]
    assert (washington.country, washington.admin1, washington.kind) == ("USA", "Washington, D.C.", "city")


def test_places_lookup_returns_place_records() -> None:
    place = gazetteer().lookup("Primorsky Krai")[0]
    assert isinstance(place, Place)
    assert (place.country, place.kind, place.admin1) == ("RUS", "region", "Primorsky Krai")
    assert gazetteer().lookup("Primorskiy") == [place]  # the GeoNames spelling is an alias


def test_places_gazetteer_is_loaded_once_and_fast() -> None:
    gazetteer.cache_clear()
    started = time.perf_counter()
    first = gazetteer()
    elapsed = time.perf_counter() - started
    assert isinstance(first, Gazetteer)
    assert gazetteer() is first
    assert len(first) > 30_000
    assert elapsed < 3.0  # about 0.5 s on one core; generous for a shared CI machine


def test_places_comma_context_picks_the_candidate_inside() -> None:
    assert found("Protests in Moscow, Idaho and in Moscow, Russia.") == [
        ("Moscow", "Moscow", "USA", "Idaho", "city"),
        ("Idaho", "Idaho", "USA", "Idaho", "region"),
        ("Moscow", "Moscow", "RUS", "Moscow", "city"),
        ("Russia", "Russia", "RUS", None, "country"),
    ]


def test_places_a_much_larger_region_beats_a_small_city() -> None:
    assert found("Hurricanes hit Florida.") == [("Florida", "Florida", "USA", "Florida", "region")]
    assert found("Talks in Washington.") == [("Washington", "Washington", "USA", "Washington, D.C.", "city")]


def test_places_world_regions_and_sites() -> None:
    assert found("Tensions in Asia and the Middle East near the Zaporizhzhia nuclear plant.") == [
        ("Asia", "Asia", "ASA", None, "world region"),
        ("Middle East", "Middle East", "MEA", None, "world region"),
        ("Zaporizhzhia nuclear plant", "Zaporizhzhia Nuclear Power Plant", "UKR", "Zaporizhzhia", "site"),
    ]


def test_places_short_and_function_words_are_not_places_alone() -> None:
    assert find_places("To the north, As expected, Of course.") == []
