"""Parley's components as a user adds them to a pipeline of their own."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

import parley.nlp.factories  # noqa: F401  (registers the factories)
from parley.nlp.factories import EXTENSIONS, add_parley_pipes


def test_extensions_are_registered_once() -> None:
    from spacy.tokens import Doc

    for name in EXTENSIONS:
        assert Doc.has_extension(name)


def test_paragraph_breaks_start_sentences_on_a_blank_pipeline() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("parley_paragraphs")
    doc = nlp("First paragraph has no full stop\n\nSecond one starts here")
    starts = [t.text for t in doc if t.is_sent_start]
    assert "Second" in starts


@pytest.mark.model
def test_add_parley_pipes_to_a_users_pipeline(nlp: Language) -> None:
    from parley.config import model_name

    own = spacy.load(model_name())
    add_parley_pipes(own)
    assert own.pipe_names[-3:] == ["parley_actors", "parley_quotes", "parley_events"]
    assert own.pipe_names.index("parley_paragraphs") < own.pipe_names.index("parser")
    doc = own("“We will talk,” said Russian Foreign Minister Sergei Lavrov.")
    assert doc._.parley_quotes and doc._.parley_quotes[0].speaker is not None
    add_parley_pipes(own)  # adding again changes nothing
    assert own.pipe_names.count("parley_actors") == 1


def _codes(nlp: Language, claim: Callable[[], Doc]) -> set[str]:
    doc = nlp.get_pipe("parley_events")(claim())
    return {e.cameo for e in doc._.parley_events}


def _muse_lexicon(tmp_path: Path) -> Path:
    """A user's event lexicon that codes "muse" as 012 (make a pessimistic comment)."""
    path = tmp_path / "lexicon.yaml"
    path.write_text('entries:\n  - {id: parley-test-muse, cameo: "012", lemmas: [muse]}\n', encoding="utf-8")
    return path


def test_the_events_component_takes_its_lexicon_from_the_config(
    tmp_path: Path, claim: Callable[[], Doc]
) -> None:
    lexicon = _muse_lexicon(tmp_path)
    plain = spacy.blank("en")
    plain.add_pipe("parley_events")
    assert "012" not in _codes(plain, claim)
    own = spacy.blank("en")
    own.add_pipe("parley_events", config={"lexicon": str(lexicon)})
    assert "012" in _codes(own, claim)
    assert own.config["components"]["parley_events"]["lexicon"] == str(lexicon)


def test_initialize_loads_the_lexicon_and_words_named_in_the_config(
    tmp_path: Path, claim: Callable[[], Doc]
) -> None:
    lexicon = _muse_lexicon(tmp_path)
    words = tmp_path / "words.yaml"
    words.write_text("speculation_verbs: [muse]\n", encoding="utf-8")
    nlp = spacy.blank("en")
    nlp.add_pipe("parley_events")
    nlp.config["initialize"]["components"]["parley_events"] = {"lexicon": str(lexicon), "words": str(words)}
    nlp.initialize()
    doc = nlp.get_pipe("parley_events")(claim())
    assert "012" in {e.cameo for e in doc._.parley_events}
    assert all(e.reported for e in doc._.parley_events if e.cameo_root == "19")


def test_the_quotes_component_takes_its_word_lists_from_the_config(
    tmp_path: Path, claim: Callable[[], Doc]
) -> None:
    words = tmp_path / "words.yaml"
    words.write_text("reporting_verbs: [muse]\n", encoding="utf-8")
    nlp = spacy.blank("en")
    nlp.add_pipe("parley_quotes", config={"words": str(words)})
    doc = nlp.get_pipe("parley_quotes")(claim())
    assert [(q.kind, q.cue, q.speaker.name if q.speaker else None) for q in doc._.parley_quotes] == [
        ("indirect", "muses", "Japan")
    ]
    plain = spacy.blank("en")
    plain.add_pipe("parley_quotes")
    assert plain.get_pipe("parley_quotes")(claim())._.parley_quotes == []


def test_the_actors_component_takes_extra_tables_from_the_config(tmp_path: Path) -> None:
    table = tmp_path / "organisations.tsv"
    table.write_text("name\taliases\tcountry\trole\nParley Test Council\tPTC\t\tIGO\n", encoding="utf-8")
    text = "The Parley Test Council met on Monday."
    plain = spacy.blank("en")
    plain.add_pipe("sentencizer")
    plain.add_pipe("parley_actors")
    assert plain(text)._.parley_actors == []
    own = spacy.blank("en")
    own.add_pipe("sentencizer")
    own.add_pipe("parley_actors", config={"actors": [str(table)]})
    assert [a.ref.name for a in own(text)._.parley_actors] == ["Parley Test Council"]
