"""The demo corpus in ``samples/``: every article cleans to a trailer-free English body."""

from __future__ import annotations

from pathlib import Path

import pytest

from parley.clean import NearDuplicates, clean, trailer_family
from parley.config import SourceOptions
from parley.errors import InputError
from parley.records import Article
from parley.sources import Document, read_inputs

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
ORIGINAL = "armenia-azerbaijan-treaty.txt"
REPUBLISHED = "armenia-azerbaijan-republished.txt"


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    items = list(read_inputs([str(SAMPLES)], SourceOptions()))
    errors = [item for item in items if isinstance(item, InputError)]
    assert not errors, errors
    return [item for item in items if isinstance(item, Document)]


@pytest.fixture(scope="module")
def articles(documents: list[Document]) -> list[Article]:
    return [clean(doc) for doc in documents]


def test_the_corpus_has_every_format(documents: list[Document]) -> None:
    origins = [doc.origin for doc in documents]
    assert 18 <= len(documents) <= 20
    assert sum("world.rss" in origin for origin in origins) == 4
    assert sum(origin.endswith(".html") for origin in origins) == 4
    assert sum(origin.endswith(".txt") for origin in origins) == 6
    assert sum("articles.jsonl" in origin for origin in origins) == 2
    assert sum("negotiation/black-sea-talks.jsonl" in origin for origin in origins) == 4


def test_every_sample_has_a_short_clean_body(articles: list[Article]) -> None:
    for article in articles:
        words = len(article.text.split())
        assert 150 <= words <= 350, (article.origin, words)
        assert "\n\n\n" not in article.text


def test_no_sample_body_keeps_a_trailer_line(articles: list[Article]) -> None:
    for article in articles:
        for paragraph in article.text.split("\n\n"):
            assert trailer_family(paragraph) is None, (article.origin, paragraph)


def test_no_sample_body_keeps_page_boilerplate(articles: list[Article]) -> None:
    boilerplate = ("cookies", "Share on", "Related stories", "Sign up", "All rights reserved", "Topics:")
    for article in articles:
        for noise in boilerplate:
            assert noise not in article.text, (article.origin, noise)


def test_pages_feed_items_and_json_lines_carry_their_metadata(articles: list[Article]) -> None:
    structured = [a for a in articles if not a.origin.endswith(".txt")]
    assert len(structured) == 14
    for article in structured:
        assert article.title and article.outlet and article.published, article.origin
        assert article.published.year == 2025
        assert article.canonical_url and article.canonical_url.startswith("https://"), article.origin


def test_trailer_gives_the_title_and_outlet_of_a_text_sample(articles: list[Article]) -> None:
    original = next(a for a in articles if a.origin.endswith(ORIGINAL))
    assert (
        original.title
        == "Armenia and Azerbaijan agree on peace treaty text, Baku demands constitutional change"
    )
    assert original.outlet == "Bosphorus Review"


def test_republished_copy_is_the_only_near_duplicate(articles: list[Article]) -> None:
    index = NearDuplicates()
    duplicates: dict[str, str] = {}
    for number, article in enumerate(articles):
        match = index.match(article.fingerprint)
        if match is not None:
            duplicates[article.origin] = articles[match].origin
        index.add(number, article.fingerprint)
    assert len(duplicates) == 1
    ((copy, original),) = duplicates.items()
    assert {Path(copy).name, Path(original).name} == {ORIGINAL, REPUBLISHED}
