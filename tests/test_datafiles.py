"""The parsed-data cache: an unchanged data file is read back from the cache, an edited one is
parsed again, and a cache that cannot be written changes nothing."""

from __future__ import annotations

from datetime import date

import pytest

from realpolitik.datafiles import load_data_file

YAML = "- name: Test Person\n  terms:\n    - {role: GOV, start: 2001-02-03, end: 2005-06-07}\n"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("REALPOLITIK_CACHE", str(folder))
    return folder


def test_cached_copy_gives_the_same_data_with_dates(tmp_path, cache):
    src = tmp_path / "people.yaml"
    src.write_text(YAML, encoding="utf-8")
    first = load_data_file(src)
    assert len(list(cache.glob("people.yaml-*.json"))) == 1
    second = load_data_file(src)  # from the cache
    assert second == first
    assert second[0]["terms"][0]["start"] == date(2001, 2, 3)


def test_an_edited_file_is_parsed_again_and_its_old_copy_dropped(tmp_path, cache):
    src = tmp_path / "people.yaml"
    src.write_text(YAML, encoding="utf-8")
    load_data_file(src)
    src.write_text(YAML.replace("Test Person", "Other Person"), encoding="utf-8")
    assert load_data_file(src)[0]["name"] == "Other Person"
    assert len(list(cache.glob("people.yaml-*.json"))) == 1


def test_a_cache_that_cannot_be_written_is_ignored(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("REALPOLITIK_CACHE", str(blocker / "cache"))
    src = tmp_path / "cues.yaml"
    src.write_text("a: [1, 2]\n", encoding="utf-8")
    assert load_data_file(src) == {"a": [1, 2]}


def test_data_json_cannot_keep_is_not_cached(tmp_path, cache):
    src = tmp_path / "codes.yaml"
    src.write_text("1: one\n2: two\n", encoding="utf-8")  # integer keys would come back as strings
    assert load_data_file(src) == {1: "one", 2: "two"}
    assert load_data_file(src) == {1: "one", 2: "two"}
    assert not list(cache.glob("codes.yaml-*.json"))
