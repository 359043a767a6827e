"""An event's arguments: the source actors (the trigger's subject, agent or possessor) and the
target actors (its object, a prepositional object, the governed event's arguments)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from spacy.tokens import Token

from parley.nlp.events.coding import OBJECT_DEPS, Coded, for_clauses
from parley.nlp.mentions import Mention
from parley.nlp.syntax import NOUNS, governing_verb, reporting_subject, subject_heads, thing_before
from parley.ontology.actors import STATE_ROLES
from parley.ontology.cameo import cameo_root
from parley.records import ActorRef

# Prepositions whose object is a target, in order of preference: "complained to the UN over
# Israeli raids" targets Israel; "in X" (PLACE_PREPS) only as a last resort.
TARGET_PREPS = (
    "against",
    "with",
    "between",
    "on",
    "upon",
    "toward",
    "towards",
    "at",
    "into",
    "onto",
    "over",
    "about",
    "among",
    "across",
    "to",
    "for",
    "from",
)


# Prepositions naming whom an act is done with, for acts whose object is a topic ("discussed
# the border with Peru").
PARTNER_PREPS = ("with", "between", "among")


PLACE_PREPS = frozenset({"in", "inside", "near", "within"})


# Prepositions inside a noun phrase that name whose it is ("leaders of Romania", "forces in Guinea",
# "the accord between Chile and Peru").
OWNER_PREPS = frozenset({"of", "from", "in", "by", "between", "throughout", "across"})


# Consultations (CAMEO 04): calls, meetings, talks.
CONSULT_ROOT = "04"
# Roots of acts that judge another's act: investigate (09), disapprove and accuse (11).
JUDGING_ROOTS = frozenset({"09", "11"})
# Nouns that name a part of what follows "of": the act concerns the whole.
PARTITIVES = frozenset({"part", "portion", "share", "half", "some", "most", "all", "much", "rest", "bulk"})


MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod", "npadvmod", "nummod"})


# From this CAMEO root on (protests, force, violence), a noun's adjective or compound actor
# is its agent: "Israeli air raids", "Palestinian riots".
MODIFIER_AGENT_ROOT = "14"


# Pronouns that never stand for the speaker in their own words.
OTHER_PERSONS = frozenset({"he", "she", "him", "her"})


# Verbs that count casualties ("killed", "wounded"), and the prepositions that name the act that
# caused them ("were killed in an airstrike").
CASUALTY_VERBS = frozenset({"kill", "wound", "injure", "maim"})
CASUALTY_PREPS = frozenset({"in", "during", "by"})


# Prepositions that set a clause in a meeting ("said in a meeting with X", "during talks with X",
# "at a summit with X"): the clause's subject is a party to it. Only consultations (root 04):
# "in an attack on X, five were killed" does not make the victims the attackers.
CIRCUMSTANCE_PREPS = frozenset({"in", "during", "at"})
CIRCUMSTANCE_ROOT = "04"


_PHRASE_DEPTH = 4


_MAX_ACTORS = 4


def find_sources(
    coded: Coded, mentions: Mapping[int, Mention], *, quoted: bool = False
) -> tuple[list[Mention], bool]:
    """The source actors of a trigger, and whether they came from a fallback (the reporting verb's
    subject for "X said it ...", the clause's subject for "X ... their demand"). ``quoted``: the
    trigger is in the speaker's own words."""
    trigger = coded.trigger
    if coded.entry.target == "subject":
        # "Y said X is a reliable partner": the verdict is the speaker's.
        return _actors(reporting_subject(trigger), mentions), True
    heads = subject_heads(trigger, stative=coded.entry.pos == "adj" or coded.entry.frame == "intent")
    if _owned_by_target(coded):
        # "Khashoggi's murder": the possessor is whom it was done to.
        heads = [h for h in heads if not _in_possessor(h.i, h.i + 1, trigger)]
    actors = _actors(heads, mentions)
    if actors:
        return actors, False
    if trigger.pos_ in NOUNS:
        if heads and all(h.pos_ == "PRON" for h in heads):
            return _actors(subject_heads(governing_verb(trigger) or trigger), mentions), True
        if _in_circumstance(trigger) and cameo_root(coded.code) == CIRCUMSTANCE_ROOT:
            return _actors(subject_heads(trigger.head.head), mentions), False
        if cameo_root(coded.code) >= MODIFIER_AGENT_ROOT:
            # "Israeli air raids", "Palestinian riots": the modifier is the agent. Of talks and
            # meetings it names the topic or the place ("Ukraine peace talks"), so not there.
            own = [m for m in phrase_actors(trigger, mentions, deep=False) if not _covers(m, trigger)]
            if _owned_by_target(coded):
                own = [m for m in own if not _in_possessor(m.start, m.end, trigger)]
            return own, False
        return [], False
    # "X said it will ...": an unresolved pronoun subject stands for the speaker; in the
    # speaker's own words "he" or "she" is somebody else ("told NPR, 'he had agreed to ...'").
    if heads and all(h.pos_ == "PRON" and not (quoted and h.lower_ in OTHER_PERSONS) for h in heads):
        speaker = reporting_subject(trigger)
        if speaker:
            return _actors(speaker, mentions), True
    return [], False


def _owned_by_target(coded: Coded) -> bool:
    """Whether a noun's possessor is whom the act was done to: "the journalist's murder", but
    not "Russia's killing of the journalist", whose "of" names the victim."""
    return coded.entry.owner == "target" and not any(
        c.dep_ == "prep" and c.lower_ == "of" for c in coded.trigger.children
    )


def _in_possessor(start: int, end: int, noun: Token) -> bool:
    """Whether tokens [start, end) lie in a noun's possessor ("the Peruvian journalist's murder")."""
    return any(
        c.dep_ == "poss" and c.left_edge.i <= start and end - 1 <= c.right_edge.i for c in noun.children
    )


def _shifted_object(verb: Token) -> list[Token]:
    """An object told after an "as" phrase, which the parser hangs on that phrase: "denounced as
    an ugly crime [Serbia's suppression of ...]"."""
    return [
        a
        for g in _prep_objects(list(verb.children), ("as",))
        for a in g.children
        if a.dep_ == "appos" and a.i > g.i
    ]


def _casualties(noun: Token) -> list[Token]:
    """The people a passive casualty verb says an act hit: "were killed [in an airstrike]"."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in CASUALTY_PREPS:
        return []
    verb = prep.head
    if verb.lemma_.lower() not in CASUALTY_VERBS:
        return []
    return [c for c in verb.children if c.dep_ == "nsubjpass"]


def _in_circumstance(noun: Token) -> bool:
    """Whether a noun sets its clause in an occasion: "X said [in a meeting with Y]"."""
    prep = noun.head
    return (
        noun.dep_ == "pobj"
        and prep.dep_ == "prep"
        and prep.lower_ in CIRCUMSTANCE_PREPS
        and prep.head.pos_ in ("VERB", "AUX")
    )


def actors_of(heads: Sequence[Token], mentions: Mapping[int, Mention]) -> list[Mention]:
    """The actors the noun phrases of ``heads`` name, nearest first."""
    return _actors(heads, mentions)


def _covers(mention: Mention, token: Token) -> bool:
    return mention.start <= token.i < mention.end


def _actors(heads: Sequence[Token], mentions: Mapping[int, Mention]) -> list[Mention]:
    found: list[Mention] = []
    for head in heads:
        for mention in phrase_actors(head, mentions):
            if all(m.ref != mention.ref for m in found):
                found.append(mention)
    return found[:_MAX_ACTORS]


def phrase_actors(head: Token, mentions: Mapping[int, Mention], deep: bool = True) -> list[Mention]:
    """The actors a noun phrase names, nearest first: its head, else its modifiers ("Russian
    forces", "US Predator attacks"), else (``deep``) its owner or place ("leaders of Romania",
    "forces in Guinea", "militants loyal to Iraq's ..."), else an apposition."""
    mention = mentions.get(head.i)
    if mention is not None:
        return [mention, *_joined(head, mention, mentions)]
    frontier, seen = [head], {head.i}
    for _ in range(_PHRASE_DEPTH if deep else 3):
        found: list[Mention] = []
        following: list[Token] = []
        for token in frontier:
            for child in token.children:
                if child.i in seen or not _in_phrase(child, token, head, deep):
                    continue
                seen.add(child.i)
                found_here = mentions.get(child.i)
                if found_here is None:
                    following.append(child)
                    continue
                for t in (child, *child.conjuncts):
                    m = mentions.get(t.i)
                    if m is not None and all(f.ref != m.ref for f in found):
                        found.append(m)
        if found:
            return found
        frontier = following
    return []


def _joined(head: Token, mention: Mention, mentions: Mapping[int, Mention]) -> list[Mention]:
    """Actors "and" joins to a name that the parse left out of its mention: hung inside the
    name's modifiers ("US President Donald Trump and Turkish President Recep Tayyip Erdoğan
    spoke", where the small model makes Trump part of Erdoğan's title), or joined to a word
    inside the mention ("the delegations of Cyprus, Greece and Israel": one mention of
    Cyprus's delegation, and two countries)."""
    words = [t.head for t in head.subtree if t.i < mention.start and t.dep_ == "cc" and t.lower_ == "and"]
    words += [c for t in head.doc[mention.start : mention.end] for c in t.conjuncts if c.i >= mention.end]
    joined: list[Mention] = []
    for word in words:
        other = mentions.get(word.i)
        if other is not None and other.ref != mention.ref and all(j.ref != other.ref for j in joined):
            joined.append(other)
    return joined


def _in_phrase(child: Token, parent: Token, head: Token, deep: bool) -> bool:
    """Whether ``child`` belongs to the noun phrase of ``head`` for finding whose phrase it is."""
    if child.dep_ in MODIFIER_DEPS:
        return True
    if not deep:
        return False
    if child.dep_ in ("pobj", "appos"):
        return True
    if child.dep_ in ("prep", "dative"):
        # Any preposition after an adjective or participle ("loyal to", "aid given to"); after a
        # noun only those that name an owner or a place.
        return parent.dep_ in ("amod", "acl") or child.lower_ in OWNER_PREPS
    return child.dep_ == "acl" and parent is head


def find_targets(coded: Coded, mentions: Mapping[int, Mention], exclude: Sequence[ActorRef]) -> list[Mention]:
    """The target actors: the first candidate phrase naming one, looking first at each phrase's
    head and modifiers, then deeper ("talks with South Korea in Tokyo" targets South Korea)."""
    heads = [stands_for(h, mentions) for h in _target_heads(coded) if not _excepted(h, coded.trigger)]
    for deep in (False, True):
        for head in heads:
            actors = [m for m in phrase_actors(head, mentions, deep) if m.ref not in exclude]
            if actors:
                extra = [
                    m
                    for c in (*head.conjuncts, *_repeated_preposition(head))
                    for m in phrase_actors(c, mentions, deep)
                    if m.ref not in exclude
                ]
                out: list[Mention] = []
                for m in actors + extra:
                    if all(o.ref != m.ref for o in out):
                        out.append(m)
                return out[:_MAX_ACTORS]
    return []


# Dependencies that open a clause of its own inside a noun phrase.
_CLAUSE_DEPS = frozenset({"relcl", "acl", "ccomp", "advcl", "xcomp", "conj"})


def _agents_within(phrase: Token) -> Iterator[Token]:
    """The objects of "by" inside a phrase, outside the clauses it holds but for the agent of a
    participle ("the killings carried out by X")."""
    stack = [phrase]
    while stack:
        token = stack.pop()
        for child in token.children:
            if child.dep_ == "acl":
                yield from (
                    g for a in child.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"
                )
            elif child.dep_ in _CLAUSE_DEPS:
                continue
            elif child.dep_ in ("prep", "agent") and child.lower_ == "by":
                yield from (g for g in child.children if g.dep_ == "pobj")
            else:
                stack.append(child)


def _passive_clause(verb: Token) -> bool:
    """A passive relative clause or participle: "that was slated for ...", "destined for ..."."""
    return verb.tag_ == "VBN" or any(c.dep_ == "auxpass" for c in verb.children)


# Words that set a phrase apart from whom an act is done to: "invited all its neighbours, with
# the exception of Peru", "excluding Kosovo".
_EXCEPTING = frozenset({"exception", "except", "excluding", "excepting", "besides"})


def _excepted(head: Token, trigger: Token) -> bool:
    """Whether a phrase is set apart by "except", "with the exception of" between it and the trigger."""
    for token in (head, *head.ancestors):
        if token.i == trigger.i:
            return False
        if token.lower_ in _EXCEPTING:
            return True
    return False


def _late_to(participle: Token) -> Iterator[Token]:
    """The object of a "to" after a participle that the parser hung on the verb above it, past a
    time phrase ("released a summary of a call made by X late last July to Y")."""
    verb = next((a for a in participle.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "to" and prep.i > participle.i:
            yield from (g for g in prep.children if g.dep_ == "pobj")


def stands_for(token: Token, mentions: Mapping[int, Mention]) -> Token:
    """The noun an object "it" that names no actor stands for ("calling it void" after "the
    border agreement"), other words as they are. A thing that is to be done something to
    ("demanding it be closed") leaves who is to act unnamed, not its place."""
    if token.i in mentions or token.dep_ not in ("dobj", "pobj"):
        return token
    return thing_before(token, lambda i: i in mentions) or token


def _shared_objects(verb: Token) -> list[Token]:
    """The object two joined verbs share: "will destroy and obliterate the economy of X"."""
    return [
        g
        for c in verb.children
        if c.dep_ == "conj" and c.pos_ == "VERB"
        for g in c.children
        if g.dep_ in OBJECT_DEPS
    ]


def _repeated_preposition(head: Token) -> list[Token]:
    """The objects of the same preposition said again: "met with the IMF, then with Trump"."""
    prep = head.head
    if head.dep_ != "pobj" or prep.dep_ != "prep" or prep.head is prep:
        return []
    return [
        g
        for other in prep.head.children
        if other.dep_ == "prep" and other.lower_ == prep.lower_ and other is not prep
        for g in other.children
        if g.dep_ == "pobj"
    ]


def _target_heads(coded: Coded) -> Iterator[Token]:
    """Candidate target phrases, best first."""
    entry = coded.entry
    if entry.target == "none":
        return
    trigger = coded.trigger
    children = list(trigger.children)
    if entry.target == "subject":
        # "said X was responsible": an adjective's subject is its copula's.
        holder = trigger.head if trigger.dep_ in ("acomp", "attr") else trigger
        yield from (c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass"))
    if entry.target == "partner":
        yield from _prep_objects(children, PARTNER_PREPS)
        for topic in (c for c in children if c.dep_ in OBJECT_DEPS):
            # "discussed trade with Peru": the parser hangs the partner on the topic.
            yield from _prep_objects(list(topic.children), PARTNER_PREPS)
    if entry.pos == "adj":
        # "was disappointed by X's decision": the cause of a state is its target.
        yield from (g for c in children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj")
    if entry.target == "object":
        objects = (
            [c for c in children if c.dep_ in OBJECT_DEPS]
            or _shared_objects(trigger)
            or _shifted_object(trigger)
        )
        # "suspended part of a military aid program for Bosnia": the whole a part is of.
        objects += [
            w
            for o in objects
            if o.lemma_.lower() in PARTITIVES
            for w in _prep_objects(list(o.children), ("of",))
        ]
        yield from objects
        if (
            entry.frame in ("demand", "appeal", "do")
            and coded.inner is not None
            and coded.inner.trigger.pos_ in NOUNS
        ):
            # "demanded the withdrawal of Serbian forces from Bosnia": who is to act is asked;
            # "tightened the blockade of Serbia with Albania's help": whom the act is done to.
            yield from _prep_objects(list(coded.inner.trigger.children), ("of",))
        if cameo_root(coded.code) in JUDGING_ROOTS:
            # "investigating war crimes by Croatian extremists against Serbs": who did the act
            # judged is the target, not whom it was done to. Its "by" may hang deeper in the
            # phrase, or on an "as" the parser gave the verb ("attacked the recognition of X as
            # Y's territory by Z").
            for obj in objects:
                yield from _agents_within(obj)
            if objects:
                for prep in children:
                    if prep.dep_ == "prep" and prep.lower_ == "as":
                        yield from _agents_within(prep)
        yield from _prep_objects(children, TARGET_PREPS)
        for obj in objects:
            yield from _prep_objects(list(obj.children), TARGET_PREPS)
        for obj in objects:
            # "delayed $400 million in aid that had been slated for Ukraine", "arms destined
            # for X": whom a passive clause on the object sends it to.
            for clause in obj.children:
                if clause.dep_ in ("acl", "relcl") and _passive_clause(clause):
                    yield from _prep_objects(list(clause.children), TARGET_PREPS)
        # "conceded to demands from UNITA", "reneged on his commitment to the people": whose the
        # noun after the preposition is.
        for noun in _prep_objects(children, TARGET_PREPS):
            yield from _prep_objects(list(noun.children), TARGET_PREPS)
        # "began a hunger strike in protest of X's refusal": what the act protests against.
        for parent in (trigger, *objects):
            for protest in _prep_objects(list(parent.children), ("in",)):
                if protest.lemma_.lower() == "protest":
                    yield from _prep_objects(list(protest.children), ("against", "at", "over", "of"))
        # "stepped back as a mediator between X and Y": the objects' own prepositions.
        for role in _prep_objects(children, [c.lower_ for c in children if c.dep_ == "prep"]):
            yield from _prep_objects(list(role.children), TARGET_PREPS)
        if entry.frame in ("demand", "appeal"):
            for c in [*(c for c in children if c.dep_ in ("ccomp", "acl", "xcomp")), *for_clauses(trigger)]:
                yield from (g for g in c.children if g.dep_ in ("nsubj", "nsubjpass"))
        if trigger.pos_ in NOUNS:
            # "five rebels were killed in a Kenyan airstrike": whom the attack hit.
            yield from _casualties(trigger)
            if _owned_by_target(coded):
                yield from (c for c in children if c.dep_ == "poss")
            # "invasion of Lebanon", "suspension of air links with Serbia".
            for of_object in _prep_objects(children, ("of",)):
                yield of_object
                yield from _prep_objects(list(of_object.children), TARGET_PREPS)
            # "a call made by X to Y": the participle after the noun carries its target.
            for clause in children:
                if clause.dep_ == "acl":
                    yield from _prep_objects(list(clause.children), TARGET_PREPS)
                    if cameo_root(coded.code) == CONSULT_ROOT:
                        yield from _late_to(clause)
        if coded.inner is None:
            # "threatened to break off relations with X": the objects of a to-clause.
            for clause in children:
                if clause.dep_ in ("xcomp", "ccomp"):
                    grand = list(clause.children)
                    clause_objects = [g for g in grand if g.dep_ in OBJECT_DEPS]
                    yield from clause_objects
                    yield from _prep_objects(grand, TARGET_PREPS)
                    # "... diplomatic relations with Congo": the parser hangs X on the object.
                    for obj in clause_objects:
                        yield from _prep_objects(list(obj.children), TARGET_PREPS)
    if coded.inner is not None:
        inner = coded.inner
        yield from (
            g for g in inner.trigger.children if g.dep_ in ("nsubj",) and inner.trigger.dep_ != "xcomp"
        )
        yield from _target_heads(inner)
    if entry.target == "object":
        yield from _prep_objects(children, PLACE_PREPS)
    if trigger.pos_ in NOUNS and trigger.dep_ == "pobj" and trigger.head.lower_ == "under":
        # "Turkey is already under EU sanctions", "has been under a blockade": on whom they are.
        yield from (c for c in trigger.head.head.children if c.dep_ in ("nsubj", "nsubjpass"))
    if trigger.pos_ in NOUNS and cameo_root(coded.code) == CONSULT_ROOT and trigger.dep_ == "pobj":
        # "in a phone call, X encouraged Y to ...": the call is between the clause's subject
        # (its source) and the clause's object.
        verb = trigger.head.head
        if trigger.head.dep_ == "prep" and verb.pos_ in ("VERB", "AUX"):
            yield from (c for c in verb.children if c.dep_ in ("dobj", "dative"))


def _prep_objects(children: Sequence[Token], preps: Sequence[str] | frozenset[str]) -> Iterator[Token]:
    """Objects of the prepositions among ``children``, in the order of ``preps`` when it is ordered."""
    order = list(preps) if isinstance(preps, Sequence) else sorted(preps)
    for prep in order:
        for child in children:
            if child.dep_ in ("prep", "dative") and child.lower_ == prep:
                yield from (g for g in child.children if g.dep_ == "pobj")


def same_actor(source: ActorRef, target: ActorRef, *, two_people: bool = False) -> bool:
    """Whether a target is only the source again: the same actor, name or code, or a country
    and one of its own institutions ("the United States" and its secretary of state). Two
    people of different names are two actors even in one government (a president declining
    his prime minister's offer)."""
    if source == target or source.name == target.name:
        return True
    if two_people:
        return False
    if source.code and source.code == target.code:
        return True
    same_country = source.country is not None and source.country == target.country
    if not same_country:
        return False
    if source.role is None:
        # A country acting on its own rebels, protesters or refugees acts on others.
        return target.role is not None and target.role in STATE_ROLES
    return target.role is None
