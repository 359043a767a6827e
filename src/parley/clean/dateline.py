"""Datelines and bylines: where, and by whom, a story was filed, written before its first sentence.

Wire copy opens with the place it was filed from, often the agency, and a dash:
"KYIV (Reuters) - ...", "BRASÍLIA, Brazil – ...", "BEIJING, Jan. 5 (Xinhua) -- ...";
some outlets put the date first, "October 6, 2022 (NAIROBI) – ...", or the agency
alone, "(Reuters) - ..."; and some bodies start with a byline line, "By Jane Doe".
Left in the text, the place becomes an actor of the first sentence and the agency a
party to its event. ``strip_dateline`` removes them from the start of a body and
returns the place as written and the agency; a byline is dropped.

Recognition is conservative, because ordinary first sentences also start with upper-case
words ("NATO leaders met ...", "UN says ...", "US-China talks resumed ..."). A dateline needs:

- a place of one to four words, all upper case ("KYIV", "GAZA CITY", "PORT-AU-PRINCE"),
  optionally followed by regions after commas, in any capitalisation ("KYIV, Ukraine");
  a bare place (no region, date or agency) of fewer than four letters or the acronym of a
  well-known organisation is taken for an actor ("UN", "EU", "NATO"), and newsroom labels
  ("BREAKING", "UPDATE", "EXCLUSIVE") are no place;
- optionally a date ("Jan. 5", "5 January 2024") and an agency in brackets ("(Reuters)");
- a dash: an em dash or "--" (spaced or not), or an en dash or hyphen followed by a space,
  so that "US-China" and "NATO–Russia" never end a dateline;
- then the start of a sentence (an upper-case letter, a digit or an opening quotation
  mark) in a paragraph that is not all upper case (an all-caps headline is no dateline).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Datelined", "strip_dateline"]

# A word of a place or region: letters, with the apostrophes, dots, hyphens and slashes of
# "N'DJAMENA", "ST. LOUIS", "PORT-AU-PRINCE", "MOSCOW/KYIV". Case is checked in code:
# Python's re has no class for upper-case letters beyond ASCII ("BRASÍLIA", "ŁÓDŹ").
_WORD = r"[^\W\d_](?:[^\W\d_]|['’./\-])*"
_PLACE = rf"{_WORD}(?: {_WORD}){{0,3}}"
_REGION = rf"{_WORD}(?: {_WORD}){{0,4}}"
_MONTH = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = rf"(?:{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:,?\s+\d{{4}})?)"
_AGENCY = r"[^\W\d_][\w.&'’/ \-]{0,39}"
_DASH = r"(?:\s*(?:—|―|--)\s*|\s*[-–](?:\s+|$))"

# "KYIV (Reuters) -", "BRASÍLIA, Brazil –", "BEIJING, Jan. 5 (Xinhua) --", "WASHINGTON—".
_PLACE_FIRST = re.compile(
    rf"(?P<place>{_PLACE})(?P<regions>(?:,\s*(?!{_DATE}\b){_REGION}){{0,2}})"
    rf"(?:,?\s+(?P<date>{_DATE}))?(?:\s*\((?P<agency>{_AGENCY})\))?{_DASH}"
)
# "October 6, 2022 (NAIROBI) –", "6 October 2022 (NAIROBI, Kenya) (AFP) -".
_DATE_FIRST = re.compile(
    rf"(?P<date>{_DATE})\s*\((?P<place>{_PLACE})(?P<regions>(?:,\s*{_REGION}){{0,2}})\)"
    rf"(?:\s*\((?P<agency>{_AGENCY})\))?{_DASH}"
)
# "(Reuters) - ...", and CNN's "(CNN)The ..." with nothing between the bracket and the sentence.
_AGENCY_ONLY = re.compile(rf"\((?P<agency>{_AGENCY})\)(?:{_DASH}|(?=[\"“‘']?[^\W\d_]))")

# A byline paragraph: "By Jane Doe", "By JANE DOE and John Roe, Reuters", "By Reuters Staff".
_BYLINE = re.compile(rf"(?:By|BY)\s+(?P<names>{_WORD}(?:,?\s+(?:&\s+)?{_WORD}){{0,11}})")
_BYLINE_MAX_CHARS = 100

# Words of a region or a name that may be lower case: "Democratic Republic of the Congo",
# "Ursula von der Leyen".
_CONNECTOR_LIST = "of the and de du da do dos das del della di al el la le van von der den bin ibn y"
# Newsroom labels that open a paragraph like a dateline but name no place.
_LABEL_LIST = """
    BREAKING UPDATE UPDATED EXCLUSIVE ANALYSIS OPINION EDITORIAL COMMENT EXPLAINER FACTBOX
    FACT-CHECK WATCH LIVE URGENT FLASH ALERT CORRECTION CORRECTED REFILE INSIGHT FEATURE PHOTOS VIDEO NOTE
