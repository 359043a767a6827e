"""Parse helpers shared by the quotes, actors and events components: subjects, clause verbs,
conjuncts and depths read from spaCy's dependency parse."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Doc, Span, Token

NOUNS = frozenset({"NOUN", "PROPN"})


RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})


def subject_heads(trigger: Token, stative: bool = False) -> list[Token]:
    """The subject a trigger's clause has or inherits, passive agents and possessors included.

    ``stative`` triggers ("committed", "prepared") take the subject of a passive as theirs.
    """
    current, via = trigger, ""
    for _ in range(8):
        children = list(current.children)
        if current.pos_ in NOUNS and current is trigger:
            owners = [c for c in children if c.dep_ == "poss"]
            owners += [
                g
                for c in children
                if c.dep_ == "prep" and c.lower_ == "by"
                for g in c.children
                if g.dep_ == "pobj"
            ]
            # "a phone call made by X", "the attack carried out by X".
            owners += [
                g
                for c in children
                if c.dep_ == "acl"
                for a in c.children
                if a.dep_ == "agent"
                for g in a.children
                if g.dep_ == "pobj"
            ]
            return with_conjuncts(owners)
        if any(c.dep_ in ("auxpass", "nsubjpass") for c in children):
            if via in ("conj", "xcomp"):
                # "X has been indicted ... and will resign": the passive's subject does the second act.
                return with_conjuncts([c for c in children if c.dep_ == "nsubjpass"])
            agents = [g for c in children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            if stative:
                # "Vietnam is committed to ...", "X was disappointed by Y": a state of the subject.
                agents = [c for c in children if c.dep_ == "nsubjpass"] or agents
            return with_conjuncts(agents)
        subjects = [c for c in children if c.dep_ in ("nsubj", "csubj")]
        if subjects:
            subject = subjects[0]
            if subject.lower_ in RELATIVE_PRONOUNS and current.dep_ == "relcl":
                return with_conjuncts([current.head])
            return with_conjuncts([subject])
        if current.dep_ in ("xcomp", "pcomp"):
            # Object control: "urged Moscow to talk", "pressured Kiev into making concessions".
            governor = current.head.head if current.head.dep_ == "prep" else current.head
            objects = [c for c in governor.children if c.dep_ in ("dobj", "obj")]
            if objects and governor.pos_ in ("VERB", "AUX"):
                return with_conjuncts(objects[:1])
        if current.dep_ in ("xcomp", "advcl", "conj", "acomp", "pcomp", "prep", "ccomp", "oprd") or (
            current.dep_ == "acl" and current.head.pos_ not in NOUNS
        ):
            if current.head.i == current.i:
                return []
            current, via = current.head, current.dep_
            continue
        if current.dep_ == "acl":
            # "Washington's decision to provide ...": the possessor of the noun the clause completes.
            noun = current.head
            while noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in NOUNS:
                # "posted a message on Twitter blaming X": the parser hung the clause on the
                # nearest noun; it completes the noun that phrase belongs to.
                noun = noun.head.head
            owners = [c for c in noun.children if c.dep_ == "poss"]
            if not owners and noun.dep_ == "conj":
                owners = [c for c in noun.head.children if c.dep_ == "poss"]
            governor = noun.head.head if noun.dep_ == "pobj" else noun.head
            if not owners and noun.dep_ in ("dobj", "pobj") and governor.pos_ in ("VERB", "AUX"):
                # "voted on a resolution to expel X": a noun nobody owns is its verb's subject's.
                current, via = governor, "acl"
                continue
            if (
                not owners
                and current.tag_ in ("VBD", "VBN")
                and governor.dep_ == "ROOT"
                and governor.pos_ in NOUNS
            ):
                # "Doctors from two aid groups donated ...": the parser found no verb, so the
                # sentence's head noun is the subject of the participle hung inside its phrase.
                return with_conjuncts([governor])
            return with_conjuncts(owners)
        return []
    return []


# Positions of a noun phrase that an object "it" can stand for.
_THING_DEPS = frozenset({"dobj", "pobj", "nsubjpass", "attr"})


def thing_before(pronoun: Token, is_actor: Callable[[int], bool]) -> Token | None:
    """The thing an "it" that is no clause's subject stands for: the noun heading the latest
    object phrase before it in its sentence, when that noun names no actor ("commented on the
    agreement between X and Y, calling it void", "protested outside a military school,
    demanding it be closed"). None for other pronouns, or when that object is an actor."""
    if pronoun.lower_ != "it" or pronoun.dep_ == "nsubj":
        return None
    for token in reversed(pronoun.doc[pronoun.sent.start : pronoun.i]):
        if token.dep_ not in _THING_DEPS:
            continue
        # The whole phrase this object is part of ("the agreement between X and Y").
        top = current = token
        while (
            current.head.i < pronoun.i
            and current.head.pos_ not in ("VERB", "AUX")
            and current.head != current
        ):
            current = current.head
            if current.dep_ in _THING_DEPS:
                top = current
        return top if top.pos_ == "NOUN" and not is_actor(top.i) else None
    return None


def with_conjuncts(tokens: Sequence[Token]) -> list[Token]:
    out: list[Token] = []
    for token in tokens:
        for t in (token, *token.conjuncts):
            if t not in out:
                out.append(t)
    return out


def reporting_subject(trigger: Token) -> list[Token]:
    """The subject of the reporting verb whose that-clause holds the trigger."""
    current = trigger
    for _ in range(6):
        if current.dep_ == "ccomp" and current.head.i != current.i:
            subjects = [c for c in current.head.children if c.dep_ == "nsubj"]
            return with_conjuncts(subjects[:1])
        if current.head.i == current.i:
            return []
        current = current.head
    return []


def governing_verb(token: Token, steps: int = 12) -> Token | None:
    """The verb (or sentence root) whose clause holds a token; None when ``steps`` heads up find none."""
    current = token
    for _ in range(steps):
        if current.pos_ in ("VERB", "AUX") or current.head.i == current.i:
            return current
        current = current.head
    return None


def clause_verbs(trigger: Token) -> list[Token]:
    """The trigger and the verbs that carry its auxiliaries: the copula of "is ready", the
    heads of "is going to X" and "could be attempting to X"."""
    verbs = [trigger]
    current = trigger
    for _ in range(3):
        if current.dep_ in ("acomp", "xcomp", "attr") and current.head.i != current.i:
            current = current.head
            verbs.append(current)
            continue
        if current.dep_ == "pcomp" and current.head.dep_ == "prep":
            current = current.head.head
            verbs.append(current)
            continue
        break
    return verbs


def aux_lemmas(token: Token) -> set[str]:
    return {c.lemma_.lower() for c in token.children if c.dep_ in ("aux", "auxpass")} | {
        c.lower_ for c in token.children if c.dep_ == "aux"
    }


def own_subtree(token: Token) -> set[int]:
    """A token's subtree without its conjuncts ("weaponry and its refusal" keeps the refusal apart)."""
    tokens = {t.i for t in token.subtree}
    for child in token.children:
        if child.dep_ in ("conj", "cc"):
            tokens -= {t.i for t in child.subtree}
    return tokens


def token_depths(sent: Span) -> list[int]:
    """Each token's distance from the sentence root (a head outside the sentence counts as root)."""
    size = len(sent)
    heads = [t.head.i - sent.start for t in sent]
    depths = [-1] * size
    for start in range(size):
        path: list[int] = []
        current = start
        while depths[current] < 0 and 0 <= heads[current] < size and heads[current] != current:
            if len(path) > size:
                break  # a cycle cannot happen in a parse; do not loop if it does
            path.append(current)
            current = heads[current]
        base = max(depths[current], 0)
        for offset, index in enumerate(reversed(path), 1):
            depths[index] = base + offset
        depths[start] = max(depths[start], 0)
    return depths


def verb_subject(verb: Token, quoted: Sequence[tuple[int, int]] = ()) -> Token | None:
    """The subject of a reporting verb; for a participle or conjunct, the subject of its head,
    and for the object of a preposition ("by saying"), the subject of the verb it modifies.

    A quoted clause (a head inside one of the ``quoted`` token ranges that is the complement of
    another verb) is content, whose subject is no speaker ('X said the plan "costs billions,"
    further saying ...': not "the plan").
    """
    current = verb
    for _ in range(4):
        if current is verb or current.dep_ != "ccomp" or not any(s <= current.i < e for s, e in quoted):
            for child in current.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    return child
            for child in current.children:  # "according to X"
                if child.dep_ == "agent":
                    for grand in child.children:
                        if grand.dep_ == "pobj":
                            return grand
        if (
            current.dep_ == "pcomp"
            and current.head.dep_ == "prep"
            and current.head.head.pos_ in ("VERB", "AUX")
        ):
            # "He ended by saying ...": the verb the preposition hangs on has the subject.
            current = current.head.head
        elif (
            current.dep_ == "acl"
            and current.tag_ == "VBD"
            and any(c.dep_ == "dobj" for c in current.children)
        ):
            # A finite verb with an object is no reduced relative ("X speaking to the think tank
            # called the deal 'void'" parsed as "the tank called"): the clause above has the subject.
            verbs = (t for t in current.head.ancestors if t.pos_ in ("VERB", "AUX"))
            above = next(verbs, None)
            if above is None:
                return None
            current = above
        elif (
            current.dep_ in ("advcl", "conj", "xcomp", "pcomp", "acl", "relcl")
            and current.head.i != current.i
        ):
            current = current.head
        else:
            return None
    return None


def span_roots(span: Span) -> list[Token]:
    """Tokens of ``span`` whose syntactic head lies outside it, punctuation left out."""
    return [
        t
        for t in span
        if not t.is_punct
        and not t.is_space
        and (t.head.i < span.start or t.head.i >= span.end or t.head.i == t.i)
    ]


def sentence_numbers(doc: Doc) -> list[int]:
    """The index of each token's sentence."""
    numbers = [0] * len(doc)
    for n, sent in enumerate(doc.sents):
        numbers[sent.start : sent.end] = [n] * (sent.end - sent.start)
    return numbers
