"""The extraction driver: triggers of each sentence in order, coded, given their arguments and
flags, and turned into Events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from parley.nlp.dates import DateFinder, is_before_news
from parley.nlp.event_lexicon import Lexicon, default_lexicon
from parley.nlp.events.arguments import (
    CASUALTY_VERBS,
    actors_of,
    find_sources,
    find_targets,
    phrase_actors,
    same_actor,
    stands_for,
)
from parley.nlp.events.coding import (
    SPEAKERS,
    Coded,
    chain,
    code_matches,
    declared_needs_target,
    recode,
    rule_of,
)
from parley.nlp.events.flags import (
    claim_of,
    condition_clauses,
    inside_condition,
    is_background,
    is_conditional,
    is_described,
    is_negated,
    modality,
    quote_index_of,
)
from parley.nlp.mentions import Mention, actor_ref
from parley.nlp.setting import country_at
from parley.nlp.syntax import NOUNS, aux_lemmas, own_subtree, token_depths
from parley.nlp.words import Words, default_words
from parley.ontology.actors import STATE_ROLES
from parley.ontology.cameo import cameo_root
from parley.ontology.plover import to_plover
from parley.records import ActorRef, Event, Quote


@dataclass(slots=True)
class _Context:
    """Per-Doc state: where the actors and quotes are, the lexicon, and the dates."""

    doc: Doc
    lexicon: Lexicon
    words: Words
    mentions: dict[int, Mention]
    quotes: Sequence[Quote]
    dates: DateFinder
    keep_unresolved: bool
    consumed: set[int] = field(default_factory=set)
    told: list[Event] = field(default_factory=list)  # the events found so far, in the order found
    # Acts told in the passive with no agent ("facilities were hit by drones"): no events, but
    # what a later "the attacks" names.
    agentless: list[_Act] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Act:
    """An act told before, as a noun naming it again sees it: where its trigger is, its kind
    (see ``_kind``), who did it (None when the story does not say) and to whom."""

    start: int
    kind: str
    source: ActorRef | None
    targets: tuple[ActorRef, ...]


def extract_events(
    doc: Doc,
    published: dt.date | None,
    *,
    lexicon: Lexicon | None = None,
    words: Words | None = None,
    keep_unresolved: bool = False,
) -> list[Event]:
    """The events of a parsed Doc, in text order.

    Reads ``doc._.parley_mentions`` (actor mentions) and ``doc._.parley_quotes`` when the
    extensions are set; dates are resolved against ``published``.
    """
    ctx = _Context(
        doc=doc,
        lexicon=lexicon or default_lexicon(),
        words=words or default_words(),
        mentions=_mention_index(_extension(doc, "parley_mentions")),
        quotes=[q for q in _extension(doc, "parley_quotes") if isinstance(q, Quote)],
        dates=DateFinder(doc, published),
        keep_unresolved=keep_unresolved,
    )
    for sent in doc.sents:
        obligations = {t.i: laid for t in sent if (laid := _obligation(t, ctx)) is not None}
        # Governing triggers before the ones they govern: nearest the root first.
        candidates = [
            t
            for t in sent
            if not t.is_punct
            and t.ent_type_ not in NAMES
            and (ctx.lexicon.knows(t.lemma_.lower(), t.lower_) or t.i in obligations)
        ]
        depths = token_depths(sent)
        for token in sorted(candidates, key=lambda t: (depths[t.i - sent.start], t.i)):
            if token.i in ctx.consumed:
                continue
            found: list[Event] = []
            matches = code_matches(token, ctx.lexicon)
            if (
                matches
                and token.pos_ in NOUNS
                and cameo_root(matches[0].code) == "03"
                and is_described(token)
            ):
                # "their willingness to serve as mediator is not unlimited" says what an intent is
                # like: neither it nor what it governs is reported as done.
                ctx.consumed.update(own_subtree(token))
                continue
            claim = claim_of(token, ctx.words)
            if claim == "denied" or is_background(token):
                # "denied claims that X ...": nobody asserts X, the denial is the event; "has
                # occupied Crimea since 2014": a state the story recalls, not an event of 2014.
                continue
            if token.i in obligations:
                # '"They must stand by us," he said': the speaker demands it of them.
                ctx.told.extend(_demanded(token, matches, sent, ctx, obligations[token.i]))
                ctx.consumed.update(
                    i for coded in matches[:1] for used in coded.used for i in own_subtree(used)
                )
                ctx.consumed.add(token.i)
                continue
            # A pattern that finds no actors (an accusation without a target) gives way to the next.
            for coded in matches:
                found = list(_events(coded, sent, ctx, claim))
                if found or token.i in ctx.consumed:
                    break
            if found:
                # The governed events and the argument words of this trigger are not events of their own.
                ctx.consumed.update(i for used in coded.used for i in own_subtree(used))
                ctx.consumed.add(token.i)
                ctx.consumed.update(_elaborations(token, coded.code))
            ctx.told.extend(found)
    events = ctx.told
    events.sort(key=lambda e: (e.trigger[0], e.sentence[0]))
    return _dedupe(events)


# Entity types whose words name something rather than tell an act: "the Democratic Rally" (a
# party), "in March", "the Strike Command".
NAMES = frozenset({"ORG", "FAC", "WORK_OF_ART", "LAW", "DATE", "TIME", "PERSON", "PRODUCT"})
# From this root on (assault, fight, mass violence) a participle after the act tells it again.
FORCE_ROOT = "18"
# From this root on (protest and force) unnamed people who act are the place's civilians.
PROTEST_ROOT = "14"
# From this root on (coerce, assault, fight, mass violence) unnamed people acted on are civilians.
COERCION_ROOT = "17"
# Arrests and detentions (CAMEO 173), whose unnamed agent is the police of the place.
ARREST = "173"
# Claiming responsibility (CAMEO 015) for an act: aimed where the act was.
CLAIM_RESPONSIBILITY = "015"
# Fighting (CAMEO 19) done to civilians is an assault (180).
FIGHT_ROOT = "19"
ASSAULT = "180"
# Demobilizing or disarming armed forces (CAMEO 0873), which a passive tells of the forces.
DEMOBILIZE = "0873"
# Calling off a strike or a protest (CAMEO 082), which yields to whom it was aimed at.
EASE_DISSENT = "082"
# A formal protest (CAMEO 114) made by civilians is a demonstration (141).
OFFICIAL_PROTEST = "114"
DEMONSTRATION = "141"
CIVILIANS = "CVL"
# A riot (CAMEO 145), which armed forces and groups do not stage: when they clash they fight (190).
RIOT = "145"
FIGHT = "190"
ARMED_ROLES = frozenset({"MIL", "REB", "UAF", "INS"})
# A demand of no stated kind (CAMEO 100).
DEMAND = "100"
# Subjects that name no party to oblige, in a speaker's own words: "it has to be done".
THINGS = frozenset({"it", "this", "that", "there", "which", "what"})
# Pronouns that name parties a speaker can oblige, though they name no actor found: "They must".
OBLIGED_PRONOUNS = frozenset({"they", "he", "she"})  # "you should ..." is mostly anybody
# Demands (CAMEO 10).
DEMAND_ROOT = "10"
# Threats (CAMEO 13), aimed at whoever must meet their condition.
THREAT_ROOT = "13"
# Curfews and states of emergency or martial law (CAMEO 1723, 1724) and their easing (0813,
# 0814): measures on a place's people.
PUBLIC_RESTRICTIONS = frozenset({"1723", "1724", "0813", "0814"})
# Roots of acts that parties named together do to each other: intend to cooperate, consult,
# cooperate, fight.
RECIPROCAL_ROOTS = frozenset({"03", "04", "05", "06", "19"})


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


def _events(coded: Coded, sent: Span, ctx: _Context, claim: str | None) -> Iterator[Event]:
    """The events of one lexicon match; ``claim`` is whose claim its trigger is (see ``claim_of``)."""
    trigger = coded.trigger
    quote_index = quote_index_of(trigger, ctx.quotes)
    quoted = quote_index is not None and ctx.quotes[quote_index].kind == "direct"
    sources, via_fallback = find_sources(coded, ctx.mentions, quoted=quoted)
    if not sources and cameo_root(coded.code) >= PROTEST_ROOT:
        # "15,000 people marched against Bush in Ottawa": unnamed people are the place's civilians.
        sources = _unnamed_people(trigger, ("nsubj",), sent, ctx)
    if not sources and coded.code.startswith(ARREST) and _agentless_passive(trigger):
        # "Twenty people were arrested": news leaves out the police of the place it happens in.
        police = _left_out(trigger, sent, ctx, "police", "COP")
        if police:
            sources, via_fallback = police, True
    if cameo_root(coded.code) >= FORCE_ROOT:
        # "Usman Khan stabbed several people in London": someone no table places is of the place.
        sources = [_placed(m, sent, ctx) for m in sources]
    if not sources and cameo_root(coded.code) >= FORCE_ROOT and _by_attack(trigger, ctx):
        # "A roadside bombing killed two soldiers": news that names no perpetrator leaves the
        # armed men of the place.
        sources, via_fallback = _left_out(trigger, sent, ctx, UNNAMED_ATTACKERS, "UAF"), True
    if not sources and coded.code.startswith(DEMOBILIZE) and _agentless_passive(trigger):
        # "guerrillas have been demobilized": they lay down arms, whoever oversees it.
        sources = [m for c in trigger.children if c.dep_ == "nsubjpass" for m in _forces_named(c, ctx)]
    if not sources and trigger.pos_ in NOUNS and cameo_root(coded.code) == PROTEST_ROOT:
        if _told_before(trigger, ctx):
            return  # "15,000 marched against Bush ... a video of the protests": that march again
        # "Protests spread across Belgrade": a protest nobody is named for is the place's people's.
        sources = _the_people(trigger, sent, ctx)
    if trigger.pos_ in NOUNS and not sources:
        return  # a noun is an event of its own only with an actor of its own
    if not sources and not ctx.keep_unresolved:
        if _passive(trigger):
            _remember_agentless(coded, trigger, ctx)
        return
    civil = bool(sources) and all(m.ref.role == CIVILIANS for m in sources)
    # A protest people make is dissent even where the lexicon reads a state's note ("Serbians
    # protested", recoded as a demonstration below).
    dissent = (
        cameo_root(coded.code) == PROTEST_ROOT
        or coded.code.startswith(EASE_DISSENT)
        or (coded.code == OFFICIAL_PROTEST and civil)
    )
    if dissent:
        sources = [_as_people(m) if m.kind == "adjective" else m for m in sources]
    source_refs: list[ActorRef | None] = [m.ref for m in sources] or [None]
    targets = _each_of_them(find_targets(coded, ctx.mentions, exclude=[m.ref for m in sources]), ctx)
    each = _each_of_them(sources, ctx)
    if not any(m.ref == t.ref for m in each for t in targets):
        # "They signed ..." after "Brazil and South Korea ...": each of them acts; not when one of
        # them is whom the act is aimed at ("they keep channels to Turkey open" is not Turkey's).
        sources = each
    coerces = cameo_root(coded.code) >= COERCION_ROOT
    # "killed two Iraqi youths", "his commitment to the Zambian people": people a country's
    # adjective names are its civilians.
    targets = [_as_people(m) if _names_people(m, ctx) else m for m in targets]
    people = _unnamed_people(trigger, ("nsubjpass", "dobj"), sent, ctx) if coerces else []
    if people and (not targets or not phrase_actors(ctx.doc[people[0].start], ctx.mentions, deep=False)):
        # "a gunman shot shoppers at a store ..., reported officials": unnamed people the act is
        # done to are its target, before any actor found further off.
        targets = people
    if dissent and _only_their_land(targets, sources):
        # "rioted at a jail in East Timor": where people protest is no target of theirs.
        targets = []
    if not targets and (dissent or (civil and cameo_root(coded.code) == DEMAND_ROOT)):
        # People protest against the authorities unless the story names another target, and
        # calling a strike or protest off yields to them; what they demand, they demand of them.
        targets = _their_government(trigger, sources)
    if _restricts_public(coded) and all(m.kind in ("country", "seat") for m in targets):
        # "declared a state of siege in Haiti": a curfew or emergency rule binds the place's people.
        targets = [_as_people(m) for m in targets] or _the_people(trigger, sent, ctx, anyway=True)
    if coded.entry.target in ("object", "complement") and not _others(sources, targets, coded.code):
        # "The operation was condemned by ...": whoever did the act it names (also when the
        # only actor named is the source's own country: "calling it an aggression on Iraq").
        targets = _referred_act(trigger, coded.code, sent, ctx, sources) or targets
    if not targets and sources and cameo_root(coded.code) >= FORCE_ROOT:
        # "Turkey began a military offensive" after "Turkey began an offensive into Syria": a
        # party's attack with no target named is aimed where its attacks were told to be.
        targets = _where_they_attacked(trigger, sources, ctx)

    negated = is_negated(trigger)
    conditional = is_conditional(trigger, ctx.words)
    modal = modality(trigger, ctx.words)
    in_condition = inside_condition(trigger, ctx.words)
    hypothetical = in_condition or (bool(modal) and not conditional)
    code, negated = recode(
        coded, ctx.lexicon, negated=negated, modal=conditional or bool(modal), in_condition=in_condition
    )
    if cameo_root(code) == FIGHT_ROOT and targets and all(m.ref.role == CIVILIANS for m in targets):
        # Fighting is between armed forces; force used on civilians is an assault.
        code = ASSAULT
    if not targets and cameo_root(code) == THREAT_ROOT:
        # "threatened to strike unless Israel rescinded the annexation": a threat is aimed at
        # whoever must meet its condition.
        targets = _who_must_comply(coded, ctx, sources)
    if code == OFFICIAL_PROTEST and sources and all(m.ref.role == CIVILIANS for m in sources):
        # A state protests in a note; people protest in the street ("Serbians protested").
        code = DEMONSTRATION
    if code == RIOT and sources and all(m.ref.role in ARMED_ROLES for m in sources):
        # Crowds clash in riots; armed forces that clash fight.
        code = FIGHT
    reciprocal = not targets and len(sources) > 1 and cameo_root(code) in RECIPROCAL_ROOTS
    declared = declared_needs_target(coded)
    if declared and not targets:
        return  # an accusation of nobody: the next pattern of the trigger may read it better
    if (
        declared is None
        and not targets
        and not reciprocal
        and not negated
        and ctx.lexicon.code_needs_target(code)
        and not _names_party(coded, code, ctx, sources)
    ):
        # "They also discussed trade issues": a talk, aid or attack with nobody on the other side
        # is a misreading. One whose other side is named but not placed ("fired at targets in
        # Jericho") stays, without a target, and so does a denied act ("had not given up its role
        # as a mediator"), a stance more than an act. The words were read all the same: neither
        # they nor what they govern are another event.
        ctx.consumed.update(i for used in coded.used for i in own_subtree(used))
        ctx.consumed.add(trigger.i)
        return

    speculation = claim == "speculation"
    date, precision = ctx.dates.date_of(chain(coded))
    own_date = (date, precision) if coded.inner is None else ctx.dates.date_of([trigger])
    if is_before_news(*own_date, ctx.dates.published):
        # "In 2015, Saudi Arabia started supporting ...": background, not news (the trigger's
        # own date: "accepted responsibility for the murder in 2018" is news of today).
        return

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

    sentence = _sentence_span(sent)
    source_mentions: list[Mention | None] = list(sources) or [None]
    for source_mention in source_mentions:
        source = source_mention.ref if source_mention is not None else None
        # "Brazil and South Korea signed an accord": each party acts towards the others.
        candidates = _counterparts(source_mention, sources) if reciprocal else targets
        # A target that is only the source again ("Croatia ... Croatian") leaves no target.
        others = [m.ref for m in candidates if _other_actor(source_mention, m, code)]
        target_refs: list[ActorRef | None] = list(others) or [None]
        for target in target_refs:
            if not ctx.keep_unresolved and not (_placed_actor(source) or _placed_actor(target)):
                continue
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
                rule=rule_of(coded),
            )


def _sentence_span(sent: Span) -> tuple[int, int]:
    """A sentence's characters, without the blank line that may close it."""
    return (sent.start_char, sent.start_char + len(sent.text.rstrip()))


