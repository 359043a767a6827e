"""Where an article happens: the country its actors and places point to, and the country of each
sentence's places, for actors the text names without a country.

News names domestic actors without their country: "police fired tear gas", "protesters clashed
with riot police in Ottawa", "Defense Secretary Delfin Lorenzana said". Event coders give them
the country of the place where they act, else the country the article is about; so does Parley:

* a sentence's **place country** is that of a place named in it as a location ("in Ottawa",
  "near Mosul"): a capital or country from the tables, or a city or US state that
  :func:`parley.ontology.places.country_of_place` knows;
* the article's **home country** is the country its mentions and places name most often, when
  one leads the others (a tie leaves it unknown); the place of its dateline counts twice.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from parley.nlp.mentions import Found
from parley.ontology.places import country_of_place

LOCATIVE = frozenset({"in", "at", "near", "inside", "outside", "across", "around", "throughout", "within"})
# Words that open a condition ("if war starts in Iraq").
_CONDITION_MARKS = frozenset({"if", "unless"})
# Nouns before "of" and a name that make the name a place ("the town of Samarra").
_PLACE_NOUNS = frozenset({"town", "city", "village", "province", "region", "district", "port", "capital"})
# Kinds of mention whose country says where the story is (a demonym's people live there too).
_PLACE_KINDS = frozenset({"country", "seat", "adjective", "demonym", "group", "person", "org"})


def place_countries(doc: Doc, found: Sequence[Found]) -> dict[int, str]:
    """Country of each place entity named as a location, keyed by its first token."""
    by_token = {k: f for f in found for k in range(f.start, f.end)}
    named = frozenset(f.ref.country for f in found if f.ref.country is not None)
    places: dict[int, str] = {}
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC") and not _named_as_place(ent):
            continue
        known = by_token.get(ent.start)
        country = known.ref.country if known is not None else country_of_place(ent.text, named)
        if country is None:
            continue
        head = ent.root
        if _in_condition(head):
            continue  # "if war starts in Iraq": nothing happens there yet
        # A place the tables know counts once as a mention already, unless it is where things happen.
        if (head.dep_ == "pobj" and head.head.lower_ in LOCATIVE) or known is None:
            places[ent.start] = country
    return places


def _in_condition(token: Token) -> bool:
    """Whether a word lies in an "if" or "unless" clause."""
    for ancestor in token.ancestors:
        if ancestor.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in _CONDITION_MARKS for c in ancestor.children
        ):
            return True
    return False


def _named_as_place(ent: Span) -> bool:
    """A name the text itself calls a place, whatever the NER thought: "the town of Samarra"."""
    of = ent.root.head
    return ent.root.dep_ == "pobj" and of.lower_ == "of" and of.head.lemma_.lower() in _PLACE_NOUNS


def home_country(found: Sequence[Found], places: dict[int, str], dateline: str | None = None) -> str | None:
    """The country the article's mentions and places name most often, if one leads and is named
    at least twice."""
    counts: Counter[str] = Counter()
    for f in found:
        # News media and international bodies say nothing about where a story happens.
        if f.kind in _PLACE_KINDS and f.ref.country is not None and f.ref.role != "IGO":
            counts[f.ref.country] += 1
    counts.update(places.values())
    if dateline is not None:
        counts[dateline] += 2  # where the story was filed from weighs as much as two mentions
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


_KEY = "parley_setting"


def remember(doc: Doc, home: str | None, places: dict[int, str]) -> None:
    """Keep a Doc's home country and places for the later components (plain data in
    ``doc.user_data``, so the Doc still serialises)."""
    doc.user_data[_KEY] = (home, dict(places))


def setting_of(doc: Doc) -> tuple[str | None, dict[int, str]]:
    """The home country and places the actors component found, or nothing known."""
    home, places = doc.user_data.get(_KEY, (None, {}))
    return home, places


def country_at(token_sent: Span, doc: Doc) -> str | None:
    """The country where a sentence happens: its place, else the article's home country."""
    home, places = setting_of(doc)
    return sentence_place(token_sent, places) or home


def sentence_place(sent: Span, places: dict[int, str]) -> str | None:
    """The country of the first place a sentence names as a location, if any."""
    for i in range(sent.start, sent.end):
        if i in places:
            return places[i]
    return None
