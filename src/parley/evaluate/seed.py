"""Scoring one analysis against a seed-format gold file, by the rules in ../shared/corpus/README.md.

Everything here is a pure function of two plain dicts: the gold file's JSON and one
analysis-contract object (``Analysis.to_dict``). The rules, as implemented:

Quotes
    A returned quote *matches* a gold quote when the two overlap on at least half of the
    gold text's characters. Both sides are folded first (case, quote marks, whitespace)
    and trimmed of surrounding quotation marks and trailing punctuation. The overlap is
    measured in the article: the gold text is located at each of its occurrences in
    ``result["text"]`` and intersected with the returned quote's ``start``/``end`` span
    (the best occurrence counts). When the gold text cannot be located, or the returned
    span is unusable, the overlap is the longest common substring of the two texts.
    Matching is one-to-one and greedy: candidate pairs are taken in order of their
    character Jaccard similarity, so a long returned quote that also contains a short gold
    phrase is paired with the long gold quote it really is.

    A match is *attributed right* when the returned speaker is acceptable:

    * gold speaker null: the quote is left unattributed, or its speaker is one of
      ``speaker_alternatives``;
    * otherwise the returned speaker's name equals the gold speaker or one of
      ``speaker_alternatives`` (case-insensitive), or is the gold name's surname while
      the full gold name does not occur anywhere in the article;
    * a gold speaker with ``speaker_country`` is a state speaking through a place or an
      institution ("Moscow announced"); any returned speaker of that country whose role is
      GOV or unset stands for the same state ("Russia", "the Kremlin", "Moscow").

    Recall counts required gold quotes matched and attributed right; precision counts
    returned quotes matched (to any gold quote, required or not) and attributed right.

    Scope: a gold file's quotes are "the exact quoted words" inside quotation marks, so
    unless some gold quote has ``"kind": "indirect"``, returned quotes of kind
    ``indirect`` (reported speech without marks) are outside what the gold annotates:
    they are counted as ``out_of_scope`` and left out of precision.

Events
    A returned event matches a gold event when its sentence (``text[s:e]``, folded, with
    double quotation marks dropped) contains the gold ``sentence``, its source country
    equals the gold source, its target country is in the gold ``target`` list (a JSON null
    in the list, or a null list, accepts no target; a target actor without a country
    counts as no country), and its ``cameo_root`` is in the gold ``cameo_root``. Recall
    counts required gold events matched by any returned event; precision counts returned
    events that match any gold event. For matched required gold events that state
    ``conditional`` or ``date``, the best-agreeing matching event's flag is reported.

Actors
    A gold actor mention is found when some returned actor has a mention span whose text
    contains the gold mention and has the gold country and, unless the gold role is null,
    the gold role.

Clean
    Title and outlet equal, the body starts and ends with the given text, and contains
    none of the excluded strings; case counts here, spacing and quote-mark style do not.

P, R and F1 follow :class:`Counts`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from parley.evaluate.normalise import (
    Folded,
    core_bounds,
    fold,
    folded,
    longest_common_substring,
    occurrences,
    quote_core,
)
from parley.ontology.cameo import cameo_root

JSON = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Counts:
    """The four counts behind precision and recall of one kind of item.

    ``returned``/``right``: items the analysis returned, and those that are right.
    ``required``/``found``: required gold items, and those the analysis got.
    When nothing was required, recall is 1; when nothing was returned, precision is 1 if
    nothing was required either and 0 otherwise. F1 is 0 when P + R is 0.
    """

    returned: int = 0
    right: int = 0
    required: int = 0
    found: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.returned + other.returned,
            self.right + other.right,
            self.required + other.required,
            self.found + other.found,
        )

    @property
    def precision(self) -> float:
        if self.returned:
            return self.right / self.returned
        return 1.0 if self.required == 0 else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.required if self.required else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "returned": self.returned,
            "right": self.right,
            "required": self.required,
            "found": self.found,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass(frozen=True, slots=True)
class Miss:
    """A required gold item the analysis did not get right, and why."""

    gold_index: int
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class FalsePositive:
    """A returned item that is not right, and why."""

    returned_index: int
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class QuotePair:
    """A returned quote paired with a gold quote."""

    gold_index: int
    returned_index: int
    gold_text: str
    returned_text: str
    overlap: float  # share of the gold text's characters the returned quote covers
    gold_speaker: str | None
    returned_speaker: str | None
    required: bool
    attributed_right: bool


@dataclass(frozen=True, slots=True)
class QuoteScore:
    """How the quotes of one analysis compare with the gold quotes."""

    counts: Counts
    pairs: tuple[QuotePair, ...] = ()
    misses: tuple[Miss, ...] = ()
    false_positives: tuple[FalsePositive, ...] = ()
    out_of_scope: int = 0  # indirect quotes against a gold file that annotates none

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.counts.to_dict(),
            "out_of_scope": self.out_of_scope,
            "pairs": [asdict(p) for p in self.pairs],
            "misses": [asdict(m) for m in self.misses],
            "false_positives": [asdict(f) for f in self.false_positives],
        }


@dataclass(frozen=True, slots=True)
class EventMatch:
    """A returned event and the gold events it matches."""

    returned_index: int
    text: str
    gold_indices: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class FlagCheck:
    """Whether a matched required event agrees with the gold on ``conditional`` or ``date``."""

    gold_index: int
    flag: str  # "conditional" or "date"
    expected: bool | str | None
    got: bool | str | None

    @property
    def agrees(self) -> bool:
        return self.expected == self.got

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "agrees": self.agrees}


@dataclass(frozen=True, slots=True)
class EventScore:
    """How the events of one analysis compare with the gold events."""

    counts: Counts
    matches: tuple[EventMatch, ...] = ()
    misses: tuple[Miss, ...] = ()
    false_positives: tuple[FalsePositive, ...] = ()
    flags: tuple[FlagCheck, ...] = ()

    def flag_counts(self, flag: str) -> tuple[int, int]:
        """(agreeing, checked) for one flag over the matched required events."""
        checks = [c for c in self.flags if c.flag == flag]
        return sum(c.agrees for c in checks), len(checks)

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.counts.to_dict(),
            "matches": [asdict(m) for m in self.matches],
            "misses": [asdict(m) for m in self.misses],
            "false_positives": [asdict(f) for f in self.false_positives],
            "flags": [c.to_dict() for c in self.flags],
        }


@dataclass(frozen=True, slots=True)
class ActorCheck:
    """Whether one gold actor mention resolved to the gold country and role."""

    mention: str
    country: str | None
    role: str | None
    found: bool
    got: str  # what the analysis made of the mention, for debugging


@dataclass(frozen=True, slots=True)
class CleanCheck:
    """One cleaning check: a title, outlet, body start or end, or an excluded string."""

    check: str
    expected: str
    passed: bool
    got: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleScore:
    """Every score of one analysed article against its seed gold."""

    quotes: QuoteScore
    events: EventScore
    actors: tuple[ActorCheck, ...] = ()
    clean: tuple[CleanCheck, ...] = ()
    name: str = ""

    @property
    def actors_found(self) -> int:
        return sum(a.found for a in self.actors)

    @property
    def clean_passed(self) -> int:
        return sum(c.passed for c in self.clean)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "quotes": self.quotes.to_dict(),
            "events": self.events.to_dict(),
            "actors": {
                "found": self.actors_found,
                "total": len(self.actors),
                "checks": [asdict(a) for a in self.actors],
            },
            "clean": {
                "passed": self.clean_passed,
                "total": len(self.clean),
                "checks": [asdict(c) for c in self.clean],
            },
        }


def score_article(gold: JSON, result: JSON) -> ArticleScore:
    """Score one analysis-contract object against one seed-format gold dict."""
    text = str(result.get("text") or "")
    return ArticleScore(
        quotes=score_quotes(gold.get("quotes") or [], result.get("quotes") or [], text),
        events=score_events(gold.get("events") or [], result.get("events") or [], text),
        actors=check_actors(gold.get("actors") or [], result.get("actors") or [], text),
        clean=check_clean(gold.get("clean") or {}, result),
    )


# Quotes


@dataclass(slots=True)
class _Candidate:
    gold: int
    returned: int
    overlap: int
    jaccard: float
    right: bool


def score_quotes(gold: Sequence[JSON], returned: Sequence[JSON], text: str) -> QuoteScore:
    """Pair returned quotes with gold quotes one-to-one and count what is right."""
    scored = len(returned)
    if not any(g.get("kind") == "indirect" for g in gold):
        returned = [q for q in returned if q.get("kind") != "indirect"]
    out_of_scope = scored - len(returned)
    article = fold(text)
    cores = [quote_core(str(g["text"])) for g in gold]
    located = [occurrences(core, article.text) for core in cores]
    spans = [_folded_span(q, article, len(text)) for q in returned]
    texts = [quote_core(str(q.get("text") or "")) for q in returned]

    candidates: list[_Candidate] = []
    for i, g in enumerate(gold):
        if not cores[i]:
            continue
        for j, q in enumerate(returned):
            overlap, union = _overlap(located[i], spans[j], cores[i], texts[j])
            if overlap and 2 * overlap >= len(cores[i]):
                right = speaker_acceptable(g, q.get("speaker"), article.text)
                candidates.append(_Candidate(i, j, overlap, overlap / union, right))
    candidates.sort(key=lambda c: (-c.jaccard, not c.right, c.gold, c.returned))

    pair_of_gold: dict[int, _Candidate] = {}
    pair_of_returned: dict[int, _Candidate] = {}
    for c in candidates:
        if c.gold not in pair_of_gold and c.returned not in pair_of_returned:
            pair_of_gold[c.gold] = pair_of_returned[c.returned] = c

    pairs = tuple(
        QuotePair(
            gold_index=c.gold,
            returned_index=c.returned,
            gold_text=str(gold[c.gold]["text"]),
            returned_text=str(returned[c.returned].get("text") or ""),
            overlap=c.overlap / len(cores[c.gold]),
            gold_speaker=gold[c.gold].get("speaker"),
            returned_speaker=_name(returned[c.returned].get("speaker")),
            required=_required(gold[c.gold]),
            attributed_right=c.right,
        )
        for c in sorted(pair_of_gold.values(), key=lambda c: c.gold)
    )

    misses: list[Miss] = []
    for i, g in enumerate(gold):
        if not _required(g):
            continue
        paired = pair_of_gold.get(i)
        if paired is None:
            misses.append(Miss(i, str(g["text"]), "no returned quote covers half of it"))
        elif not paired.right:
            got = _name(returned[paired.returned].get("speaker")) or "nobody"
            misses.append(Miss(i, str(g["text"]), f"attributed to {got}, gold {_accepted(g)}"))

    false_positives: list[FalsePositive] = []
    for j, q in enumerate(returned):
        paired = pair_of_returned.get(j)
        if paired is not None and paired.right:
            continue
        speaker = _name(q.get("speaker")) or "nobody"
        if paired is None:
            reason = f"matches no gold quote (speaker {speaker})"
        else:
            reason = f"speaker {speaker}, gold {_accepted(gold[paired.gold])}"
        false_positives.append(FalsePositive(j, str(q.get("text") or ""), reason))

    counts = Counts(
        returned=len(returned),
        right=sum(c.right for c in pair_of_returned.values()),
        required=sum(_required(g) for g in gold),
        found=sum(_required(gold[i]) and c.right for i, c in pair_of_gold.items()),
    )
    return QuoteScore(counts, pairs, tuple(misses), tuple(false_positives), out_of_scope)


def speaker_acceptable(gold: JSON, speaker: JSON | None, article: str) -> bool:
    """Whether a returned speaker (or None) is right for a gold quote; ``article`` is the folded text."""
    name = _name(speaker)
    gold_name = gold.get("speaker")
    alternatives = [str(a) for a in gold.get("speaker_alternatives") or []]
    if name is None:
        return gold_name is None
    accepted = ([str(gold_name)] if gold_name is not None else []) + alternatives
    if any(same_speaker(name, a, article) for a in accepted):
        return True
    country = gold.get("speaker_country")
    return (
        gold_name is not None
        and country is not None
        and speaker is not None
        and speaker.get("country") == country
        and speaker.get("role") in (None, "GOV")
    )


def same_speaker(returned: str, gold: str, article: str) -> bool:
    """Whether a returned speaker name stands for a gold name; ``article`` is the folded article text.

    A surname alone is enough only when the article never gives the full name.
    """
    returned_f, gold_f = folded(returned), folded(gold)
    if returned_f == gold_f:
        return True
    words = gold_f.split()
    return len(words) > 1 and returned_f == words[-1] and gold_f not in article


def _folded_span(quote: JSON, article: Folded, length: int) -> tuple[int, int] | None:
    """A returned quote's span in folded coordinates, trimmed like the gold text; None if unusable."""
    start, end = quote.get("start"), quote.get("end")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= length):
        return None
    fs, fe = core_bounds(article.text, article.index(start), article.index(end))
    return (fs, fe) if fs < fe else None