@dataclass(frozen=True, slots=True)
class _Obligation:
    """An act a speaker lays on others in their own words: the quote and whom it obliges."""

    quote_index: int
    subjects: list[Token]


def _obligation(token: Token, ctx: _Context) -> _Obligation | None:
    """The obligation a speaker lays on another party with the token's act, in a direct
    quotation ('"Peru must release them," he said'; "They need to stand by us")."""
    if token.pos_ not in ("VERB", "AUX"):
        return None
    index = quote_index_of(token, ctx.quotes)
    if index is None or ctx.quotes[index].kind != "direct" or ctx.quotes[index].speaker is None:
        return None
    needs = token.dep_ == "xcomp" and token.head.lemma_.lower() in ctx.words.obligation_verbs
    verb = token.head if needs else token
    if not (needs or aux_lemmas(token) & ctx.words.obligation_modals):
        return None
    unreal = (ctx.words.future_auxiliaries | ctx.words.hypothetical_modals) - ctx.words.obligation_modals
    if verb.dep_ == "relcl" or aux_lemmas(verb) & unreal:
        return None  # "a decision the president will have to make", "he would have had to resign"
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects or any(s.pos_ == "PRON" and s.lower_ in SPEAKERS | THINGS for s in subjects):
        return None  # "We must act" binds the speaker; "it has to be" binds nobody
    if not (actors_of(subjects, ctx.mentions) or all(s.lower_ in OBLIGED_PRONOUNS for s in subjects)):
        return None  # "The drug epidemic must stop": a wish about a state of things
    return _Obligation(index, subjects)


