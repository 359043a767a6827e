"""Turning one raw Document into an Article: body, metadata, language check and duplicate keys."""

from __future__ import annotations

import unicodedata

from parley.clean.body import extract_body
from parley.clean.dateline import strip_dateline
from parley.clean.dedupe import canonical_url, fingerprint, text_sha256
from parley.clean.language import english_share, is_english
from parley.clean.text import normalize_text
from parley.clean.trailers import strip_trailers
from parley.config import CleanOptions
from parley.errors import InputError, LanguageError, NoBodyError
from parley.records import Article
from parley.sources.document import Document

__all__ = ["clean"]


def clean(doc: Document, options: CleanOptions = CleanOptions()) -> Article:
    """The cleaned Article for ``doc``, ready for analysis and storage.

    HTML pages go through trafilatura; every body then loses its syndication
    trailer and is normalised (NFC, one blank line between paragraphs). Title,
    outlet, date and URL come from the Document first, then from the page's
    metadata, then from the trailer, which also says whether the article is
    republished. A first paragraph that repeats the title is dropped, and so are an
    opening byline and dateline ("KYIV (Reuters) -"), whose place and agency are kept on
    the Article. Raises NoBodyError when no body remains, or (for crawled documents and
    HTML pages) one shorter than ``options.min_body_chars``, and LanguageError for
    non-English text.
    """
    title, outlet, published, url = doc.title, doc.outlet, doc.published, doc.url
    if doc.kind == "html":
        page = extract_body(doc.content, doc.origin, url=doc.url)
        raw = page.text
        title = title or page.title
        outlet = outlet or page.outlet
        published = published or page.published
        url = url or _web_url(page.url)
    elif doc.kind == "text":
        raw = doc.content
    else:
        raise InputError(doc.origin, f"unknown document kind {doc.kind!r} (expected 'text' or 'html')")

    trimmed = strip_trailers(raw)
    title = _field(title) or trimmed.title
    outlet = _field(outlet) or trimmed.outlet
    # The dateline goes before anything is measured or hashed: every offset refers to the
    # text without it, and two copies of a story that differ only in their dateline hash the same.
    opening = strip_dateline(_drop_repeated_title(normalize_text(trimmed.body), title))
    text = opening.body

    # Text a user gives is analysed whatever its length; a crawled item or a web page whose
    # body had to be extracted must reach the minimum (a short one is a teaser or boilerplate).
    minimum = options.min_body_chars if doc.crawled or doc.kind == "html" else 1
    if len(text) < minimum:
        what = "no article body" if not text else f"an article body of only {len(text)} characters"
        raise NoBodyError(
            doc.origin,
            f"{what} after cleaning"
            + (f" (at least {options.min_body_chars} are needed; see --min-chars)" if text else ""),
        )
    if not is_english(text):
        raise LanguageError(
            doc.origin,
            f"looks like non-English text (only {english_share(text):.0%} of its words are "
            "common English words); Parley analyses English news",
        )

    return Article(
        text=text,
        title=title,
        outlet=outlet,
        published=published,
        url=url,
        canonical_url=canonical_url(url) if url else None,
        dateline=opening.place,
        dateline_agency=opening.agency,
        origin=doc.origin,
        fetched_at=doc.fetched_at,
        language="en",
        text_sha256=text_sha256(text),
        fingerprint=fingerprint(text, options),
        republished=trimmed.republished,
    )


def _field(value: str | None) -> str | None:
    """A title or outlet on one line, or None when blank."""
    if value is None:
        return None
    squashed = " ".join(unicodedata.normalize("NFC", value).split())
    return squashed or None


def _web_url(value: str | None) -> str | None:
    return value if value and value.startswith(("http://", "https://")) else None


def _same_words(a: str, b: str) -> bool:
    return a.casefold().split() == b.casefold().split()


def _drop_repeated_title(text: str, title: str | None) -> str:
    """The body without a first paragraph that only repeats the headline."""
    if not title:
        return text
    first, _, rest = text.partition("\n\n")
    return rest if rest and _same_words(first.rstrip(".:"), title.rstrip(".:")) else text
