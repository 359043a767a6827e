"""Highlighting article text from char offsets: escaping, nesting and bad spans."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st

from parley.web.highlight import Span, highlight, quote_spans, trigger_spans

TAG = re.compile(r"<[^>]*>")


def plain(markup: str) -> str:
    """The text a browser would show for ``markup``."""
    return html.unescape(TAG.sub("", markup))


class Balance(HTMLParser):
    """Records the tag structure, failing on a closing tag that does not match."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.opened: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(tag)
        self.opened.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack}"
        self.stack.pop()


def parse(markup: str) -> Balance:
    parser = Balance()
    parser.feed(str(markup))
    parser.close()
    assert parser.stack == []
    return parser


def test_plain_text_is_escaped() -> None:
    out = highlight('<script>alert("x")</script> & more', [], [])
    assert "<script>" not in out
    assert plain(out) == '<script>alert("x")</script> & more'


def test_quote_is_marked_with_speaker_title_and_link() -> None:
    text = 'He said "stop now" today.'
    start = text.index("stop")
    quotes = [{"id": 7, "start": start, "end": start + 8, "speaker": {"name": "Jo <b>", "country": None}}]
    out = highlight(text, quote_spans(quotes, lambda name: "/actors/" + name.replace(" ", "%20")), [])
    tags = parse(out).opened
    assert tags[0] == ("mark", {"class": "quote", "title": "Jo <b>", "id": "q7"})
    assert tags[1] == ("a", {"href": "/actors/Jo%20<b>"})
    assert plain(out) == text


def test_unattributed_quote_has_no_link() -> None:
    text = 'a "deal-maker" president'
    quotes = [{"id": 1, "start": 3, "end": 13, "speaker": None}]
    out = highlight(text, quote_spans(quotes, lambda name: "/x"), [])
    tags = parse(out).opened
    assert [t for t, _ in tags] == ["mark"]
    assert tags[0][1]["class"] == "quote unattributed"


def test_trigger_inside_quote_is_nested_and_typed() -> None:
    text = "They said we will strike back soon."
    events = [
        {
            "id": 3,
            "trigger": [text.index("strike"), text.index("strike") + 6],
            "plover": {"type": "THREATEN"},
            "cameo": "138",
            "source": {"name": "A"},
            "target": {"name": "B"},
        }
    ]
    quote = Span(text.index("we"), len(text) - 1, "quote", "X")
    out = highlight(text, [quote], trigger_spans(events, lambda t: f"t-{t}".lower()))
    tags = parse(out).opened
    assert [t for t, _ in tags] == ["mark", "mark"]
    assert tags[1][1] == {"class": "trigger t-threaten", "title": "THREATEN 138: A → B", "id": "e3"}
    assert plain(out) == text


def test_trigger_across_quote_boundary_is_split_with_one_anchor() -> None:
    text = "abcdefghij"
    out = highlight(text, [Span(0, 5, "quote", "Q")], [Span(3, 7, "trigger", "T", anchor="e1")])
    tags = parse(out).opened
    assert [attrs.get("id") for _, attrs in tags].count("e1") == 1
    assert [attrs["class"] for _, attrs in tags] == ["quote", "trigger", "trigger"]
    assert plain(out) == text


def test_bad_and_overlapping_spans_are_left_unmarked() -> None:
    text = "0123456789"
    spans = [
        Span(-1, 3, "quote", "neg"),
        Span(5, 50, "quote", "long"),
        Span(4, 4, "quote", "empty"),
        Span(1, 6, "quote", "first"),
        Span(2, 8, "quote", "overlaps"),
    ]
    out = highlight(text, spans, [])
    titles = [attrs["title"] for _, attrs in parse(out).opened]
    assert titles == ["first"]
    assert plain(out) == text


spans = st.lists(st.tuples(st.integers(-5, 60), st.integers(-5, 60)), max_size=8)


@given(st.text(alphabet=st.sampled_from("ab <>&\"'\n"), max_size=50), spans, spans)
def test_any_spans_give_balanced_markup_showing_the_exact_text(
    text: str, quotes: list[tuple[int, int]], triggers: list[tuple[int, int]]
) -> None:
    out = highlight(
        text,
        [Span(a, b, "quote", '"<q>"', href="/a?b=1&c=2") for a, b in quotes],
        [Span(a, b, "trigger", "<t>", anchor="e1") for a, b in triggers],
    )
    parse(out)
    assert plain(out) == text