def _demanded(
    token: Token, matches: Sequence[Coded], sent: Span, ctx: _Context, obligation: _Obligation
) -> Iterator[Event]:
    """The speaker's demands on whom their words oblige: the act it names, recoded as a demand
    (CAMEO 10x), or a demand of no stated kind."""
    speaker = ctx.quotes[obligation.quote_index].speaker
    code = (ctx.lexicon.frames["demand"].apply(matches[0].code) if matches else None) or DEMAND
    obliged = [m.ref for m in actors_of(obligation.subjects, ctx.mentions)]
    targets: list[ActorRef | None] = list(obliged) or [None]
    date, precision = ctx.dates.date_of([token])
    rule = "obliged" + (f">{rule_of(matches[0])}" if matches else "")
    # "They must not send weapons": a demand that they do not.
    negated = is_negated(token)
    for target in targets:
        if not ctx.keep_unresolved and not (_placed_actor(speaker) or _placed_actor(target)):
            continue
        yield Event(
            source=speaker,
            target=target,
            cameo=code,
            cameo_root=cameo_root(code),
            plover=to_plover(code),
            sentence=_sentence_span(sent),
            trigger=(token.idx, token.idx + len(token.text)),
            negated=negated,
            conditional=False,
            hypothetical=False,
            reported=True,
            quote_index=obligation.quote_index,
            date=date,
            date_precision=precision,
            confidence=0.5,
            rule=rule,
        )


