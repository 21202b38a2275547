"""The coder on short sentences written by the team: actors, codes, modality, speech, dates."""

from __future__ import annotations

from datetime import date

import pytest

P = date(2024, 10, 10)


def triples(events):
    return {(e.source.country, e.cameo, e.target.country if e.target else None) for e in events}


def roots(events):
    return {(e.source.country, e.root, e.target.country if e.target else None) for e in events}


def test_coder_signing_a_pact_is_057_both_ways(coder):
    events = coder.code_text("Russia and North Korea signed a mutual defence treaty on Wednesday.", P)
    assert ("RUS", "057", "PRK") in triples(events)
    assert ("PRK", "057", "RUS") in triples(events)


def test_coder_visit_is_042_from_visitor_to_host(coder):
    events = coder.code_text("Russian President Vladimir Putin visited Pyongyang in June.", P)
    visit = [e for e in events if e.cameo == "042"]
    assert visit, events
    assert visit[0].source.code == "RUSGOV" and visit[0].target.country == "PRK"
    assert visit[0].date is not None and visit[0].date.iso() == "2024-06"
    assert visit[0].plover == "CONSULT" and visit[0].quad_class == 1 and visit[0].goldstein == 1.9


def test_coder_negated_act_is_not_an_event(coder):
    assert coder.code_text("Russia did not sign the treaty with Japan.", P) == []


def test_coder_modal_and_recommended_acts_are_not_events(coder):
    assert coder.code_text("South Korea should send weapons to Ukraine.", P) == []
    assert coder.code_text("Washington could impose sanctions on Moscow.", P) == []
    conditional = coder.code_text("If Russia attacks Finland, NATO will respond.", P)
    assert not [e for e in conditional if e.source.country == "RUS" and e.root in {"18", "19"}]


def test_coder_denial_of_an_act_is_not_an_event(coder):
    text = (
        "The pact led Seoul to reconsider its restrictions on sending lethal weapons to Ukraine, "
        "though there is no indication that it has done so yet."
    )
    assert all(e.root not in {"06", "07"} for e in coder.code_text(text, P))


def test_coder_question_is_not_an_event(coder):
    assert coder.code_text("Will China send troops to Russia?", P) == []


def test_coder_hedged_report_is_coded_with_a_flag(coder):
    events = coder.code_text("North Korea may have provided ballistic missiles to Russia.", P)
    assert events and all(e.hedged for e in events)
    assert max(e.provenance.confidence for e in events) < 0.7


def test_coder_future_intention_is_03x_not_the_act(coder):
    events = coder.code_text("China will send humanitarian aid to Gaza.", P)
    assert events and all(e.root == "03" for e in events)


def test_coder_passive_voice_takes_the_agent_as_source(coder):
    events = coder.code_text("Ukraine was attacked by Russia on Tuesday.", P)
    assert ("RUS", "19", "UKR") in roots(events) or ("RUS", "18", "UKR") in roots(events)


def test_coder_reported_criticism_targets_who_is_spoken_of(coder):
    text = (
        "A spokesperson for North Korea's Foreign Ministry described Ukraine's incursion "
        "as a grave terrorist crime."
    )
    events = coder.code_text(text, P)
    assert ("PRK", "111", "UKR") in triples(events)
    assert all(e.source.role == "GOV" for e in events if e.source.country == "PRK")


def test_coder_every_event_has_a_reason_and_offsets(coder):
    text = "Japan condemned North Korea's missile launch on Monday."
    events = coder.code_text(text, P)
    assert events
    for e in events:
        assert e.provenance.reason and "verb" in e.provenance.reason
        assert text[e.provenance.trigger_start : e.provenance.trigger_end] == "condemned"


def test_coder_roles_come_from_the_words_of_the_mention(coder):
    events = coder.code_text("Russian troops attacked Ukrainian soldiers near Kharkiv.", P)
    assert any(
        e.source.code == "RUSMIL" and e.target is not None and e.target.code == "UKRMIL" for e in events
    )


