"""Positions and shifts: where each actor stands on each issue, and who moved, from events and quotes.

``derive_positions`` reads only the records the other components produced (events, quotes)
and the article text, never the parse, so it can be re-run over a store after a lexicon
change. The rules, all driven by ``position_lexicon.yaml``:

* An event's CAMEO code gives the **stance** (an offer or acceptance is ``for``, a
  rejection ``against``, a threat on a condition ``conditional``, halting something is
  ``against`` it unless negated: "had not given up its role" is ``for``).
* The **issue** is the issue term nearest after the trigger, else the offer a rejection
  answers (the nearest earlier ``for`` position of the rejected actor: "rejected the
  Russian proposal"), else the issue the code names, else a term before the trigger
  (passives: "the truce was rejected by ...").
* Agreements two parties make together ("X and Y agreed on a border") are no one's stance.
* A demand made "a precondition for" something is ``conditional`` on the demand, for the
  issue that follows the cue; "aid was contingent on X" makes the issue before the cue
  ``conditional`` on X; a conditional event's condition is its if/unless clause.
* Events only claimed by others (speculation, analysts, a quote by another country's
  speaker), hypothetical acts, background events dated months before publication and
  actors the tables could not place (no country, no code) give no position.
* A speaker's own quoted words with a stance word ("called the deal 'null and void'") give
  a position on the issue named in or just before the quote.
* A **shift** is two positions of one actor on one issue with different stances, in text
  order, where the later sentence has a cue ("walked back", "clarified", a reaffirmed
  commitment after a conditional threat, "reversed") or the later position is dated later.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, cast

from parley.errors import ConfigError
from parley.nlp.datafile import read_yaml
from parley.records import (
    ISSUES,
    STANCES,
    ActorRef,
    Event,
    Issue,
    Position,
    Quote,
    Shift,
    ShiftKind,
    Span,
    Stance,
)

ENV_VAR = "PARLEY_POSITION_LEXICON"
CODE_STANCES = frozenset({*STANCES, "threat", "halt"})
CUE_KEYS = ("offers", "conditions", "preconditions", "dependencies", "walk_back", "reaffirm", "reversal")
# Cue kinds read from `quote_stances`: the stance a speaker's own words take.
QUOTE_CUES = {"for": "quote_for", "against": "quote_against"}
# How far after a trigger an issue term may be and still be the event's object.
ISSUE_WINDOW = 80
# Codes of acts that two parties do together when they share a trigger: agreeing, settling, signing.
JOINT_CODES = ("030", "031", "037", "057")
# How far from a stance word in a quote an issue term may be.
QUOTE_WINDOW = 60
# Events dated this long before publication are background ("in 2007 the US levied
# sanctions"), not where the actor stands now.
BACKGROUND = dt.timedelta(days=92)
# Order of stances from most to least accommodating, for naming a shift without a cue.
_OPENNESS = {"for": 2, "conditional": 1, "against": 0}
_CLAUSE_END = re.compile(r"[;:.!?]|,\s|\s[-–—]\s|\s(?:but|while|whereas|although)\s")
_NEGATION = re.compile(r"\b(?:not|never|no)\b|n't", re.IGNORECASE)
_LEADING_WORDS = re.compile(r"^(?:that|for|of|on|to|the\s+demand\s+that)\s+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class CodeRule:
    """The stance an event of a CAMEO code takes, and the issue the code itself names."""

    stance: str
    issue: str | None = None


def _pattern(terms: Iterable[str]) -> re.Pattern[str] | None:
    parts = sorted({t.strip().lower() for t in terms if t.strip()}, key=len, reverse=True)
    if not parts:
        return None
    alternatives = []
    for term in parts:
        body = r"\s+".join(re.escape(word).replace(r"\*", r"\w*") for word in term.split())
        alternatives.append(body)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class PositionLexicon:
    """Issue terms, code stances and cue words, compiled once into patterns."""

    issues: Mapping[str, tuple[str, ...]]
    codes: Mapping[str, CodeRule]
    cues: Mapping[str, tuple[str, ...]]
    _issue_re: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    _issue_names: tuple[str, ...] = field(init=False, repr=False, compare=False)
    _cue_res: dict[str, re.Pattern[str] | None] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        names = tuple(self.issues)
        groups = []
        for i, issue in enumerate(names):
            pattern = _pattern(self.issues[issue])
            if pattern is not None:
                groups.append(f"(?P<i{i}>{pattern.pattern})")
        issue_re = re.compile("|".join(groups), re.IGNORECASE) if groups else None
        object.__setattr__(self, "_issue_names", names)
        object.__setattr__(self, "_issue_re", issue_re)
        keys = (*CUE_KEYS, *QUOTE_CUES.values())
        object.__setattr__(self, "_cue_res", {key: _pattern(self.cues.get(key, ())) for key in keys})

    def issues_in(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
        """(start, end, issue) of every issue term in ``text[start:end]``, offsets into ``text``."""
        if self._issue_re is None:
            return []
        found = []
        for match in self._issue_re.finditer(text, start, len(text) if end is None else end):
            group = match.lastgroup or ""
            found.append((match.start(), match.end(), self._issue_names[int(group[1:])]))
        return found

    def cue(self, key: str, text: str, start: int = 0, end: int | None = None) -> re.Match[str] | None:
        """The first cue of kind ``key`` (see CUE_KEYS) in ``text[start:end]``."""
        pattern = self._cue_res.get(key)
        if pattern is None:
            return None
        return pattern.search(text, start, len(text) if end is None else end)

    def code_rule(self, code: str) -> CodeRule | None:
        """The rule of the longest listed prefix of ``code``."""
        for length in range(len(code), 1, -1):
            rule = self.codes.get(code[:length])
            if rule is not None:
                return rule
        return None


@dataclass(frozen=True, slots=True)
class PositionOptions:
    """How positions are derived: the lexicon (None: the built-in one plus PARLEY_POSITION_LEXICON)
    and whether positions on no recognised issue are kept as issue ``other``."""

    lexicon: PositionLexicon | None = None
    keep_other: bool = False


def builtin_path() -> Path:
    """The built-in position lexicon file."""
    return Path(str(resources.files("parley.nlp").joinpath("position_lexicon.yaml")))


@cache
def default_lexicon() -> PositionLexicon:
    """The built-in lexicon, extended by the file named in ``PARLEY_POSITION_LEXICON`` if set."""
    return load_lexicon(os.environ.get(ENV_VAR) or None)


def load_lexicon(extra: str | Path | None = None) -> PositionLexicon:
    """The built-in lexicon, extended (or replaced, with ``replace: true``) by the file ``extra``."""
    base = _read(builtin_path())
    issues = _issues(base, builtin_path())
    codes = _codes(base, builtin_path())
    cues = _cues(base, builtin_path())
    if extra is not None:
        path = Path(extra)
        data = _read(path)
        if data.get("replace") is True:
            issues, codes, cues = {}, {}, {}
        for issue, terms in _issues(data, path).items():
            issues[issue] = issues.get(issue, ()) + terms
        codes.update(_codes(data, path))
        for key, words in _cues(data, path).items():
            cues[key] = cues.get(key, ()) + words
    return PositionLexicon(issues=issues, codes=codes, cues=cues)


def _read(path: Path) -> dict[str, Any]:
    data = read_yaml(path, "position lexicon")
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the position lexicon must be a mapping with issues, codes and cue lists")
    return data


def _words(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{where}: expected a list of words")
    return tuple(v.strip().lower() for v in value)


def _issues(data: Mapping[str, Any], path: Path) -> dict[str, tuple[str, ...]]:
    raw = data.get("issues") or {}
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: issues: expected a mapping of issue to terms")
    found = {}
    for issue, terms in raw.items():
        if issue not in ISSUES:
            raise ConfigError(f"{path}: issues: unknown issue {issue!r} (one of {', '.join(ISSUES)})")
        found[str(issue)] = _words(terms, f"{path}: issues: {issue}")
    return found


def _codes(data: Mapping[str, Any], path: Path) -> dict[str, CodeRule]:
    raw = data.get("codes") or {}
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: codes: expected a mapping of CAMEO code to stance")
    found = {}
    for code, value in raw.items():
        where = f"{path}: codes: {code}"
        if not isinstance(code, str) or not code.isdigit() or not 2 <= len(code) <= 4:
            raise ConfigError(f"{where}: a CAMEO code prefix is 2-4 digits in quotes")
        if not isinstance(value, dict) or value.get("stance") not in CODE_STANCES:
            raise ConfigError(f"{where}: stance must be one of {', '.join(sorted(CODE_STANCES))}")
        issue = value.get("issue")
        if issue is not None and issue not in ISSUES:
            raise ConfigError(f"{where}: unknown issue {issue!r}")
        found[code] = CodeRule(stance=value["stance"], issue=issue)
    return found


def _cues(data: Mapping[str, Any], path: Path) -> dict[str, tuple[str, ...]]:
    cues = {key: _words(data[key], f"{path}: {key}") for key in CUE_KEYS if key in data}
    stances = data.get("quote_stances") or {}
    if not isinstance(stances, dict) or not set(stances) <= set(QUOTE_CUES):
        raise ConfigError(f"{path}: quote_stances: expected a mapping of for/against to words")
    for stance, words in stances.items():
        cues[QUOTE_CUES[stance]] = _words(words, f"{path}: quote_stances: {stance}")
    return cues


def actor_key(actor: ActorRef) -> str:
    """What makes two positions the same actor's: the country, or the name of an actor without one."""
    return actor.country or actor.name


