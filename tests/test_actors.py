"""Actor resolution: names, metonyms, roles from words, office terms, references, user files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from realpolitik.actors.kb import build_kb, default_kb
from realpolitik.errors import InputError

P = date(2024, 10, 10)


def resolve(coder, phrase: str, day: date | None = P) -> list[str]:
    doc = coder.nlp(phrase)
    ctx = coder.resolver.context(doc, day)
    sent = next(iter(doc.sents))
    return [r.actor.code for r in coder.resolver.resolve(sent.root, ctx)]


@pytest.mark.parametrize(
    "phrase,code",
    [
        ("the Kremlin", "RUSGOV"),
        ("Seoul", "KORGOV"),
        ("Pyongyang", "PRKGOV"),
        ("the Pentagon", "USAMIL"),
        ("the White House", "USAGOV"),
        ("Kim Yo Jong", "PRKGOV"),
        ("Russian troops", "RUSMIL"),
        ("South Korean companies", "KORBUS"),
        ("the South Korean president", "KORGOV"),
        ("Russia's foreign minister", "RUSGOV"),
        ("a spokesperson for North Korea's Foreign Ministry", "PRKGOV"),
        ("the United Nations", "IGOUNO"),
        ("NATO", None),
        ("the West", "WST"),
    ],
)
def test_actors_resolve_names_metonyms_and_titles(coder, phrase, code):
    codes = resolve(coder, phrase)
    assert codes, phrase
    if code is None:
        assert codes[0].startswith("IGO")
    else:
        assert codes[0] == code


def test_actors_people_resolve_by_the_date_of_the_document(coder):
    assert resolve(coder, "Moon Jae-in", date(2019, 6, 30)) == ["KORGOV"]
    assert resolve(coder, "Moon Jae-in", date(2024, 6, 30)) != ["KORGOV"]


def test_actors_conjoined_names_give_one_actor_each(coder):
    assert resolve(coder, "Putin and Kim Jong Un") == ["RUSGOV", "PRKGOV"]


def test_actors_the_two_leaders_refer_back(coder):
    events = coder.code_text("Putin met Kim Jong Un in Pyongyang. The two leaders signed a treaty.", P)
    signed = {(e.source.code, e.target.code if e.target else None) for e in events if e.cameo == "057"}
    assert signed == {("RUSGOV", "PRKGOV"), ("PRKGOV", "RUSGOV")}


def test_actors_the_north_means_north_korea_in_a_korean_context(coder):
    events = coder.code_text("South Korea warned North Korea on Monday. The North condemned Seoul.", P)
    assert any(
        e.source.country == "PRK" and e.target and e.target.country == "KOR" for e in events if e.root == "11"
    )


def test_actors_kb_covers_every_cameo_country():
    kb = default_kb()
    countries = {e.country for entries in kb.surface.values() for e in entries if e.kind == "country"}
    assert {"RUS", "PRK", "KOR", "USA", "UKR", "CHN", "SSD", "MNE"} <= countries
    assert len(countries) > 190


def test_actors_kb_uses_only_cameo_codes():
    """Every shipped entry's country is a CAMEO country code (or the IGO / NGO prefix), and every role
    a CAMEO actor type (or the community marker): a typo in a data file would code nobody."""
    kb = default_kb()
    entries = [e for es in kb.surface.values() for e in es]
    assert {e.country for e in entries if e.country} - kb.codes <= {"IGO", "NGO"}
    assert {e.role for e in entries if e.role} <= kb.role_codes
    assert kb.lookup("Revolutionary United Front")[0].actor(P).code == "SLEREB"  # groups_more.yaml


def test_actors_user_file_adds_and_overrides(tmp_path: Path):
    f = tmp_path / "mine.yaml"
    f.write_text("- name: Wagner Group\n  country: RUS\n  role: UAF\n  aliases: [Wagner]\n", encoding="utf-8")
    kb = build_kb(f)
    (entry,) = kb.lookup("Wagner")
    assert entry.actor(P).code == "RUSUAF"


@pytest.mark.parametrize(
    "body,needle",
    [
        ("- name: X\n  country: XXX\n", "unknown CAMEO country code"),
        ("- name: X\n  country: RUS\n  role: BOSS\n", "unknown CAMEO role code"),
        ("- country: RUS\n", "needs a 'name'"),
        ("- name: X\n  country: RUS\n  start: yesterday\n", "YYYY-MM-DD"),
        ("name: X\n", "YAML list"),
    ],
)
def test_actors_user_file_errors_name_the_row_and_problem(tmp_path: Path, body, needle):
    f = tmp_path / "bad.yaml"
    f.write_text(body, encoding="utf-8")
    with pytest.raises(InputError) as info:
        build_kb(f)
    assert needle in str(info.value) and str(f) in str(info.value)


def test_actors_user_csv_file(tmp_path: Path):
    f = tmp_path / "mine.csv"
    f.write_text("name,country,role,aliases\nAcme Arms,USA,BUS,Acme|AcmeCo\n", encoding="utf-8")
    kb = build_kb(f)
    assert kb.lookup("AcmeCo")[0].actor(P).code == "USABUS"


def test_actor_codes_are_composed_as_cameo_writes_them() -> None:
    from realpolitik.records import Actor

    assert Actor.of("RUS", "GOV").code == "RUSGOV"
    assert Actor.of("PRK", None).code == "PRK"
    assert Actor.of("NGO", "AMN").code == "NGOAMN"
    assert Actor.of("NGO", "NGO").code == "NGO"  # not "NGONGO"
    assert Actor.of(None, "REB").code == "---REB"  # rebels of no known country, as PETRARCH codes them
    no_state = Actor.of(None, "ETH")  # a community of no single state codes nothing ("ETH" is Ethiopia)
    assert no_state.code == "" and no_state.country is None


def test_actor_forms_split_as_the_tokenizer_splits_them(coder) -> None:
    """Knowledge-base forms of letters and inner hyphens are split without the (slow) tokenizer; the
    split must be the tokenizer's, or those names would never be found in running text."""
    from realpolitik.actors.resolver import _PLAIN_WORDS, _plain_tokens

    forms = [f for f in sorted(default_kb().surface) if _PLAIN_WORDS.fullmatch(f)]
    assert len(forms) > 5000
    for form, doc in zip(forms, coder.nlp.tokenizer.pipe(forms), strict=True):
        assert _plain_tokens(form) == [t.text for t in doc], form
    assert ("Kim", "Jong", "-", "un") in coder.resolver.finder.forms._phrases


