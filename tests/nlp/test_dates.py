"""Date expressions resolved against the publication date, and the date found for an event's clause."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from parley.nlp.dates import DateFinder, is_before_news, resolve, resolve_date

# A Saturday.
PUBLISHED = dt.date(2025, 5, 3)


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("on Thursday", dt.date(2025, 5, 1)),
        ("Saturday", dt.date(2025, 5, 3)),  # the publication day itself
        ("last Saturday", dt.date(2025, 4, 26)),
        ("late on Friday", dt.date(2025, 5, 2)),
        ("Friday night", dt.date(2025, 5, 2)),
        ("next Monday", dt.date(2025, 5, 5)),
    ],
)
def test_weekdays_are_the_most_recent_such_day(expression: str, expected: dt.date) -> None:
    assert resolve_date(expression, PUBLISHED) == (expected, "day")


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("on May 2", dt.date(2025, 5, 2)),
        ("2 May", dt.date(2025, 5, 2)),
        ("September 29", dt.date(2024, 9, 29)),  # after the publication month: last year's
        ("May 2, 2024", dt.date(2024, 5, 2)),
        ("2025-04-30", dt.date(2025, 4, 30)),
        ("yesterday", dt.date(2025, 5, 2)),
        ("today", PUBLISHED),
        ("three days ago", dt.date(2025, 4, 30)),
    ],
)
def test_days(expression: str, expected: dt.date) -> None:
    assert resolve_date(expression, PUBLISHED) == (expected, "day")


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("last week", dt.date(2025, 4, 21)),
        ("this week", dt.date(2025, 4, 28)),
        ("next week", dt.date(2025, 5, 5)),
        ("next week’s Victory Day", dt.date(2025, 5, 5)),
        ("two weeks ago", dt.date(2025, 4, 14)),
    ],
)
def test_weeks_are_dated_by_their_monday(expression: str, expected: dt.date) -> None:
    assert resolve_date(expression, PUBLISHED) == (expected, "week")


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("since January", dt.date(2025, 1, 1)),
        ("in December", dt.date(2024, 12, 1)),
        ("mid-August", dt.date(2024, 8, 1)),
        ("last month", dt.date(2025, 4, 1)),
        ("next month", dt.date(2025, 6, 1)),
        ("March 2023", dt.date(2023, 3, 1)),
    ],
)
def test_months(expression: str, expected: dt.date) -> None:
    assert resolve_date(expression, PUBLISHED) == (expected, "month")


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("in 2022 and 2023", dt.date(2022, 1, 1)),
        ("since 2019", dt.date(2019, 1, 1)),
        ("last year", dt.date(2024, 1, 1)),
        ("18 years ago", dt.date(2007, 1, 1)),
    ],
)
def test_years(expression: str, expected: dt.date) -> None:
    assert resolve_date(expression, PUBLISHED) == (expected, "year")


def test_that_day_is_the_anchor_date() -> None:
    anchor = (dt.date(2025, 4, 29), "day")
    assert resolve("earlier that day", PUBLISHED, anchor) == anchor
    assert resolve("the same day", PUBLISHED, anchor) == anchor
    assert resolve("later that day", PUBLISHED, None) is None


@pytest.mark.parametrize(
    "expression", [None, "", "recent weeks", "the coming weeks", "48 hours", "the 1970s"]
)
def test_no_date_gives_the_publication_date(expression: str | None) -> None:
    assert resolve_date(expression, PUBLISHED) == (PUBLISHED, "published")


def test_without_a_publication_date_only_absolute_dates_resolve() -> None:
    assert resolve_date(None, None) == (None, None)
    assert resolve_date("last week", None) == (None, None)
    assert resolve_date("on May 2", None) == (None, None)
    assert resolve_date("2 May 2024", None) == (dt.date(2024, 5, 2), "day")


@pytest.mark.model
def test_a_date_attached_to_the_reporting_verb_dates_the_event(nlp: Language) -> None:
    doc = nlp("Chile is ready to resume talks with Peru, the minister said on Tuesday.")
    finder = DateFinder(doc, PUBLISHED)
    ready = next(t for t in doc if t.lower_ == "ready")
    assert finder.date_of([ready]) == (dt.date(2025, 4, 29), "day")


@pytest.mark.model
def test_that_day_takes_the_previous_dated_expression(nlp: Language) -> None:
    doc = nlp(
        "Kenya and Uganda signed a border agreement on April 28. "
        "Earlier that day, Kenya expelled two Ugandan diplomats."
    )
    finder = DateFinder(doc, PUBLISHED)
    expelled = next(t for t in doc if t.lower_ == "expelled")
    assert finder.date_of([expelled]) == (dt.date(2025, 4, 28), "day")


@pytest.mark.model
def test_a_date_in_another_clause_is_not_the_events(nlp: Language) -> None:
    doc = nlp("Peru rejected the plan, which Chile had proposed in March.")
    finder = DateFinder(doc, PUBLISHED)
    rejected = next(t for t in doc if t.lower_ == "rejected")
    assert finder.date_of([rejected]) == (PUBLISHED, "published")
    assert DateFinder(doc, None).date_of([rejected]) == (None, None)


@pytest.mark.model
def test_a_year_in_a_name_describes_the_name_not_the_event(nlp: Language) -> None:
    doc = nlp("Bolivia is reviewing the 1904 Treaty of Peace and Friendship with Chile.")
    finder = DateFinder(doc, PUBLISHED)
    reviewing = next(t for t in doc if t.lower_ == "reviewing")
    assert finder.date_of([reviewing]) == (PUBLISHED, "published")


@pytest.mark.model
def test_a_possessive_time_expression_still_dates_the_event(nlp: Language) -> None:
    doc = nlp("Chile will close the border during next week's elections.")
    finder = DateFinder(doc, PUBLISHED)
    close = next(t for t in doc if t.lower_ == "close")
    date, precision = finder.date_of([close])
    assert precision == "week" and date is not None and date > PUBLISHED


@pytest.mark.parametrize(
    ("date", "precision", "background"),
    [
        (dt.date(2015, 1, 1), "year", True),  # "in 2015", told in 2025
        (dt.date(2024, 1, 1), "year", False),  # last year may end within a year of publication
        (dt.date(2024, 3, 1), "month", True),
        (dt.date(2025, 4, 28), "day", False),
        (dt.date(2020, 1, 1), "published", False),  # no date of its own
    ],
)
def test_acts_dated_long_before_publication_are_background(
    date: dt.date, precision: str, background: bool
) -> None:
    assert is_before_news(date, precision, PUBLISHED) is background  # type: ignore[arg-type]
    assert not is_before_news(date, precision, None)  # type: ignore[arg-type]


@pytest.mark.model
def test_an_act_dated_years_before_publication_is_no_event(parley_nlp: Language) -> None:
    text = "In 2015, Kenya started supporting the Ugandan government."
    for published, found in ((dt.date(2025, 5, 3), False), (dt.date(2015, 6, 1), True)):
        doc = parley_nlp.make_doc(text)
        doc._.parley_published = published
        events = parley_nlp(doc)._.parley_events
        assert any(e.cameo_root == "05" for e in events) is found


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("two decades ago", (dt.date(2005, 1, 1), "year")),
        ("a decade ago", (dt.date(2015, 1, 1), "year")),
        ("a number of years ago", (dt.date(2022, 1, 1), "year")),
        ("years ago", (dt.date(2022, 1, 1), "year")),  # a few
    ],
)
def test_decades_and_vague_counts_ago(expression: str, expected: tuple[dt.date, str]) -> None:
    assert resolve(expression, PUBLISHED) == expected
