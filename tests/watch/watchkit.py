"""Helpers of the watcher tests: feeds the test writes and changes, a clock it moves, a fake analyzer."""

from __future__ import annotations

import datetime as dt
import random
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape

from parley.alerts import DeliveryOptions
from parley.config import FetchOptions, SourceOptions
from parley.ingest import IngestOptions
from parley.records import ActorRef, Analysis, Article, Event, Plover
from parley.store import Store
from parley.store.feeds import FeedList
from parley.watch import Watcher, WatchEvent, WatchOptions
from tests.httpserver import Reply, Request

T0 = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)
INTERVAL = dt.timedelta(minutes=15)

_SENTENCES = [
    "The foreign ministers met in Geneva to discuss a ceasefire along the front line.",
    "Officials said the talks would continue next week despite the shelling overnight.",
    "The mediator warned that patience in the capital was running out.",
    "Negotiators exchanged drafts of a prisoner exchange late on Tuesday evening.",
    "The government rejected the proposal and demanded a full withdrawal of troops.",
    "Aid convoys reached the besieged town after a pause in the fighting was agreed.",
    "Diplomats described the atmosphere at the meeting as tense but businesslike.",
    "The president told reporters that sanctions would stay in place for now.",
    "Observers from the monitoring mission reported dozens of violations of the truce.",
    "The envoy flew to the region for a third round of shuttle diplomacy.",
    "Opposition leaders accused the cabinet of giving away too much at the table.",
    "A spokesman said the delegation had received no written answer to its offer.",
    "Farmers near the border said they had not seen such calm in many months.",
    "The parliament voted to approve the framework agreement by a narrow margin.",
    "Military commanders on both sides were ordered to hold their positions.",
    "The United Nations called for humanitarian corridors to be opened at once.",
    "Analysts cautioned that the agreement left the hardest questions unanswered.",
    "Both delegations agreed to meet again after consulting their capitals.",
    "The energy ministers discussed repairs to the damaged power station.",
    "Residents queued for water as engineers worked to restore the pumping station.",
    "The prime minister insisted that territorial questions were not up for debate.",
    "Journalists were barred from the venue as the closed session dragged on.",
    "A draft communique circulated among the delegations on Wednesday morning.",
    "The talks broke up without a date for the next meeting being fixed.",
]


def english(key: str, sentences: int = 8) -> str:
    """A body of English prose that differs from every other key's (no near-duplicates)."""
    rng = random.Random(key)
    return f"Report {key}. " + " ".join(rng.sample(_SENTENCES, sentences))


@dataclass
class Item:
    guid: str
    title: str
    body: str
    link: str | None = None


def rss(items: Sequence[Item], title: str = "Test wire") -> bytes:
    """An RSS 2.0 feed with ``items``, each carrying its body as its description."""
    entries = "".join(
        f"<item><guid>{escape(i.guid)}</guid><title>{escape(i.title)}</title>"
        + (f"<link>{escape(i.link)}</link>" if i.link else "")
        + f"<pubDate>Mon, 02 Mar 2026 07:00:00 GMT</pubDate><description>{escape(i.body)}</description></item>"
        for i in items
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{escape(title)}</title>'
        f"<link>https://wire.example/</link><description>test</description>{entries}</channel></rss>"
    ).encode()


@dataclass
class FeedRoute:
    """A feed the server answers with ETag/304, whose items the test changes."""

    items: list[Item] = field(default_factory=list)
    version: int = 0

    def add(self, item: Item) -> None:
        self.items.append(item)
        self.version += 1

    def __call__(self, request: Request) -> Reply:
        etag = f'"v{self.version}"'
        if request.header("if-none-match") == etag:
            return Reply(status=304, content_type=None, headers={"ETag": etag})
        return Reply(body=rss(self.items), content_type="application/rss+xml", headers={"ETag": etag})


def story(key: str, text: str | None = None) -> Item:
    return Item(guid=f"urn:{key}", title=f"Story {key}", body=text or english(key))


class Clock:
    """The watcher's clock: starts at T0 and moves when the test says."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, by: dt.timedelta) -> None:
        self.now += by


THREAT = "threatens"
RUSSIA = ActorRef("Russia", "RUS", "GOV", "RUSGOV")
UKRAINE = ActorRef("Ukraine", "UKR", "GOV", "UKRGOV")


def fake_analyzer(articles: Sequence[Article]) -> list[Analysis]:
    """An analyzer without a model: an article mentioning "threatens" gets one RUS THREATEN UKR event."""
    out = []
    for article in articles:
        at = article.text.find(THREAT)
        events = []
        if at >= 0:
            events.append(
                Event(
                    source=RUSSIA,
                    target=UKRAINE,
                    cameo="130",
                    cameo_root="13",
                    plover=Plover("THREATEN", None, ("diplomatic",)),
                    sentence=(0, len(article.text)),
                    trigger=(at, at + len(THREAT)),
                )
            )
        out.append(Analysis(events=events))
    return out


def options(**changes: object) -> WatchOptions:
    """Watch options for tests: one round, no jitter, short timeouts, no analysis unless asked."""
    base: dict[str, object] = {
        "ingest": IngestOptions(
            sources=SourceOptions(fetch=FetchOptions(timeout=2.0)), analyze=False, batch_size=4
        ),
        "once": True,
        "jitter": 0.0,
        "delivery": DeliveryOptions(timeout=2.0, retry_delay=0.0),
    }
    base.update(changes)
    return WatchOptions(**base)  # type: ignore[arg-type]


@dataclass
class Harness:
    """A store, a clock and a log: runs rounds of ``parley watch --once`` the way cron would."""

    store: Store
    clock: Clock
    events: list[WatchEvent] = field(default_factory=list)

    def add_feed(self, url: str, name: str | None = None, *, fetch_pages: bool = False) -> int:
        return (
            FeedList(self.store)
            .add(url, name=name, interval=INTERVAL, fetch_pages=fetch_pages, at=self.clock())
            .id
        )

    def watcher(self, stopping: threading.Event | None = None, **changes: object) -> Watcher:
        analyzer = changes.pop("analyzer", None)
        return Watcher(
            self.store,
            options(**changes),
            analyzer=analyzer,  # type: ignore[arg-type]
            log=self.events.append,
            stopping=stopping,
            clock=self.clock,
            rng=random.Random(7),
        )

    def run(self, **changes: object) -> list[WatchEvent]:
        """One ``--once`` run; the events it logged."""
        start = len(self.events)
        self.watcher(**changes).run()
        return self.events[start:]

    def kinds(self, events: list[WatchEvent], kind: str) -> list[WatchEvent]:
        return [e for e in events if e.kind == kind]