def test_misspelt_state_names_are_one_edit_from_a_listed_form() -> None:
    from realpolitik.actors.resolver import _NearIndex, _one_edit

    assert _one_edit("isreal", "israel")  # two letters swapped
    assert _one_edit("afganistan", "afghanistan") and _one_edit("phillippines", "philippines")
    assert _one_edit("britein", "britain") and not _one_edit("austria", "australia")
    index = _NearIndex(["Afghanistan", "Philippines", "Israel", "Iran"])  # ("Iran" is too short)
    assert index.near("Afganistan") == ["Afghanistan"] and index.near("Irak") == []
    assert index.near("Israel") == []  # the form itself is no slip


@pytest.mark.parametrize(
    "phrase,code",
    [
        # the body a state's name modifies, deeper in the phrase, gives the role
        ("support from the Montenegro Assembly", "MNELEG"),
        ("a delegation from the Kenya parliament", "KENLEG"),
        # a state's adjective on a language names no actor; the phrase's state is found elsewhere
        ("the use of the Russian language in Latvia", "LVA"),
        # the possessor of a tie noun is another party
        ("two officers of Iran's allies in Iraq", "IRQ"),
        ("the Common Market", "IGOEEC"),
    ],
)
def test_actors_phrase_roles_and_what_names_no_actor(coder, phrase, code):
    assert resolve(coder, phrase)[:1] == [code]


def test_actors_a_mention_remembered_keeps_the_role_of_its_noun(coder):
    """'Sudanese protesters ... They demanded': what a later pronoun refers back to is the
    protesters (SDN OPP), not Sudan; a community of no state stays without a role."""
    doc = coder.nlp("Thousands of Sudanese protesters and Hutu rebels marched in the capital.")
    ctx = coder.resolver.context(doc, P)
    codes = [r.actor.code for r in coder.resolver.mentions(next(iter(doc.sents)), ctx)]
    assert "SDNOPP" in codes and not any(c.endswith("REB") and c.startswith("-") for c in codes)
