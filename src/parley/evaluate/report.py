"""The scores of several gold files together: micro-averaged totals, JSON and a plain-text table."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from parley.evaluate.positions import PositionScore
from parley.evaluate.seed import ArticleScore, Counts


class Scored(Protocol):
    """Any score that serialises itself, such as the PLOVER scorer's result."""

    def to_dict(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True)
class PloverResult:
    """The score of one PLOVER-format gold file."""

    name: str
    score: Scored

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, **self.score.to_dict()}


@dataclass(slots=True)
class Report:
    """Scores of seed-format articles and PLOVER files; totals add the counts of every article."""

    articles: list[ArticleScore] = field(default_factory=list)
    plover: list[PloverResult] = field(default_factory=list)
    positions: list[PositionScore] = field(default_factory=list)

    @property
    def quotes(self) -> Counts:
        return sum((a.quotes.counts for a in self.articles), Counts())

    @property
    def events(self) -> Counts:
        return sum((a.events.counts for a in self.articles), Counts())

    @property
    def actors(self) -> tuple[int, int]:
        """(found, total) gold actor mentions."""
        return sum(a.actors_found for a in self.articles), sum(len(a.actors) for a in self.articles)

    @property
    def clean(self) -> tuple[int, int]:
        """(passed, total) cleaning checks."""
        return sum(a.clean_passed for a in self.articles), sum(len(a.clean) for a in self.articles)

    def position_counts(self) -> tuple[Counts, Counts]:
        """Positions and shifts of every file that annotates them, added up."""
        return (
            sum((p.positions for p in self.positions), Counts()),
            sum((p.shifts for p in self.positions), Counts()),
        )

    def flags(self, flag: str) -> tuple[int, int]:
        """(agreeing, checked) ``conditional`` or ``date`` flags of matched required events."""
        pairs = [a.events.flag_counts(flag) for a in self.articles]
        return sum(p[0] for p in pairs), sum(p[1] for p in pairs)

    def to_dict(self) -> dict[str, Any]:
        actors, clean = self.actors, self.clean
        conditional, date = self.flags("conditional"), self.flags("date")
        return {
            "articles": [a.to_dict() for a in self.articles],
            "plover": [p.to_dict() for p in self.plover],
            "positions": [p.to_dict() for p in self.positions],
            "total": {
                "positions": self.position_counts()[0].to_dict(),
                "shifts": self.position_counts()[1].to_dict(),
                "quotes": self.quotes.to_dict(),
                "events": self.events.to_dict(),
                "actors": {"found": actors[0], "total": actors[1]},
                "clean": {"passed": clean[0], "total": clean[1]},
                "conditional": {"agree": conditional[0], "checked": conditional[1]},
                "date": {"agree": date[0], "checked": date[1]},
            },
        }


_HEADER = (
    "file",
    "quotes P",
    "R",
    "F1",
    "events P",
    "R",
    "F1",
    "actors",
    "clean",
    "conditional",
    "date",
)


def format_report(report: Report, *, details: bool = False) -> str:
    """The report as a plain-text table; ``details`` adds every miss and false positive."""
    blocks: list[str] = []
    if report.articles:
        rows = [_article_row(a.name or f"article {i + 1}", a) for i, a in enumerate(report.articles)]
        if len(report.articles) > 1:
            rows.append(_total_row(report))
        blocks.append(_table([_HEADER, *rows]))
    for result in report.plover:
        blocks.append(_plover_block(result))
    if report.positions:
        blocks.append(_positions_block(report))
    if details:
        blocks.extend(_details(a) for a in report.articles)
        blocks.extend(_position_details(p) for p in report.positions)
        blocks.extend(_plover_details(p) for p in report.plover)
    return "\n\n".join(blocks) if blocks else "no gold files scored"


def _article_row(name: str, article: ArticleScore) -> tuple[str, ...]:
    events = article.events
    return _row(
        name,
        article.quotes.counts,
        events.counts,
        (article.actors_found, len(article.actors)),
        (article.clean_passed, len(article.clean)),
        events.flag_counts("conditional"),
        events.flag_counts("date"),
    )


def _total_row(report: Report) -> tuple[str, ...]:
    return _row(
        "total (micro)",
        report.quotes,
        report.events,
        report.actors,
        report.clean,
        report.flags("conditional"),
        report.flags("date"),
    )


def _row(name: str, q: Counts, e: Counts, *ratios: tuple[int, int]) -> tuple[str, ...]:
    scores = (q.precision, q.recall, q.f1, e.precision, e.recall, e.f1)
    return (name, *(f"{x:.3f}" for x in scores), *(_ratio(r) for r in ratios))


def _ratio(pair: tuple[int, int]) -> str:
    return f"{pair[0]}/{pair[1]}" if pair[1] else "-"


def _table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(r[c]) for r in rows) for c in range(len(rows[0]))]
    # File names read best left-aligned, numbers right-aligned.
    lines = [
        "  ".join([r[0].ljust(widths[0]), *(c.rjust(w) for c, w in zip(r[1:], widths[1:], strict=True))])
        for r in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _plover_block(result: PloverResult) -> str:
    lines = [f"PLOVER gold: {result.name}"]
    for key, value in result.score.to_dict().items():
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            continue
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        lines.append(f"  {key}: {shown}")
    return "\n".join(lines)


def _positions_block(report: Report) -> str:
    positions, shifts = report.position_counts()
    rows: list[tuple[str, ...]] = [("positions and shifts", "positions P", "R", "F1", "shifts P", "R", "F1")]
    for name, p, s in [(r.name, r.positions, r.shifts) for r in report.positions] + [
        ("total (micro)", positions, shifts)
    ]:
        rows.append((name, *(f"{x:.3f}" for x in (p.precision, p.recall, p.f1, s.precision, s.recall, s.f1))))
    return _table(rows)


def _position_details(score: PositionScore) -> str:
    lines = [f"{score.name or 'article'} (positions):"]
    lines += [f"  {m.reason}: {_clip(m.text)}" for m in (*score.misses, *score.false_positives)]
    if len(lines) == 1:
        lines.append("  everything right")
    return "\n".join(lines)


def _plover_details(result: PloverResult) -> str:
    lines = [f"{result.name}:"]
    for miss in result.score.to_dict().get("misses") or []:
        if isinstance(miss, dict) and "text" in miss and "reason" in miss:
            lines.append(f"  record missed: {_clip(str(miss['text']))} -- {miss['reason']}")
    if len(lines) == 1:
        lines.append("  everything right")
    return "\n".join(lines)


def _details(article: ArticleScore) -> str:
    lines = [f"{article.name or 'article'}:"]
    sections = (
        ("quote missed", article.quotes.misses),
        ("quote wrong", article.quotes.false_positives),
        ("event missed", article.events.misses),
        ("event wrong", article.events.false_positives),
    )
    for label, items in sections:
        for item in items:
            lines.append(f"  {label}: {_clip(item.text)} -- {item.reason}")
    for check in article.events.flags:
        if not check.agrees:
            lines.append(f"  event flag: #{check.gold_index} {check.flag} {check.got}, gold {check.expected}")
    for actor in article.actors:
        if not actor.found:
            lines.append(f"  actor: {actor.mention} ({actor.country} {actor.role}) -- got {actor.got}")
    for clean in article.clean:
        if not clean.passed:
            got = f" -- got {_clip(clean.got)}" if clean.got is not None else ""
            lines.append(f"  clean {clean.check}: {_clip(clean.expected)}{got}")
    if len(lines) == 1:
        lines.append("  everything right")
    return "\n".join(lines)


def _clip(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
