"""Quotation-mark scanning: no model needed."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from parley.nlp.marks import find_marked_spans


def quoted(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_marked_spans(text)]


def test_curly_quotes() -> None:
    assert quoted("He said “we will talk” and left.") == ["we will talk"]


def test_straight_quotes_open_after_space_and_close_before_punctuation() -> None:
    text = 'The envoy called it "a first step," and added "nothing more".'
    assert quoted(text) == ["a first step,", "nothing more"]


def test_angle_quotes() -> None:
    assert quoted("Le ministre a parlé: «a fair deal» was the phrase.") == ["a fair deal"]


def test_apostrophes_are_not_quotes() -> None:
    text = "The minister’s aides said ‘no deal’ was ‘final’, and that’s that."
    assert quoted(text) == ["no deal", "final"]


def test_quote_spanning_sentences_is_one_span() -> None:
    text = "“We are ready. We have always been ready,” she said."
    assert quoted(text) == ["We are ready. We have always been ready,"]


def test_multi_paragraph_quote_continues_when_next_paragraph_reopens() -> None:
    text = "“The first part of the statement.\n\n“The second part,” the minister said.\n\nAfter."
    spans = find_marked_spans(text)
    assert len(spans) == 1
    assert text[spans[0].start : spans[0].end].startswith("The first part")
    assert text[spans[0].start : spans[0].end].endswith("The second part,")


def test_unclosed_quote_without_continuation_is_dropped() -> None:
    text = "A stray “mark with no end.\n\nThe next paragraph has “a proper quote”."
    assert quoted(text) == ["a proper quote"]


@given(st.text(alphabet=st.sampled_from(list('ab “”"‘’.,\n')), max_size=80))
def test_spans_are_ordered_disjoint_and_inside_the_text(text: str) -> None:
    spans = find_marked_spans(text)
    last = -1
    for span in spans:
        assert 0 <= span.open_mark < span.start <= span.end <= span.close_mark <= len(text)
        assert span.open_mark > last
        last = span.close_mark


def test_doubled_apostrophes_are_one_double_mark() -> None:
    from parley.nlp.marks import find_marked_spans

    text = "''This is no reform,'' said the economist. ''It's a tax rise.''"
    assert [text[m.start : m.end] for m in find_marked_spans(text)] == [
        "This is no reform,",
        "It's a tax rise.",
    ]


def test_curly_and_straight_marks_mixed_in_one_quote() -> None:
    from parley.nlp.marks import find_marked_spans

    text = 'He said “the border stays shut" and left. ”Fear rules here,” she wrote.'
    assert [text[m.start : m.end] for m in find_marked_spans(text)] == [
        "the border stays shut",
        "Fear rules here,",
    ]
