"""Syndication trailers: the lines aggregators and CMSs append after an article body.

Republished articles end with lines such as "The post TITLE appeared first on
OUTLET.", "[Read More]", "Source: ...", "Comments are closed.", "Follow us on ...",
"Share this:", "Like this: Like Loading...", "Related" or a separator ("—–", "***").
They are not part of the story, and left in place they become fake sentences,
quotes and events.

``strip_trailers`` peels such lines from the bottom of a body while every line it
meets matches one of a few pattern families (below), and stops at the first line
that does not: a line that looks like a trailer but is followed by body text is
therefore always kept. Wire credits such as "(Reporting by ...; Editing by ...)"
are kept on purpose: they name who wrote the story and are part of it, so peeling
also stops there.

Three trailers carry information, returned for articles that have none of their own:
the WordPress footer "The post TITLE appeared first on OUTLET." gives a title and an
outlet; "This article was originally published by OUTLET." gives the outlet and marks
the article as ``republished`` (a copy, whose original is elsewhere); "Source: OUTLET"
(or "Source: OUTLET :: Section") gives the outlet. Where several name an outlet, the
WordPress footer wins, then the republication line, then the source line.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["Trimmed", "strip_trailers", "trailer_family"]

_SOCIAL = (
    r"(?:google\s+news|twitter|x|facebook|telegram|instagram|linkedin|youtube|whatsapp|threads"
    r"|bluesky|mastodon|truth\s+social|tiktok|flipboard|apple\s+news)"
)

# "The post TITLE appeared first on OUTLET." (WordPress RSS footer) and its variants.
_WORDPRESS = re.compile(
    r"the\s+post\s+(?P<title>.+?)\s+(?:appeared\s+first|first\s+appeared)\s+on\s+(?P<outlet>.+?)\.?",
    re.IGNORECASE,
)

# "This article was originally published by OUTLET." on a republished copy.
_ORIGINALLY_BY = re.compile(
    r"(?:the|this)\s+(?:article|post|story|piece|report)\s+(?:was|has\s+been|is)\s+"
    r"(?:originally\s+|first\s+)?(?:published|posted)\s+by\s+(?P<outlet>.+?)\.?",
    re.IGNORECASE,
)
# "Source: OUTLET", "Source: OUTLET :: World", "(Source: OUTLET)"; not "Source: Reuters, AFP".
_SOURCE_OUTLET = re.compile(
    r"[\[(]?sources?\s*:\s*(?P<outlet>[^,;:()\[\]]+?)\s*(?:(?:::|\||[-–—]\s).*)?[\])]?\.?",
    re.IGNORECASE,
)

# One pattern per family of trailer line; each must match the whole line. They are
# anchored on the words trailers start with and kept narrow, so that a last body
# sentence ("No comment yet from Kyiv.", "Share prices fell.") is not taken for one.
_FAMILIES: dict[str, re.Pattern[str]] = {
    name: re.compile(pattern, re.IGNORECASE)
    for name, pattern in {
        # "[Read More]", "Continue reading ...", "Read more: ...", "Read the full story at ..."
        "read-more": r"[\[(]?\s*(?:read\s+more|continue\s+reading|read\s+(?:the\s+)?(?:full|rest|original)"
        r"|full\s+(?:story|article))\b.*",
        # "Source: Weekly Blitz", "Via: ...", "(Source: ...)"
        "source": r"[\[(]?(?:sources?|via)\s*:.{1,160}",
        # "Comments are closed.", "Leave a comment", "No comments yet", "3 comments"
        "comments": r"(?:comments?\s+(?:are|is)\s+(?:closed|disabled|off)\b.*"
        r"|leave\s+a\s+(?:comment|reply)\b.*|be\s+the\s+first\s+to\s+comment\b.*"
        r"|no\s+comments(?:\s+yet)?\W*|\d+\s+comments?|(?:view|show|load)\s+comments?)",
        # "Please follow Blitz on Google News Channel", "Follow us on X", "Join our Telegram channel"
        "follow": r"(?:please\s+)?(?:(?:follow|like|join)\s+us\b.*"
        rf"|(?:follow|join|subscribe\s+to|find)\s+.{{1,60}}?\s+on\s+{_SOCIAL}\b.*"
        rf"|(?:join|subscribe\s+to)\s+our\s+.{{0,40}}?\b(?:{_SOCIAL}|channel|newsletter)\b.*)",
        # "Share this:", "Share on Facebook", "Click to share on X (Opens in new window)", "Email"
        "share": r"(?:share(?:\s+this(?:\s+(?:article|story|post|page))?)?\s*:?"
        r"|share\s+(?:on|via)\s+\S+(?:\s+\S+)?(?:\s*\(opens\s+in\s+new\s+window\))?"
        r"|click\s+to\s+(?:share|email|print|tweet)\b.*|click\s+here\b.*"
        r"|(?:facebook|twitter|x|linkedin|whatsapp|telegram|reddit|pinterest|e-?mail|print|tweet|more))",
        # "Like this:", "Like Loading...", "Like this: Like Loading..."
        "like": r"like\s+this\s*:?(?:\s*like)?(?:\s*loading\W*)?|(?:like\s+)?loading\W*",
        # "Related", "Related posts:", "You may also like", "More from Europe"
        "related": r"(?:related(?:\s+(?:posts?|articles?|stories|news|content|reading|coverage))?"
        r"|you\s+(?:may|might)\s+also\s+(?:like|be\s+interested\s+in)|more\s+(?:from|on)\s+[^.!?]{1,60}"
        r"|recommended(?:\s+for\s+you)?|trending(?:\s+now)?)\s*:?",
        # "The article ... was originally published on ...", "This article originally appeared on ..."
        "originally": r"(?:(?:the|this)\s+(?:article|post|story|piece|report)\b.{0,300}?\b"
        r"|)(?:(?:was|is|has\s+been)\s+(?:originally\s+|first\s+)?|originally\s+|first\s+(?=appeared))"
        r"(?:published|appeared|posted|ran)\s+(?:on|in|at|by)\b.*",
        # "Tags: ...", "Filed under: ...", "Categories: ..."
        "taxonomy": r"(?:tags?|tagged(?:\s+with)?|filed\s+under|categories|category|topics?"
        r"|posted\s+in)\s*:.*",
        # "© 2025 Outlet. All rights reserved.", "Copyright 2025 ..."
        "copyright": r"(?:©|\(c\)).*|copyright\s*(?:©|\(c\)|\d{4}).*|.*\ball\s+rights\s+reserved\W*",
        # "Sign up for our newsletter", "Subscribe to get ... in your inbox"
        "newsletter": r"(?:sign\s+up|subscribe)\b.{0,100}?\b(?:newsletter|inbox|updates)\b.*",
        "advertisement": r"advertisement|sponsored(?:\s+content)?"
        r"|scroll\s+to\s+continue(?:\s+with\s+content)?",
        # "—–", "***", "---", "___", "* * *", "•••"
        "separator": r"[-–—‒―_*=~#•·+.](?:\s*[-–—‒―_*=~#•·+.])*",
    }.items()
}
# Trailer lines are short; a long line is body text whatever its first words.
_MAX_TRAILER_CHARS = 300


@dataclass(frozen=True, slots=True)
class Trimmed:
    """A body without its trailer, and what the trailer told about the article.

    ``removed`` holds the peeled lines, top to bottom, for inspection and tests.
    """

    body: str
    title: str | None = None
    outlet: str | None = None
    removed: tuple[str, ...] = ()
    republished: bool = False


def _squash(line: str) -> str:
    return " ".join(unicodedata.normalize("NFC", line).split())


def trailer_family(line: str) -> str | None:
    """The name of the trailer family a single line belongs to, or None for body text."""
    squashed = _squash(line)
    if not squashed or len(squashed) > _MAX_TRAILER_CHARS:
        return None
    if _WORDPRESS.fullmatch(squashed):
        return "wordpress"
    for name, pattern in _FAMILIES.items():
        if pattern.fullmatch(squashed):
            return name
    return None


def strip_trailers(text: str) -> Trimmed:
    """Remove trailer lines from the end of ``text`` and recover title and outlet from them.

    Lines are peeled from the bottom (blank lines are skipped) while each matches a
    trailer family; the first non-matching line ends the body. When several
    WordPress footers are peeled, the one nearest the body gives the title and outlet.
    """
    lines = text.splitlines()
    end = len(lines)
    removed: list[str] = []
    title: str | None = None
    outlet: str | None = None
    # The outlets the republication and source lines name, nearest the body last.
    original_by: str | None = None
    source: str | None = None
    while end > 0:
        line = lines[end - 1]
        if not line.strip():
            end -= 1
            continue
        family = trailer_family(line)
        if family is None:
            break
        squashed = _squash(line)
        removed.append(squashed)
        wordpress = _WORDPRESS.fullmatch(squashed) if family == "wordpress" else None
        if wordpress:
            title = wordpress.group("title").strip()
            outlet = wordpress.group("outlet").strip()
        by = _ORIGINALLY_BY.fullmatch(squashed) if family == "originally" else None
        if by:
            original_by = by.group("outlet").strip()
        named = _SOURCE_OUTLET.fullmatch(squashed) if family == "source" else None
        if named:
            source = named.group("outlet").strip()
        end -= 1
    body = "\n".join(lines[:end]).rstrip()
    return Trimmed(
        body=body,
        title=title,
        outlet=outlet or original_by or source,
        removed=tuple(reversed(removed)),
        republished=original_by is not None,
    )