def shift_kind(before: str, after: str) -> str:
    """The kind of a change of stance with no cue: ``reversal`` (for <-> against), else which way it went."""
    if {before, after} == {"for", "against"}:
        return "reversal"
    return "softening" if _OPENNESS[after] > _OPENNESS[before] else "hardening"


def derive_positions(
    text: str,
    events: Sequence[Event],
    quotes: Sequence[Quote] = (),
    options: PositionOptions | None = None,
    published: dt.date | None = None,
) -> tuple[list[Position], list[Shift]]:
    """The positions the events of an article state, and the shifts between them.

    ``published`` is the article's date: events dated long before it are background.
    """
    options = options or PositionOptions()
    lexicon = options.lexicon or default_lexicon()
    positions: list[Position] = []
    index: dict[tuple[str, str, str, Span], int] = {}
    order = sorted(range(len(events)), key=lambda i: (events[i].sentence[0], events[i].trigger[0]))
    joint = _joint_acts(events)
    latest: dict[tuple[str, str], int] = {}
    for i in order:
        date = events[i].date
        if published is not None and date is not None and date < published - BACKGROUND:
            continue
        if i in joint:
            continue
        position = _position(text, events[i], i, quotes, positions, lexicon, options)
        if position is None:
            continue
        side = (actor_key(position.actor), position.issue)
        key = (*side, position.stance, position.sentence)
        said = latest.get(side)
        if said is not None and key not in index and positions[said].stance == position.stance:
            # "Zelensky rejected the proposal. ... He labeled it manipulation.": a stance told
            # again with no change between is one position, found where it was first stated.
            index[key] = said
        if key in index:
            earlier = positions[index[key]]
            positions[index[key]] = _merge(earlier, position)
            continue
        index[key] = latest[side] = len(positions)
        positions.append(position)
    taken = {(actor_key(p.actor), p.sentence) for p in positions}
    sentences = sorted({e.sentence for e in events})
    for i, quote in enumerate(quotes):
        position = _quote_position(text, quote, i, sentences, lexicon)
        if position is not None and (actor_key(position.actor), position.sentence) not in taken:
            taken.add((actor_key(position.actor), position.sentence))
            positions.append(position)
    positions.sort(key=lambda p: p.sentence)
    return positions, derive_shifts(text, positions, lexicon)


