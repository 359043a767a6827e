"""Actor resolution on hand-parsed sentences written for these tests (no model needed)."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from parley.nlp.actors import ActorResolver
from parley.records import ActorRef

Row = tuple[str, str, str, int]

# "Police named Omar Haddad." then a second sentence that names another Haddad.
_FIRST: list[Row] = [
    ("Police", "NOUN", "nsubj", 1),
    ("named", "VERB", "ROOT", 1),
    ("Omar", "PROPN", "compound", 3),
    ("Haddad", "PROPN", "dobj", 1),
    (".", "PUNCT", "punct", 1),
]


def _doc(rows: list[Row]) -> Doc:
    return Doc(
        spacy.blank("en").vocab,
        words=[r[0] for r in rows],
        pos=[r[1] for r in rows],
        deps=[r[2] for r in rows],
        heads=[r[3] for r in rows],
    )


def _parsed(second: list[Row], person: tuple[int, int]) -> Doc:
    doc = _doc(_FIRST + [(w, p, d, h + len(_FIRST)) for w, p, d, h in second])
    start, end = person
    doc.ents = [
        Span(doc, 2, 4, label="PERSON"),
        Span(doc, start + len(_FIRST), end + len(_FIRST), label="PERSON"),
    ]
    return doc


def _second_sentence_names(doc: Doc) -> dict[str, str]:
    mentions, _ = ActorResolver()(doc)
    return {doc[m.start : m.end].text: m.ref.name for m in mentions if m.start >= len(_FIRST)}


def test_a_given_name_the_ner_left_out_belongs_to_the_surname() -> None:
    # The NER tagged only "Haddad": "Karim" before it is a given name, so not Omar Haddad.
    second: list[Row] = [
        ("Mayor", "PROPN", "compound", 2),
        ("Karim", "PROPN", "compound", 2),
        ("Haddad", "PROPN", "nsubj", 3),
        ("spoke", "VERB", "ROOT", 3),
        (".", "PUNCT", "punct", 3),
    ]
    assert _second_sentence_names(_parsed(second, (2, 3))) == {"Karim Haddad": "Karim Haddad"}


def test_a_title_before_a_lone_surname_stays_a_title() -> None:
    second: list[Row] = [
        ("Mayor", "PROPN", "compound", 1),
        ("Haddad", "PROPN", "nsubj", 2),
        ("spoke", "VERB", "ROOT", 2),
        (".", "PUNCT", "punct", 2),
    ]
    assert _second_sentence_names(_parsed(second, (1, 2))) == {"Haddad": "Omar Haddad"}


def _resolved(rows: list[Row], person: tuple[int, int]) -> dict[str, ActorRef]:
    """Each mention's words -> its actor, in one hand-parsed sentence with one PERSON entity."""
    doc = _doc(rows)
    doc.ents = [Span(doc, *person, label="PERSON")]
    mentions, _ = ActorResolver()(doc)
    return {doc[m.start : m.end].text: m.ref for m in mentions}


@pytest.mark.parametrize(
    ("envoy", "marsh"),
    [
        ("npadvmod", ("nsubj", 7)),  # the name is the subject
        ("nsubj", ("appos", 4)),  # the parser hangs the name on the remit: "for [Sudan <- Daniel Marsh]"
    ],
)
def test_an_office_holds_through_its_remit_to_the_name(envoy: str, marsh: tuple[str, int]) -> None:
    # "US Special Envoy for Sudan Daniel Marsh": Sudan is the remit, the envoy is American.
    rows: list[Row] = [
        ("US", "PROPN", "compound", 2),
        ("Special", "PROPN", "compound", 2),
        ("Envoy", "PROPN", envoy, 7),
        ("for", "ADP", "prep", 2),
        ("Sudan", "PROPN", "pobj", 3),
        ("Daniel", "PROPN", "compound", 6),
        ("Marsh", "PROPN", *marsh),
        ("spoke", "VERB", "ROOT", 7),
        (".", "PUNCT", "punct", 7),
    ]
    refs = _resolved(rows, person=(5, 7))
    assert refs["Daniel Marsh"].country == "USA", refs
