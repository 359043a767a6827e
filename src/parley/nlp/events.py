"""Events: who did what to whom, and when, read from the dependency parse.

For each sentence, ``extract_events`` finds triggers (verbs, adjectives and event nouns
matched by lemma in the event lexicon, see ``event_lexicon.yaml``), codes them in CAMEO,
and reads their arguments from the parse:

* The **source** is the actor of the trigger's subject (the agent of a passive, the
  possessor of a noun trigger, the subject inherited from the governing verb of a
  to-clause or participle), resolved through ``doc._.parley_mentions``. A pronoun the
  actors component left unresolved inside "X said it ..." falls back to X.
* The **target** is the actor of the object, of a prepositional object ("with X", "to X",
  "against X", "between X and Y"), of the governed event ("urged Moscow to talk with X"),
  or of the object's modifiers ("rejected the Russian proposal").
* Conjoined actors give one event each ("both Moscow and Kiev").
* A governing trigger recodes the event it governs through a **frame**: "refused to X",
  "urged Y to X", "threatened to X", "agreed to X", "demanded that Y X".
* **Flags**: ``negated`` (a negation on the trigger), ``conditional`` (an if/unless clause
  on the trigger or its governing verb), ``hypothetical`` (a modal or future without a
  condition, or the event is itself the condition), ``reported`` (inside a quotation,
  linked by ``quote_index``, or claimed by analysts, critics or speculation).
* A future, modal or conditional act is coded as the intent or threat it expresses
  ("will provide aid" 0333; "could step back as a mediator if talks fail" 135), and a
  negated intent as a rejection ("will not accept" 12x).

Events whose source cannot be resolved to an actor are dropped (they cannot say who did
anything, and event scoring needs a source); ``keep_unresolved=True`` keeps them with
source None and half the confidence. Events inside a claim that the sentence's actor denies
("denied reports that X ...") are dropped too: nobody asserts them, and the denial is the
event (CAMEO 016).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from parley.nlp.dates import DateFinder
from parley.nlp.event_lexicon import POS_CLASSES, Entry, Lexicon, default_lexicon
from parley.nlp.mentions import Mention
from parley.ontology.cameo import cameo_root
from parley.ontology.plover import to_plover
from parley.records import ActorRef, Event, Quote

# Dependencies that lead from a trigger to its arguments.
OBJECT_DEPS = frozenset({"dobj", "obj", "dative", "nsubjpass", "attr", "oprd"})
CLAUSE_DEPS = frozenset({"xcomp", "ccomp", "acl", "pcomp"})
MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod", "npadvmod", "nummod"})
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
PLACE_PREPS = frozenset({"in", "inside", "near", "within"})
# Prepositions inside a noun phrase that name whose it is ("leaders of Romania", "forces in Guinea").
OWNER_PREPS = frozenset({"of", "from", "in", "by", "throughout", "across"})
COPULAS = frozenset({"be", "remain", "become", "seem", "appear", "stay", "look", "sound", "feel"})
FUTURE = frozenset({"will", "shall", "'ll", "wo"})
HYPOTHETICAL_MODALS = frozenset({"would", "could", "might", "may", "should"})
CONDITION_MARKS = frozenset({"if", "unless", "provided", "providing", "lest"})
# Time clauses that, under a future or modal verb, describe what has not happened yet.
UNREALISED_MARKS = frozenset({"until", "till", "once", "before", "when"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})
# Claims that are not the article's own assertions and not acts of the actors they name.
SPECULATION_VERBS = frozenset(
    {
        "speculate",
        "suspect",
        "believe",
        "guess",
        "theorize",
        "theorise",
        "surmise",
        "predict",
        "wonder",
        "fear",
        "rumor",
        "rumour",
        "conjecture",
        "assume",
        "presume",
        "imagine",
        "suppose",
        "interpret",
    }
)
SPECULATION_SUBJECTS = frozenset(
    {
        "analyst",
        "critic",
        "observer",
        "expert",
        "commentator",
        "pundit",
        "skeptic",
        "sceptic",
        "speculation",
        "rumor",
        "rumour",
        "scholar",
        "academic",
        "insider",
    }
)
SPECULATION_NOUNS = frozenset(
    {
        "speculation",
        "rumor",
        "rumour",
        "claim",
        "allegation",
        "suggestion",
        "fear",
        "impression",
        "perception",
        "belief",
        "theory",
        "guess",
        "conjecture",
        "concern",
        "expectation",
        "report",
        "signal",
        "sign",
        "indication",
        "hint",
    }
)
DENIAL_VERBS = frozenset({"deny", "dismiss", "refute", "rebut", "debunk", "reject"})
# From this CAMEO root on (protests, force, violence), a noun's adjective or compound actor
# is its agent: "Israeli air raids", "Palestinian riots".
MODIFIER_AGENT_ROOT = "14"

_MAX_DEPTH = 3
_PHRASE_DEPTH = 4
_MAX_ACTORS = 4


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


@dataclass(slots=True)
class _Context:
    """Per-Doc state: where the actors and quotes are, the lexicon, and the dates."""

    doc: Doc
    lexicon: Lexicon
    mentions: dict[int, Mention]
    quotes: Sequence[Quote]
    dates: DateFinder
    keep_unresolved: bool
    consumed: set[int] = field(default_factory=set)


def extract_events(
    doc: Doc,
    published: dt.date | None,
    *,
    lexicon: Lexicon | None = None,
    keep_unresolved: bool = False,
) -> list[Event]:
    """The events of a parsed Doc, in text order.

    Reads ``doc._.parley_mentions`` (actor mentions) and ``doc._.parley_quotes`` when the
    extensions are set; dates are resolved against ``published``.
    """
    ctx = _Context(
        doc=doc,
        lexicon=lexicon or default_lexicon(),
        mentions=_mention_index(_extension(doc, "parley_mentions")),
        quotes=[q for q in _extension(doc, "parley_quotes") if isinstance(q, Quote)],
        dates=DateFinder(doc, published),
        keep_unresolved=keep_unresolved,
    )
    events: list[Event] = []
    for sent in doc.sents:
        # Governing triggers before the ones they govern: nearest the root first.
        candidates = [t for t in sent if not t.is_punct and ctx.lexicon.knows(t.lemma_.lower(), t.lower_)]
        depths = _depths(sent)
        for token in sorted(candidates, key=lambda t: (depths[t.i - sent.start], t.i)):
            if token.i in ctx.consumed:
                continue
            found: list[Event] = []
            # A pattern that finds no actors (an accusation without a target) gives way to the next.
            for coded in code_matches(token, ctx.lexicon):
                found = list(_events(coded, sent, ctx))
                if found:
                    break
            if found:
                # The governed events and the argument words of this trigger are not events of their own.
                ctx.consumed.update(i for used in coded.used for i in _own_subtree(used))
                ctx.consumed.add(token.i)
            events.extend(found)
    events.sort(key=lambda e: (e.trigger[0], e.sentence[0]))
    return _dedupe(events)


def _own_subtree(token: Token) -> set[int]:
    """A token's subtree without its conjuncts ("weaponry and its refusal" keeps the refusal apart)."""
    tokens = {t.i for t in token.subtree}
    for child in token.children:
        if child.dep_ in ("conj", "cc"):
            tokens -= {t.i for t in child.subtree}
    return tokens


