"""The store tests' sample records, and the answers expected of them, worked out without the store.

The export, scale and CLI tests build on the same records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from parley.records import Actor, ActorRef, Analysis, Article, Event, EventRow, Plover, Quote, QuoteRow

# --- sample records --------------------------------------------------------------------

USA = ActorRef("United States", "USA", "GOV", "USAGOV")
RUBIO = ActorRef("Marco Rubio", "USA", "GOV", "USAGOV")
RUSSIA = ActorRef("Russia", "RUS", "GOV", "RUSGOV")
LAVROV = ActorRef("Sergei Lavrov", "RUS", "GOV", "RUSGOV")
RUS_MIL = ActorRef("Russian forces", "RUS", "MIL", "RUSMIL")
UKRAINE = ActorRef("Ukraine", "UKR", "GOV", "UKRGOV")
ZELENSKY = ActorRef("Volodymyr Zelensky", "UKR", "GOV", "UKRGOV")
UKR_MIL = ActorRef("Ukrainian army", "UKR", "MIL", "UKRMIL")
UN = ActorRef("United Nations", None, "IGO", "IGO")


def span(text: str, piece: str, nth: int = 0) -> tuple[int, int]:
    """Where the ``nth`` occurrence of ``piece`` is in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(piece, start + 1)
    return start, start + len(piece)


def sentence_of(text: str, piece: str) -> tuple[int, int]:
    """The span of the sentence holding ``piece`` (sentences end with '. ')."""
    start, end = span(text, piece)
    begin = text.rfind(". ", 0, start)
    begin = 0 if begin < 0 else begin + 2
    stop = text.find(". ", end)
    return begin, len(text) if stop < 0 else stop + 1


def event(
    text: str,
    trigger: str,
    source: ActorRef | None,
    target: ActorRef | None,
    cameo: str,
    plover: str | None,
    **flags: object,
) -> Event:
    """An event on the sentence holding ``trigger``."""
    return Event(
        source=source,
        target=target,
        cameo=cameo,
        cameo_root=cameo[:2],
        plover=Plover(plover, None, ("diplomatic",) if plover else ()),
        sentence=sentence_of(text, trigger),
        trigger=span(text, trigger),
        **flags,  # type: ignore[arg-type]
    )


def quote(text: str, words: str, speaker: ActorRef | None, name: str | None, kind: str = "direct") -> Quote:
    """A quote of ``words`` spoken by ``speaker``, named in the text as ``name``."""
    s, e = span(text, words)
    return Quote(
        text=words,
        start=s,
        end=e,
        kind=kind,
        speaker=speaker,
        speaker_mention=span(text, name) if name else None,
        cue="said" if speaker else None,
    )


def mentioned(text: str, ref: ActorRef, *names: str) -> Actor:
    """An actor mentioned wherever one of ``names`` first occurs."""
    return Actor(ref, [span(text, n) for n in names])


@dataclass
class Item:
    """One sample article with its analysis; ``duplicate_of_index`` is the 1-based id it duplicates."""

    article: Article
    analysis: Analysis | None
    duplicate_of_index: int | None = None
    source: str | None = "samples"