# Who acts in an attack that news tells only by its weapon: the armed men of the place (CAMEO
# UAF). Acts named again later ("condemned the attack") are never theirs: a story that names
# no perpetrator here often names one elsewhere.
UNNAMED_ATTACKERS = "unnamed attackers"


def _by_attack(verb: Token, ctx: _Context) -> bool:
    """Whether a deadly act of force has an attack for its subject, not an agent: "a car bomb
    killed ...", "a minefield explosion killed ..."."""
    if verb.pos_ in NOUNS or verb.lemma_.lower() not in CASUALTY_VERBS:
        return False
    return any(
        n.dep_ == "nsubj"
        and n.pos_ == "NOUN"
        and n.i not in ctx.mentions
        and any(cameo_root(m.code) >= FORCE_ROOT for m in code_matches(n, ctx.lexicon))
        for n in verb.children
    )


def _left_out(trigger: Token, sent: Span, ctx: _Context, name: str, role: str) -> list[Mention]:
    """An agent the story leaves out (the police of an arrest, the attackers of a bombing): the
    actor of that role of the place where it happens, with no words of its own."""
    country = country_at(sent, ctx.doc)
    if country is None:
        return []
    ref = actor_ref(name, country, role)
    return [Mention(trigger.i, trigger.i, trigger.idx, trigger.idx, ref, "context", "group")]


