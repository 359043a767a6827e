"""The actor matcher: every surface form of the actor tables, matched on spaCy tokens with one
capitalisation rule, for the pipeline (token by token) and for lookups of a whole text.

Case is ignored, except that short forms with capitals ("US", "NATO", "Fed", "WHO") match only as
the table writes them (in lower case they are English words), and names of countries, seats,
organisations and people must start with a capital ("us", "china" and "turkey" are words; so,
for now, is a lower-case "von der Leyen"). Where two entries share a form, the first in table
order wins.
Adjectives and demonyms match in any case.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import spacy
from spacy.tokenizer import Tokenizer
from spacy.tokens import Token

from parley.ontology.actors.entries import CountryEntry, OrgEntry, PersonEntry, RoleTerm, name_key

if TYPE_CHECKING:
    from parley.ontology.actors.gazetteer import Gazetteer

_MAX_NGRAM = 6
# Possessive endings as the tokenizer splits them off: "Russia's" is "Russia" + "'s".
POSSESSIVE = ("’s", "'s", "’", "'")


@dataclass(frozen=True, slots=True)
class Surface:
    """One surface form in the tables: what it names and how it may be written."""

    kind: str  # "country", "adjective", "demonym", "seat", "org", "person"
    exact_case: bool
    country: CountryEntry | None = None
    org: OrgEntry | None = None
    person: PersonEntry | None = None


class ActorIndex:
    """Every surface form of the actor tables, keyed by lower-cased token sequence."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self._entries: dict[tuple[str, ...], list[Surface]] = {}
        for country in gazetteer.countries:
            for surface in (country.name, *country.aliases):
                self._add(surface, Surface("country", _needs_case(surface), country=country))
            for surface in country.adjectives:
                self._add(surface, Surface("adjective", _needs_case(surface), country=country))
            for surface in country.demonyms:
                self._add(surface, Surface("demonym", _needs_case(surface), country=country))
            for surface in country.seats:
                self._add(surface, Surface("seat", _needs_case(surface), country=country))
        for org in gazetteer.organisations:
            for surface in (org.name, *org.aliases):
                self._add(surface, Surface("org", _needs_case(surface), org=org))
        for person in gazetteer.people:
            for surface in (person.name, *person.aliases):
                self._add(surface, Surface("person", False, person=person))
        # A surname's forms, with the people (by name key) it names.
        self._surnames: dict[tuple[str, ...], list[tuple[str, str]]] = {}
        for person in gazetteer.people:
            for surname in person.surnames:
                named = self._surnames.setdefault(_words(surname), [])
                if (surname, name_key(person.name)) not in named:
                    named.append((surname, name_key(person.name)))
        self._roles: dict[tuple[str, ...], RoleTerm] = {}
        for term in gazetteer.roles:
            self._roles[_words(term.term)] = term
        # The longest key starting with each first word, so most tokens cost one lookup.
        self._longest: dict[str, int] = {}
        for key in (*self._entries, *self._roles):
            self._longest[key[0]] = max(self._longest.get(key[0], 0), len(key))

    def _add(self, surface: str, entry: Surface) -> None:
        words = _words(surface)
        if words and words[0] == "the" and len(words) > 1:
            words = words[1:]
        if words and len(words) <= _MAX_NGRAM:
            self._entries.setdefault(words, []).append(entry)

    def match(self, tokens: Sequence[Token], lowers: Sequence[str], i: int) -> tuple[int, Surface] | None:
        """The longest table entry starting at token ``i``: (end index, entry).

        ``lowers`` holds the lower-cased texts of ``tokens``.
        """
        longest = self._longest.get(lowers[i], 0)
        for n in range(min(longest, len(tokens) - i), 0, -1):
            window = tokens[i : i + n]
            key = tuple(lowers[i : i + n])
            entries = self._entries.get(key)
            if not entries:
                continue
            entry = next((e for e in entries if _written_as(window, e)), None)
            if entry is not None:
                return i + n, entry
        return None

    def lookup(self, text: str, kind: str) -> Surface | None:
        """The entry of a kind ("country", "seat", "org" ...) that a whole text names, by the rule of
        :meth:`match`; a leading "the" and a possessive ending are left out ("the Kremlin's")."""
        tokens = _text_tokens(text)
        found = self._entries.get(tuple(t.lower_ for t in tokens), [])
        return next((e for e in found if e.kind == kind and _written_as(tokens, e)), None)

    def role_of(self, text: str) -> RoleTerm | None:
        """The role term a whole text is ("Foreign Minister", "the spokeswoman", "troops")."""
        tokens = _text_tokens(text)
        hit = self.role(tokens, [t.lower_ for t in tokens], 0) if tokens else None
        return hit[1] if hit is not None and hit[0] == len(tokens) else None

    def surname_keys(self, text: str) -> list[str]:
        """The name keys of the people a surname names ("Rubio", "von der Leyen"), by the rule for names."""
        tokens = _text_tokens(text)
        found = self._surnames.get(tuple(t.lower_ for t in tokens), [])
        if not tokens or not tokens[0].text[:1].isupper():
            return []
        compact = "".join(t.text for t in tokens)
        return list(
            dict.fromkeys(
                key for form, key in found if not _needs_case(form) or compact == form.replace(" ", "")
            )
        )

    def role(self, tokens: Sequence[Token], lowers: Sequence[str], i: int) -> tuple[int, RoleTerm] | None:
        """The longest role term ("foreign minister", "spokeswoman") starting at token ``i``."""
        longest = max(self._longest.get(lowers[i], 0), self._longest.get(tokens[i].lemma_.lower(), 0))
        for n in range(min(longest, len(tokens) - i), 0, -1):
            key = tuple(lowers[i : i + n])
            term = self._roles.get(key) or (self._roles.get((*key[:-1], tokens[i + n - 1].lemma_.lower())))
            if term is not None:
                return i + n, term
        return None


