"""Where an event's CAMEO code is chosen: lexicon patterns matched on a trigger, frames that
recode the event a trigger governs ("refused to X", "urged Y to X"), and the recoding of a
future, modal, conditional or negated act as the intent, threat or rejection it expresses."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Token

from parley.nlp.event_lexicon import POS_CLASSES, Entry, Lexicon
from parley.nlp.syntax import aux_lemmas, subject_heads
from parley.ontology.cameo import cameo_root

# Dependencies that lead from a trigger to its arguments.
OBJECT_DEPS = frozenset({"dobj", "obj", "dative", "nsubjpass", "attr", "oprd"})


CLAUSE_DEPS = frozenset({"xcomp", "ccomp", "acl", "pcomp"})


# Prepositions that date an act by another ("ordered mourning after the strike"): their object is
# no act the trigger governs.
TIME_PREPS = frozenset({"after", "before", "since", "during", "until", "following", "amid"})


COPULAS = frozenset({"be", "remain", "become", "seem", "appear", "stay", "look", "sound", "feel"})


_MAX_DEPTH = 3

# The frame of intents ("agreed to", "plans to"), also applied to acts under will or a modal.
INTENT = "intent"


# Subjects that make an obligation the speaker's own ("said we must act"): no demand on anybody.
SPEAKERS = frozenset({"i", "we", "me", "us"})


# Roots of acts whose negation is a refusal: an intent not to cooperate and a concession not made
# ("did not accede to their demands", "will not withdraw") are CAMEO's rejections (12x).
REFUSED_ROOTS = frozenset({"03", "08"})


@dataclass(frozen=True, slots=True)
class Coded:
    """A trigger matched in the lexicon: its entry and CAMEO code, and what the match used."""

    trigger: Token
    entry: Entry
    code: str
    score: int
    inner: Coded | None = None  # the governed event a frame recoded
    used: tuple[Token, ...] = ()  # tokens the match consumed (governed triggers, `with` words)
    reach: int = 0  # how deep among the arguments the `with` words were found


def code_token(token: Token, lexicon: Lexicon, depth: int = 0) -> Coded | None:
    """The best lexicon match for ``token`` as a trigger, with governed events recoded by frames."""
    matches = code_matches(token, lexicon, depth)
    return matches[0] if matches else None


def code_matches(token: Token, lexicon: Lexicon, depth: int = 0) -> list[Coded]:
    """Every lexicon match for ``token``, best first: the most constrained pattern, then the one
    whose argument words are nearest the trigger, then a direct pattern over a frame ("imposed
    sanctions" over the light verb "impose"), then the first listed."""
    if depth > _MAX_DEPTH:
        return []
    names = {token.lemma_.lower(), token.lower_}
    candidates = {e.id: e for name in names for e in lexicon.candidates(name)}
    bag: list[list[tuple[frozenset[str], Token, int]]] = []  # the trigger's argument words, found once
    matches = [
        coded
        for entry in candidates.values()
        if token.pos_ in POS_CLASSES[entry.pos]
        and (coded := _match_entry(token, entry, lexicon, depth, bag)) is not None
    ]
    return sorted(matches, key=lambda c: (-c.score, c.reach, c.inner is not None, c.entry.order))


def _match_entry(
    token: Token,
    entry: Entry,
    lexicon: Lexicon,
    depth: int,
    bag: list[list[tuple[frozenset[str], Token, int]]],
) -> Coded | None:
    if entry.particle and not entry.particle & _particles(token):
        return None
    if entry.without and (
        any(c.dep_ in OBJECT_DEPS and c.lemma_.lower() in entry.without for c in token.children)
        # "talked to reporters": the object of the pattern's own preposition.
        or any(
            g.dep_ == "pobj" and g.lemma_.lower() in entry.without
            for c in token.children
            if c.dep_ == "prep" and c.lower_ in entry.particle
            for g in c.children
        )
        # "a statement released after the attack": the noun a participle describes.
        or (token.dep_ == "acl" and token.head.lemma_.lower() in entry.without)
    ):
        return None
    if entry.subject and not any(s.lemma_.lower() in entry.subject for s in subject_heads(token)):
        return None  # "troops began deploying": the subject the clause has or inherits
    used: list[Token] = []
    reach = 0
    if entry.with_:
        if not bag:
            bag.append(_bag(token))
        for group in entry.with_:
            hit = next(((t, level) for words, t, level in bag[0] if words & group), None)
            if hit is None:
                return None
            used.append(hit[0])
            reach += hit[1]
    if entry.modal and not any(
        c.dep_ in ("ccomp", "xcomp", "acl") and aux_lemmas(c) & entry.modal and not _binds_itself(c)
        for c in token.children
    ):
        return None
    score = entry.specificity
    if entry.frame == INTENT and _raised(token):
        # "The meeting is set to open", "talks are expected to resume": a schedule or somebody's
        # forecast, not an intent of the subject's.
        return None
    if entry.frame is not None:
        frame = lexicon.frames[entry.frame]
        inner = _governed(token, frame.clauses, frame.other_subjects, lexicon, depth)
        if inner is not None:
            code = frame.apply(inner.code)
            if code is not None:
                return Coded(token, entry, code, score + 3, inner, (*used, inner.trigger, *inner.used), reach)
    if entry.cameo is None:
        return None
    return Coded(token, entry, entry.cameo, score, None, tuple(used), reach)


def _raised(verb: Token) -> bool:
    """Whether a verb is a passive with a clause of its own ("is expected to resume", "it is
    expected that ..."); not a state ("is committed to opening up")."""
    children = list(verb.children)
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in children) and any(
        c.dep_ in ("xcomp", "ccomp") for c in children
    )


