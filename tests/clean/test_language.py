"""The English check refuses clearly foreign bodies and accepts short English news."""

from __future__ import annotations

from pathlib import Path

import pytest

from parley.clean import clean, english_share, is_english
from parley.clean.language import ENGLISH_THRESHOLD
from parley.errors import LanguageError
from parley.sources.document import Document

FOREIGN = ["da", "de", "es", "fr", "it", "nl", "ru"]

TERSE_ENGLISH = (
    "Russian forces struck Kharkiv overnight, killing three civilians, regional governor Oleh "
    "Syniehubov said on Telegram. Ukraine's air force said it shot down 40 of 52 drones launched "
    "from Kursk and Bryansk regions. Moscow's defence ministry claimed 28 Ukrainian drones downed "
    "over Belgorod. No comment yet from Kyiv."
)


@pytest.mark.parametrize("language", FOREIGN)
def test_foreign_news_is_not_english(fixtures: Path, language: str) -> None:
    text = (fixtures / "foreign" / f"{language}.txt").read_text(encoding="utf-8")
    assert english_share(text) < ENGLISH_THRESHOLD / 2
    assert not is_english(text)


@pytest.mark.parametrize("language", FOREIGN)
def test_clean_refuses_foreign_text_naming_the_input(fixtures: Path, language: str) -> None:
    path = fixtures / "foreign" / f"{language}.txt"
    doc = Document(origin=str(path), kind="text", content=path.read_text(encoding="utf-8"))
    with pytest.raises(LanguageError, match="non-English") as caught:
        clean(doc)
    assert caught.value.source == str(path)


def test_terse_english_brief_is_english() -> None:
    assert english_share(TERSE_ENGLISH) > ENGLISH_THRESHOLD
    assert is_english(TERSE_ENGLISH)


@pytest.mark.parametrize("name", ["talks_original.txt", "wire.txt", "wordpress.txt", "wrapped.txt"])
def test_english_fixtures_are_english(fixtures: Path, name: str) -> None:
    text = (fixtures / "text" / name).read_text(encoding="utf-8")
    assert english_share(text) > 2 * ENGLISH_THRESHOLD


def test_too_few_words_are_not_judged() -> None:
    assert is_english("Sommet à Genève: accord conclu")
    assert english_share("Sommet à Genève: accord conclu") == 0.0


def test_share_of_empty_text_is_zero() -> None:
    assert english_share("") == 0.0
    assert english_share("1234 5678") == 0.0