def _extension(doc: Doc, name: str) -> list[object]:
    if not Doc.has_extension(name):
        return []
    return list(getattr(doc._, name) or [])


def _mention_index(mentions: Iterable[object]) -> dict[int, Mention]:
    index: dict[int, Mention] = {}
    for mention in mentions:
        if isinstance(mention, Mention):
            for i in range(mention.start, mention.end):
                index.setdefault(i, mention)
    return index


def _depths(sent: Span) -> list[int]:
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


# ---------------------------------------------------------------- matching


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
        c.dep_ in ("ccomp", "xcomp", "acl") and _aux_lemmas(c) & entry.modal for c in token.children
    ):
        return None
    score = entry.specificity
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


def _complements(token: Token, clauses: bool, others: bool) -> Iterator[Token]:
    children = list(token.children)
    if clauses:
        for child in children:
            if child.dep_ in CLAUSE_DEPS and (others or not _own_subject(child)):
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
        if child.dep_ in ("prep", "agent"):
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
            if current.i == token.i and child.dep_ in ("det", "neg", "advmod", "prt"):
                continue
            seen.add(child.i)
            words = {child.lemma_.lower(), child.lower_}
            if child.dep_ in ("compound", "amod"):
                words.add(f"{child.lemma_.lower()} {current.lemma_.lower()}")
            bag.append((frozenset(words), child, level))
            if level < 3:
                frontier.append((child, level + 1))
    return bag


