"""Event dates: resolve news date expressions against the publication date.

``resolve_date`` turns one expression ("on May 2", "Thursday", "last week", "next
week's Victory Day", "since January", "in 2022 and 2023", "earlier that day") into a
date and a precision (``day``, ``week``, ``month`` or ``year``). A week is dated by its
Monday, a month by its first day, a year by 1 January. News conventions come first as
rules; dateparser (English only, relative to the publication date, preferring the past)
handles the remaining absolute forms ("2 May 2024", "September 29").

``DateFinder`` dates an event: it looks for spaCy DATE entities attached to the event's
own clause (its trigger and the verbs of its complement), then to the clauses that govern
it ("..., the minister said on Tuesday"), and falls back to the publication date with
precision ``published``. "That day" takes the date of the previous dated expression of
the article. Without a publication date, relative expressions stay unresolved (None).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from parley.nlp.syntax import governing_verb
from parley.records import DatePrecision

Resolved = tuple[dt.date, DatePrecision]
# Acts dated this long before publication are background ("in 2015 Saudi Arabia started
# supporting the government"), not news of the day.
BACKGROUND_AGE = dt.timedelta(days=365)
_PERIOD_DAYS = {"day": 0, "week": 6, "month": 30, "year": 364}


def is_before_news(date: dt.date | None, precision: DatePrecision | None, published: dt.date | None) -> bool:
    """Whether an act's own date ends long before publication (background, not news)."""
    if date is None or published is None or precision in (None, "published"):
        return False
    return date + dt.timedelta(days=_PERIOD_DAYS[precision]) < published - BACKGROUND_AGE


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
_MONTH_NUM = {m: i + 1 for i, m in enumerate(MONTHS)} | _MONTH_ABBR
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "several": 3,
    "few": 3,
    "a few": 3,
    "a number of": 3,
    "some": 3,
    "many": 5,
}
# "years ago" with no count: a few.
_VAGUE_COUNT = 3

