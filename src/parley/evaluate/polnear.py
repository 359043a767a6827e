"""Scoring quotation attribution on PolNeAR, the Political News Attribution Relations corpus.

PolNeAR (github.com/networkdynamics/PolNeAR) annotates 1,008 US political news articles of
2015-2016 with attribution relations in brat standoff files: a *source* (who), a *cue* (the
reporting word) and a *content* (what was said), each one or more character spans of the
article's text file. It has no stated licence, so Parley ships none of it: ``read_polnear``
reads a local checkout whose path the user gives.

Only the ``train`` and ``dev`` splits are read. The corpus's own README says its ``test``
split must not be looked at during development, so asking for it is an error.

Scores (``score_polnear``), over the returned quotes of every kind (direct, partial, indirect).
Quotes that share one speaker mention are one attribution, as PolNeAR annotates them: in
'"We will stay," she said. "We are needed here."' one source and one cue report a content of
two marked parts.

* a returned quote **matches** a gold attribution when their contents overlap on at least
  half of the gold content's characters (pairs are one-to-one, largest overlap first);
  precision, recall and F1 follow;
* **direct-quote recall**: the share of gold attributions whose content is a quotation in
  marks that some returned quote matches;
* **speaker right given content**: of the matched pairs whose gold attribution has a source,
  the share where the returned speaker mention overlaps the gold source span or the returned
  speaker's name shares a word with the gold source's words (for a relative pronoun source,
  "who", with the words just before it, which it stands for).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parley.errors import GoldError

SPLITS = ("train", "dev")
# Quotation marks a direct quote's content opens with.
_OPENING_MARKS = "\"“”‘'«„"
_SPAN = re.compile(r"(\d+) (\d+)")
_RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})

Span = tuple[int, int]
AnalyzeText = Callable[[str], Mapping[str, Any]]
"""Analyse an article's text as it is (no cleaning: offsets stay the corpus's); return the contract dict."""


@dataclass(frozen=True, slots=True)
class Attribution:
    """One gold attribution: the spans of its source (possibly none), cue and content."""

    content: tuple[Span, ...]
    source: tuple[Span, ...] = ()
    cue: tuple[Span, ...] = ()
    direct: bool = False  # the content is a quotation in marks

    def content_chars(self) -> set[int]:
        return {i for start, end in self.content for i in range(start, end)}


@dataclass(frozen=True, slots=True)
class PolnearArticle:
    """One annotated article: its file name, text and gold attributions."""

    name: str
    text: str
    attributions: tuple[Attribution, ...]


def read_polnear(root: Path | str, split: str = "dev") -> Iterator[PolnearArticle]:
    """The annotated articles of one split of a PolNeAR checkout (its root or its ``data`` folder)."""
    if split not in SPLITS:
        raise GoldError(
            f"PolNeAR split {split!r} cannot be used: choose one of {', '.join(SPLITS)} "
            "(the corpus asks that its test split is never looked at during development)"
        )
    base = Path(root)
    if (base / "data").is_dir():
        base = base / "data"
    folder = base / split
    texts, annotations = folder / "text", folder / "attributions"
    if not texts.is_dir() or not annotations.is_dir():
        raise GoldError(f"{root}: not a PolNeAR checkout (no {folder}/text and {folder}/attributions)")
    seen: set[str] = set()
    for ann in sorted(annotations.glob("*.ann")):
        # Annotation files are named after the article and the annotator: NAME_ANNOTATOR.ann.
        # An article annotated by several annotators (to measure agreement) is scored once.
        stem = ann.stem.rsplit("_", 1)[0]
        text_path = texts / f"{stem}.txt"
        if stem in seen or not text_path.is_file():
            continue
        seen.add(stem)
        text = text_path.read_text(encoding="utf-8")
        yield PolnearArticle(stem, text, tuple(parse_ann(ann.read_text(encoding="utf-8"), text)))
    if not seen:
        raise GoldError(f"{folder}: holds no annotated articles")


def parse_ann(ann: str, text: str) -> list[Attribution]:
    """The attributions of one brat standoff file (``T`` spans joined by ``E`` relations)."""
    spans: dict[str, tuple[Span, ...]] = {}
    relations: list[dict[str, str]] = []
    for line in ann.splitlines():
        fields = line.split("\t")
        if len(fields) >= 2 and fields[0].startswith("T"):
            label_and_spans = fields[1]
            spans[fields[0]] = tuple((int(a), int(b)) for a, b in _SPAN.findall(label_and_spans))
        elif len(fields) >= 2 and fields[0].startswith("E"):
            roles = dict(part.split(":", 1) for part in fields[1].split() if ":" in part)
            relations.append(roles)
    out: list[Attribution] = []
    for roles in relations:
        content = spans.get(roles.get("Content", ""), ())
        if not content:
            continue
        words = text[content[0][0] : content[-1][1]].strip()
        out.append(
            Attribution(
                content=content,
                source=spans.get(roles.get("Source", ""), ()),
                cue=spans.get(roles.get("Cue", ""), ()),
                direct=bool(words) and words[0] in _OPENING_MARKS,
            )
        )
    return out


@dataclass(slots=True)
class PolnearScore:
    """Counts over every scored article; the rates are properties."""

    articles: int = 0
    gold: int = 0
    returned: int = 0
    matched: int = 0
    direct_gold: int = 0
    direct_matched: int = 0
    with_source: int = 0
    speaker_right: int = 0
    misses: list[tuple[str, str]] = field(default_factory=list)  # (article, gold content) not matched

    @property
    def precision(self) -> float:
        return self.matched / self.returned if self.returned else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def direct_recall(self) -> float:
        return self.direct_matched / self.direct_gold if self.direct_gold else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.with_source if self.with_source else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "gold": self.gold,
            "returned": self.returned,
            "matched": self.matched,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "direct_gold": self.direct_gold,
            "direct_recall": round(self.direct_recall, 4),
            "speaker_right_given_content": round(self.speaker_accuracy, 4),
            "speaker_checked": self.with_source,
        }

    def format(self, *, details: bool = False) -> str:
        lines = [
            f"PolNeAR: {self.articles} articles, {self.gold} gold attributions, "
            f"{self.returned} returned quotes",
            f"  attribution (content overlap >= 50%): P {self.precision:.3f}  R {self.recall:.3f}  "
            f"F1 {self.f1:.3f}",
            f"  direct-quote recall: {self.direct_recall:.3f} ({self.direct_matched}/{self.direct_gold})",
            f"  speaker right given content: {self.speaker_accuracy:.3f} "
            f"({self.speaker_right}/{self.with_source})",
        ]
        if details:
            lines.extend(
                f"  missed in {name}: {' '.join(words.split())[:100]}" for name, words in self.misses
            )
        return "\n".join(lines)


def score_polnear(articles: Iterable[PolnearArticle], analyze: AnalyzeText) -> PolnearScore:
    """Run ``analyze`` on every article's text and score its quotes against the attributions."""
    score = PolnearScore()
    for article in articles:
        result = analyze(article.text)
        score_article(article, result.get("quotes") or [], score)
    return score


