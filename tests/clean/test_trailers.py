"""Syndication trailers are peeled from the end of a body, and only from the end."""

from __future__ import annotations

import pytest

from parley.clean import strip_trailers, trailer_family

BODY = (
    "The two delegations met in Doha on Sunday for a third round of talks.\n"
    "A mediator said the discussions had been “serious and detailed” and would continue next week."
)

TRAILER_LINES = [
    pytest.param("[Read More]", "read-more", id="read-more-bracketed"),
    pytest.param("Continue reading Talks resume in Doha at Gulf Wire", "read-more", id="continue-reading"),
    pytest.param("Read more: Doha talks enter third round", "read-more", id="read-more-colon"),
    pytest.param("Read the full story at Gulf Wire", "read-more", id="read-full-story"),
    pytest.param("Source: Gulf Wire :: World", "source", id="source"),
    pytest.param("Via: Harbour Ledger", "source", id="via"),
    pytest.param("Comments are closed.", "comments", id="comments-closed"),
    pytest.param("Comments are closed. Please check back later.", "comments", id="comments-closed-long"),
    pytest.param("Leave a Reply", "comments", id="leave-a-reply"),
    pytest.param("Please follow Gulf Wire on Google News", "follow", id="follow-google-news"),
    pytest.param("Follow us on Telegram for more world news", "follow", id="follow-us"),
    pytest.param("Join our WhatsApp channel", "follow", id="join-channel"),
    pytest.param("Share this:", "share", id="share-this"),
    pytest.param("Click to share on X (Opens in new window)", "share", id="click-to-share"),
    pytest.param("Share on Facebook", "share", id="share-on"),
    pytest.param("Like this:", "like", id="like-this"),
    pytest.param("Like Loading...", "like", id="like-loading"),
    pytest.param("Like this: Like Loading...", "like", id="like-this-loading"),
    pytest.param("Related", "related", id="related"),
    pytest.param("Related posts:", "related", id="related-posts"),
    pytest.param(
        "The article Doha talks enter third round was originally published on Gulf Wire.",
        "originally",
        id="originally-published",
    ),
    pytest.param(
        "This article originally appeared on Harbour Ledger.", "originally", id="originally-appeared"
    ),
    pytest.param("This story first appeared in The Lakeside Dispatch.", "originally", id="first-appeared"),
    pytest.param("Tags: Qatar, mediation, talks", "taxonomy", id="tags"),
    pytest.param("© 2025 Gulf Wire. All rights reserved.", "copyright", id="copyright"),
    pytest.param("Sign up for our daily newsletter", "newsletter", id="newsletter"),
    pytest.param("Advertisement", "advertisement", id="advertisement"),
    pytest.param("—–", "separator", id="dashes"),
    pytest.param("***", "separator", id="stars"),
    pytest.param("---", "separator", id="hyphens"),
    pytest.param("___", "separator", id="underscores"),
    pytest.param("* * *", "separator", id="spaced-stars"),
]

BODY_LINES = [
    "No comment yet from Kyiv.",
    "Share prices in Moscow fell by 3% on Monday.",
    "Related talks are expected in Cairo next week.",
    "Source code for the monitoring software was shared with both sides.",
    "Follow-up meetings will be held in Geneva.",
    "More than 40 people were killed in the strikes, officials said.",
    "Copyright disputes have also strained relations.",
    "The report, first published in 2019, found repeated violations.",
    "(Reporting by Amal Rahman in New York; Editing by Peter Lindqvist)",
    "Like this year's summit, the last one ended without a deal.",
    "“Read more carefully what we proposed,” the minister said.",
]


@pytest.mark.parametrize(("line", "family"), TRAILER_LINES)
def test_each_family_is_recognised(line: str, family: str) -> None:
    assert trailer_family(line) == family


@pytest.mark.parametrize(("line", "family"), TRAILER_LINES)
def test_trailer_line_at_the_end_is_removed(line: str, family: str) -> None:
    trimmed = strip_trailers(f"{BODY}\n{line}\n")
    assert trimmed.body == BODY
    assert trimmed.removed == (" ".join(line.split()),)