@functools.lru_cache(maxsize=1)
def _tokenizer() -> Tokenizer:
    """spaCy's English tokenizer, so table entries split into words exactly as article text does."""
    return spacy.blank("en").tokenizer


def _words(surface: str) -> tuple[str, ...]:
    return tuple(t.lower_ for t in _tokenizer()(surface) if not t.is_space)


def _needs_case(surface: str) -> bool:
    """Short forms with capitals (US, NATO, Fed) match only as written: "us" is not the United States."""
    letters = [c for c in surface if c.isalpha()]
    capitals = sum(c.isupper() for c in letters)
    return (len(letters) <= 4 and capitals == len(letters)) or (len(letters) <= 3 and capitals > 0)


def _text_tokens(text: str) -> list[Token]:
    """A text's words without a leading "the" or a possessive ending."""
    tokens = [t for t in _tokenizer()(text) if not t.is_space]
    if len(tokens) > 1 and tokens[0].lower_ == "the":
        tokens = tokens[1:]
    while len(tokens) > 1 and tokens[-1].text in POSSESSIVE:
        tokens = tokens[:-1]
    return tokens


# Lower-case words that open names: Arabic articles and the particles of European surnames.
NAME_PARTICLES = frozenset(
    {"al", "el", "ad", "ash", "as", "at", "az", "an", "ar", "bin", "ibn", "de", "van", "von"}
)


def _written_as(window: Sequence[Token], entry: Surface) -> bool:
    """Whether tokens may stand for an entry: short capitalised forms only as written, and names
    (not adjectives or demonyms) only with a capital."""
    if entry.exact_case and not _same_case(" ".join(t.text for t in window), entry):
        return False
    if entry.kind not in ("country", "seat", "org", "person") or window[0].text[:1].isupper():
        return True
    # "al-Qaeda", "al-Shabaab": a name may open with a lower-case article.
    return window[0].lower_ in NAME_PARTICLES and any(t.text[:1].isupper() for t in window[1:])


def _same_case(surface: str, entry: Surface) -> bool:
    names: list[str] = []
    if entry.country is not None:
        c = entry.country
        names = [c.name, *c.aliases, *c.adjectives, *c.demonyms, *c.seats]
    elif entry.org is not None:
        names = [entry.org.name, *entry.org.aliases]
    compact = surface.replace(" ", "")
    return any(compact == n.replace(" ", "") for n in names)