def _overlap(
    located: list[tuple[int, int]], span: tuple[int, int] | None, gold_core: str, returned_core: str
) -> tuple[int, int]:
    """(overlap, union) in characters of a gold quote and a returned quote."""
    if located and span is not None:
        best = (0, 1)
        for start, end in located:
            inter = max(0, min(end, span[1]) - max(start, span[0]))
            union = (end - start) + (span[1] - span[0]) - inter
            if inter > best[0] or (inter == best[0] and union < best[1]):
                best = (inter, union)
        return best
    inter = longest_common_substring(gold_core, returned_core)
    return inter, max(1, len(gold_core) + len(returned_core) - inter)


def _accepted(gold: JSON) -> str:
    names = ([str(gold["speaker"])] if gold.get("speaker") is not None else []) + [
        str(a) for a in gold.get("speaker_alternatives") or []
    ]
    if gold.get("speaker") is None:
        names.insert(0, "no speaker")
    return " or ".join(names)


# Events


def score_events(gold: Sequence[JSON], returned: Sequence[JSON], text: str) -> EventScore:
    """Match every returned event against every gold event and count what is right."""
    sentences = [_sentence_text(e, text) for e in returned]
    differences = [[_differences(e, sentences[j], g) for g in gold] for j, e in enumerate(returned)]
    matched_gold = [[i for i, d in enumerate(row) if not d] for row in differences]

    matches = tuple(
        EventMatch(j, _describe(e, sentences[j], text), tuple(matched_gold[j]))
        for j, e in enumerate(returned)
        if matched_gold[j]
    )
    false_positives = tuple(
        FalsePositive(j, _describe(e, sentences[j], text), "matches no gold event")
        for j, e in enumerate(returned)
        if not matched_gold[j]
    )

    misses: list[Miss] = []
    flags: list[FlagCheck] = []
    found = 0
    for i, g in enumerate(gold):
        if not _required(g):
            continue
        hits = [returned[j] for j in range(len(returned)) if i in matched_gold[j]]
        if hits:
            found += 1
            flags.extend(_flag_checks(i, g, hits))
            continue
        near = [
            f"#{j} {'; '.join(differences[j][i])}"
            for j in range(len(returned))
            if "sentence" not in differences[j][i]
        ]
        wanted = f"gold {g.get('source')} -> {g.get('target')} root {g.get('cameo_root')}"
        reason = f"no event in this sentence ({wanted})"
        if near:
            reason = f"events in this sentence differ ({wanted}): {' | '.join(near)}"
        misses.append(Miss(i, str(g["sentence"]), reason))

    counts = Counts(
        returned=len(returned),
        right=len(matches),
        required=sum(_required(g) for g in gold),
        found=found,
    )
    return EventScore(counts, matches, tuple(misses), false_positives, tuple(flags))


