"""Coreference: short forms linked to an earlier full mention of the same article.

A country's short form the article sets up ("North Korea ... the North") takes that country.
Surnames ("Rubio") take the actor of an earlier full name ending in them, or of the one office
holder the tables know by that surname; definite titles ("the spokeswoman") take the latest
person introduced with that title; pronouns ("he", "it", "their") take the most salient
compatible mention of the few sentences before.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from parley.nlp.marks import quoted_tokens
from parley.nlp.mentions import Found, actor_ref
from parley.nlp.syntax import sentence_numbers, subject_heads, thing_before
from parley.ontology.actors import Gazetteer
from parley.records import ActorRef

_PERSONAL = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
_IMPERSONAL = {"it", "its"}
_PLURAL = {"they", "them", "their", "theirs"}
# Where a pronoun is an object of its clause's verb or of a preposition on it.
_OBJECT_PRONOUN_DEPS = frozenset({"dobj", "pobj", "dative", "iobj"})
# How many sentences back a pronoun may look for its antecedent.
_PRONOUN_WINDOW = 3


def link_surnames(
    doc: Doc, found: list[Found], gazetteer: Gazetteer, published: dt.date | None
) -> list[Found]:
    """Link one-word names to full names, including proper nouns the NER missed or mislabelled."""
    found.sort(key=lambda f: f.start)
    people = [f for f in found if f.kind == "person"]
    for person in people:
        _link_surname(person, people, gazetteer, published)
    taken = {k for f in found for k in range(f.start, f.end)}
    extra: list[Found] = []
    for token in doc:
        if token.i not in taken and _name_like(token):
            linked = _surname_token(token, people)
            if linked is not None:
                extra.append(linked)
    return sorted(found + extra, key=lambda f: f.start)


_COMPASS = frozenset({"North", "South", "East", "West"})


def link_short_forms(doc: Doc, found: list[Found]) -> list[Found]:
    """ "the North" after "North Korea", "the South" after "South Sudan": a country's short form
    that the article itself sets up, linked to the latest country it can stand for."""
    countries = [f for f in found if f.kind == "country" and f.ref.name.split()[0] in _COMPASS]
    if not countries:
        return found
    taken = {k for f in found for k in range(f.start, f.end)}
    extra: list[Found] = []
    for token in doc[1:]:
        after = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if (
            token.text in _COMPASS
            and token.i not in taken
            and doc[token.i - 1].lower_ == "the"
            and (after is None or after.pos_ != "PROPN")
        ):
            earlier = [c for c in countries if c.start < token.i and c.ref.name.split()[0] == token.text]
            if earlier:
                ref = earlier[-1].ref
                extra.append(Found(token.i - 1, token.i + 1, "country", ref, "alias"))
    return sorted(found + extra, key=lambda f: f.start)


def _link_surname(
    person: Found, people: list[Found], gazetteer: Gazetteer, published: dt.date | None
) -> None:
    """A one-word name takes the actor of an earlier (or the tables') full name ending in it."""
    if person.end - person.start != 1:
        return
    surname = person.ref.name
    for other in people:
        if other is person or other.end - other.start < 2:
            continue
        if surname in other.short_forms:
            person.ref = other.ref
            person.via = "surname"
            person.gender = person.gender or other.gender
            return
    # Someone out of office on the article's date ("President Biden's tenure") is still known.
    matches = gazetteer.people_by_surname(surname, published) or gazetteer.people_by_surname(surname)
    if len({m.name for m in matches}) == 1:
        entry = matches[0]
        person.ref = actor_ref(entry.name, entry.country, entry.role)
        person.via = "surname"


def _name_like(token: Token) -> bool:
    """A capitalised proper noun, or a capitalised noun heading its own phrase: the tagger
    reads a surname that is also a word ("Trump characterized the call") as that word."""
    if not token.text[:1].isupper():
        return False
    return token.pos_ == "PROPN" or (token.pos_ == "NOUN" and token.dep_ != "compound")


def _surname_token(token: Token, people: list[Found]) -> Found | None:
    """A proper noun that the NER missed or mislabelled ("Trump" as ORG) but that is a known surname."""
    for other in people:
        if other.end - other.start >= 2 and token.text in other.short_forms:
            return Found(token.i, token.i + 1, "person", other.ref, "surname", other.gender)
    return None


def link_references(doc: Doc, found: list[Found]) -> list[Found]:
    """Pronouns and definite titles ("the spokeswoman") linked to an earlier mention."""
    people = [f for f in found if f.kind == "person"]
    taken = {k for f in found for k in range(f.start, f.end)}
    quoted = quoted_tokens(doc)
    sentence = _narrative_sentence_numbers(doc, quoted)
    # A "she" resolved to a person tells the person's gender for the pronouns after it.
    genders: dict[ActorRef, str] = {}
    # A name inside somebody's quotation is rarely who a pronoun outside it refers to
    # ('"... to Hillary Clinton and her co-conspirators?" he asks').
    candidates = sorted(
        (f for f in [*found, *_coordinated(doc, found)] if f.start not in quoted), key=lambda f: f.start
    )
    extra: list[Found] = []
    for token in doc:
        if token.i in taken or token.i in quoted:
            continue
        lower = token.lower_
        if lower in _PERSONAL or lower in _IMPERSONAL or lower in _PLURAL:
            if thing_before(token, lambda i: i in taken) is not None:
                continue  # "... the agreement, calling it void": a thing, not an actor
            antecedent = _antecedent(token, candidates, sentence, genders)
            if antecedent is None:
                continue
            gender = _PERSONAL.get(lower) or antecedent.gender
            if lower in _PERSONAL:
                genders.setdefault(antecedent.ref, _PERSONAL[lower])
            linked = Found(
                token.i,
                token.i + 1,
                antecedent.kind,
                antecedent.ref,
                "pronoun",
                gender,
                antecedent.plural,
                antecedent.titles,
            )
            extra.append(linked)
            bisect.insort(candidates, linked, key=lambda f: f.start)
        elif (
            token.pos_ in ("NOUN", "PROPN")
            and token.dep_ != "det"
            and any(c.lower_ == "the" for c in token.children)
        ):
            linked_title = _by_title(token, people, found)
            if linked_title is not None:
                extra.append(linked_title)
    return found + extra


def _coordinated(doc: Doc, found: list[Found]) -> list[Found]:
    """Subjects that name several actors ("Egypt's minister and his Greek counterpart met"): a
    plural antecedent for "they", standing for the first actor named."""
    by_token = {k: f for f in found for k in range(f.start, f.end)}
    groups: list[Found] = []
    for token in doc:
        first = by_token.get(token.i)
        if (
            first is None
            or token.dep_ not in ("nsubj", "nsubjpass")
            or first.plural
            or not any(c.dep_ == "conj" for c in token.children)
        ):
            continue
        groups.append(Found(first.start, first.end, "group", first.ref, "pronoun", None, True, first.titles))
    return groups


def _narrative_sentence_numbers(doc: Doc, quoted: set[int]) -> list[int]:
    """Each token's sentence number, counting only sentences with words outside quotation
    marks: a long quotation between a name and "he continued" does not push the name out of
    reach."""
    numbers = sentence_numbers(doc)
    narrative = [False] * (max(numbers, default=-1) + 1)
    for token in doc:
        if token.i not in quoted and not (token.is_punct or token.is_space):
            narrative[numbers[token.i]] = True
    counted: list[int] = []
    count = 0
    for n in range(len(narrative)):
        counted.append(count)
        count += narrative[n]
    return [counted[n] for n in numbers]


def _antecedent(
    pronoun: Token, candidates: Sequence[Found], sentence: Sequence[int], genders: dict[ActorRef, str]
) -> Found | None:
    """The most salient earlier mention a pronoun can refer to.

    Candidates come from the pronoun's sentence (before it) and the few sentences before;
    a nearer sentence beats a farther one, a subject beats other positions, and the later
    of two equals wins.
    """
    lower = pronoun.lower_
    here = sentence[pronoun.i]
    doc = pronoun.doc
    parallel = _parallel_possessor(pronoun)
    if parallel is not None:
        for mention in candidates:
            if mention.start <= parallel.i < mention.end and _compatible(
                lower, mention, genders.get(mention.ref)
            ):
                return mention
    # A subject pronoun is not one of its own clause's other arguments ("Speaking to Martin
    # Smith of PBS, he said ..." is not Smith).
    if pronoun.dep_ in ("nsubj", "nsubjpass"):
        own_clause = _own_clause(pronoun)
    elif pronoun.dep_ in _OBJECT_PRONOUN_DEPS:
        own_clause = _clause_subject(pronoun)
    else:
        own_clause = set()
    best: tuple[float, Found] | None = None
    for mention in candidates:
        if mention.start >= pronoun.i:
            break
        if mention.start in own_clause:
            continue
        distance = here - sentence[mention.start]
        if distance > _PRONOUN_WINDOW or not _compatible(lower, mention, genders.get(mention.ref)):
            continue
        head = doc[mention.start : mention.end].root
        score = -3.0 * distance + (2.0 if head.dep_ in ("nsubj", "nsubjpass") else 0.0)
        score += mention.start / max(len(doc), 1)
        if best is None or score >= best[0]:
            best = (score, mention)
    return best[1] if best else None


def _own_clause(subject: Token) -> set[int]:
    """The tokens of the clause a subject pronoun belongs to: its verb's subtree without the
    clauses that have subjects of their own (a that-clause, a conjoined or quoted sentence),
    with a participle clause that opens the sentence ("Speaking to X, he said"), whose
    unstated subject is the pronoun's."""
    verb = subject.head
    tokens = {t.i for t in verb.subtree}
    for token in subject.sent:
        if token.i >= subject.i:
            break
        if token.dep_ == "advcl" and token.tag_ in ("VBG", "VBN") and token.head.i > subject.i:
            tokens |= {t.i for t in token.subtree}
    for child in verb.children:
        if child.dep_ in ("ccomp", "conj", "parataxis", "relcl", "csubj") or any(
            g.dep_ in ("nsubj", "nsubjpass") for g in child.children
        ):
            tokens -= {t.i for t in child.subtree}
    return tokens


def _clause_subject(pronoun: Token) -> set[int]:
    """The name of the subject of the clause an object pronoun is in: "police fired tear gas at
    them" is not the police (that would be "themselves"), "Theresa May appointed him" is not
    May, "Hunt, who succeeded him" is not Hunt."""
    verb = pronoun.head
    if pronoun.dep_ == "pobj":
        if verb.dep_ != "prep":
            return set()
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return set()
    # The subject's name (its head and compounds), not its owner ("X's post put him ...").
    heads = subject_heads(verb)
    names = {t.i for head in heads for c in head.children if c.dep_ == "compound" for t in c.subtree}
    return names | {head.i for head in heads}


def _parallel_possessor(pronoun: Token) -> Token | None:
    """In "Washington's decision ... and its refusal", the possessor that "its" repeats."""
    noun = pronoun.head
    if pronoun.dep_ != "poss" or noun.dep_ != "conj":
        return None
    return next((c for c in noun.head.children if c.dep_ == "poss" and c.i < pronoun.i), None)


def _compatible(pronoun: str, mention: Found, known_gender: str | None = None) -> bool:
    if pronoun in _PERSONAL:
        gender = known_gender or mention.gender
        return (mention.kind == "person" or mention.office) and gender in (None, _PERSONAL[pronoun])
    if pronoun in _IMPERSONAL:
        return mention.kind in ("seat", "country", "org", "group") and not mention.plural
    return mention.plural  # "they" after "Moscow" is more often the sanctions than the Kremlin


def _by_title(token: Token, people: list[Found], found: list[Found]) -> Found | None:
    """ "the spokeswoman", "The E.C. President" -> the latest person introduced with that title."""
    term = token.lower_
    for person in reversed(people):
        if person.start < token.i and term in person.titles:
            return Found(
                token.i, token.i + 1, "person", person.ref, "title", person.gender, False, person.titles
            )
    return None