# Words around a date that do not change which date it is.
_LEADING = re.compile(
    r"^(?:(?:on|in|since|from|by|until|till|through|throughout|during|over|within|at|as of|before|after|"
    r"around|about|early|late|earlier|later|the|of)\s+)+"
)
_DAY_PARTS = r"(?:\s+(?:morning|afternoon|evening|night))?"
_ANCHOR = re.compile(
    r"^(?:(?:earlier|later)\s+)?(?:that|the same)\s+(?:day|morning|afternoon|evening|night)$"
    r"|^(?:the\s+)?same\s+day$"
)
_TODAY = re.compile(r"^(?:(?:earlier|later)\s+)?(?:today|tonight|this\s+(?:morning|afternoon|evening))$")
_WEEKDAY = re.compile(
    r"^(?:(last|next|this|past|coming)\s+)?(" + "|".join(WEEKDAYS) + r")" + _DAY_PARTS + "$"
)
_RELATIVE_PERIOD = re.compile(
    r"^(?:(?:earlier|later)\s+)?(last|next|this|past|coming|previous)\s+(week|weekend|month|year)(?:['’]s?\b.*)?$"
)
_AGO = re.compile(r"^(?:(\d+|a number of|[a-z]+(?: few)?)\s+)?(day|week|month|year|decade)s?\s+ago$")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_DECADE = re.compile(r"\b(1[89]\d0|20\d0)['’]?s\b")
_MONTH_WORD = re.compile(r"\b(" + "|".join(list(MONTHS) + list(_MONTH_ABBR)) + r")\b\.?")
_MONTH_ONLY = re.compile(
    r"^(?:(last|this|next|mid|early|late)[\s-]+)?(" + "|".join(MONTHS) + r")(?:\s+(1[89]\d\d|20\d\d))?$"
)
_NUMERIC_DATE = re.compile(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b")
_DAY_NUMBER = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\b")
# A duration ("12 days", "48 hours") names no date; only "... ago" does, and _AGO reads it.
_DURATION = re.compile(r"\b(?:hours?|minutes?|days|weeks?|months?|years?|decades?|centur(?:y|ies))\b")


def resolve_date(
    expression: str | Span | None, published: dt.date | None
) -> tuple[dt.date | None, DatePrecision | None]:
    """The date and precision of one date expression, relative to ``published``.

    No expression (or one that names no date, like "recent weeks") gives
    ``(published, "published")``; with no publication date, ``(None, None)`` unless the
    expression is absolute ("2 May 2024").
    """
    text = expression.text if isinstance(expression, Span) else (expression or "")
    found = resolve(text, published)
    if found is not None:
        return found
    if published is None:
        return None, None
    return published, "published"


def resolve(text: str, published: dt.date | None, anchor: Resolved | None = None) -> Resolved | None:
    """The date and precision of ``text``, or None when it names no date Parley can place.

    ``anchor`` is the date that "that day" refers to (the previous dated expression).
    """
    norm = _normalise(text)
    if not norm:
        return None
    if _ANCHOR.match(norm):
        return anchor
    return _resolve_cached(norm, published)


@lru_cache(maxsize=4096)
def _resolve_cached(norm: str, published: dt.date | None) -> Resolved | None:
    for rule in (_relative, _absolute):
        found = rule(norm, published)
        if found is not None:
            return found
    return None


def _normalise(text: str) -> str:
    norm = " ".join(text.lower().replace("’", "'").split()).strip(" ,.;:()\"'")
    return _LEADING.sub("", norm)


def _relative(norm: str, base: dt.date | None) -> Resolved | None:
    """News phrasings relative to the publication date."""
    if base is None:
        return None
    if _TODAY.match(norm):
        return base, "day"
    if norm in ("yesterday", "last night"):
        return base - dt.timedelta(days=1), "day"
    if norm == "tomorrow":
        return base + dt.timedelta(days=1), "day"
    if match := _WEEKDAY.match(norm):
        return _weekday(base, WEEKDAYS.index(match.group(2)), match.group(1)), "day"
    if match := _RELATIVE_PERIOD.match(norm):
        return _period(base, match.group(1), match.group(2))
    if match := _AGO.match(norm):
        words, unit = match.group(1), match.group(2)
        count = _VAGUE_COUNT if words is None else int(words) if words.isdigit() else _NUMBERS.get(words)
        if count is None:
            return None
        if unit == "decade":
            count, unit = 10 * count, "year"
        return _ago(base, count, unit)
    return None


def _weekday(base: dt.date, weekday: int, which: str | None) -> dt.date:
    # News convention: "on Thursday" is the most recent Thursday, the publication day included.
    back = (base.weekday() - weekday) % 7
    if which == "next" or which == "coming":
        return base + dt.timedelta(days=(weekday - base.weekday()) % 7 or 7)
    if which in ("last", "past") and back == 0:
        back = 7
    return base - dt.timedelta(days=back)


def _period(base: dt.date, which: str, unit: str) -> Resolved:
    step = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}[which]
    if unit in ("week", "weekend"):
        monday = base - dt.timedelta(days=base.weekday()) + dt.timedelta(weeks=step)
        return (monday + dt.timedelta(days=5) if unit == "weekend" else monday), "week"
    if unit == "month":
        index = base.year * 12 + base.month - 1 + step
        return dt.date(index // 12, index % 12 + 1, 1), "month"
    return dt.date(base.year + step, 1, 1), "year"


def _ago(base: dt.date, count: int, unit: str) -> Resolved:
    if unit == "day":
        return base - dt.timedelta(days=count), "day"
    if unit == "week":
        day = base - dt.timedelta(weeks=count)
        return day - dt.timedelta(days=day.weekday()), "week"
    if unit == "month":
        index = base.year * 12 + base.month - 1 - count
        return dt.date(index // 12, index % 12 + 1, 1), "month"
    return dt.date(base.year - count, 1, 1), "year"


def _absolute(norm: str, base: dt.date | None) -> Resolved | None:
    """Calendar dates: years, months, and days of a month."""
    if _DECADE.search(norm):
        return None
    month_word = _MONTH_WORD.search(norm)
    if match := _MONTH_ONLY.match(norm):
        return _month(match.group(2), match.group(1), match.group(3), base)
    if month_word is None:
        years = _YEAR.findall(norm)
        # "in 2022 and 2023", "since 2019", "2021-22": the first year named.
        numeric = _NUMERIC_DATE.search(norm)
        if years and not numeric:
            return dt.date(int(years[0]), 1, 1), "year"
        if not numeric:
            return None
    return _dateparser(norm, base)


def _month(name: str, which: str | None, year: str | None, base: dt.date | None) -> Resolved | None:
    month = _MONTH_NUM[name]
    if year:
        return dt.date(int(year), month, 1), "month"
    if base is None:
        return None
    # A bare month is the most recent one on or before the publication month; "last March"
    # is strictly before it, "next March" strictly after.
    y = base.year if month <= base.month else base.year - 1
    if which == "last" and month == base.month:
        y -= 1
    if which == "next":
        y = base.year if month > base.month else base.year + 1
    return dt.date(y, month, 1), "month"


def _dateparser(norm: str, base: dt.date | None) -> Resolved | None:
    if _DURATION.search(norm) or (not _DAY_NUMBER.search(norm) and not _YEAR.search(norm)):
        return None
    if base is None and not _YEAR.search(norm):
        return None
    found = _parser(base).get_date_data(norm)
    value, period = found.date_obj, found.period
    if value is None or (value.hour, value.minute, value.second) != (0, 0, 0):
        return None  # a time of day from a word dateparser guessed at, not a calendar date
    day = value.date()
    if period == "year":
        return dt.date(day.year, 1, 1), "year"
    if period == "month":
        return dt.date(day.year, day.month, 1), "month"
    if period == "week":
        return day - dt.timedelta(days=day.weekday()), "week"
    return day, "day"


@lru_cache(maxsize=64)
def _parser(base: dt.date | None) -> Any:
    from dateparser.date import DateDataParser

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": []}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day)
    return DateDataParser(languages=["en"], settings=settings)


_NOUN_MODIFIERS = frozenset({"compound", "nummod", "amod", "nmod"})


class DateFinder:
    """Dates the events of one Doc from the DATE entities attached to their clauses."""

    CLIMB_DEPS = frozenset({"xcomp", "ccomp", "conj", "parataxis", "advcl", "acl", "relcl", "pcomp"})

    def __init__(self, doc: Doc, published: dt.date | None) -> None:
        self.doc = doc
        self.published = published
        self._dates = [ent for ent in doc.ents if ent.label_ == "DATE"]
        self._governors = [governing_verb(ent.root) for ent in self._dates]
        # "the 1972 Simla Agreement": a date inside a name or a noun's modifiers describes the noun.
        self._describes = [
            ent.root.head.i
            if ent.root.dep_ in _NOUN_MODIFIERS and ent.root.head.pos_ in ("NOUN", "PROPN")
            else None
            for ent in self._dates
        ]
        self._resolved: list[Resolved | None] = []
        self._last_day: Resolved | None = None  # the latest day-precise date resolved so far

    def resolved(self, index: int) -> Resolved | None:
        """The resolution of the ``index``-th DATE entity, "that day" read against the ones before it."""
        while len(self._resolved) <= index:
            found = resolve(self._dates[len(self._resolved)].text, self.published, self._last_day)
            if found is not None and found[1] == "day":
                self._last_day = found
            self._resolved.append(found)
        return self._resolved[index]

    def date_of(self, clause: Sequence[Token]) -> tuple[dt.date | None, DatePrecision | None]:
        """The date of an event whose own clause is made of the verbs (or nouns) in ``clause``.

        Looks at the clause, then at each clause that governs it, then at the reporting
        verb a misparse may have hung off the clause; else the publication date.
        """
        own = {token.i for token in clause}
        for head in self._chain(clause):
            for index, governor in enumerate(self._governors):
                noun = self._describes[index]
                if noun is not None and noun not in own:
                    continue
                if governor is not None and governor.i == head.i:
                    found = self.resolved(index)
                    if found is not None:
                        return found
        if self.published is None:
            return None, None
        return self.published, "published"

    def _chain(self, clause: Sequence[Token]) -> Iterable[Token]:
        """The event's own clauses first, then the clauses governing them, then hung-off verbs."""
        seen: set[int] = set()
        starts = [governing_verb(token) or token for token in clause]
        for token in starts:
            if token.i not in seen:
                seen.add(token.i)
                yield token
        for token in starts:
            while token.dep_ in self.CLIMB_DEPS and token.head.i != token.i:
                token = governing_verb(token.head) or token.head
                if token.i in seen:
                    break
                seen.add(token.i)
                yield token
        # Verbs hung off the clause as advcl/parataxis ("X is ready ..., the minister said on Monday").
        for index in sorted(seen):
            for child in self.doc[index].children:
                if child.dep_ in ("advcl", "parataxis") and child.i not in seen:
                    seen.add(child.i)
                    yield child