def sample_items() -> list[Item]:
    """Seven small articles: several outlets, weeks, months, PLOVER types and countries.

    Added in order to an empty store, they get ids 1-7.
    """
    items: list[Item] = []

    t1 = (
        "The United States threatened to abandon its mediation. "
        'Marco Rubio said "we will step back if there is no progress" on Monday. '
        "Russia met the envoy in Istanbul."
    )
    items.append(
        Item(
            Article(
                text=t1, title="US threatens to step back from mediation", outlet="Wire A",
                published=dt.date(2025, 4, 28), url="https://a.example/us-step-back",
                canonical_url="https://a.example/us-step-back", origin="a/1.html",
                fetched_at=dt.datetime(2025, 4, 28, 12, 30, tzinfo=dt.UTC), fingerprint=b"\x01" * 8,
            ),
            Analysis(
                actors=[
                    mentioned(t1, USA, "United States"),
                    mentioned(t1, RUBIO, "Marco Rubio"),
                    mentioned(t1, RUSSIA, "Russia"),
                ],
                quotes=[quote(t1, "we will step back if there is no progress", RUBIO, "Marco Rubio")],
                events=[
                    event(t1, "threatened", USA, RUSSIA, "130", "THREATEN", conditional=True,
                          date=dt.date(2025, 4, 27), date_precision="day", confidence=0.8,
                          rule="threat-verb"),
                    event(t1, "step back", RUBIO, UKRAINE, "138", "THREATEN", reported=True, quote_index=0,
                          conditional=True),
                    event(t1, "met", RUSSIA, USA, "036", "AGREE", date=dt.date(2025, 4, 28)),
                ],
            ),
        )
    )  # fmt: skip

    t2 = (
        "Ukraine offered a ceasefire and talks in Geneva. "
        'Volodymyr Zelensky said the offer was "a real chance for peace". '
        "Kyiv urged Moscow to answer."
    )
    items.append(
        Item(
            Article(
                text=t2, title="Ukraine offers ceasefire and talks", outlet="Wire B",
                published=dt.date(2025, 5, 2), url="https://b.example/ukraine-offer",
                canonical_url="https://b.example/ukraine-offer", origin="b/2.html", fingerprint=b"\x02" * 8,
            ),
            Analysis(
                actors=[mentioned(t2, UKRAINE, "Ukraine", "Kyiv"),
                        mentioned(t2, ZELENSKY, "Volodymyr Zelensky"), mentioned(t2, RUSSIA, "Moscow")],
                quotes=[quote(t2, "a real chance for peace", ZELENSKY, "Volodymyr Zelensky", "partial")],
                events=[
                    event(t2, "offered", UKRAINE, RUSSIA, "0871", "RETREAT", date=dt.date(2025, 5, 2)),
                    event(t2, "urged", UKRAINE, RUSSIA, "020", "REQUEST"),
                ],
            ),
        )
    )  # fmt: skip

    t3 = (
        "Russia rejected the proposal for talks. "
        "Sergei Lavrov said Kyiv must first withdraw its troops. "
        "The Kremlin also accused Washington of bias."
    )
    items.append(
        Item(
            Article(
                text=t3, title="Russia rejects talks, sets a precondition", outlet="Wire A",
                published=dt.date(2025, 5, 6), url="https://a.example/russia-rejects",
                canonical_url="https://a.example/russia-rejects", origin="a/3.html", fingerprint=b"\x03" * 8,
            ),
            Analysis(
                actors=[mentioned(t3, RUSSIA, "Russia", "Kremlin"), mentioned(t3, LAVROV, "Sergei Lavrov"),
                        mentioned(t3, UKRAINE, "Kyiv"), mentioned(t3, USA, "Washington")],
                quotes=[
                    quote(t3, "Kyiv must first withdraw its troops", LAVROV, "Sergei Lavrov", "indirect")
                ],
                events=[
                    event(t3, "rejected", RUSSIA, UKRAINE, "125", "REJECT", negated=False),
                    event(t3, "withdraw", LAVROV, UKRAINE, "1246", "REJECT", reported=True, quote_index=0,
                          hypothetical=True),
                    event(t3, "accused", RUSSIA, USA, "112", "ACCUSE", date=dt.date(2025, 5, 5)),
                ],
            ),
        )
    )  # fmt: skip

    t4 = (
        "Russian forces shelled Kharkiv overnight. "
        "The Ukrainian army struck a depot near Belgorod. "
        "Officials said the fighting began on May 30."
    )
    items.append(
        Item(
            Article(
                text=t4, title="Strikes on both sides of the border", outlet="Wire C",
                published=dt.date(2025, 6, 10), url="https://c.example/strikes", canonical_url=None,
                origin="c/4.html", fingerprint=b"\x04" * 8,
            ),
            Analysis(
                actors=[mentioned(t4, RUS_MIL, "Russian forces"), mentioned(t4, UKR_MIL, "Ukrainian army")],
                quotes=[],
                events=[
                    event(t4, "shelled", RUS_MIL, UKRAINE, "190", "ASSAULT", date=dt.date(2025, 6, 9)),
                    event(t4, "struck", UKR_MIL, RUSSIA, "193", "ASSAULT", date=dt.date(2025, 5, 30),
                          date_precision="day"),
                ],
            ),
        )
    )  # fmt: skip

    t5 = (
        'Analysts called the envoy a "deal-maker" with little leverage. '
        "The United Nations appealed for a pause in the fighting. "
        "Diplomats said sanctions were not discussed."
    )
    items.append(
        Item(
            Article(text=t5, title="Undated commentary on the envoy", outlet="Blog", published=None,
                    origin="notes/5.txt", fingerprint=b""),
            Analysis(
                actors=[mentioned(t5, UN, "United Nations")],
                quotes=[quote(t5, "deal-maker", None, None, "direct")],
                events=[
                    event(t5, "appealed", UN, None, "020", "REQUEST"),
                    event(t5, "sanctions", None, None, "172", "COERCE", negated=True),
                ],
            ),
        )
    )  # fmt: skip

    t6 = (
        "The United Nations called on Russia and Ukraine to resume negotiations. "
        "Russia said it was studying the appeal. "
        "Ukraine welcomed the statement from the United Nations."
    )
    items.append(
        Item(
            Article(
                text=t6, title="UN calls for renewed negotiations", outlet="Wire B",
                published=dt.date(2025, 6, 11), url="https://b.example/un-appeal",
                canonical_url="https://b.example/un-appeal", origin="b/6.html", fingerprint=b"\x06" * 8,
            ),
            Analysis(
                actors=[mentioned(t6, UN, "United Nations"), mentioned(t6, RUSSIA, "Russia"),
                        mentioned(t6, UKRAINE, "Ukraine")],
                quotes=[],
                events=[
                    event(t6, "called on", UN, RUSSIA, "020", "REQUEST"),
                    event(t6, "studying", RUSSIA, UN, "010", None),
                    event(t6, "welcomed", UKRAINE, UN, "057", "SUPPORT", date=dt.date(2025, 6, 12)),
                ],
            ),
        )
    )  # fmt: skip

    t7 = (
        "Ukraine has offered a ceasefire and talks in Geneva, officials said. "
        'Zelensky called it "a real chance for peace".'
    )
    items.append(
        Item(
            Article(
                text=t7, title="Ukraine offers ceasefire (syndicated)", outlet="Aggregator",
                published=dt.date(2025, 5, 3), url="https://agg.example/ukraine-offer",
                canonical_url="https://agg.example/ukraine-offer", origin="agg/7.html",
                fingerprint=b"\x07" * 8,
            ),
            None,
            duplicate_of_index=2,
            source="aggregator-feed",
        )
    )  # fmt: skip
    return items


