"""Wire datelines are blanked before parsing, with every offset kept (realpolitik.dateline)."""

from __future__ import annotations

from datetime import date

import pytest

from realpolitik.dateline import dateline_places, dateline_span, mask_dateline
from realpolitik.records import Document


@pytest.mark.parametrize(
    "text,story",
    [
        ("NAIROBI, June 3 (Reuters) - Kenyan troops shelled the town.", "Kenyan troops"),
        ("GAZA CITY, Palestinian Territories: Four children were killed.", "Four children"),
        ("LYON: Interpol said it will send a team.", "Interpol"),
        ("Nairobi, Kenya (AP) — The president said.", "The president"),
        ("BEIJING, 12 March (Xinhua) -- China said.", "China said"),
        ("SEOUL — North Korea fired missiles.", "North Korea"),
    ],
)
def test_a_dateline_is_blanked_and_offsets_kept(text: str, story: str) -> None:
    masked = mask_dateline(text)
    assert len(masked) == len(text)
    assert masked.strip().startswith(story) and masked.endswith(text[-10:])
    assert masked[: masked.index(story)].strip() == ""


@pytest.mark.parametrize(
    "text",
    ["NATO said Russia must withdraw.", "US-China talks resumed.", "The UN - the world body - met.",
     "Kabul - The Taliban said.", "SEOUL"],
)  # fmt: skip
def test_text_without_a_dateline_is_left_alone(text: str) -> None:
    assert dateline_span(text) is None and mask_dateline(text) == text


def test_the_coder_reads_past_the_dateline_and_keeps_it_in_the_record(coder) -> None:
    text = "ISLAMABAD, May 2 (AFP) - Pakistani troops shelled the Afghan town of Khost."
    coded = coder.code_document(Document(id="d1", text=text, published=date(2024, 5, 3)))
    assert [(e.source.country, e.cameo, e.target.country) for e in coded.events] == [("PAK", "194", "AFG")]
    assert coded.sentences[0].text.startswith("ISLAMABAD, May 2 (AFP) -")
    assert coded.events[0].sentence.startswith("ISLAMABAD")


@pytest.mark.parametrize(
    "text,places",
    [
        ("GDANSK, Poland, Aug 14 (Reuters) - Workers downed tools.", ["Gdansk", "Poland"]),
        ("SEOUL, June 10 (AP) - Riot police fired tear gas.", ["Seoul"]),
        ("Nairobi, Kenya (AP) - Talks resumed.", ["Nairobi", "Kenya"]),
        ("Talks resumed in Nairobi.", []),
    ],
)
def test_dateline_places_name_where_the_story_was_filed(text, places):
    assert dateline_places(text) == places


def test_people_named_by_role_act_where_the_story_was_filed(coder):
    text = "GDANSK, Poland, Aug 14 (Reuters) - Workers at the shipyard downed tools on Thursday."
    events = coder.code_text(text, date(1980, 8, 14))
    assert any(e.source.code == "POLLAB" for e in events)
    undated = coder.code_text(text.split(" - ", 1)[1], date(1980, 8, 14))
    assert not any(e.source.country == "POL" for e in undated)  # no dateline, no guess