def _joint_acts(events: Sequence[Event]) -> set[int]:
    """Agreements that parties make together ("Turkey and Libya agreed on a border"): one trigger
    with several sources and no target outside them. The process timeline shows them as
    agreements; they are not either party's stance."""
    parties: dict[Span, set[str]] = {}
    for e in events:
        if e.source is not None and e.cameo.startswith(JOINT_CODES):
            parties.setdefault(e.trigger, set()).add(actor_key(e.source))
    return {
        i
        for i, e in enumerate(events)
        if len(parties.get(e.trigger, ())) > 1
        and (e.target is None or actor_key(e.target) in parties[e.trigger])
    }


def _merge(earlier: Position, later: Position) -> Position:
    return Position(
        actor=earlier.actor,
        issue=earlier.issue,
        stance=earlier.stance,
        sentence=earlier.sentence,
        condition=earlier.condition or later.condition,
        date=earlier.date or later.date,
        quotes=tuple(sorted({*earlier.quotes, *later.quotes})),
        events=tuple(sorted({*earlier.events, *later.events})),
        answers=earlier.answers if earlier.answers is not None else later.answers,
        confidence=max(earlier.confidence, later.confidence),
        rule=earlier.rule,
    )


def _is_party(actor: ActorRef) -> bool:
    """Whether an actor can take sides in a process: a state's actor, an IGO or a known group,
    not a person the actor tables could not place."""
    return bool(actor.country or actor.code)