@pytest.mark.parametrize(
    "text,expected",
    [
        ("In 1991, Moscow established diplomatic ties with Seoul.", ("RUS", "KOR", "1991")),
        ("Russia cut economic aid to North Korea in the 1990s.", ("RUS", "PRK", "1990s")),
    ],
)
def test_coder_dates_come_from_the_governing_expression(coder, text, expected):
    events = coder.code_text(text, P)
    src, tgt, when = expected
    dated = [e for e in events if e.source.country == src and e.target and e.target.country == tgt]
    assert dated, events
    assert dated[0].date.iso() == when and dated[0].date.origin == "text"


def test_coder_undated_event_falls_back_to_publication_date(coder):
    events = coder.code_text("Japan condemned North Korea's missile launch.", P)
    assert events[0].date.origin == "publication" and events[0].date.value == P


def test_coder_conjoined_sources_give_one_event_each(coder):
    events = coder.code_text("Germany and France condemned the coup in Niger.", P)
    assert {e.source.country for e in events if e.root == "11"} >= {"DEU", "FRA"}


def test_coder_agentless_joint_act_takes_the_parties_just_named(coder):
    text = "Putin met Kim Jong Un in Pyongyang on Monday. Artillery shells and goats were traded in August."
    traded = [e for e in coder.code_text(text, P) if e.provenance.sentence_index == 1]
    assert {(e.source.country, e.target.country if e.target else None) for e in traded} == {
        ("RUS", "PRK"),
        ("PRK", "RUS"),
    }
    assert all(e.date.iso() == "2024-08" for e in traded)


def test_coder_reported_obligation_is_a_demand_on_the_one_who_must_act(coder):
    events = coder.code_text("Russia said on Tuesday that Sudan must return the captured helicopter.", P)
    assert ("RUS", "100", "SDN") in triples(events)
    assert not any(e.source.country == "SDN" for e in events)


def test_coder_event_location_is_where_it_happened_not_who_acted(coder):
    events = coder.code_text("Kim Jong Un met Putin in Vladivostok on Thursday.", P)
    (met, *_) = [e for e in events if e.root == "04"]
    assert met.location == "Vladivostok" and met.extra["location_country"] == "RUS"
    assert abs(float(met.extra["latitude"]) - 43.1) < 0.5


def test_coder_quantities_attach_to_the_event_they_measure(coder):
    events = coder.code_text("China sent 25,000 tons of food aid to North Korea on Monday.", P)
    aid = [e for e in events if e.root in {"07", "06"}]
    assert aid and "25,000 tons of food aid" in aid[0].extra.get("quantities", "")


def test_coder_people_take_the_office_they_held_on_the_event_date(coder):
    text = "In July 1961, Kim Il Sung signed a treaty with the Soviet Union in Moscow."
    events = [e for e in coder.code_text(text, date(1996, 12, 28)) if e.cameo == "057"]
    assert events and all(e.source.code == "PRKGOV" for e in events if e.source.country == "PRK")


def test_coder_role_only_subject_acts_in_the_country_of_the_place(coder):
    events = coder.code_text("Police arrested dozens of opposition activists in Tbilisi on Saturday.", P)
    assert ("GEOCOP", "GEOOPP") in {(e.source.code, e.target.code if e.target else None) for e in events}


def test_coder_members_of_a_group_are_the_group_s(coder):
    events = coder.code_text("Police arrested two members of the opposition party in Harare.", P)
    assert ("ZWECOP", "ZWEOPP") in {(e.source.code, e.target.code if e.target else None) for e in events}


def test_coder_a_state_acts_on_its_own_rebels_by_their_role(coder):
    events = coder.code_text("Peru is prosecuting Peruvian guerrillas for the bombing.", P)
    assert ("PER", "PERREB") in {(e.source.code, e.target.code if e.target else None) for e in events}