def _names_people(mention: Mention, ctx: _Context) -> bool:
    """Whether a mention is a country's adjective before a word for people ("Iraqi youths")."""
    if mention.kind != "adjective" or mention.end >= len(ctx.doc):
        return False
    head = ctx.doc[mention.start].head
    return head.i >= mention.end and head.lemma_.lower() in ctx.words.person_nouns


def _unnamed_people(trigger: Token, deps: tuple[str, ...], sent: Span, ctx: _Context) -> list[Mention]:
    """Unnamed people in one of the trigger's ``deps`` ("people marched", "people were arrested",
    "shot shoppers"): the civilians of the country where it happens."""
    person = next(
        (c for c in trigger.children if c.dep_ in deps and c.lemma_.lower() in ctx.words.person_nouns),
        None,
    )
    country = country_at(sent, ctx.doc) if person is not None else None
    if person is None or country is None:
        return []
    return [_inferred(person, actor_ref("civilians", country, CIVILIANS))]


# Determiners of a noun that names an act the story has told ("the attack", "this move").
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
# Objects and prepositions through which an act is the target ("opposed the withdrawal",
# "spoke out against the attack", "was disappointed by the decision").
_ACT_PREPS = frozenset({"against", "over", "about", "on", "to", "at", "by", "for"})


# Entity types that name a party an act may be done to: places, peoples, bodies, persons.
PARTY_ENTITIES = frozenset({"GPE", "NORP", "ORG", "PERSON"})
# Dependencies of a trigger that lead to its actor, its auxiliaries or punctuation, not to
# whom the act is done.
_NOT_ARGUMENTS = frozenset({"nsubj", "csubj", "agent", "aux", "auxpass", "neg", "punct", "cc", "mark", "det"})


# Prepositions of the place where an act happens.
_PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "throughout", "within", "across"})
# Prepositions whose object an act of force hits: "airstrikes on the camp", "fired at the border".
_HIT_PREPS = frozenset({"on", "at", "against", "into", "upon"})


def _names_party(coded: Coded, code: str, ctx: _Context, sources: Sequence[Mention]) -> bool:
    """Whether the words of a trigger (or of the act it governs) name somebody besides its
    sources, an entity or a person, though no target was found among them ("granted asylum to
    five Panamanian officers", "fired at targets in Jericho"); for an act told by a noun that is
    a verb's subject, the verb's words ("US attacks have killed al-Qaeda leaders"). Force hits
    whoever is where it strikes: its object or place is a party ("airstrikes on the camp"), and
    an attack told by a noun may leave out whom it hit ("fighters escaped following Turkish
    airstrikes", "Bolivia began a ground invasion")."""
    own = {i for m in sources for i in range(m.start, m.end)}
    used = {t.i for t in coded.used}
    heads = chain(coded)
    if coded.trigger.pos_ in NOUNS and coded.trigger.dep_ == "nsubj":
        heads.append(coded.trigger.head)
    force = cameo_root(code) >= FORCE_ROOT
    if force and chain(coded)[-1].pos_ in NOUNS:
        return True  # the act itself is a noun: "Turkish airstrikes", "began a ground invasion"
    for head in heads:
        for child in head.children:
            if child.dep_ in _NOT_ARGUMENTS or child.i == coded.trigger.i:
                continue
            if force and child.i not in used and _hit(child):
                return True
            if child.dep_ == "prep" and child.lower_ in _PLACE_PREPS:
                continue  # "discussed trade in Nairobi": where it happens, not with whom
            for token in _outside_relative_clauses(child):
                if token.i not in own and (
                    token.ent_type_ in PARTY_ENTITIES or token.lemma_.lower() in ctx.words.person_nouns
                ):
                    return True
    return False


