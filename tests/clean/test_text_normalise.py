"""Body normalisation: NFC, whitespace inside lines, one blank line between paragraphs."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from parley.clean import normalize_text

# Text with plenty of the characters normalisation cares about: spaces of every kind,
# line breaks of every kind, combining marks and invisible characters.
messy_text = st.lists(
    st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
        st.sampled_from(
            [
                " ",
                "\t",
                "\n",
                "\r\n",
                "\r",
                "\u00a0",
                "\u2028",
                "\u3000",
                "\u200b",
                "\ufeff",
                "e\u0301",
                "\u0301",
            ]
        ),
        st.sampled_from(["The envoy said.", "talks", "ceasefire", "“Yes,”"]),
    ),
    max_size=80,
).map("".join)


@given(messy_text)
def test_normalisation_is_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once


@given(messy_text)
def test_result_is_nfc(text: str) -> None:
    result = normalize_text(text)
    assert unicodedata.is_normalized("NFC", result)


@given(messy_text)
def test_paragraphs_are_separated_by_exactly_one_blank_line(text: str) -> None:
    result = normalize_text(text)
    assert "\n\n\n" not in result
    assert result == result.strip()
    for line in result.split("\n\n") if result else []:
        assert line
        assert "\n" not in line
        assert line == line.strip()
        assert "  " not in line
        assert "\t" not in line


def test_one_paragraph_per_line_becomes_blank_line_separated() -> None:
    text = "First paragraph ends here.\nSecond one, also complete.\n“Third,” he said.\n"
    assert (
        normalize_text(text)
        == "First paragraph ends here.\n\nSecond one, also complete.\n\n“Third,” he said."
    )


def test_hard_wrapped_paragraphs_are_joined(fixtures: Path) -> None:
    text = normalize_text((fixtures / "text" / "wrapped.txt").read_text(encoding="utf-8"))
    paragraphs = text.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0] == (
        "Defence ministers from the alliance agreed on Tuesday to raise the readiness of forces on "
        "its eastern flank, a decision officials said had been under discussion since the spring."
    )


def test_title_line_above_a_body_is_not_taken_for_wrapping() -> None:
    text = "Talks resume in Doha\nThe delegations met on Sunday. They will meet again next week."
    assert normalize_text(text) == (
        "Talks resume in Doha\n\nThe delegations met on Sunday. They will meet again next week."
    )


def test_whitespace_inside_lines_is_collapsed() -> None:
    assert normalize_text("  The\tminister   said\u00a0so.  \r\n\r\n\r\n  Then   left. ") == (
        "The minister said so.\n\nThen left."
    )


def test_characters_are_otherwise_kept() -> None:
    text = "“We’re not going,” he said — negotiations-a stance… «non» 'single'"
    assert normalize_text(text) == text


def test_decomposed_accents_are_composed() -> None:
    assert normalize_text("Zelensky met Macro\u0301n") == "Zelensky met Macrón"


def test_invisible_characters_are_removed() -> None:
    assert normalize_text("\ufeffThe\u200b talks") == "The talks"
