"""HTML pages with boilerplate become a clean body and the page's metadata."""

from __future__ import annotations

import datetime as dt
import socket
from pathlib import Path

import pytest

from parley.clean import clean, extract_body
from parley.errors import NoBodyError
from parley.sources.document import Document

BOILERPLATE = (
    "We use cookies",
    "Accept all cookies",
    "Subscribe",
    "Share on Facebook",
    "Email this story",
    "Share this article",
    "Related stories",
    "Border clashes leave three soldiers dead",
    "This will never work",
    "reader42",
    "All rights reserved",
    "Privacy policy",
)


def test_boilerplate_page_yields_only_the_story(fixtures: Path, html_document) -> None:
    article = clean(html_document(fixtures / "pages" / "boilerplate.html"))
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("Negotiators for the two neighbouring states agreed on Monday")
    assert paragraphs[-1].endswith("who has followed the negotiations closely.")
    for noise in BOILERPLATE:
        assert noise not in article.text


def test_page_metadata_fills_the_article(fixtures: Path, html_document) -> None:
    article = clean(html_document(fixtures / "pages" / "boilerplate.html"))
    assert article.title == "Envoys agree to resume border talks in Geneva"
    assert article.outlet == "The Meridian Post"
    assert article.published == dt.date(2025, 4, 8)
    assert article.canonical_url == (
        "https://meridian-post.example/world/2025/04/08/envoys-agree-to-resume-border-talks"
    )


def test_headline_is_not_repeated_in_the_body(fixtures: Path, html_document) -> None:
    article = clean(html_document(fixtures / "pages" / "boilerplate.html"))
    assert article.title is not None
    assert not article.text.startswith(article.title)


def test_document_metadata_wins_over_the_page(fixtures: Path) -> None:
    path = fixtures / "pages" / "boilerplate.html"
    doc = Document(
        origin=str(path),
        kind="html",
        content=path.read_text(encoding="utf-8"),
        url="https://feeds.example/item/77?utm_source=rss",
        title="Border talks to resume",
        published=dt.date(2025, 4, 9),
        outlet="Feed Wire",
    )
    article = clean(doc)
    assert (article.title, article.outlet, article.published) == (
        "Border talks to resume",
        "Feed Wire",
        dt.date(2025, 4, 9),
    )
    assert article.url == "https://feeds.example/item/77?utm_source=rss"
    assert article.canonical_url == "https://feeds.example/item/77"


def test_wordpress_page_loses_sharing_widgets_and_footer(fixtures: Path, html_document) -> None:
    article = clean(html_document(fixtures / "pages" / "wordpress.html"))
    assert article.text.endswith("after consulting its commanders in the field.")
    for noise in ("appeared first on", "Share this", "Click to share", "Like Loading", "Leave a Reply"):
        assert noise not in article.text
    assert article.title == "Mediators propose phased ceasefire for the eastern provinces"
    assert article.outlet == "Lakeside Dispatch"
    assert article.published == dt.date(2025, 6, 17)


@pytest.mark.parametrize("content", ["", "   \n  ", "<html><body></body></html>"])
def test_empty_html_has_no_body(content: str) -> None:
    with pytest.raises(NoBodyError, match=r"empty\.html"):
        clean(Document(origin="empty.html", kind="html", content=content))


def test_page_of_only_navigation_has_no_body(fixtures: Path, html_document) -> None:
    path = fixtures / "pages" / "boilerplate_only.html"
    with pytest.raises(NoBodyError) as caught:
        clean(html_document(path))
    assert caught.value.source == str(path)


def test_extraction_fetches_nothing(fixtures: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the cleaner tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    html = (fixtures / "pages" / "boilerplate.html").read_text(encoding="utf-8")
    page = extract_body(html, "page", url="https://www.meridian-post.example/world/envoys")
    assert page.text


PARAGRAPH = (
    "The foreign ministers met in Vienna on Thursday and agreed to resume talks next week, officials "
    "said, adding that a working group on humanitarian questions would stay in place until the end of "
    "the month."
)


@pytest.mark.parametrize(
    "fragment",
    [
        pytest.param(f"<p>{PARAGRAPH}</p>", id="one-paragraph"),
        pytest.param(f"<div><p>{PARAGRAPH}</p></div>", id="wrapped-paragraph"),
        pytest.param(PARAGRAPH, id="bare-text"),
    ],
)
def test_feed_item_fragment_yields_its_text(fragment: str) -> None:
    article = clean(Document(origin="feed.xml#item-1", kind="html", content=fragment, title="Talks"))
    assert article.text == PARAGRAPH