def _sentence_text(event: JSON, text: str) -> str:
    span = event.get("sentence")
    if isinstance(span, Sequence) and len(span) == 2 and all(isinstance(x, int) for x in span):
        return text[span[0] : span[1]]
    return ""


def _differences(event: JSON, sentence: str, gold: JSON) -> list[str]:
    """Why a returned event does not match a gold event; empty when it matches."""
    if folded(str(gold["sentence"]), drop_quotes=True) not in folded(sentence, drop_quotes=True):
        return ["sentence"]
    out: list[str] = []
    source = _country(event.get("source"))
    if source != gold.get("source"):
        out.append(f"source {source} is not {gold.get('source')}")
    targets = gold.get("target")
    accepted = list(targets) if targets is not None else [None]
    target = _country(event.get("target"))
    if target not in accepted:
        out.append(f"target {target} not in {accepted}")
    root = _root(event)
    if root not in list(gold.get("cameo_root") or []):
        out.append(f"root {root} not in {list(gold.get('cameo_root') or [])}")
    return out


def _flag_checks(index: int, gold: JSON, hits: Sequence[JSON]) -> list[FlagCheck]:
    """The conditional/date checks of a matched gold event, taken from its best-agreeing match."""
    flags = [f for f in ("conditional", "date") if f in gold]
    if not flags:
        return []
    best = max(hits, key=lambda e: sum(_flag(e, f) == gold[f] for f in flags))
    return [FlagCheck(index, f, gold[f], _flag(best, f)) for f in flags]


