"""Full-text search over articles' title and text, and substring search in quotes, one way per backend.

Users type plain words, so the query syntax is the forgiving one of PostgreSQL's
``websearch_to_tsquery`` on both backends: words are ANDed, ``"quoted words"`` is a
phrase, ``or`` between two terms is OR, and ``-word`` excludes a word. For SQLite the
text is rebuilt as an FTS5 query from its words only, each one quoted, so no input
can be an FTS5 syntax error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, FromClause, column, func, literal_column, select, table

from parley.store.read import like_pattern
from parley.store.schema import articles, quotes

_TERM = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+")

# Plain text around the first match; the web app escapes and shows it as is.
_SNIPPET_WORDS = 24
_HEADLINE_OPTIONS = (
    'StartSel="", StopSel="", MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=1, FragmentDelimiter=" … "'
)


def fts5_query(text: str) -> str | None:
    """The FTS5 query for what a user typed, or None when it has no word to look for."""
    groups: list[list[str]] = []
    excluded: list[str] = []
    or_next = False
    for m in _TERM.finditer(text):
        negated, phrase, bare = m.group(1), m.group(2), m.group(3)
        if bare is not None:
            if bare.lower() == "or":
                or_next = bool(groups)
                continue
            negated, phrase = ("-", bare[1:]) if bare.startswith("-") else ("", bare)
        words = _WORD.findall(phrase)
        if not words:
            continue
        term = '"' + " ".join(words) + '"'  # \w+ words hold no quote, so this cannot break out
        if negated:
            excluded.append(term)
        elif or_next:
            groups[-1].append(term)
        else:
            groups.append([term])
        or_next = False
    if not groups:
        return None
    query = " AND ".join("(" + " OR ".join(g) + ")" for g in groups)
    return query + "".join(f" NOT {t}" for t in excluded)


@dataclass(frozen=True, slots=True)
class Match:
    """Where matching articles come from, the condition they meet and a snippet of each."""

    source: FromClause
    condition: ColumnElement[bool]
    snippet: ColumnElement[str]
    rowid: ColumnElement[int]  # the article id as the index sees it, to fetch snippets of a page


_fts = table("articles_fts", column("rowid"))


def match(dialect: str, text: str) -> Match | None:
    """The search for ``text`` on a backend, or None when nothing can match."""
    if dialect == "sqlite":
        query = fts5_query(text)
        if query is None:
            return None
        fts: ColumnElement[Any] = literal_column("articles_fts")
        return Match(
            source=articles.join(_fts, _fts.c.rowid == articles.c.id),
            condition=fts.op("MATCH")(query),
            snippet=func.snippet(fts, 1, "", "", "…", _SNIPPET_WORDS),
            rowid=_fts.c.rowid,
        )
    if not _WORD.search(text):
        return None
    english: ColumnElement[Any] = literal_column("'english'::regconfig")
    tsquery = func.websearch_to_tsquery(english, text)
    return Match(
        source=articles,
        condition=literal_column("articles.search").op("@@")(tsquery),
        snippet=func.ts_headline(english, articles.c.text, tsquery, _HEADLINE_OPTIONS),
        rowid=articles.c.id,
    )


# The trigram tokenizer indexes runs of three characters; shorter pieces cannot use it.
_TRIGRAM = 3
_quotes_fts = table("quotes_fts", column("rowid"))


def quote_contains(dialect: str, piece: str) -> ColumnElement[bool]:
    """Quotes whose text holds ``piece``, in any case, through the trigram index where it can serve.

    SQLite asks its trigram FTS5 index for the piece as a phrase; PostgreSQL's ``ILIKE``
    is served by the ``pg_trgm`` index. A piece of fewer than three characters is a plain
    ``ILIKE``, which reads quotes newest first until the page is full.
    """
    if dialect == "sqlite" and len(piece) >= _TRIGRAM:
        phrase = '"' + piece.replace('"', '""') + '"'
        matching = (
            select(_quotes_fts.c.rowid)
            .select_from(_quotes_fts)
            .where(literal_column("quotes_fts").op("MATCH")(phrase))
        )
        return quotes.c.id.in_(matching)
    return quotes.c.text.ilike(like_pattern(piece), escape="\\")