MEDIA = "MED"


def _claimed_by_others(event: Event, quotes: Sequence[Quote]) -> bool:
    """Whether nobody speaking for the event's source asserts it (speculation, another side's claim)."""
    if not event.reported:
        return False
    if event.quote_index is None or not 0 <= event.quote_index < len(quotes):
        return True
    speaker = quotes[event.quote_index].speaker
    source = event.source
    if speaker is None or source is None:
        return speaker is None
    if speaker.role == MEDIA:
        return False  # "NPR reported X recommended ...": the news tells what X did
    return bool(speaker.country and source.country and speaker.country != source.country)


def _position(
    text: str,
    event: Event,
    number: int,
    quotes: Sequence[Quote],
    earlier: Sequence[Position],
    lexicon: PositionLexicon,
    options: PositionOptions,
) -> Position | None:
    if event.source is None or not _is_party(event.source) or _claimed_by_others(event, quotes):
        return None
    code_rule = lexicon.code_rule(event.cameo)
    start, end = event.sentence
    trigger = event.trigger[0]
    dependency = lexicon.cue("dependencies", text, start, end)
    if code_rule is None and dependency is None:
        return None
    # Intents (CAMEO 03x) are coded from future and modal forms ("will provide", "is ready to"),
    # so a hypothetical intent is still a stated stance; other hypothetical acts are not.
    if event.hypothetical and not event.conditional and not event.cameo.startswith("03"):
        return None
    stance, condition, rule = _stance(text, event, code_rule, lexicon)
    if stance is None:
        return None
    issue: str | None = None
    answers: int | None = None
    object_end = _object_end(text, event, lexicon)
    precondition = lexicon.cue("preconditions", text, trigger, end)
    if precondition is not None:
        stance, rule = "conditional", "precondition"
        condition = _clause(text, event.trigger[1], precondition.start())
        issue = _first_issue(lexicon, text, precondition.end(), min(end, precondition.end() + ISSUE_WINDOW))
    elif dependency is not None:
        before = lexicon.issues_in(text, start, dependency.start())
        if before:
            stance, rule = "conditional", "dependency"
            issue = before[-1][2]
            stop = _CLAUSE_END.search(text, dependency.end(), end)
            condition = _clause(text, dependency.end(), stop.start() if stop else end)
        elif code_rule is None:
            return None
    if issue is None:
        issue = _object_issue(lexicon, text, event)
    if issue is None and stance == "against" and lexicon.cue("offers", text, trigger, object_end):
        answers = _answered(event, earlier)
        if answers is not None:
            issue, rule = earlier[answers].issue, "rejects-offer"
    if issue is None and code_rule is not None:
        issue = code_rule.issue
    if issue is None:
        before = lexicon.issues_in(text, start, trigger)
        issue = before[-1][2] if before else None
    if issue is None:
        if not options.keep_other:
            return None
        issue = "other"
    return Position(
        actor=event.source,
        issue=cast(Issue, issue),
        stance=cast(Stance, stance),
        sentence=event.sentence,
        condition=condition or None,
        date=event.date,
        quotes=(event.quote_index,) if event.quote_index is not None else (),
        events=(number,),
        answers=answers,
        confidence=round(event.confidence * (0.9 if issue != "other" else 0.5), 3),
        rule=f"{rule}:{event.rule}" if event.rule else rule,
    )


