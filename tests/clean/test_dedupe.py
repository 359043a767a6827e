"""Duplicate keys: canonical URLs, exact-text hashes and near-duplicate fingerprints."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from parley.clean import NearDuplicates, canonical_url, clean, fingerprint, similarity, text_sha256
from parley.config import CleanOptions
from parley.errors import ConfigError
from parley.records import Article


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/world/talks", "https://example.org/world/talks"),
        ("HTTP://Example.ORG/world/talks", "https://example.org/world/talks"),
        ("https://www.example.org/world/talks/", "https://example.org/world/talks"),
        ("https://m.example.org/world/talks", "https://example.org/world/talks"),
        ("https://amp.example.org/world/talks", "https://example.org/world/talks"),
        ("https://example.org/world/talks/amp", "https://example.org/world/talks"),
        ("https://example.org/world/talks/amp/", "https://example.org/world/talks"),
        ("https://example.org/world/talks#comments", "https://example.org/world/talks"),
        (
            "https://example.org/world/talks?utm_source=rss&utm_medium=feed&utm_campaign=x",
            "https://example.org/world/talks",
        ),
        ("https://example.org/a?fbclid=IwAR0&gclid=1&mc_cid=2&mc_eid=3", "https://example.org/a"),
        ("https://example.org/a?ref=homepage&cmpid=share", "https://example.org/a"),
        ("https://example.org/a?xtor=RSS-3&partnerid=9&story=12", "https://example.org/a?story=12"),
        ("https://example.org/a?ns_mchannel=social&ocid=x&outputType=amp&p=4", "https://example.org/a?p=4"),
        ("https://example.org/a?id=7&page=2", "https://example.org/a?id=7&page=2"),
        ("https://example.org/a?page=2&id=7&utm_term=z", "https://example.org/a?id=7&page=2"),
        ("https://example.org:443/a", "https://example.org/a"),
        ("http://example.org:80/a", "https://example.org/a"),
        ("https://example.org:8443/a", "https://example.org:8443/a"),
        ("https://example.org/", "https://example.org"),
        ("//www.example.org/a", "https://example.org/a"),
        ("https://user:secret@example.org/a", "https://example.org/a"),
        ("https://m.co/a", "https://m.co/a"),
        ("  https://example.org/a  ", "https://example.org/a"),
        ("file:///tmp/article.txt", "file:///tmp/article.txt"),
    ],
)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


def test_canonical_url_is_idempotent() -> None:
    url = "http://www.Example.org/x/amp/?b=2&utm_source=a&a=1#top"
    assert canonical_url(canonical_url(url)) == canonical_url(url)


def test_text_hash_ignores_case_and_layout() -> None:
    a = "The minister said the talks\nwould resume."
    b = "the  MINISTER said the talks would resume.  "
    assert text_sha256(a) == text_sha256(b)
    assert len(text_sha256(a)) == 64


def test_text_hash_differs_for_different_text() -> None:
    assert text_sha256("The talks resumed.") != text_sha256("The talks collapsed.")


def _cleaned(fixtures: Path, text_document, name: str) -> Article:
    return clean(text_document(fixtures / "text" / name))


def test_fingerprint_size_follows_num_perm() -> None:
    assert len(fingerprint("a b c d e f")) == 4 * CleanOptions().num_perm
    assert len(fingerprint("a b c d e f", CleanOptions(num_perm=64))) == 4 * 64


def test_fingerprint_is_stable_across_calls(fixtures: Path) -> None:
    text = (fixtures / "text" / "talks_original.txt").read_text(encoding="utf-8")
    assert fingerprint(text) == fingerprint(text)


def test_fingerprint_is_stable_across_processes(fixtures: Path) -> None:
    path = fixtures / "text" / "talks_original.txt"
    script = (
        "import sys; from pathlib import Path; from parley.clean import fingerprint; "
        "sys.stdout.write(fingerprint(Path(sys.argv[1]).read_text(encoding='utf-8')).hex())"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    result = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True, env=env
    )
    assert result.stdout == fingerprint(path.read_text(encoding="utf-8")).hex()


def test_edited_republication_is_a_near_duplicate(fixtures: Path, text_document) -> None:
    original = _cleaned(fixtures, text_document, "talks_original.txt")
    copy = _cleaned(fixtures, text_document, "talks_republished.txt")
    assert copy.title != original.title
    assert copy.text != original.text
    assert text_sha256(copy.text) != original.text_sha256
    assert similarity(original.fingerprint, copy.fingerprint) >= CleanOptions().near_duplicate_threshold
    index = NearDuplicates()
    index.add(1, original.fingerprint)
    assert index.match(copy.fingerprint) == 1


def test_other_article_on_the_same_story_is_not_a_duplicate(fixtures: Path, text_document) -> None:
    original = _cleaned(fixtures, text_document, "talks_original.txt")
    other = _cleaned(fixtures, text_document, "talks_other.txt")
    assert similarity(original.fingerprint, other.fingerprint) < 0.3
    index = NearDuplicates()
    index.add(1, original.fingerprint)
    assert index.match(other.fingerprint) is None


def test_match_returns_the_most_similar_article(fixtures: Path, text_document) -> None:
    original = _cleaned(fixtures, text_document, "talks_original.txt")
    copy = _cleaned(fixtures, text_document, "talks_republished.txt")
    other = _cleaned(fixtures, text_document, "talks_other.txt")
    index = NearDuplicates()
    index.add(3, other.fingerprint)
    index.add(7, copy.fingerprint)
    index.add(5, original.fingerprint)
    assert len(index) == 3
    assert 7 in index
    assert index.match(original.fingerprint) == 5
    assert index.match(copy.fingerprint) == 7


def test_match_below_threshold_is_refused(fixtures: Path) -> None:
    # Half of one text and half of another: similar, but not a copy.
    a = (fixtures / "text" / "talks_original.txt").read_text(encoding="utf-8")
    b = (fixtures / "text" / "talks_other.txt").read_text(encoding="utf-8")
    mixed = a[: len(a) * 3 // 4] + b[: len(b) // 4]
    options = CleanOptions(near_duplicate_threshold=0.8)
    score = similarity(fingerprint(a, options), fingerprint(mixed, options))
    assert 0.3 < score < 0.8
    index = NearDuplicates(options)
    index.add(1, fingerprint(a, options))
    assert index.match(fingerprint(mixed, options)) is None
    lenient = NearDuplicates(CleanOptions(near_duplicate_threshold=0.3))
    lenient.add(1, fingerprint(a, options))
    assert lenient.match(fingerprint(mixed, options)) == 1


def test_adding_an_id_again_replaces_its_fingerprint(fixtures: Path) -> None:
    a = (fixtures / "text" / "talks_original.txt").read_text(encoding="utf-8")
    b = (fixtures / "text" / "talks_other.txt").read_text(encoding="utf-8")
    index = NearDuplicates()
    index.add(1, fingerprint(a))
    index.add(1, fingerprint(b))
    assert len(index) == 1
    assert index.match(fingerprint(a)) is None
    assert index.match(fingerprint(b)) == 1


def test_empty_index_matches_nothing() -> None:
    assert NearDuplicates().match(fingerprint("the talks resumed in Doha on Sunday")) is None


def test_fingerprint_of_other_size_is_refused() -> None:
    index = NearDuplicates()
    with pytest.raises(ConfigError, match="num_perm=128"):
        index.add(1, fingerprint("some words here", CleanOptions(num_perm=64)))