def _outside_relative_clauses(phrase: Token) -> Iterator[Token]:
    """The words of a phrase but for its relative clauses ("justified the strike, which was
    approved by Trump"): who acts in those is another act's party."""
    stack = [phrase]
    while stack:
        token = stack.pop()
        yield token
        stack.extend(c for c in token.children if c.dep_ != "relcl")


def _hit(child: Token) -> bool:
    """Whether a word of an act of force names what it hit: its object ("shelled the hills") or a
    place it struck ("on the camp"), not a time ("on Monday")."""
    if child.dep_ in ("dobj", "obj"):
        return True
    return (
        child.dep_ == "prep"
        and child.lower_ in _HIT_PREPS
        and any(g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME") for g in child.children)
    )


def _referred_act(
    trigger: Token, code: str, sent: Span, ctx: _Context, sources: Sequence[Mention]
) -> list[Mention]:
    """The actors of an earlier act that a definite noun in target position names: whoever did
    the latest act of its kind ("condemned the attack" after "Iran attacked ..."), or of any kind
    for nouns that name acts in general ("opposed the decision"), or the parties an earlier
    phrase with the same noun named ("the border agreement" after "the agreement between Turkey
    and Libya"), whichever was told last. Nobody when that actor is the source itself.

    An attack told again by whoever does it ("carried out the attack") or an act claimed by
    them ("claimed responsibility for the attacks") is aimed where that act was: at its targets.
    """
    for noun in _act_objects(trigger, ctx):
        roots = _kinds_named(noun, ctx)
        if roots is not None and not roots:
            continue
        acts = [
            a
            for a in [*(_act_of(e) for e in ctx.told), *ctx.agentless]
            if a.start < sent.start_char
            and (a.source is None or a.source.name != UNNAMED_ATTACKERS)
            and (roots is None or a.kind in roots)
        ]
        told = _most_told(acts)
        if told is not None and (
            code.startswith(CLAIM_RESPONSIBILITY) or _kind(cameo_root(code)) == told.kind == "force"
        ):
            return [_inferred(noun, actor) for actor in told.targets if not _is_source(actor, sources)]
        named = _named_before(noun, sent, ctx)
        if named and (told is None or named[0].start_char > told.start):
            actors = [m.ref for m in named]
        elif told is not None and told.source is not None:
            actors = [told.source]
        else:
            return []
        if any(_is_source(actor, sources) for actor in actors):
            return []
        return [_inferred(noun, actor) for actor in actors]
    return []


def _most_told(acts: Sequence[_Act]) -> _Act | None:
    """The act a noun most likely names: the latest act of the actor told doing such acts most
    often ("the attack", paragraphs after the strike the story is about and a reply to it).
    Acts nobody is named for are each somebody's of their own."""
    if not acts:
        return None
    ordered = sorted(acts, key=lambda a: a.start)
    counts: dict[str | int, set[int]] = {}
    for act in ordered:
        counts.setdefault(_doer(act), set()).add(act.start)
    best = max(len(starts) for starts in counts.values())
    return next(a for a in reversed(ordered) if len(counts[_doer(a)]) == best)


def _doer(act: _Act) -> str | int:
    return act.source.name if act.source else act.start


def _told_before(noun: Token, ctx: _Context) -> bool:
    """Whether a definite noun names an act of a kind the story has told before it."""
    if not any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in noun.children):
        return False
    kinds = _kinds_named(noun, ctx)
    return any(e.trigger[0] < noun.idx and (kinds is None or _kind(e.cameo_root) in kinds) for e in ctx.told)


def _where_they_attacked(trigger: Token, sources: Sequence[Mention], ctx: _Context) -> list[Mention]:
    """The targets of the latest attack told before by one of ``sources``."""
    for event in reversed(sorted(ctx.told, key=lambda e: e.trigger[0])):
        if (
            event.trigger[0] < trigger.idx
            and event.target is not None
            and _kind(event.cameo_root) == "force"
            and event.source is not None
            and any(same_actor(m.ref, event.source) for m in sources)
        ):
            return [_inferred(trigger, event.target)]
    return []


def _is_source(actor: ActorRef, sources: Sequence[Mention]) -> bool:
    return any(same_actor(m.ref, actor) for m in sources)


def _act_of(event: Event) -> _Act:
    """An event as an act a later noun may name again."""
    targets = (event.target,) if event.target is not None else ()
    return _Act(event.trigger[0], _kind(event.cameo_root), event.source, targets)


def _remember_agentless(coded: Coded, trigger: Token, ctx: _Context) -> None:
    """Keep an act told in the passive with no actor for its agent, for the nouns that name it again."""
    targets = find_targets(coded, ctx.mentions, exclude=[])
    if targets:
        refs = tuple(m.ref for m in targets)
        ctx.agentless.append(_Act(trigger.idx, _kind(cameo_root(coded.code)), None, refs))