def _quote_position(
    text: str, quote: Quote, number: int, sentences: Sequence[Span], lexicon: PositionLexicon
) -> Position | None:
    """A position a speaker's own quoted words take ("calling the border deal 'null and void'")."""
    if quote.speaker is None or not _is_party(quote.speaker) or quote.kind == "indirect":
        # Reported speech is often about what someone else did ("said X rejected the deal").
        return None
    found = [(stance, lexicon.cue(key, text, quote.start, quote.end)) for stance, key in QUOTE_CUES.items()]
    # "against" words are checked first: "rejected ... and welcomed" is rarer than the reverse.
    hits = [(stance, cue) for stance, cue in reversed(found) if cue is not None]
    if not hits:
        return None
    stance, cue = hits[0]
    if _NEGATION.search(text, max(quote.start, cue.start() - 12), cue.start()):
        return None
    sentence = _sentence_of(text, quote.start, quote.end, sentences)
    near = (max(quote.start, cue.start() - QUOTE_WINDOW), min(quote.end, cue.end() + QUOTE_WINDOW))
    issue = _first_issue(lexicon, text, *near)
    if issue is None:
        before = lexicon.issues_in(text, sentence[0], quote.start)
        issue = before[-1][2] if before else _first_issue(lexicon, text, quote.end, sentence[1])
    if issue is None:
        return None
    return Position(
        actor=quote.speaker,
        issue=cast(Issue, issue),
        stance=cast(Stance, stance),
        sentence=sentence,
        quotes=(number,),
        confidence=0.5,
        rule=f"quote-{stance}",
    )


def _sentence_of(text: str, start: int, end: int, sentences: Sequence[Span]) -> Span:
    """The event sentence holding ``text[start:end]``, else the span between sentence ends around it."""
    for sentence in sentences:
        if sentence[0] <= start and end <= sentence[1]:
            return sentence
    before = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    after = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    return (before + 1 if before >= 0 else 0, min(after) + 1 if after else len(text))


def _stance(
    text: str, event: Event, code_rule: CodeRule | None, lexicon: PositionLexicon
) -> tuple[str | None, str | None, str]:
    """(stance, condition, rule name) an event takes by its code and flags."""
    if code_rule is None:
        return "for", None, "dependency"
    stance = code_rule.stance
    condition = _condition(text, event, lexicon) if event.conditional else None
    if stance == "threat":
        return ("conditional", condition, "conditional-threat") if event.conditional else (None, None, "")
    if stance == "halt":
        return ("for", None, "negated-halt") if event.negated else ("against", None, "halt")
    if event.negated:
        return None, None, ""
    if event.conditional:
        return "conditional", condition, f"conditional-{stance}"
    return stance, None, stance


def _condition(text: str, event: Event, lexicon: PositionLexicon) -> str | None:
    """The words of the if/unless clause in the event's sentence."""
    start, end = event.sentence
    cue = lexicon.cue("conditions", text, start, end)
    if cue is None:
        return None
    clause_end = end
    if cue.start() > event.trigger[0]:
        stop = _CLAUSE_END.search(text, cue.end(), end)
        clause_end = stop.start() if stop else end
    else:
        comma = text.find(",", cue.end(), end)
        clause_end = comma if comma >= 0 else end
    return _clause(text, cue.end(), clause_end) or None


def _clause(text: str, start: int, end: int) -> str:
    words = text[start:end].strip(" ,;:.!?-–—\n\"“”'")
    return _LEADING_WORDS.sub("", words).strip()


def _object_end(text: str, event: Event, lexicon: PositionLexicon) -> int:
    """Where the words about the event's object end: before its condition, within a window."""
    end = min(event.sentence[1], event.trigger[1] + ISSUE_WINDOW)
    condition = lexicon.cue("conditions", text, event.trigger[1], end)
    return condition.start() if condition else end