def _governed(token: Token, clauses: bool, others: bool, lexicon: Lexicon, depth: int) -> Coded | None:
    """The event a governing trigger governs: its to-clause or that-clause, else its object noun.

    Unless ``others``, a that-clause with a subject of its own is somebody else's act ("suggested
    that the US could ..."), not the governed event; pronoun subjects ("agreed that they ...") pass.
    """
    for candidate in _complements(token, clauses, others):
        coded = code_token(candidate, lexicon, depth + 1)
        if coded is not None:
            return coded
    return None


def for_clauses(token: Token) -> list[Token]:
    """The "for X to do Y" clauses of a trigger, which the parser hangs on it as adverbial
    clauses: "called for Russia to withdraw", "pushed for the US to support"."""
    return [
        c
        for c in token.children
        if c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ == "for" and g.i < c.i for g in c.children)
    ]


def _complements(token: Token, clauses: bool, others: bool) -> Iterator[Token]:
    children = list(token.children)
    if clauses:
        for child in children:
            if child.dep_ in CLAUSE_DEPS and (others or not _own_subject(child)):
                yield from _unwrap(child)
        if others:
            for child in for_clauses(token):
                yield from _unwrap(child)
        for child in children:
            if child.dep_ == "prep":
                for grand in child.children:
                    if grand.dep_ == "pcomp":
                        yield from _unwrap(grand)
    for child in children:
        if child.dep_ in OBJECT_DEPS:
            yield from _noun_heads(child)
    for child in children:
        if child.dep_ in ("prep", "agent") and child.lower_ not in TIME_PREPS:
            for grand in child.children:
                if grand.dep_ == "pobj":
                    yield from _noun_heads(grand)


def _own_subject(clause: Token) -> bool:
    """Whether a clause has a subject of its own that is a noun phrase, not a pronoun."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON" for c in clause.children)


def _unwrap(token: Token) -> Iterator[Token]:
    """A clause's content word: the verb, or the adjective or noun after a copula ("is ready")."""
    yield token
    if token.lemma_ in COPULAS:
        for child in token.children:
            if child.dep_ in ("acomp", "attr", "xcomp"):
                yield child


def _noun_heads(token: Token) -> Iterator[Token]:
    """A noun phrase's head, then its compounds ("mediation effort") and "of" objects ("days of talks")."""
    yield token
    for child in token.children:
        if child.dep_ == "compound":
            yield child
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    yield grand


