"""OPML 2.0, the file feed readers exchange their subscriptions in: read its feeds, write a list of them.

Every ``<outline>`` with an ``xmlUrl`` is a feed, at any depth (readers nest them in
folders); its ``title``, else its ``text``, names it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from email.utils import format_datetime
from pathlib import Path
from xml.etree import ElementTree

from parley.errors import InputError, NotFoundError


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    """One feed of an OPML file."""

    url: str
    title: str | None


def read_opml(path: Path) -> list[OpmlFeed]:
    """The feeds listed in an OPML file, in file order; InputError naming the file when it is not OPML."""
    try:
        root = ElementTree.parse(path).getroot()
    except FileNotFoundError:
        raise NotFoundError(str(path), "no such file") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot be read ({exc.strerror or exc})") from None
    except ElementTree.ParseError as exc:
        raise InputError(str(path), f"not well-formed XML ({exc})") from None
    if root.tag != "opml" or root.find("body") is None:
        raise InputError(str(path), "not an OPML file (no <opml> root with a <body>)")
    feeds = []
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or "").strip()
        if url:
            title = (outline.get("title") or outline.get("text") or "").strip()
            feeds.append(OpmlFeed(url, title or None))
    return feeds


def write_opml(feeds: Iterable[OpmlFeed], *, title: str, created: dt.datetime) -> str:
    """An OPML 2.0 document listing ``feeds``."""
    root = ElementTree.Element("opml", version="2.0")
    head = ElementTree.SubElement(root, "head")
    ElementTree.SubElement(head, "title").text = title
    ElementTree.SubElement(head, "dateCreated").text = format_datetime(created.astimezone(dt.UTC))
    body = ElementTree.SubElement(root, "body")
    for feed in feeds:
        name = feed.title or feed.url
        ElementTree.SubElement(body, "outline", type="rss", text=name, title=name, xmlUrl=feed.url)
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(root, encoding="unicode") + "\n"