def _aux_lemmas(token: Token) -> set[str]:
    return {c.lemma_.lower() for c in token.children if c.dep_ in ("aux", "auxpass")} | {
        c.lower_ for c in token.children if c.dep_ == "aux"
    }


# ---------------------------------------------------------------- events of one trigger


def _events(coded: Coded, sent: Span, ctx: _Context) -> Iterator[Event]:
    trigger = coded.trigger
    claim = _claim(trigger)
    if claim == "denied":
        return  # "denied claims that X ...": nobody asserts X; the denial is the event
    sources, via_fallback = _sources(coded, ctx)
    if trigger.pos_ in POS_CLASSES["noun"] and not sources:
        return  # a noun is an event of its own only with an actor of its own
    if not sources and not ctx.keep_unresolved:
        return
    source_refs: list[ActorRef | None] = [m.ref for m in sources] or [None]
    targets = _targets(coded, ctx, exclude=[m.ref for m in sources])
    if coded.entry.needs_target and not targets:
        return

    negated = _negated(trigger)
    conditional = _conditional(trigger)
    modal = _modality(trigger)
    in_condition = _inside_condition(trigger)
    hypothetical = in_condition or (bool(modal) and not conditional)
    code = coded.code
    if (conditional or modal) and not in_condition:
        code = ctx.lexicon.frames["intent"].apply(code) or code
    if negated and cameo_root(code) == "03":
        code = ctx.lexicon.frames["reject"].apply(code) or code
        negated = False

    quote_index = _quote_index(trigger, ctx.quotes)
    speculation = claim == "speculation"
    date, precision = ctx.dates.date_of(_clause(coded))

    confidence = (
        min(coded.entry.confidence, coded.inner.entry.confidence + 0.1)
        if coded.inner
        else (coded.entry.confidence)
    )
    if via_fallback:
        confidence *= 0.85
    if not targets and coded.entry.target != "none":
        confidence *= 0.9
    if speculation:
        confidence *= 0.8
    if source_refs == [None]:
        confidence *= 0.5

    # The sentence without the blank line that may close it.
    words = sent.text.rstrip()
    sentence = (sent.start_char, sent.start_char + len(words))
    for source in source_refs:
        # A target that is only the source again ("Croatia ... Croatian") leaves no target.
        others = [m.ref for m in targets if source is None or not _same_actor(source, m.ref)]
        target_refs: list[ActorRef | None] = list(others) or [None]
        for target in target_refs:
            yield Event(
                source=source,
                target=target,
                cameo=code,
                cameo_root=cameo_root(code),
                plover=to_plover(code),
                sentence=sentence,
                trigger=(trigger.idx, trigger.idx + len(trigger.text)),
                negated=negated,
                conditional=conditional,
                hypothetical=hypothetical,
                reported=quote_index is not None or speculation,
                quote_index=quote_index,
                date=date,
                date_precision=precision,
                confidence=round(max(0.05, min(confidence, 0.99)), 2),
                rule=coded.entry.id if coded.inner is None else f"{coded.entry.id}>{coded.inner.entry.id}",
            )


def _same_actor(source: ActorRef, target: ActorRef) -> bool:
    """Whether a target is only the source again: the same actor, name or code, or a country
    and one of its own institutions ("the United States" and its secretary of state)."""
    if source == target or source.name == target.name or (source.code and source.code == target.code):
        return True
    same_country = source.country is not None and source.country == target.country
    return same_country and (source.role is None) != (target.role is None)


def _clause(coded: Coded) -> list[Token]:
    tokens = [coded.trigger]
    inner = coded.inner
    while inner is not None:
        tokens.append(inner.trigger)
        inner = inner.inner
    return tokens


# ---------------------------------------------------------------- sources


def _sources(coded: Coded, ctx: _Context) -> tuple[list[Mention], bool]:
    """The source actors of a trigger, and whether they came from a fallback (the reporting verb's
    subject for "X said it ...", the clause's subject for "X ... their demand")."""
    trigger = coded.trigger
    heads = _subject_heads(trigger, stative=coded.entry.pos == "adj" or coded.entry.frame == "intent")
    actors = _actors(heads, ctx)
    if actors:
        return actors, False
    if trigger.pos_ in POS_CLASSES["noun"]:
        if heads and all(h.pos_ == "PRON" for h in heads):
            return _actors(_subject_heads(_verb_of(trigger)), ctx), True
        if cameo_root(coded.code) >= MODIFIER_AGENT_ROOT:
            # "Israeli air raids", "Palestinian riots": the modifier is the agent. Of talks and
            # meetings it names the topic or the place ("Ukraine peace talks"), so not there.
            own = [m for m in _phrase_actors(trigger, ctx, deep=False) if not _covers(m, trigger)]
            return own, False
        return [], False
    # "X said it will ...": an unresolved pronoun subject stands for the speaker.
    if heads and all(h.pos_ == "PRON" for h in heads):
        speaker = _reporting_subject(trigger)
        if speaker:
            return _actors(speaker, ctx), True
    return [], False