@pytest.mark.parametrize("line", BODY_LINES)
def test_body_sentences_are_not_trailers(line: str) -> None:
    assert trailer_family(line) is None
    assert strip_trailers(f"{BODY}\n{line}").body == f"{BODY}\n{line}"


def test_stacked_trailers_are_all_peeled_and_the_wordpress_footer_read() -> None:
    text = (
        f"{BODY}\n"
        "Please follow Gulf Wire on Google News Channel\n"
        "The post Doha talks enter third round appeared first on Gulf Wire.\n"
        "[Read More]\n"
        "—–\n"
        "Source: Gulf Wire :: World\n"
        "Comments are closed. Please check back later.\n"
    )
    trimmed = strip_trailers(text)
    assert trimmed.body == BODY
    assert trimmed.title == "Doha talks enter third round"
    assert trimmed.outlet == "Gulf Wire"
    assert len(trimmed.removed) == 6
    assert trimmed.removed[0].startswith("Please follow")


@pytest.mark.parametrize(
    ("footer", "title", "outlet"),
    [
        ("The post A B C appeared first on Outlet One.", "A B C", "Outlet One"),
        (
            "The post Talks stall, again first appeared on news.example.com.",
            "Talks stall, again",
            "news.example.com",
        ),
        ("The post “Not our war,” says envoy appeared first on BLiTZ", "“Not our war,” says envoy", "BLiTZ"),
    ],
)
def test_wordpress_footer_variants(footer: str, title: str, outlet: str) -> None:
    trimmed = strip_trailers(f"{BODY}\n{footer}")
    assert (trimmed.body, trimmed.title, trimmed.outlet) == (BODY, title, outlet)


def test_trailer_like_line_followed_by_body_text_is_kept() -> None:
    text = f"{BODY}\n[Read More]\nThe talks will resume on Thursday, the mediator said.\nShare this:"
    trimmed = strip_trailers(text)
    assert trimmed.body == f"{BODY}\n[Read More]\nThe talks will resume on Thursday, the mediator said."
    assert trimmed.removed == ("Share this:",)


def test_wire_credit_is_kept_and_stops_peeling() -> None:
    credit = "(Reporting by Amal Rahman; Editing by Peter Lindqvist)"
    trimmed = strip_trailers(f"{BODY}\n{credit}\nThe post Title appeared first on Wire.\nFollow us on X")
    assert trimmed.body == f"{BODY}\n{credit}"
    assert trimmed.title == "Title"


def test_blank_lines_between_trailers_are_skipped() -> None:
    trimmed = strip_trailers(f"{BODY}\n\nShare this:\n\n\nRelated\n\n")
    assert trimmed.body == BODY


def test_body_without_trailer_is_unchanged() -> None:
    trimmed = strip_trailers(BODY)
    assert trimmed.body == BODY
    assert (trimmed.title, trimmed.outlet, trimmed.removed) == (None, None, ())


def test_long_line_is_never_a_trailer() -> None:
    long_line = "Source: " + "the delegation said the talks would continue " * 10
    assert trailer_family(long_line) is None


@pytest.mark.parametrize(
    ("line", "outlet", "republished"),
    [
        ("Source: Continental Wire", "Continental Wire", False),
        ("Source: Bosphorus Review :: World", "Bosphorus Review", False),
        ("(Source: Nile Courier)", "Nile Courier", False),
        ("Source: Reuters, AFP", None, False),
        ("Source: https://example.org/story", None, False),
        ("This article was originally published by Bosphorus Review.", "Bosphorus Review", True),
        ("This story was first published by The Harbour Times", "The Harbour Times", True),
        ("This article was originally published on May 2.", None, False),
    ],
)
def test_source_and_republication_lines_name_the_outlet(
    line: str, outlet: str | None, republished: bool
) -> None:
    trimmed = strip_trailers(f"The ministers met in Geneva.\n{line}")
    assert trimmed.body == "The ministers met in Geneva."
    assert (trimmed.outlet, trimmed.republished) == (outlet, republished)


def test_the_wordpress_footer_names_the_outlet_before_a_source_line() -> None:
    text = "Body.\nThe post Talks resume appeared first on Weekly Blitz.\nSource: Aggregator :: World"
    assert strip_trailers(text).outlet == "Weekly Blitz"
