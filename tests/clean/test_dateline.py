"""Datelines and bylines are taken off the start of a body and kept as the article's metadata."""

from __future__ import annotations

import pytest

from parley.clean import clean, strip_dateline, text_sha256
from parley.config import CleanOptions
from parley.sources.document import Document

STORY = "Envoys of both governments met for a second day of talks on the prisoner exchange."

DATELINES = [
    pytest.param("KYIV (Reuters) - ", "KYIV", "Reuters", id="place-agency-hyphen"),
    pytest.param("SANAA — ", "SANAA", None, id="place-em-dash"),
    pytest.param("TRIPOLI – ", "TRIPOLI", None, id="place-en-dash"),
    pytest.param("HAVANA -- ", "HAVANA", None, id="place-double-hyphen"),
    pytest.param("WELLINGTON—", "WELLINGTON", None, id="place-unspaced-em-dash"),
    pytest.param("BRASÍLIA, Brazil – ", "BRASÍLIA, Brazil", None, id="accented-place-and-country"),
    pytest.param("ŁÓDŹ, Poland — ", "ŁÓDŹ, Poland", None, id="non-latin1-capitals"),
    pytest.param("PORTLAND, Ore. (AP) — ", "PORTLAND, Ore.", "AP", id="place-state-agency"),
    pytest.param(
        "GOMA, Democratic Republic of the Congo — ",
        "GOMA, Democratic Republic of the Congo",
        None,
        id="region-with-connectors",
    ),
    pytest.param("SAN JOSÉ, Costa Rica (AFP) - ", "SAN JOSÉ, Costa Rica", "AFP", id="two-word-place"),
    pytest.param("NEW DELHI/ISLAMABAD (Reuters) - ", "NEW DELHI/ISLAMABAD", "Reuters", id="two-places"),
    pytest.param("ST. JOHN'S, Antigua — ", "ST. JOHN'S, Antigua", None, id="dots-and-apostrophes"),
    pytest.param("HANOI, March 3 (Xinhua) -- ", "HANOI", "Xinhua", id="place-date-agency"),
    pytest.param(
        "OTTAWA, Sept. 14, 2023 (Reuters) - ", "OTTAWA", "Reuters", id="place-abbreviated-date-year"
    ),
    pytest.param("LIMA, Peru, 2 April 2024 (EFE) - ", "LIMA, Peru", "EFE", id="place-region-day-month"),
    pytest.param("March 9, 2021 (ACCRA) – ", "ACCRA", None, id="date-first"),
    pytest.param(
        "9 March 2021 (ACCRA, Ghana) (AFP) - ", "ACCRA, Ghana", "AFP", id="date-first-region-agency"
    ),
    pytest.param("(Reuters) - ", None, "Reuters", id="agency-only"),
    pytest.param("(Thomson Reuters Foundation) - ", None, "Thomson Reuters Foundation", id="agency-words"),
    pytest.param("(dpa) - ", None, "dpa", id="agency-lower-case"),
    pytest.param("(CNN)", None, "CNN", id="agency-glued-to-sentence"),
    pytest.param("UNITED NATIONS (AP) — ", "UNITED NATIONS", "AP", id="un-headquarters"),
]


@pytest.mark.parametrize(("dateline", "place", "agency"), DATELINES)
def test_a_dateline_is_taken_off_and_kept(dateline: str, place: str | None, agency: str | None) -> None:
    found = strip_dateline(f"{dateline}{STORY}\n\nThe talks continue on Friday.")
    assert (found.place, found.agency) == (place, agency)
    assert found.body == f"{STORY}\n\nThe talks continue on Friday."


@pytest.mark.parametrize(
    "opening",
    ["“We will not give up a single village,” the minister said.", "2,000 soldiers crossed the border."],
    ids=["quotation", "number"],
)
def test_the_sentence_after_a_dateline_may_open_with_a_quote_or_a_number(opening: str) -> None:
    found = strip_dateline(f"BAKU — {opening}")
    assert (found.place, found.body) == ("BAKU", opening)


def test_a_dateline_on_a_line_of_its_own_goes_with_its_paragraph() -> None:
    found = strip_dateline(f"ASMARA (Reuters) -\n\n{STORY}")
    assert (found.place, found.agency, found.body) == ("ASMARA", "Reuters", STORY)