"""
# Organisations whose acronyms open sentences as often as a capital's name opens a dateline:
# "NATO — The alliance's leaders ..." is a sentence about NATO.
_ORGANISATION_LIST = "NATO OPEC OSCE IAEA OECD ASEAN ECOWAS UNHCR UNICEF UNESCO UNRWA"
_CONNECTORS = frozenset(_CONNECTOR_LIST.split())
_LABELS = frozenset(_LABEL_LIST.split())
_ORGANISATIONS = frozenset(_ORGANISATION_LIST.split())
_MIN_BARE_PLACE_LETTERS = 4
_MAX_AGENCY_WORDS = 5
_OPENING_MARKS = "\"“‘'«"


@dataclass(frozen=True, slots=True)
class Datelined:
    """A body without its dateline and byline, with the dateline's place and agency as written."""

    body: str
    place: str | None = None  # "KYIV", "BRASÍLIA, Brazil"; None for "(Reuters) -" alone
    agency: str | None = None  # "Reuters", "AP", "Xinhua"


def strip_dateline(text: str) -> Datelined:
    """``text`` without the byline paragraphs and the dateline that open it, with the dateline's parts.

    ``text`` is a normalised body (paragraphs separated by one blank line). Only the
    start of the first paragraphs is looked at; a byline or dateline that would leave
    the body empty is kept.
    """
    paragraphs = text.split("\n\n")
    while len(paragraphs) > 1 and _is_byline(paragraphs[0]):
        paragraphs.pop(0)
    first = paragraphs[0]
    for pattern in (_DATE_FIRST, _PLACE_FIRST, _AGENCY_ONLY):
        found = pattern.match(first)
        rest = first[found.end() :] if found else ""
        if found is None or not _is_dateline(found, rest, more=len(paragraphs) > 1):
            continue
        body = "\n\n".join(([rest] if rest else []) + paragraphs[1:])
        agency = found["agency"].strip() if found["agency"] else None
        return Datelined(body, _place(found), agency)
    return Datelined("\n\n".join(paragraphs))


def _is_byline(paragraph: str) -> bool:
    """Whether a paragraph is a byline line: "By" and names, nothing else."""
    found = _BYLINE.fullmatch(paragraph)
    if found is None or len(paragraph) > _BYLINE_MAX_CHARS:
        return False
    return all(w == "&" or _is_name(w) for w in found["names"].replace(",", " ").split())


def _is_name(word: str) -> bool:
    """Whether a word can belong to a name: capitalised, or a connector ("of", "von")."""
    return word[0].isupper() or word in _CONNECTORS


def _place(found: re.Match[str]) -> str | None:
    """The place as written, with its regions: "BRASÍLIA, Brazil"; None for an agency alone."""
    if "place" not in found.re.groupindex:
        return None
    return found["place"] + found["regions"]


def _is_dateline(found: re.Match[str], rest: str, *, more: bool) -> bool:
    """Whether a match at the start of the first paragraph is a dateline, not a sentence's opening."""
    agency = found["agency"]
    if agency is not None and not _is_agency(agency):
        return False
    if "place" in found.re.groupindex:
        bare = not (found["regions"] or found["date"] or agency)
        if not _is_place(found["place"], found["regions"], bare=bare):
            return False
    if not rest:
        # A dateline on a line of its own: the story goes on in the next paragraph.
        return more
    start = rest.lstrip(_OPENING_MARKS)[:1]
    if not (start.isupper() or start.isdigit()):
        return False
    # An all-caps headline ("RUSSIA REJECTS TALKS - KREMLIN") is not a dateline and a story.
    return any(c.islower() for c in rest)


def _is_agency(value: str) -> bool:
    """Whether bracketed words name an agency ("Reuters", "AP", "Thomson Reuters Foundation")."""
    words = value.split()
    # dpa writes its name in lower case; any other lower-case word makes a parenthetical remark.
    return 0 < len(words) <= _MAX_AGENCY_WORDS and all(_is_name(w) or w == "dpa" for w in words)


def _is_place(place: str, regions: str, *, bare: bool) -> bool:
    """Whether an upper-case place and its regions can open a dateline."""
    words = place.split()
    if not all(w.isupper() for w in words) or words[0] in _LABELS:
        return False
    if bare and (sum(c.isalpha() for c in place) < _MIN_BARE_PLACE_LETTERS or place in _ORGANISATIONS):
        return False
    return all(_is_name(w) for w in regions.replace(",", " ").split())