def _verb_of(token: Token) -> Token:
    """The verb whose clause holds a noun."""
    current = token
    for _ in range(8):
        if current.pos_ in ("VERB", "AUX") or current.head.i == current.i:
            return current
        current = current.head
    return current


def _covers(mention: Mention, token: Token) -> bool:
    return mention.start <= token.i < mention.end


def _subject_heads(trigger: Token, stative: bool = False) -> list[Token]:
    """The subject a trigger's clause has or inherits, passive agents and possessors included.

    ``stative`` triggers ("committed", "prepared") take the subject of a passive as theirs.
    """
    current, via = trigger, ""
    for _ in range(8):
        children = list(current.children)
        if current.pos_ in POS_CLASSES["noun"] and current is trigger:
            owners = [c for c in children if c.dep_ == "poss"]
            owners += [
                g
                for c in children
                if c.dep_ == "prep" and c.lower_ == "by"
                for g in c.children
                if g.dep_ == "pobj"
            ]
            return _with_conjuncts(owners)
        if any(c.dep_ in ("auxpass", "nsubjpass") for c in children):
            if via in ("conj", "xcomp"):
                # "X has been indicted ... and will resign": the passive's subject does the second act.
                return _with_conjuncts([c for c in children if c.dep_ == "nsubjpass"])
            agents = [g for c in children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            if not agents and stative:
                # "Vietnam is committed to ...", "X is prepared to ...": a state of the subject.
                agents = [c for c in children if c.dep_ == "nsubjpass"]
            return _with_conjuncts(agents)
        subjects = [c for c in children if c.dep_ in ("nsubj", "csubj")]
        if subjects:
            subject = subjects[0]
            if subject.lower_ in RELATIVE_PRONOUNS and current.dep_ == "relcl":
                return _with_conjuncts([current.head])
            return _with_conjuncts([subject])
        if current.dep_ in ("xcomp", "pcomp"):
            # Object control: "urged Moscow to talk", "pressured Kiev into making concessions".
            governor = current.head.head if current.head.dep_ == "prep" else current.head
            objects = [c for c in governor.children if c.dep_ in ("dobj", "obj")]
            if objects and governor.pos_ in ("VERB", "AUX"):
                return _with_conjuncts(objects[:1])
        if current.dep_ in ("xcomp", "advcl", "conj", "acomp", "pcomp", "prep", "ccomp", "oprd") or (
            current.dep_ == "acl" and current.head.pos_ not in POS_CLASSES["noun"]
        ):
            if current.head.i == current.i:
                return []
            current, via = current.head, current.dep_
            continue
        if current.dep_ == "acl":
            # "Washington's decision to provide ...": the possessor of the noun the clause completes.
            noun = current.head
            owners = [c for c in noun.children if c.dep_ == "poss"]
            if not owners and noun.dep_ == "conj":
                owners = [c for c in noun.head.children if c.dep_ == "poss"]
            return _with_conjuncts(owners)
        return []
    return []


def _with_conjuncts(tokens: Sequence[Token]) -> list[Token]:
    out: list[Token] = []
    for token in tokens:
        for t in (token, *token.conjuncts):
            if t not in out:
                out.append(t)
    return out


def _reporting_subject(trigger: Token) -> list[Token]:
    """The subject of the reporting verb whose that-clause holds the trigger."""
    current = trigger
    for _ in range(6):
        if current.dep_ == "ccomp" and current.head.i != current.i:
            subjects = [c for c in current.head.children if c.dep_ == "nsubj"]
            return _with_conjuncts(subjects[:1])
        if current.head.i == current.i:
            return []
        current = current.head
    return []


def _actors(heads: Sequence[Token], ctx: _Context) -> list[Mention]:
    found: list[Mention] = []
    for head in heads:
        for mention in _phrase_actors(head, ctx):
            if all(m.ref != mention.ref for m in found):
                found.append(mention)
    return found[:_MAX_ACTORS]


def _phrase_actors(head: Token, ctx: _Context, deep: bool = True) -> list[Mention]:
    """The actors a noun phrase names, nearest first: its head, else its modifiers ("Russian
    forces", "US Predator attacks"), else (``deep``) its owner or place ("leaders of Romania",
    "forces in Guinea", "militants loyal to Iraq's ..."), else an apposition."""
    mention = ctx.mentions.get(head.i)
    if mention is not None:
        return [mention]
    frontier, seen = [head], {head.i}
    for _ in range(_PHRASE_DEPTH if deep else 3):
        found: list[Mention] = []
        following: list[Token] = []
        for token in frontier:
            for child in token.children:
                if child.i in seen or not _in_phrase(child, token, head, deep):
                    continue
                seen.add(child.i)
                found_here = ctx.mentions.get(child.i)
                if found_here is None:
                    following.append(child)
                    continue
                for t in (child, *child.conjuncts):
                    m = ctx.mentions.get(t.i)
                    if m is not None and all(f.ref != m.ref for f in found):
                        found.append(m)
        if found:
            return found
        frontier = following
    return []


def _in_phrase(child: Token, parent: Token, head: Token, deep: bool) -> bool:
    """Whether ``child`` belongs to the noun phrase of ``head`` for finding whose phrase it is."""
    if child.dep_ in MODIFIER_DEPS:
        return True
    if not deep:
        return False
    if child.dep_ in ("pobj", "appos"):
        return True
    if child.dep_ == "prep":
        # Any preposition after an adjective or participle ("loyal to", "based in"); after a noun
        # only those that name an owner or a place.
        return parent.dep_ in ("amod", "acl") or child.lower_ in OWNER_PREPS
    return child.dep_ == "acl" and parent is head


# ---------------------------------------------------------------- targets


def _targets(coded: Coded, ctx: _Context, exclude: Sequence[ActorRef]) -> list[Mention]:
    """The target actors: the first candidate phrase naming one, looking first at each phrase's
    head and modifiers, then deeper ("talks with South Korea in Tokyo" targets South Korea)."""
    heads = list(_target_heads(coded))
    for deep in (False, True):
        for head in heads:
            actors = [m for m in _phrase_actors(head, ctx, deep) if m.ref not in exclude]
            if actors:
                extra = [
                    m for c in head.conjuncts for m in _phrase_actors(c, ctx, deep) if m.ref not in exclude
                ]
                out: list[Mention] = []
                for m in actors + extra:
                    if all(o.ref != m.ref for o in out):
                        out.append(m)
                return out[:_MAX_ACTORS]
    return []


def _target_heads(coded: Coded) -> Iterator[Token]:
    """Candidate target phrases, best first."""
    entry = coded.entry
    if entry.target == "none":
        return
    trigger = coded.trigger
    children = list(trigger.children)
    if entry.target == "object":
        objects = [c for c in children if c.dep_ in OBJECT_DEPS]
        yield from objects
        yield from _prep_objects(children, TARGET_PREPS)
        for obj in objects:
            yield from _prep_objects(list(obj.children), TARGET_PREPS)
        # "stepped back as a mediator between X and Y": the objects' own prepositions.
        for role in _prep_objects(children, [c.lower_ for c in children if c.dep_ == "prep"]):
            yield from _prep_objects(list(role.children), TARGET_PREPS)
        if entry.frame in ("demand", "appeal"):
            for c in children:
                if c.dep_ in ("ccomp", "acl", "xcomp"):
                    yield from (g for g in c.children if g.dep_ in ("nsubj", "nsubjpass"))
        if trigger.pos_ in POS_CLASSES["noun"]:
            # "invasion of Lebanon", "suspension of air links with Serbia".
            for of_object in _prep_objects(children, ("of",)):
                yield of_object
                yield from _prep_objects(list(of_object.children), TARGET_PREPS)
        if coded.inner is None:
            # "threatened to break off relations with X": the objects of a to-clause.
            for clause in children:
                if clause.dep_ in ("xcomp", "ccomp"):
                    grand = list(clause.children)
                    yield from (g for g in grand if g.dep_ in OBJECT_DEPS)
                    yield from _prep_objects(grand, TARGET_PREPS)
    if coded.inner is not None:
        inner = coded.inner
        yield from (
            g for g in inner.trigger.children if g.dep_ in ("nsubj",) and inner.trigger.dep_ != "xcomp"
        )
        yield from _target_heads(inner)
    if entry.target == "object":
        yield from _prep_objects(children, PLACE_PREPS)


def _prep_objects(children: Sequence[Token], preps: Sequence[str] | frozenset[str]) -> Iterator[Token]:
    """Objects of the prepositions among ``children``, in the order of ``preps`` when it is ordered."""
    order = list(preps) if isinstance(preps, Sequence) else sorted(preps)
    for prep in order:
        for child in children:
            if child.dep_ in ("prep", "dative") and child.lower_ == prep:
                yield from (g for g in child.children if g.dep_ == "pobj")


# ---------------------------------------------------------------- flags


def _clause_verbs(trigger: Token) -> list[Token]:
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


def _negated(trigger: Token) -> bool:
    for verb in _clause_verbs(trigger):
        for child in verb.children:
            if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no"):
                return True
            if child.dep_ == "advmod" and any(g.dep_ == "neg" for g in child.children):
                return True  # "no longer"
    return False


def _modality(trigger: Token) -> set[str]:
    found: set[str] = set()
    for verb in _clause_verbs(trigger):
        lemmas = _aux_lemmas(verb)
        found |= lemmas & (FUTURE | HYPOTHETICAL_MODALS)
        if verb.lemma_ == "go" and verb.tag_ == "VBG" and any(c.dep_ == "xcomp" for c in verb.children):
            found.add("going to")
    return found


def _conditional(trigger: Token) -> bool:
    for verb in _clause_verbs(trigger):
        for child in verb.children:
            if child.dep_ == "advcl" and _is_condition(child):
                return True
    return False


def _is_condition(clause: Token) -> bool:
    for child in clause.children:
        if child.dep_ == "mark" and child.lower_ in CONDITION_MARKS:
            return True
    first = clause.doc[clause.left_edge.i]
    # "Should talks fail, ..." / "Were X to ...": an inverted condition.
    return first.lower_ in ("should", "were", "had") and first.dep_ in ("aux", "auxpass", "ROOT")


def _inside_condition(trigger: Token) -> bool:
    """Whether the trigger is itself a condition ("if X ...") or the bound of an act not yet done
    ("will keep fighting until the rebels lay down their arms")."""
    current = trigger
    for _ in range(6):
        if current.dep_ == "advcl":
            if _is_condition(current):
                return True
            marks = {c.lower_ for c in current.children if c.dep_ == "mark"}
            if marks & UNREALISED_MARKS and _modality(current.head):
                return True
        if current.head.i == current.i:
            return False
        current = current.head
    return False


def _quote_index(trigger: Token, quotes: Sequence[Quote]) -> int | None:
    """The innermost quote whose words contain the trigger."""
    best: int | None = None
    for i, quote in enumerate(quotes):
        inside = quote.start <= trigger.idx < quote.end
        if inside and (best is None or quote.end - quote.start < quotes[best].end - quotes[best].start):
            best = i
    return best


def _claim(trigger: Token) -> str | None:
    """Whose claim the trigger is: ``"speculation"`` (analysts, critics, rumours, interpretations),
    ``"denied"`` (a claim the sentence's actor denies), or None (asserted)."""
    current = trigger
    found: str | None = None
    for _ in range(10):
        if current.head.i == current.i:
            return found
        dep, head = current.dep_, current.head
        if dep in ("ccomp", "acl", "xcomp", "advcl", "conj", "pcomp", "pobj", "dobj", "prep", "relcl"):
            if dep in ("acl", "ccomp") and head.pos_ == "NOUN" and head.lemma_.lower() in SPECULATION_NOUNS:
                if head.dep_ == "dobj" and head.head.lemma_ in DENIAL_VERBS:
                    return "denied"
                found = "speculation"
            elif head.lemma_ in SPECULATION_VERBS or (
                head.pos_ in ("VERB", "AUX")
                and any(c.dep_ == "nsubj" and c.lemma_.lower() in SPECULATION_SUBJECTS for c in head.children)
            ):
                found = "speculation"
        current = head
    return found


def _dedupe(events: list[Event]) -> list[Event]:
    seen: set[tuple[object, ...]] = set()
    out: list[Event] = []
    for event in events:
        key = (event.trigger, event.source, event.target, event.cameo)
        if key not in seen:
            seen.add(key)
            out.append(event)
    return out
