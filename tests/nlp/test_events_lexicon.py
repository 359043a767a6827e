"""The event lexicon: the built-in data, its frames, user files and the errors they can raise."""

from __future__ import annotations

from pathlib import Path

import pytest

from parley.errors import ConfigError
from parley.nlp import event_lexicon
from parley.nlp.event_lexicon import ENV_VAR, default_lexicon, load_lexicon
from parley.ontology.cameo import cameo_root, is_valid


def test_builtin_lexicon_covers_every_cameo_root() -> None:
    lexicon = load_lexicon()
    roots = {cameo_root(e.cameo) for e in lexicon.entries if e.cameo}
    assert roots >= {f"{n:02d}" for n in range(1, 21)}
    assert len(lexicon.entries) >= 200
    assert all(is_valid(e.cameo) for e in lexicon.entries if e.cameo)


def test_yaml_words_like_on_stay_words() -> None:
    call_on = next(e for e in load_lexicon().entries if e.id == "appeal")
    assert "on" in call_on.particle


@pytest.mark.parametrize(
    ("frame", "governed", "expected"),
    [
        ("intent", "165", "135"),  # "could step back as a mediator if ...": a threat
        ("intent", "072", "0332"),  # "will send weapons": intent to give military aid
        ("intent", "0871", "0356"),
        ("intent", "036", "036"),  # already an intent
        ("threaten", "163", "1312"),
        ("threaten", "051", "130"),
        ("reject", "036", "125"),
        ("reject", "0841", "1243"),
        ("appeal", "046", "026"),
        ("appeal", "111", "020"),
        ("demand", "0874", "1056"),
        ("demand", "1043", "1043"),
        ("do", "046", "046"),
    ],
)
def test_frames_recode_the_governed_event(frame: str, governed: str, expected: str) -> None:
    assert load_lexicon().frames[frame].apply(governed) == expected


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "lexicon.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_user_file_adds_and_replaces_entries(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
entries:
  - {id: parley-test-snub, cameo: "120", lemmas: [cold-shoulder]}
  - {id: praise, cameo: "051", lemmas: [extol]}
""",
    )
    lexicon = load_lexicon(path)
    assert [e.id for e in lexicon.candidates("cold-shoulder")] == ["parley-test-snub"]
    assert [e.id for e in lexicon.candidates("extol")] == ["praise"]
    assert "praise" not in {e.id for e in lexicon.candidates("commend")}
    assert lexicon.candidates("condemn")  # built-in entries stay


def test_replace_true_drops_the_builtin_entries(tmp_path: Path) -> None:
    path = write(tmp_path, 'replace: true\nentries:\n  - {id: only, cameo: "111", lemmas: [decry]}\n')
    lexicon = load_lexicon(path)
    assert [e.id for e in lexicon.entries] == ["only"]
    assert "intent" in lexicon.frames


def test_the_environment_variable_names_a_user_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, 'entries:\n  - {id: parley-env, cameo: "111", lemmas: [bemoan-loudly]}\n')
    monkeypatch.setenv(ENV_VAR, str(path))
    event_lexicon.default_lexicon.cache_clear()
    try:
        assert default_lexicon().candidates("bemoan-loudly")
    finally:
        monkeypatch.delenv(ENV_VAR)
        event_lexicon.default_lexicon.cache_clear()
    assert not default_lexicon().candidates("bemoan-loudly")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("entries: [", "not valid YAML"),
        ("- just a list", "a mapping with 'entries'"),
        ('entries:\n  - {id: x, cameo: "999", lemmas: [a]}\n', "'999' is not a CAMEO code"),
        ("entries:\n  - {id: x, cameo: 36, lemmas: [a]}\n", "36 is not a CAMEO code"),
        ('entries:\n  - {id: x, cameo: "036", lemmas: [a], colour: red}\n', "unknown field(s) colour"),
        ("entries:\n  - {id: x, frame: nope, lemmas: [a]}\n", "frame 'nope' is not defined"),
        ("entries:\n  - {id: x, lemmas: [a]}\n", "needs a 'cameo' code, a 'frame', or both"),
        ('entries:\n  - {id: x, cameo: "036", lemmas: []}\n', "expected a word or a list of words"),
        ('entries:\n  - {id: x, cameo: "036", lemmas: [a], pos: adverb}\n', "pos 'adverb'"),
        ('entries:\n  - {id: x, cameo: "180", lemmas: [a], owner: victim}\n', "owner 'victim' is not one of"),
        ('entries:\n  - {id: x, cameo: "087", lemmas: [a], subject: []}\n', "subject"),
        (
            'entries:\n  - {id: x, cameo: "036", lemmas: [a]}\n  - {id: x, cameo: "036", lemmas: [b]}\n',
            "the id is used twice",
        ),
        ('frames:\n  f: {codes: {"4": "036"}}\nentries: []\n', "'4' is not a CAMEO code prefix"),
        ('needs_target: ["4"]\nentries: []\n', "'4' is not a CAMEO code prefix"),
    ],
)
def test_bad_user_files_are_reported_with_the_file_and_entry(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as raised:
        load_lexicon(path)
    assert message in str(raised.value)
    assert str(path) in str(raised.value)


def test_a_missing_user_file_names_the_variable(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=ENV_VAR):
        load_lexicon(tmp_path / "absent.yaml")


def test_regular_forms_of_a_verb_find_its_entries() -> None:
    # The small pipeline lemmatises "staged" as "stag": the form itself must still find "stage".
    lexicon = load_lexicon()
    assert event_lexicon.verb_forms("stage") == {"stages", "staged", "staging"}
    assert event_lexicon.verb_forms("push") == {"pushes", "pushed", "pushing"}
    assert lexicon.knows("staged") and not lexicon.knows("stag")
    assert any(e.id == "light-verb" for e in lexicon.candidates("staged"))
    # Nouns are looked up by their lemma only.
    assert not lexicon.candidates("ceasefires")


def test_acts_done_to_somebody_need_a_target_and_a_user_file_may_say_otherwise(tmp_path: Path) -> None:
    lexicon = load_lexicon()
    assert lexicon.code_needs_target("040") and lexicon.code_needs_target("1831")
    assert not lexicon.code_needs_target("0831") and not lexicon.code_needs_target("111")
    own = load_lexicon(write(tmp_path, 'needs_target: ["111"]\nentries: []\n'))
    assert own.code_needs_target("111") and not own.code_needs_target("040")
    assert load_lexicon(write(tmp_path, "entries: []\n")).code_needs_target("040")
