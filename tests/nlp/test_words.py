"""The word lists: built in as data, extended or replaced by a user's YAML file, read by the rules."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.tokens import Doc

from parley.errors import ConfigError
from parley.nlp import words as words_module
from parley.nlp.events import extract_events
from parley.nlp.words import ENV_VAR, LISTS, default_words, load_words


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "words.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_builtin_list_has_words() -> None:
    words = load_words()
    for name in LISTS:
        assert getattr(words, name), name


def test_one_denial_list_serves_quotes_and_events() -> None:
    # Quotes and events had two lists that differed by "dispute"; the one list has both's words.
    assert {"deny", "dismiss", "reject", "refute", "rebut", "dispute", "debunk"} <= load_words().denial_verbs


def test_a_user_file_adds_words_to_a_list(tmp_path: Path) -> None:
    words = load_words(write(tmp_path, "denial_verbs: [Disavow]\nphrasal_reporting_verbs: [set  out]\n"))
    assert "disavow" in words.denial_verbs
    assert "deny" in words.denial_verbs
    assert "set out" in words.phrasal_reporting_verbs


def test_replace_drops_the_builtin_words_of_the_lists_it_names(tmp_path: Path) -> None:
    words = load_words(write(tmp_path, "replace: [future_auxiliaries]\nfuture_auxiliaries: [shall]\n"))
    assert words.future_auxiliaries == frozenset({"shall"})
    assert "would" in words.hypothetical_modals


def test_the_environment_variable_names_a_user_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VAR, str(write(tmp_path, "claim_nouns: [canard]\n")))
    words_module.default_words.cache_clear()
    try:
        assert "canard" in default_words().claim_nouns
    finally:
        monkeypatch.delenv(ENV_VAR)
        words_module.default_words.cache_clear()
    assert "canard" not in default_words().claim_nouns


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("denial_verbs: [", "not valid YAML"),
        ("- deny", "a mapping from list names"),
        ("denial_nouns: [x]", "'denial_nouns' is not a word list"),
        ("denial_verbs: deny", "denial_verbs must be a list of words"),
        ("replace: [colours]", "'replace' must list word lists"),
        ("phrasal_reporting_verbs: [point]", "a verb and its particle"),
    ],
)
def test_a_bad_file_is_refused_with_its_name(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError, match=message) as caught:
        load_words(path)
    assert str(path) in str(caught.value)


def test_a_missing_file_names_the_variable(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=ENV_VAR):
        load_words(tmp_path / "absent.yaml")


def test_a_users_speculation_verb_makes_the_claim_reported(tmp_path: Path, claim: Callable[[], Doc]) -> None:
    attacks = [e for e in extract_events(claim(), None) if e.cameo_root == "19"]
    assert attacks and not any(e.reported for e in attacks)
    words = load_words(write(tmp_path, "speculation_verbs: [muse]\n"))
    attacks = [e for e in extract_events(claim(), None, words=words) if e.cameo_root == "19"]
    assert attacks and all(e.reported for e in attacks)