def test_coder_people_killed_in_a_city_are_its_civilians_not_its_government(coder):
    text = (
        "At least 25 people were killed in a suicide bombing at a crowded mosque in Kabul's western "
        "district on Thursday, police said."
    )
    events = coder.code_text(text, P)
    assert {e.target.code for e in events if e.target is not None} == {"AFGCVL"}


@pytest.mark.parametrize(
    "text,code",
    [
        ("Five people were killed in a suicide bombing in Kabul.", "1831"),
        ("Two policemen were killed in a car bomb explosion in Baghdad.", "1832"),
        ("Three soldiers were killed in a roadside bomb blast in Helmand.", "1833"),
    ],
)
def test_coder_a_bombing_is_coded_by_its_kind(coder, text, code):
    assert code in {e.cameo for e in coder.code_text(text, P)}


def test_coder_receiving_from_someone_is_the_giver_s_act(coder):
    events = coder.code_text("Ukraine received air defence missiles from Germany on Monday.", P)
    assert ("DEU", "07", "UKR") in roots(events)


def test_coder_they_in_what_a_pair_said_refers_to_both_speakers(coder):
    events = coder.code_text("Russia and Belarus said they would hold joint military drills.", P)
    assert {e.source.country for e in events} >= {"RUS", "BLR"}


def test_coder_protest_with_no_addressee_is_aimed_at_the_own_government(coder):
    events = coder.code_text("Thousands of Iraqi Kurds demonstrated in Kirkuk on Sunday.", P)
    assert ("IRQ", "14", "IRQ") in roots(events)


def test_coder_a_town_s_state_is_the_target_of_force_used_there(coder):
    events = coder.code_text("Israeli tanks shelled targets in Jericho on Friday.", P)
    assert ("ISR", "PSE") in {(e.source.country, e.target.country if e.target else None) for e in events}


def test_coder_keeps_one_event_per_act_in_a_sentence(coder):
    """The same code between the same states found twice in one sentence (by a verb and by its
    noun) is one event, kept with the fuller roles; different roles of one state stay apart."""
    from dataclasses import replace

    from realpolitik.coder import _dedupe
    from realpolitik.records import Actor

    (event,) = coder.code_text("The Japanese government praised India.", date(2024, 5, 1))
    assert event.source.code == "JPNGOV"
    vague = replace(event, source=Actor.of("JPN", None))
    assert _dedupe([vague, event]) == [event]
    military = replace(event, source=Actor.of("JPN", "MIL"))
    assert _dedupe([event, military]) == [event, military]
    other_code = replace(event, cameo="040")
    assert len(_dedupe([event, other_code])) == 2


def test_coder_dates_an_act_still_to_come_forward(coder):
    """A date without its year inside a stated intention or a demand is the next one ("will meet
    in June" said in April), while a reported act keeps the past one."""

    def dated(text, day):
        return [(e.cameo, e.date.iso()) for e in coder.code_text(text, day)]

    assert dated("Putin will visit China in May.", date(2024, 6, 1)) == [("036", "2025-05")]
    assert dated("Putin visited China in May.", date(2024, 6, 1)) == [("042", "2024-05")]
    assert dated("The rebels demanded that Cedras step down by October 15.", date(1994, 9, 19)) == [
        ("100", "1994-10-15")
    ]
    assert dated("In June, the rebels demanded that Cedras step down.", date(1994, 9, 19)) == [
        ("100", "1994-06")
    ]
    # a nominal event is reported, not intended: its month is the last one
    assert dated("Putin's June visit to Vietnam drew attention.", date(2024, 10, 10)) == [("042", "2024-06")]


def test_coder_codes_two_joined_verbs_of_one_act_once(coder):
    """'donated and shipped rice to X': the second verb is the act and is coded; the first borrows
    the target only when the second is no act of its own."""
    events = coder.code_text("Japan donated and shipped 500 tonnes of rice to North Korea.", date(2024, 5, 1))
    assert [(e.source.code, e.cameo[:2], e.target.code if e.target else None) for e in events] == [
        ("JPN", "07", "PRK")
    ]