@pytest.mark.parametrize(
    "byline",
    ["By Amara Okafor", "BY AMARA OKAFOR", "By Amara Okafor and Tomás Ruiz, Reuters", "By Lena van der Berg",
     "By Amara Okafor & Tomás Ruiz"],
)  # fmt: skip
def test_a_byline_paragraph_is_dropped_before_the_dateline(byline: str) -> None:
    found = strip_dateline(f"{byline}\n\nDAKAR (AP) — {STORY}")
    assert (found.place, found.agency, found.body) == ("DAKAR", "AP", STORY)


def test_a_byline_without_a_dateline_is_dropped_alone() -> None:
    found = strip_dateline(f"By Amara Okafor\n\n{STORY}")
    assert (found.place, found.agency, found.body) == (None, None, STORY)


NOT_DATELINES = [
    pytest.param("NATO leaders met in Vilnius on Tuesday to discuss air defence.", id="acronym-subject"),
    pytest.param("UN says aid convoys are blocked at the border.", id="acronym-says"),
    pytest.param("US-China talks resumed in Geneva on Monday.", id="hyphenated-pair"),
    pytest.param("US – China talks resumed in Geneva on Monday.", id="spaced-pair-short-acronym"),
    pytest.param("NATO–Russia contacts were frozen after the incident.", id="en-dash-pair"),
    pytest.param("NATO — The alliance's leaders met on Tuesday.", id="organisation-acronym"),
    pytest.param("EU - Brussels said it would respond in kind.", id="short-acronym-and-dash"),
    pytest.param("UN — the world body — said on Monday it would send aid.", id="aside-in-dashes"),
    pytest.param("BREAKING - Missiles struck the port overnight.", id="newsroom-label"),
    pytest.param("TALKS COLLAPSE IN DOHA - DELEGATES LEAVE", id="all-caps-headline"),
    pytest.param("Kyiv (Reuters) - Ukraine said it would attend.", id="place-not-upper-case"),
    pytest.param("KYIV said on Monday it would attend the talks.", id="no-dash"),
    pytest.param("(also known as the Quartet) - The group met in Rome.", id="parenthetical"),
    pytest.param("(Separately) Russia said it would attend.", id="bracket-then-space"),
    pytest.param("By Tuesday, the talks had collapsed.\n\nBoth sides blamed each other.", id="by-tuesday"),
    pytest.param("By Amara Okafor", id="byline-is-the-whole-body"),
    pytest.param("KYIV (Reuters) -", id="dateline-is-the-whole-body"),
]


@pytest.mark.parametrize("text", NOT_DATELINES)
def test_an_ordinary_opening_is_left_alone(text: str) -> None:
    found = strip_dateline(text)
    assert (found.place, found.agency, found.body) == (None, None, text)


def test_only_the_opening_is_looked_at() -> None:
    text = f"{STORY}\n\nKYIV (Reuters) - A second dispatch followed."
    assert strip_dateline(text).body == text


def test_clean_keeps_the_dateline_on_the_article_and_offsets_skip_it() -> None:
    raw = f"By Amara Okafor\n\nGENEVA (AFP) - {STORY}\n\nThe talks continue on Friday."
    article = clean(Document(origin="dispatch.txt", kind="text", content=raw))
    assert (article.dateline, article.dateline_agency) == ("GENEVA", "AFP")
    assert article.text == f"{STORY}\n\nThe talks continue on Friday."
    assert article.text_sha256 == text_sha256(article.text)


def test_clean_of_an_article_without_a_dateline_has_none() -> None:
    article = clean(Document(origin="plain.txt", kind="text", content=STORY))
    assert (article.dateline, article.dateline_agency, article.text) == (None, None, STORY)


def test_clean_finds_the_dateline_after_a_repeated_headline() -> None:
    raw = f"Prisoner talks resume\n\nHARARE — {STORY}"
    article = clean(Document(origin="p.txt", kind="text", content=raw, title="Prisoner talks resume"))
    assert (article.dateline, article.text) == ("HARARE", STORY)


def test_clean_finds_the_dateline_of_an_html_page() -> None:
    page = f"<html><body><article><p>MAPUTO (Reuters) - {STORY}</p><p>More talks are planned.</p></article></body></html>"
    article = clean(Document(origin="p.html", kind="html", content=page), CleanOptions(min_body_chars=1))
    assert (article.dateline, article.dateline_agency) == ("MAPUTO", "Reuters")
    assert article.text.startswith("Envoys of both governments")