def _previous_sentence(text: str, start: int) -> int:
    """Where the sentence before the one at ``start`` begins (after the previous full stop)."""
    stop = max(text.rfind(". ", 0, max(0, start - 2)), text.rfind("\n", 0, max(0, start - 1)))
    return stop + 1 if stop >= 0 else 0


def _object_issue(lexicon: PositionLexicon, text: str, event: Event) -> str | None:
    """The first issue term after the trigger, within the window, outside any condition clause
    ("said if the goal is peace, foreign powers should get out" is about withdrawal, not peace).

    The trigger itself does not count: "withdrew from the bloc" or "withdraw a bill" is no
    troop withdrawal; codes that are about an issue ("0874" retreat) name it themselves.
    """
    start, end = event.trigger[1], min(event.sentence[1], event.trigger[1] + ISSUE_WINDOW)
    cue = lexicon.cue("conditions", text, event.trigger[1], end)
    if cue is None:
        return _first_issue(lexicon, text, start, end)
    clause_end = _CLAUSE_END.search(text, cue.end(), event.sentence[1])
    skip_to = clause_end.end() if clause_end else event.sentence[1]
    return _first_issue(lexicon, text, start, cue.start()) or _first_issue(
        lexicon, text, skip_to, min(event.sentence[1], skip_to + ISSUE_WINDOW)
    )


def _first_issue(lexicon: PositionLexicon, text: str, start: int, end: int) -> str | None:
    found = lexicon.issues_in(text, start, end)
    return found[0][2] if found else None


def _answered(event: Event, earlier: Sequence[Position]) -> int | None:
    """The nearest earlier ``for`` position of the actor a rejection answers."""
    source = actor_key(event.source) if event.source else None
    target = actor_key(event.target) if event.target else None
    for i in range(len(earlier) - 1, -1, -1):
        position = earlier[i]
        key = actor_key(position.actor)
        if position.stance != "for" or key == source:
            continue
        if target is None or key == target:
            return i
    return None


def derive_shifts(
    text: str, positions: Sequence[Position], lexicon: PositionLexicon | None = None
) -> list[Shift]:
    """Shifts between consecutive positions of one actor on one issue within an article."""
    lexicon = lexicon or default_lexicon()
    last: dict[tuple[str, str], int] = {}
    shifts = []
    for i, position in enumerate(positions):
        key = (actor_key(position.actor), position.issue)
        before = last.get(key)
        last[key] = i
        if before is None or positions[before].stance == position.stance:
            continue
        shift = shift_between(text, positions[before], position, lexicon)
        if shift is not None:
            kind, cue = shift
            shifts.append(
                Shift(
                    actor=position.actor,
                    issue=position.issue,
                    from_stance=positions[before].stance,
                    to_stance=position.stance,
                    kind=cast(ShiftKind, kind),
                    positions=(before, i),
                    cue=cue,
                    date=position.date,
                )
            )
    return shifts


def shift_between(
    text: str,
    before: Position,
    after: Position,
    lexicon: PositionLexicon | None = None,
    *,
    dated: bool = True,
) -> tuple[str, Span | None] | None:
    """(kind, cue span) of the change from ``before`` to ``after`` (``after``'s sentence is in
    ``text``), or None when nothing says the stance changed rather than two sides of one stance
    being reported. ``dated``: a later date alone is evidence of a change."""
    lexicon = lexicon or default_lexicon()
    start, end = after.sentence
    if before.sentence[1] <= start:
        # The cue may open the story of the change a sentence earlier ("The ministry walked
        # back the remark. It said Ukraine remains committed to the talks.").
        start = max(before.sentence[1], _previous_sentence(text, start))
    cue = lexicon.cue("walk_back", text, start, end)
    if cue is not None:
        return "walk-back", cue.span()
    cue = lexicon.cue("reaffirm", text, start, end)
    if cue is not None and before.stance == "conditional" and after.stance == "for":
        return "walk-back", cue.span()
    cue = lexicon.cue("reversal", text, start, end)
    if cue is not None:
        return "reversal", cue.span()
    if dated and before.date and after.date and after.date > before.date:
        return shift_kind(before.stance, after.stance), None
    return None