def _named_before(noun: Token, sent: Span, ctx: _Context) -> list[Mention]:
    """The actors of the latest earlier phrase headed by the same noun, in a sentence before."""
    lemma = noun.lemma_.lower()
    for token in reversed(ctx.doc[: sent.start]):
        if token.pos_ == "NOUN" and token.lemma_.lower() == lemma:
            actors = phrase_actors(token, ctx.mentions)
            if actors:
                return actors
    return []


def _act_objects(trigger: Token, ctx: _Context) -> Iterator[Token]:
    """Definite nouns among a trigger's objects and the objects of its prepositions, and of the
    prepositions of its objects ("claimed responsibility for the attacks"); an "it" that names
    no actor as the noun it stands for ("spoke out against the attack, calling it ...")."""
    children = list(trigger.children)
    objects = [stands_for(c, ctx.mentions) for c in children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    heads = objects + [
        g
        for parent in (trigger, *objects)
        for c in parent.children
        if c.dep_ in ("prep", "agent") and c.lower_ in _ACT_PREPS
        for g in c.children
        if g.dep_ == "pobj"
    ]
    for head in heads:
        if head.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in head.children):
            yield head


def _kinds_named(noun: Token, ctx: _Context) -> set[str] | None:
    """The kinds of act a noun names (see ``_kind``): None for any act ("the move")."""
    if noun.lemma_.lower() in ctx.words.act_nouns:
        return None
    return {_kind(cameo_root(c.code)) for c in code_matches(noun, ctx.lexicon)}


def _kind(root: str) -> str:
    """A CAMEO root, with the three roots of force (assault, fight, mass violence) as one: news
    calls a strike an attack."""
    return "force" if root >= FORCE_ROOT else root


def _the_people(trigger: Token, sent: Span, ctx: _Context, anyway: bool = False) -> list[Mention]:
    """The civilians of the country where an act nobody is named for happens (unless
    ``anyway``, none when the trigger itself names people)."""
    if trigger.i in ctx.mentions and not anyway:
        return []  # "protesters" names the people, not an act of theirs
    if (
        trigger.dep_ == "pobj"
        and trigger.head.lower_ == "in"
        and not any(c.dep_ == "det" for c in trigger.children)
    ):
        return []  # "resigned in protest": how somebody acted, not a protest of the place's people
    if trigger.dep_ == "pobj" and any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in trigger.children):
        return []  # "were involved in the protests": protests told already, not new ones
    if is_described(trigger):
        return []  # "the protest at the school is an annual event": what it is like, no new protest
    country = country_at(sent, ctx.doc)
    if country is None:
        return []
    return [_inferred(trigger, actor_ref("civilians", country, CIVILIANS))]


# Pronouns that stand for several actors.
_THEY = frozenset({"they", "them", "their", "theirs"})
# How many tokens back "they" looks for the actors joined in a subject it stands for.
_THEY_REACH = 120


def _each_of_them(mentions: Sequence[Mention], ctx: _Context) -> list[Mention]:
    """Mentions, with a "they" that stands for a subject of joined actors ("Brazil and South
    Korea discussed trade. They signed ...") replaced by each of those actors."""
    out: list[Mention] = []
    for mention in mentions:
        joined = _joined_subject(mention, ctx) if ctx.doc[mention.start].lower_ in _THEY else []
        for m in joined or [mention]:
            if all(o.ref != m.ref for o in out):
                out.append(m)
    return out


def _joined_subject(pronoun: Mention, ctx: _Context) -> list[Mention]:
    """The actors of the latest subject of joined actors that a plural pronoun was linked to."""
    if pronoun.via != "pronoun":
        return []
    for token in reversed(ctx.doc[max(0, pronoun.start - _THEY_REACH) : pronoun.start]):
        first = ctx.mentions.get(token.i)
        if (
            first is not None
            and first.ref == pronoun.ref
            and token.dep_ in ("nsubj", "nsubjpass")
            and any(c.dep_ == "conj" for c in token.children)
        ):
            actors = actors_of([token], ctx.mentions)
            if len(actors) < 2:
                return []
            # Each stands where the pronoun does: that is the word of this sentence naming them.
            span = (pronoun.start, pronoun.end, pronoun.start_char, pronoun.end_char)
            return [Mention(*span, m.ref, "pronoun", m.kind) for m in actors]
    return []


def _inferred(token: Token, ref: ActorRef) -> Mention:
    """An actor the context supplies, at the word that stands for it."""
    return Mention(token.i, token.i + 1, token.idx, token.idx + len(token.text), ref, "context", "group")


def _placed(mention: Mention, sent: Span, ctx: _Context) -> Mention:
    """A person of no known country, given the country where the sentence happens."""
    if mention.kind != "person" or mention.ref.country is not None:
        return mention
    country = country_at(sent, ctx.doc)
    if country is None:
        return mention
    return replace(mention, ref=actor_ref(mention.ref.name, country, mention.ref.role), via="context")


def _restricts_public(coded: Coded) -> bool:
    """Whether an act (or the act it governs) imposes, threatens or lifts a curfew, a state of
    emergency or martial law."""
    inner: Coded | None = coded
    while inner is not None:
        if inner.code in PUBLIC_RESTRICTIONS:
            return True
        inner = inner.inner
    return False