def _flag(event: JSON, flag: str) -> bool | str | None:
    value = event.get(flag)
    if flag == "conditional":
        return bool(value)
    return str(value) if value is not None else None


def _describe(event: JSON, sentence: str, text: str) -> str:
    trigger = event.get("trigger")
    word = ""
    if isinstance(trigger, Sequence) and len(trigger) == 2 and all(isinstance(x, int) for x in trigger):
        word = f" [{text[trigger[0] : trigger[1]]}]"
    return (
        f"{_country(event.get('source'))} -> {_country(event.get('target'))} "
        f"{event.get('cameo') or _root(event)}{word}: {' '.join(sentence.split())}"
    )


def _root(event: JSON) -> str | None:
    root = event.get("cameo_root")
    if root:
        return str(root)
    cameo = event.get("cameo")
    return cameo_root(str(cameo)) if cameo else None


# Actors and cleaning


def check_actors(gold: Sequence[JSON], returned: Sequence[JSON], text: str) -> tuple[ActorCheck, ...]:
    """For each gold actor, whether a returned actor mentions it with the gold country and role."""
    checks: list[ActorCheck] = []
    for g in gold:
        mention = str(g["mention"])
        wanted = folded(mention)
        seen: list[str] = []
        found = False
        for actor in returned:
            spans = [text[s:e] for s, e in actor.get("mentions") or []]
            if not any(wanted in folded(s) for s in spans):
                continue
            role_ok = g.get("role") is None or actor.get("role") == g.get("role")
            if actor.get("country") == g.get("country") and role_ok:
                found = True
                seen = [_actor(actor)]
                break
            seen.append(_actor(actor))
        got = ", ".join(seen) if seen else "no actor mention contains it"
        checks.append(ActorCheck(mention, g.get("country"), g.get("role"), found, got))
    return tuple(checks)