def score_article(article: PolnearArticle, quotes: Sequence[Mapping[str, Any]], score: PolnearScore) -> None:
    """Add one article's counts to ``score``."""
    score.articles += 1
    score.gold += len(article.attributions)
    units = _attributions(quotes)
    score.returned += len(units)
    golds = [a.content_chars() for a in article.attributions]
    returned = [chars for chars, _ in units]
    candidates: list[tuple[int, int, int]] = []
    for i, gold in enumerate(golds):
        for j, chars in enumerate(returned):
            overlap = len(gold & chars)
            if overlap and 2 * overlap >= len(gold):
                candidates.append((overlap, i, j))
    paired_gold: dict[int, int] = {}
    paired_returned: set[int] = set()
    for _, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if i not in paired_gold and j not in paired_returned:
            paired_gold[i] = j
            paired_returned.add(j)
    score.matched += len(paired_gold)
    for i, attribution in enumerate(article.attributions):
        if attribution.direct:
            score.direct_gold += 1
            score.direct_matched += i in paired_gold
        if i not in paired_gold:
            start, end = attribution.content[0][0], attribution.content[-1][1]
            score.misses.append((article.name, article.text[start:end]))
            continue
        if attribution.source:
            score.with_source += 1
            score.speaker_right += speaker_right(units[paired_gold[i]][1], attribution, article.text)


def _attributions(quotes: Sequence[Mapping[str, Any]]) -> list[tuple[set[int], Mapping[str, Any]]]:
    """Returned quotes grouped by speaker mention: (characters of their contents, first quote)."""
    units: list[tuple[set[int], Mapping[str, Any]]] = []
    by_mention: dict[tuple[int, int], int] = {}
    for quote in quotes:
        chars = set(range(int(quote["start"]), int(quote["end"])))
        mention = quote.get("speaker_mention")
        key = (int(mention[0]), int(mention[1])) if mention else None
        if key is not None and key in by_mention:
            units[by_mention[key]][0].update(chars)
            continue
        if key is not None:
            by_mention[key] = len(units)
        units.append((chars, quote))
    return units


def speaker_right(quote: Mapping[str, Any], gold: Attribution, text: str) -> bool:
    """Whether a returned quote's speaker is the gold source: same span, or a shared name word."""
    mention = quote.get("speaker_mention")
    if mention:
        start, end = int(mention[0]), int(mention[1])
        if any(start < s_end and s_start < end for s_start, s_end in gold.source):
            return True
    speaker = quote.get("speaker")
    if not speaker:
        return False
    source_words = {w.lower() for s, e in gold.source for w in re.findall(r"\w+", text[s:e])}
    if source_words <= _RELATIVE_PRONOUNS:
        # PolNeAR marks the "who" of "Jane Roe, who said ..." as the source: it stands for the
        # few words before it.
        start = gold.source[0][0]
        source_words |= {w.lower() for w in re.findall(r"\w+", text[max(0, start - 80) : start])[-6:]}
    name_words = {w.lower() for w in re.findall(r"\w+", str(speaker.get("name") or "")) if len(w) > 2}
    return bool(source_words & name_words)