def _as_people(mention: Mention) -> Mention:
    """A country's people, where a country's name or adjective stands for them ("Iraqi Kurds
    demonstrated", "a curfew in Haiti"); other mentions as they are."""
    if mention.kind not in ("adjective", "country", "seat") or mention.ref.country is None:
        return mention
    ref = actor_ref("civilians", mention.ref.country, CIVILIANS)
    return replace(mention, ref=ref)


def _who_must_comply(coded: Coded, ctx: _Context, sources: Sequence[Mention]) -> list[Mention]:
    """The actors a threat's condition names as its subject ("unless Israel rescinded ...")."""
    subjects = [
        s
        for verb in chain(coded)
        for clause in condition_clauses(verb, ctx.words)
        for s in clause.children
        if s.dep_ in ("nsubj", "nsubjpass")
    ]
    return [m for m in actors_of(subjects, ctx.mentions) if all(m.ref != s.ref for s in sources)]


# Words for a share of a group: "one third of the guerrillas", "hundreds of fighters".
_SHARES = frozenset(
    {"half", "third", "quarter", "most", "some", "many", "all", "hundred", "thousand", "dozen"}
)


def _forces_named(head: Token, ctx: _Context) -> list[Mention]:
    """The armed group a phrase names as people, itself or a share of it ("one third of the
    guerrillas"); not its weapons ("IRA weaponry had been decommissioned")."""
    if head.lemma_.lower() in _SHARES:
        head = next(
            (g for c in head.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"), head
        )
    mention = ctx.mentions.get(head.i)
    return [mention] if mention is not None else []


def _only_their_land(targets: Sequence[Mention], sources: Sequence[Mention]) -> bool:
    """Whether every target is only the name of the sources' own country (a place)."""
    own = {m.ref.country for m in sources}
    return bool(targets) and all(m.kind in ("country", "seat") and m.ref.country in own for m in targets)


def _their_government(trigger: Token, sources: Sequence[Mention]) -> list[Mention]:
    """The government of the protesters' own country."""
    countries = {m.ref.country for m in sources if m.ref.role is not None and m.ref.role not in STATE_ROLES}
    if len(countries) != 1 or None in countries:
        return []
    (country,) = countries
    return [_inferred(trigger, actor_ref("government", country, "GOV"))]


def _elaborations(trigger: Token, code: str) -> set[int]:
    """Participles that describe the same act of force again ("jets struck Gaza overnight,
    bombing a school"): one strike told with two verbs is one event."""
    if cameo_root(code) < FORCE_ROOT:
        return set()
    return {
        c.i
        for c in trigger.children
        if c.dep_ == "advcl"
        and c.tag_ == "VBG"
        and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
    }


def _passive(verb: Token) -> bool:
    return verb.pos_ in ("VERB", "AUX") and any(c.dep_ == "auxpass" for c in verb.children)


def _agentless_passive(verb: Token) -> bool:
    children = list(verb.children)
    return any(c.dep_ == "auxpass" for c in children) and not any(c.dep_ == "agent" for c in children)


def _counterparts(party: Mention | None, parties: Sequence[Mention]) -> list[Mention]:
    """Whom one of several parties named together acts towards: the others, but when they are
    of several countries, not the members of its own country's delegation ("attended by Greek
    prime minister A and energy minister B, and Cypriot president C": A and B are one side)."""
    others = [m for m in parties if m is not party]
    countries = {m.ref.country for m in parties}
    if party is None or party.ref.country is None or len(countries) < 2:
        return others
    return [m for m in others if m.ref.country != party.ref.country]


def _other_actor(source: Mention | None, target: Mention, code: str) -> bool:
    """Whether a target is an actor besides the source: civilians attacked or arrested are,
    even by their own country's people ("a gunman shot shoppers")."""
    if source is None:
        return True
    if target.ref.role == CIVILIANS and cameo_root(code) >= COERCION_ROOT and target.start != source.start:
        return True
    return not same_actor(source.ref, target.ref, two_people=_people(source, target))


def _others(sources: Sequence[Mention], targets: Sequence[Mention], code: str) -> bool:
    """Whether any target is an actor besides the sources."""
    givers: list[Mention | None] = [*sources] or [None]
    return any(_other_actor(s, t, code) for s in givers for t in targets)


def _placed_actor(actor: ActorRef | None) -> bool:
    return actor is not None and bool(actor.country or actor.code)


def _people(a: Mention | None, b: Mention) -> bool:
    return a is not None and a.kind == "person" and b.kind == "person"


def _dedupe(events: list[Event]) -> list[Event]:
    seen: set[tuple[object, ...]] = set()
    out: list[Event] = []
    for event in events:
        key = (event.trigger, event.source, event.target, event.cameo)
        if key not in seen:
            seen.add(key)
            out.append(event)
    return out