def check_clean(gold: JSON, result: JSON) -> tuple[CleanCheck, ...]:
    """The cleaning checks a seed gold's ``clean`` section asks for (case counts; spacing does not)."""

    def same_form(t: str) -> str:
        return folded(t, keep_case=True)

    body = same_form(str(result.get("text") or ""))
    checks: list[CleanCheck] = []
    for key in ("title", "outlet"):
        if key in gold:
            value = result.get(key)
            got = str(value) if value is not None else None
            same = got is not None and same_form(got) == same_form(str(gold[key]))
            checks.append(CleanCheck(key, str(gold[key]), same, got))
    if "body_starts_with" in gold:
        start = str(gold["body_starts_with"])
        checks.append(CleanCheck("body_starts_with", start, body.startswith(same_form(start)), body[:80]))
    if "body_ends_with" in gold:
        end = str(gold["body_ends_with"])
        checks.append(CleanCheck("body_ends_with", end, body.endswith(same_form(end)), body[-80:]))
    for excluded in gold.get("body_excludes") or []:
        checks.append(CleanCheck("body_excludes", str(excluded), same_form(str(excluded)) not in body))
    return tuple(checks)


# Small readers of the contract's dicts


def _required(gold: JSON) -> bool:
    return bool(gold.get("required", True))


def _name(speaker: Any) -> str | None:
    if isinstance(speaker, Mapping) and speaker.get("name"):
        return str(speaker["name"])
    return None


def _country(actor: Any) -> str | None:
    if isinstance(actor, Mapping) and actor.get("country"):
        return str(actor["country"])
    return None


def _actor(actor: JSON) -> str:
    return f"{actor.get('name')} ({actor.get('country')} {actor.get('role')})"
