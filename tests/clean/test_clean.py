"""``clean()``: a Document becomes an Article with a clean body, metadata and duplicate keys."""

from __future__ import annotations

import datetime as dt
import json
import types
from pathlib import Path

import pytest

import parley.clean
from parley.clean import canonical_url, clean, fingerprint, text_sha256
from parley.config import CleanOptions
from parley.errors import InputError, NoBodyError
from parley.sources.document import Document


def test_all_lists_exactly_the_public_names() -> None:
    public = {
        name
        for name, value in vars(parley.clean).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    assert set(parley.clean.__all__) == public


def test_seed_article_matches_its_gold(seed: Path) -> None:
    gold = json.loads(seed.with_name("blitz-us-mediation.gold.json").read_text(encoding="utf-8"))["clean"]
    article = clean(Document(origin=str(seed), kind="text", content=seed.read_text(encoding="utf-8")))
    assert article.title == gold["title"]
    assert article.outlet == gold["outlet"]
    assert article.text.startswith(gold["body_starts_with"])
    assert article.text.endswith(gold["body_ends_with"])
    for excluded in gold["body_excludes"]:
        assert excluded not in article.text
    assert article.origin == str(seed)
    assert article.language == "en"


def test_seed_keeps_its_characters_and_paragraphs(seed: Path) -> None:
    raw = seed.read_text(encoding="utf-8")
    article = clean(Document(origin=str(seed), kind="text", content=raw))
    assert "negotiations-a stance" in article.text
    assert "“step back as a mediator”" in article.text
    assert "\n\n\n" not in article.text
    for paragraph in article.text.split("\n\n"):
        assert paragraph in raw


def test_article_fields_are_filled(fixtures: Path) -> None:
    path = fixtures / "text" / "talks_original.txt"
    fetched = dt.datetime(2025, 5, 3, 12, 0, tzinfo=dt.UTC)
    doc = Document(
        origin=str(path),
        kind="text",
        content=path.read_text(encoding="utf-8"),
        url="https://www.danube-courier.example/world/vienna-talks/?utm_source=rss",
        published=dt.date(2025, 5, 2),
        fetched_at=fetched,
    )
    article = clean(doc)
    assert article.url == doc.url
    assert article.canonical_url == canonical_url(doc.url or "")
    assert article.canonical_url == "https://danube-courier.example/world/vienna-talks"
    assert article.published == dt.date(2025, 5, 2)
    assert article.fetched_at == fetched
    assert article.text_sha256 == text_sha256(article.text)
    assert article.fingerprint == fingerprint(article.text)
    assert (article.title, article.outlet) == (None, None)


def test_wordpress_trailer_gives_title_and_outlet(fixtures: Path, text_document) -> None:
    article = clean(text_document(fixtures / "text" / "wordpress.txt"))
    assert article.title == "EU ready to widen shipping sanctions after review"
    assert article.outlet == "Harbour Ledger"
    assert article.text.endswith("arguing that the evidence gathered so far was incomplete.")
    for trailer in ("Share this", "Like Loading", "appeared first on", "[Read More]", "* * *", "Source:"):
        assert trailer not in article.text


def test_document_metadata_wins_over_the_trailer(fixtures: Path) -> None:
    path = fixtures / "text" / "wordpress.txt"
    doc = Document(
        origin=str(path),
        kind="text",
        content=path.read_text(encoding="utf-8"),
        title="  EU   sanctions ",
        outlet="Wire",
    )
    article = clean(doc)
    assert (article.title, article.outlet) == ("EU sanctions", "Wire")


def test_wire_credit_is_kept_and_trailers_after_it_removed(fixtures: Path, text_document) -> None:
    article = clean(text_document(fixtures / "text" / "wire.txt"))
    assert article.text.endswith("(Reporting by Amal Rahman in New York; Editing by Peter Lindqvist)")
    assert "Read more about the council's previous resolutions" in article.text
    assert "Follow us" not in article.text
    assert "Continue reading" not in article.text


def test_first_paragraph_repeating_the_title_is_dropped() -> None:
    body = (
        "The ministers met in Vienna on Thursday and agreed to meet again before the end of the month. " * 4
    )
    doc = Document(
        origin="t.txt",
        kind="text",
        content=f"Ministers meet in Vienna\n{body}",
        title="Ministers meet in Vienna",
    )
    assert clean(doc).text == body.strip()


def test_short_crawled_body_is_refused() -> None:
    doc = Document(
        origin="https://example.org/feed#1", kind="text", content="The talks resumed on Sunday.", crawled=True
    )
    with pytest.raises(NoBodyError, match=r"feed#1: .*28 characters.*at least 200.*--min-chars"):
        clean(doc)


def test_short_text_given_by_the_user_is_kept() -> None:
    doc = Document(origin="brief.txt", kind="text", content="The talks resumed on Sunday.\nShare this:")
    assert clean(doc).text == "The talks resumed on Sunday."


def test_text_with_nothing_left_is_refused() -> None:
    with pytest.raises(NoBodyError, match=r"brief\.txt: no article body"):
        clean(Document(origin="brief.txt", kind="text", content="Share this:"))


def test_min_body_chars_is_an_option() -> None:
    doc = Document(origin="brief.txt", kind="text", content="The talks resumed on Sunday.", crawled=True)
    assert clean(doc, CleanOptions(min_body_chars=10)).text == "The talks resumed on Sunday."


def test_body_of_only_trailers_is_refused() -> None:
    doc = Document(
        origin="trailers.txt", kind="text", content="[Read More]\nSource: Wire\nComments are closed."
    )
    with pytest.raises(NoBodyError, match="no article body"):
        clean(doc)


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(InputError, match="unknown document kind 'pdf'"):
        clean(Document(origin="x.pdf", kind="pdf", content="%PDF"))
