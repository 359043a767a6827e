"""Quote attribution on hand-parsed sentences written for these tests (no model needed): parses
broken the way the statistical parser breaks them."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

from parley.nlp.mentions import Mention
from parley.nlp.quotes import find_quotes
from parley.records import ActorRef

# '“We will win this case,” Tulsa police Chief Ann Kirby said Monday.' with the city read as a
# verb that swallows the title, and "said" joined to the quote's own verb.
_ROWS = [
    ("\u201c", "\u201c", "PUNCT", "punct", 3, False),
    ("We", "we", "PRON", "nsubj", 3, True),
    ("will", "will", "AUX", "aux", 3, True),
    ("win", "win", "VERB", "ROOT", 3, True),
    ("this", "this", "DET", "det", 5, True),
    ("case", "case", "NOUN", "dobj", 3, False),
    (",", ",", "PUNCT", "punct", 3, False),
    ("\u201d", "\u201d", "PUNCT", "punct", 3, True),
    ("Tulsa", "tulsa", "VERB", "dep", 3, True),
    ("police", "police", "NOUN", "compound", 10, True),
    ("Chief", "Chief", "PROPN", "dobj", 8, True),
    ("Ann", "Ann", "PROPN", "compound", 12, True),
    ("Kirby", "Kirby", "PROPN", "appos", 10, True),
    ("said", "say", "VERB", "conj", 3, True),
    ("Monday", "Monday", "PROPN", "npadvmod", 13, False),
    (".", ".", "PUNCT", "punct", 3, False),
]


def test_a_speaker_named_between_the_quote_and_a_misparsed_cue() -> None:
    doc = Doc(
        spacy.blank("en").vocab,
        words=[r[0] for r in _ROWS],
        lemmas=[r[1] for r in _ROWS],
        pos=[r[2] for r in _ROWS],
        deps=[r[3] for r in _ROWS],
        heads=[r[4] for r in _ROWS],
        spaces=[r[5] for r in _ROWS],
    )
    doc.ents = [Span(doc, 11, 13, label="PERSON"), Span(doc, 14, 15, label="DATE")]
    kirby = doc[11:13]
    mention = Mention(
        11, 13, kirby.start_char, kirby.end_char, ActorRef("Ann Kirby", "USA", "COP"), "name", "person"
    )
    quotes = find_quotes(doc, [mention])
    quote = next(q for q in quotes if "win this case" in q.text)
    assert quote.speaker is not None and quote.speaker.name == "Ann Kirby"