# --- expectations computed from the sample records, independently of the store --------------


# What the sample's country keys stand for, as the actor tables say.
COUNTRY_NAMES = {"russia": "RUS", "ukraine": "UKR", "united states": "USA"}
STATE_ROLES = {None, "GOV", "MIL", "COP", "SPY", "LEG", "JUD"}


def names(ref: ActorRef | None, key: str, *, exact: bool = False) -> bool:
    """Whether an actor key names ``ref``: a country code or name in any case stands for the
    country's side (its state, government, officials and forces), or with ``exact`` for the
    actor named as the country; else a code or name in any case, or a surname."""
    if ref is None:
        return False
    key = key.strip()
    iso3 = key.upper() if len(key) == 3 and key.isalpha() else COUNTRY_NAMES.get(key.casefold())
    if iso3 in COUNTRY_NAMES.values():
        if exact:
            return ref.country == iso3 and COUNTRY_NAMES.get(ref.name.casefold()) == iso3
        return ref.country == iso3 and ref.role in STATE_ROLES
    folded = key.casefold()
    return (
        ref.name.casefold() == folded or ref.code == key.upper() or ref.name.casefold().endswith(" " + folded)
    )


def period(day: dt.date, bucket: str) -> str:
    """The ISO date of the first day of ``day``'s bucket."""
    if bucket == "week":
        day -= dt.timedelta(days=day.weekday())
    elif bucket == "month":
        day = day.replace(day=1)
    return day.isoformat()


@dataclass(frozen=True)
class StoredEvent:
    article_id: int
    event: Event
    day: dt.date | None
    outlet: str | None = None

    @property
    def key(self) -> tuple[int, int]:
        return (self.article_id, self.event.trigger[0])


@dataclass(frozen=True)
class StoredQuote:
    article_id: int
    quote: Quote
    published: dt.date | None

    @property
    def key(self) -> tuple[int, int]:
        return (self.article_id, self.quote.start)


class Reference:
    """What the store should answer for the sample, worked out in plain Python."""

    def __init__(self, items: list[Item]) -> None:
        self.items = items
        self.events = [
            StoredEvent(n, ev, ev.date or item.article.published, item.article.outlet)
            for n, item in enumerate(items, 1)
            if item.analysis
            for ev in item.analysis.events
        ]
        self.quotes = [
            StoredQuote(n, q, item.article.published)
            for n, item in enumerate(items, 1)
            if item.analysis
            for q in item.analysis.quotes
        ]

    def event_keys(self, keep: Callable[[StoredEvent], bool] = lambda e: True) -> list[tuple[int, int]]:
        """Keys of the events ``keep`` accepts, newest first (the store's order)."""
        return [e.key for e in reversed(self.events) if keep(e)]

    def quote_keys(self, keep: Callable[[StoredQuote], bool] = lambda q: True) -> list[tuple[int, int]]:
        """Keys of the quotes ``keep`` accepts, newest first."""
        return [q.key for q in reversed(self.quotes) if keep(q)]

    names = staticmethod(names)
    period = staticmethod(period)

    @staticmethod
    def got_events(rows: list[EventRow]) -> list[tuple[int, int]]:
        """The keys of events the store returned, in its order."""
        return [(r.article_id, r.trigger[0]) for r in rows]

    @staticmethod
    def got_quotes(rows: list[QuoteRow]) -> list[tuple[int, int]]:
        """The keys of quotes the store returned, in its order."""
        return [(r.article_id, r.start) for r in rows]

    def refs(self) -> set[ActorRef]:
        """Every actor the sample names, keyed without its code as the store keys them."""
        found: set[ActorRef] = set()
        for item in self.items:
            if item.analysis is None:
                continue
            found.update(a.ref for a in item.analysis.actors)
            found.update(q.speaker for q in item.analysis.quotes if q.speaker)
            for ev in item.analysis.events:
                found.update(r for r in (ev.source, ev.target) if r)
        return found
