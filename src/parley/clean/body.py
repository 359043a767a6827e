"""Extracting an article's body text and metadata from an HTML page with trafilatura.

Navigation, cookie notices, share bars, related-story lists, comments, tables and
footers are left out; paragraphs come back one per line. The page's own title,
publication date and site name are read from its metadata (Open Graph, JSON-LD,
``<title>``, ``<time>``) for articles whose source did not supply them. Nothing is
fetched: trafilatura only parses the string it is given.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import trafilatura
from trafilatura.settings import Document as PageDocument
from trafilatura.settings import set_date_params

from parley.errors import NoBodyError

__all__ = ["Extracted", "extract_body"]

_PAGE_TAG = re.compile(r"<(?:html|body)[\s>]", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Extracted:
    """The body of an HTML page, one paragraph per line, with the metadata found on the page."""

    text: str
    title: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    url: str | None = None


def extract_body(html: str, origin: str, url: str | None = None) -> Extracted:
    """The article body and metadata of ``html``; ``origin`` names the page in errors.

    ``url`` is the page's address when known; it only helps date and site-name
    detection. Raises NoBodyError when the page has no article text.
    """
    if not html.strip():
        raise NoBodyError(origin, "the HTML page is empty")
    try:
        found = trafilatura.bare_extraction(
            _as_page(html),
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_links=False,
            include_images=False,
            include_formatting=False,
            # Only the page's markup and metadata, not any date-like string in the text:
            # a wrong publication date would shift every relative date ("on Tuesday").
            date_extraction_params=set_date_params(extensive=False),
        )
    except (ValueError, TypeError) as error:
        raise NoBodyError(origin, f"the HTML could not be parsed ({error})") from error
    text = (found.text or "").strip() if isinstance(found, PageDocument) else ""
    if not isinstance(found, PageDocument) or not text:
        raise NoBodyError(origin, "no article body found in the HTML page (only navigation or boilerplate)")
    return Extracted(
        text=text,
        title=_clean_field(found.title),
        published=_parse_date(found.date),
        outlet=_clean_field(found.sitename),
        url=_clean_field(found.url),
    )


def _as_page(html: str) -> str:
    """A whole page for ``html``: feed items carry fragments, and trafilatura discards a
    fragment that parses to a single element (one ``<p>``) as an empty tree."""
    if _PAGE_TAG.search(html):
        return html
    return f"<html><body>{html}</body></html>"


def _clean_field(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    squashed = " ".join(value.split())
    return squashed or None


def _parse_date(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
