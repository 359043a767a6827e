"""Full-text search of articles: what users type, on FTS5 and on PostgreSQL's tsvector."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parley.records import Article
from parley.store import Store
from parley.store.search import fts5_query

if TYPE_CHECKING:
    from tests.store.samples import Item


@pytest.mark.parametrize(
    ("typed", "query"),
    [
        ("ceasefire", '("ceasefire")'),
        ("ceasefire talks", '("ceasefire") AND ("talks")'),
        ('"real chance" peace', '("real chance") AND ("peace")'),
        ("Istanbul or Belgorod", '("Istanbul" OR "Belgorod")'),
        ("ceasefire -syndicated", '("ceasefire") NOT "syndicated"'),
        ("U.S. envoy", '("U S") AND ("envoy")'),
        ("NEAR(a b) AND NOT", '("NEAR a") AND ("b") AND ("AND") AND ("NOT")'),
        ('( ) * ^ : " - +', None),
        ("", None),
        ("-only", None),
    ],
)
def test_fts5_query_from_what_users_type(typed: str, query: str | None) -> None:
    assert fts5_query(typed) == query


@pytest.fixture(scope="module")
def memory_store() -> Iterator[Store]:
    with Store("sqlite://") as store:
        store.add_article(
            Article(text="Talks on a ceasefire in Geneva, near the lake.", title="Geneva", origin="x"), None
        )
        yield store


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(typed=st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_no_typed_text_is_an_fts5_error(memory_store: Store, typed: str) -> None:
    for article in memory_store.articles(search=typed):
        assert article.id == 1


def words_in(item: Item) -> set[str]:
    return {w.casefold() for w in re.findall(r"\w+", f"{item.article.title} {item.article.text}")}


@pytest.mark.parametrize(
    "typed",
    ["ceasefire", "Geneva", "Lavrov", "Istanbul Russia", "Kharkiv", "envoy", "depot Belgorod", "zebra"],
)
def test_search_finds_articles_holding_every_word(filled: Store, sample: list[Item], typed: str) -> None:
    wanted = {w.casefold() for w in typed.split()}
    expected = [n for n in range(len(sample), 0, -1) if wanted <= words_in(sample[n - 1])]
    got = filled.articles(search=typed)
    assert [a.id for a in got] == expected
    for a in got:
        assert a.snippet is not None
        assert any(w in a.snippet.casefold() for w in wanted)
        assert "<" not in a.snippet


def test_search_stems_words(filled: Store) -> None:
    # "threatens" (title of article 1) and "threatened" (its text) share the stem "threaten".
    assert [a.id for a in filled.articles(search="threatening")] == [1]


def test_search_phrases_or_and_exclusion(filled: Store) -> None:
    assert [a.id for a in filled.articles(search='"real chance"')] == [7, 2]
    assert [a.id for a in filled.articles(search="Istanbul or Kharkiv")] == [4, 1]
    assert [a.id for a in filled.articles(search="ceasefire -syndicated")] == [2]


def test_search_with_other_filters_and_pages(filled: Store) -> None:
    assert [a.id for a in filled.articles(search="ceasefire", outlet="Wire B")] == [2]
    assert [a.id for a in filled.articles(search="Russia", limit=2)] == [6, 3]
    assert [a.id for a in filled.articles(search="Russia", limit=2, after=3)] == [1]


@pytest.mark.parametrize("typed", ["", "   ", "!!!", '"'])
def test_search_without_words(filled: Store, typed: str) -> None:
    got = filled.articles(search=typed)
    if typed.strip():
        assert got == []
    else:
        assert len(got) == 7  # a blank search is no search