def _particles(token: Token) -> set[str]:
    """Particles and adverbs of a trigger, and prepositions right after it ("called on", "appealed to")."""
    found = {c.lower_ for c in token.children if c.dep_ in ("prt", "advmod")}
    found |= {
        c.lower_ for c in token.children if c.dep_ in ("prep", "agent", "dative") and 0 < c.i - token.i <= 2
    }
    # "called for his death to be investigated": the parser hangs "for" on the clause.
    found |= {
        g.lower_
        for c in token.children
        if c.dep_ in ("advcl", "ccomp", "xcomp")
        for g in c.children
        if g.dep_ == "mark" and g.i == token.i + 1
    }
    if for_clauses(token):
        found.add("for")
    return found


def _bag(token: Token) -> list[tuple[frozenset[str], Token, int]]:
    """The words among a trigger's arguments, nearest first, with their token and depth."""
    bag: list[tuple[frozenset[str], Token, int]] = []
    frontier = [(token, 0)]
    seen = {token.i}
    while frontier:
        current, level = frontier.pop(0)
        for child in current.children:
            if child.i in seen or child.dep_ in ("nsubj", "advcl", "relcl", "punct", "cc", "mark", "aux"):
                continue
            if child.dep_ == "ccomp" and any(g.dep_ in ("nsubj", "nsubjpass") for g in child.children):
                continue  # "denied they had received aid": another act, told with its own words
            if current.i == token.i and child.dep_ in ("det", "neg", "advmod", "prt"):
                continue
            if current.i == token.i and child.dep_ == "prep" and child.lower_ in TIME_PREPS:
                continue  # "ordered mourning after the strike" orders no strike
            seen.add(child.i)
            words = {child.lemma_.lower(), child.lower_}
            if child.dep_ in ("compound", "amod"):
                words.add(f"{child.lemma_.lower()} {current.lemma_.lower()}")
            bag.append((frozenset(words), child, level))
            if level < 3:
                frontier.append((child, level + 1))
    return bag


def _binds_itself(clause: Token) -> bool:
    """Whether a clause's obligation falls on the speaker ("said we must act"), which demands
    nothing of anybody ("told Iraq it must cooperate" does: "it" is Iraq)."""
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "PRON" and c.lower_ in SPEAKERS
        for c in clause.children
    )


def chain(coded: Coded) -> list[Token]:
    tokens = [coded.trigger]
    inner = coded.inner
    while inner is not None:
        tokens.append(inner.trigger)
        inner = inner.inner
    return tokens


def recode(
    coded: Coded, lexicon: Lexicon, *, negated: bool, modal: bool, in_condition: bool
) -> tuple[str, bool]:
    """The code of a matched trigger once its flags are read, and whether it stays negated.

    A future, modal or conditional act is the intent or threat it expresses ("will provide aid"
    0333), unless it is itself a condition; a negated intent or concession is a rejection ("will
    not accept" 12x, "did not accede to their demands" 123).
    """
    code = coded.code
    if modal and not in_condition:
        code = lexicon.frames[INTENT].apply(code) or code
    if negated and cameo_root(code) in REFUSED_ROOTS:
        code = lexicon.frames["reject"].apply(code) or code
        negated = False
    return code, negated


def declared_needs_target(coded: Coded) -> bool | None:
    """Whether the entries of a match say their act needs a target: the outermost entry of the
    chain that says so ("an accusation needs a target", "a ban may name nobody"), else None (as
    the lexicon's codes of acts done to somebody say)."""
    inner: Coded | None = coded
    while inner is not None:
        if inner.entry.needs_target is not None:
            return inner.entry.needs_target
        inner = inner.inner
    return None


def rule_of(coded: Coded) -> str:
    """The lexicon entries a code came from: ``"refuse>talk"`` for a frame over its governed entry."""
    return coded.entry.id if coded.inner is None else f"{coded.entry.id}>{coded.inner.entry.id}"
