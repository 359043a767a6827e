"""An event's flags: negated, conditional, hypothetical (modal or future), inside a quotation,
and whose claim it is (speculation, or a claim its actor denies)."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from parley.nlp.events.coding import COPULAS
from parley.nlp.syntax import aux_lemmas, clause_verbs
from parley.nlp.words import Words
from parley.records import Quote


def is_negated(trigger: Token) -> bool:
    for verb in clause_verbs(trigger):
        for child in verb.children:
            if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no"):
                return True
            if child.dep_ == "advmod" and any(g.dep_ == "neg" for g in child.children):
                return True  # "no longer"
    return False


def modality(trigger: Token, words: Words) -> set[str]:
    found: set[str] = set()
    for verb in clause_verbs(trigger):
        lemmas = aux_lemmas(verb)
        found |= lemmas & (words.future_auxiliaries | words.hypothetical_modals)
        if verb.lemma_ == "go" and verb.tag_ == "VBG" and any(c.dep_ == "xcomp" for c in verb.children):
            found.add("going to")
    return found


def is_conditional(trigger: Token, words: Words) -> bool:
    for verb in clause_verbs(trigger):
        for child in verb.children:
            if child.dep_ == "advcl" and _is_condition(child, words):
                return True
    return False


def condition_clauses(verb: Token, words: Words) -> list[Token]:
    """The conditions a verb is put under: "unless Israel withdraws", "if talks fail"."""
    return [c for c in verb.children if c.dep_ == "advcl" and _is_condition(c, words)]


def _is_condition(clause: Token, words: Words) -> bool:
    for child in clause.children:
        if child.dep_ == "mark" and child.lower_ in words.condition_marks:
            return True
    first = clause.doc[clause.left_edge.i]
    # "Should talks fail, ..." / "Were X to ...": an inverted condition.
    return first.lower_ in ("should", "were", "had") and first.dep_ in ("aux", "auxpass", "ROOT")


def inside_condition(trigger: Token, words: Words) -> bool:
    """Whether the trigger is itself a condition ("if X ...") or the bound of an act not yet done
    ("will keep fighting until the rebels lay down their arms")."""
    current = trigger
    for _ in range(6):
        if current.dep_ == "advcl":
            if _is_condition(current, words):
                return True
            marks = {c.lower_ for c in current.children if c.dep_ == "mark"}
            if marks & words.unrealised_marks and modality(current.head, words):
                return True
        if current.head.i == current.i:
            return False
        current = current.head
    return False


def quote_index_of(trigger: Token, quotes: Sequence[Quote]) -> int | None:
    """The innermost quote whose words contain the trigger."""
    best: int | None = None
    for i, quote in enumerate(quotes):
        inside = quote.start <= trigger.idx < quote.end
        if inside and (best is None or quote.end - quote.start < quotes[best].end - quotes[best].start):
            best = i
    return best


def claim_of(trigger: Token, words: Words) -> str | None:
    """Whose claim the trigger is: ``"speculation"`` (analysts, critics, rumours, interpretations),
    ``"denied"`` (a claim the sentence's actor denies), or None (asserted)."""
    current = trigger
    found: str | None = None
    for _ in range(10):
        if current.head.i == current.i:
            return found
        dep, head = current.dep_, current.head
        if dep in ("ccomp", "acl", "xcomp", "advcl", "conj", "pcomp", "pobj", "dobj", "prep", "relcl"):
            if (
                dep in ("acl", "ccomp")
                and head.pos_ == "NOUN"
                and head.lemma_.lower() in words.speculation_nouns
            ):
                if head.dep_ == "dobj" and head.head.lemma_ in words.denial_verbs:
                    return "denied"
                found = "speculation"
            elif head.lemma_ in words.speculation_verbs or (
                head.pos_ in ("VERB", "AUX")
                and any(
                    c.dep_ == "nsubj" and c.lemma_.lower() in words.speculation_subjects
                    for c in head.children
                )
            ):
                found = "speculation"
        current = head
    return found


def is_described(noun: Token) -> bool:
    """Whether an event noun is the subject of a copula ("the offer remains on the table", "their
    willingness is not unlimited"): the clause says what the act is like, it reports no new act."""
    return noun.dep_ in ("nsubj", "nsubjpass") and noun.head.lemma_ in COPULAS


def is_background(trigger: Token) -> bool:
    """Whether an act is told as a state that has held since a date ("has occupied Crimea since
    February 2014", "talks suspended since 2023"): background to the story, not a new event of
    that date."""
    for verb in clause_verbs(trigger):
        for child in verb.children:
            dated = any(g.dep_ == "pobj" and g.ent_type_ == "DATE" for g in child.children)
            if child.dep_ == "prep" and child.lower_ == "since" and dated:
                return True
    return False
