"""Hand-built records for the web tests, and ``fill()`` that stores them.

They are built here, not by the NLP pipeline, so every span and code is known and a
test can compute what an endpoint must return from the ``Corpus`` that ``fill()`` returns.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from parley.clean.dedupe import fingerprint, text_sha256
from parley.ontology.cameo import cameo_root
from parley.ontology.plover import to_plover
from parley.records import Actor, ActorRef, Analysis, Article, Event, Quote
from parley.store import Store

RUBIO = ActorRef("Marco Rubio", "USA", "GOV", "USAGOV")
ZELENSKY = ActorRef("Volodymyr Zelensky", "UKR", "GOV", "UKRGOV")
RUSSIA = ActorRef("Russia", "RUS", "GOV", "RUSGOV")
UKRAINE = ActorRef("Ukraine", "UKR", "GOV", "UKRGOV")
USA = ActorRef("United States", "USA", "GOV", "USAGOV")
# A name made of every character HTML cares about, to prove pages escape data.
HOSTILE = ActorRef('Ann "Q" O\'Hara <i>&amp;', "IRL", "GOV", "IRLGOV")


def span(text: str, part: str, start: int = 0) -> tuple[int, int]:
    """The offsets of ``part`` in ``text`` (after ``start``), failing loudly when absent."""
    at = text.index(part, start)
    return at, at + len(part)


def quote(
    text: str, words: str, speaker: ActorRef | None, kind: str = "direct", cue: str | None = "said"
) -> Quote:
    start, end = span(text, words)
    mention = span(text, speaker.name.split()[-1]) if speaker and speaker.name.split()[-1] in text else None
    return Quote(words, start, end, kind, speaker, mention, cue if speaker else None)


def event(
    text: str,
    trigger: str,
    source: ActorRef | None,
    target: ActorRef | None,
    cameo: str,
    date: dt.date | None,
    **flags: bool,
) -> Event:
    t = span(text, trigger)
    sentence_start = text.rfind(". ", 0, t[0])
    sentence_start = 0 if sentence_start < 0 else sentence_start + 2
    sentence_end = text.find(".", t[1])
    sentence_end = len(text) if sentence_end < 0 else sentence_end + 1
    return Event(
        source=source,
        target=target,
        cameo=cameo,
        cameo_root=cameo_root(cameo),
        plover=to_plover(cameo),
        sentence=(sentence_start, sentence_end),
        trigger=t,
        date=date,
        date_precision="day" if date else None,
        confidence=0.8,
        rule="fixture",
        **flags,
    )


def actors_of(text: str, refs: list[ActorRef]) -> list[Actor]:
    return [
        Actor(ref, [span(text, ref.name.split()[-1])] if ref.name.split()[-1] in text else []) for ref in refs
    ]


def article(
    text: str,
    title: str,
    published: dt.date,
    slug: str,
    outlet: str = "Fixture Wire",
    dateline: str | None = None,
    dateline_agency: str | None = None,
) -> Article:
    return Article(
        text=text,
        title=title,
        outlet=outlet,
        published=published,
        dateline=dateline,
        dateline_agency=dateline_agency,
        url=f"https://news.example.org/{slug}",
        canonical_url=f"https://news.example.org/{slug}",
        origin=f"fixture:{slug}",
        fetched_at=dt.datetime(2025, 6, 1, 12, 0, tzinfo=dt.UTC),
        text_sha256=text_sha256(text),
        fingerprint=fingerprint(text),
    )


MEDIATION_TEXT = (
    "Washington could step back as a mediator if talks between Moscow and Kyiv stall, "
    "Secretary of State Marco Rubio said on May 2. "
    '"We are not going to walk away from peace, but we will not wait forever," Rubio told reporters. '
    "Moscow offered direct talks with Kyiv on Thursday. "
    'President Volodymyr Zelensky rejected the offer, calling it "a trick to buy time." '
    'Critics call the president a "deal-maker" with little patience.'
)
SHELLING_TEXT = (
    "Russian forces shelled Kharkiv overnight, regional officials reported. "
    "Kyiv accused Moscow of breaking the truce. "
    '"This is terror against our cities," said Volodymyr Zelensky in his evening address.'
)
HOSTILE_TEXT = (
    "Envoy <b>Ann O'Hara</b> & friends met in Dublin. "
    '"<script>alert(1)</script> is not diplomacy & never was," O\'Hara said. '
    "Dublin urged Moscow to negotiate."
)


@dataclass
class Corpus:
    """The records the fixture store was filled with, by store id, for computing expectations."""

    articles: dict[int, tuple[Article, Analysis | None]] = field(default_factory=dict)
    mediation_id: int = 0
    shelling_id: int = 0
    hostile_id: int = 0
    duplicate_id: int = 0

    def events(self) -> list[tuple[int, Event]]:
        return [(aid, e) for aid, (_, an) in self.articles.items() if an for e in an.events]

    def quotes(self) -> list[tuple[int, Quote]]:
        return [(aid, q) for aid, (_, an) in self.articles.items() if an for q in an.quotes]


def _hand_built() -> list[tuple[str, Article, Analysis]]:
    m = MEDIATION_TEXT
    mediation = Analysis(
        actors=actors_of(m, [RUBIO, ZELENSKY, RUSSIA, UKRAINE, USA]),
        quotes=[
            quote(
                m,
                "We are not going to walk away from peace, but we will not wait forever,",
                RUBIO,
                cue="told",
            ),
            quote(m, "a trick to buy time.", ZELENSKY, kind="partial", cue="calling"),
            quote(m, "deal-maker", None, kind="partial"),
        ],
        events=[
            event(m, "step back", USA, None, "138", dt.date(2025, 5, 2), conditional=True),
            event(m, "offered", RUSSIA, UKRAINE, "036", dt.date(2025, 5, 1)),
            event(m, "rejected", UKRAINE, RUSSIA, "125", dt.date(2025, 5, 2)),
            event(m, "walk away", USA, None, "160", None, negated=True, reported=True),
        ],
    )
    s = SHELLING_TEXT
    shelling = Analysis(
        actors=actors_of(s, [ZELENSKY, RUSSIA, UKRAINE]),
        quotes=[quote(s, "This is terror against our cities,", ZELENSKY)],
        events=[
            event(s, "shelled", RUSSIA, UKRAINE, "190", dt.date(2025, 5, 9)),
            event(s, "accused", UKRAINE, RUSSIA, "112", dt.date(2025, 5, 10)),
            # A background date years before any article: charts must not start there.
            event(s, "breaking the truce", RUSSIA, None, "057", dt.date(2014, 3, 1)),
        ],
    )
    h = HOSTILE_TEXT
    hostile = Analysis(
        actors=actors_of(h, [HOSTILE, RUSSIA]),
        quotes=[quote(h, "<script>alert(1)</script> is not diplomacy & never was,", HOSTILE)],
        events=[
            # The trigger straddles the quote's end, so highlighting must split it safely.
            event(h, 'was," O', HOSTILE, None, "010", dt.date(2025, 5, 20)),
            event(h, "urged", HOSTILE, RUSSIA, "026", dt.date(2025, 5, 20)),
        ],
    )
    return [
        (
            "mediation",
            article(m, "Mediator may step back from Ukraine talks", dt.date(2025, 5, 3), "mediation"),
            mediation,
        ),
        (
            "shelling",
            article(
                s,
                "Shelling resumes near Kharkiv",
                dt.date(2025, 5, 10),
                "shelling",
                dateline="KHARKIV, Ukraine",
                dateline_agency="AP",
            ),
            shelling,
        ),
        (
            "hostile",
            article(
                h,
                '<script>alert("title")</script> & Co',
                dt.date(2025, 5, 20),
                "hostile",
                outlet="O'Reilly <Wire>",
            ),
            hostile,
        ),
    ]


FILLER_ARTICLES = 60


def _filler(n: int) -> tuple[Article, Analysis]:
    """Small generated articles spread over weeks, so there is enough to page through."""
    day = dt.date(2025, 3, 3) + dt.timedelta(days=3 * n)
    text = (
        f"Report {n}: Russian artillery hit a depot in sector {n}. "
        f"Washington held talks with Moscow about sector {n}. "
        f'"Sector {n} must be calm," a Kremlin spokesman said.'
    )
    analysis = Analysis(
        actors=actors_of(text, [RUSSIA, USA]),
        quotes=[quote(text, f"Sector {n} must be calm,", RUSSIA)],
        events=[
            event(text, "hit", RUSSIA, UKRAINE, "190", day),
            event(text, "held talks", USA, RUSSIA, "040", day),
        ],
    )
    return article(text, f"Filler report {n}", day, f"filler-{n}", outlet="Filler Daily"), analysis


def fill(store: Store) -> Corpus:
    """Store the hand-built articles, the filler and one near-duplicate; return what went in."""
    corpus = Corpus()
    for n in range(FILLER_ARTICLES):
        art, analysis = _filler(n)
        corpus.articles[store.add_article(art, analysis)] = (art, analysis)
    for name, art, analysis in _hand_built():
        article_id = store.add_article(art, analysis)
        corpus.articles[article_id] = (art, analysis)
        setattr(corpus, f"{name}_id", article_id)
    # An article without a date: its event cannot be placed on a chart.
    undated_text = "Moscow warned Kyiv again. Officials gave no date."
    undated = Article(text=undated_text, title="Undated warning", origin="undated.txt", outlet="Fixture Wire")
    undated_analysis = Analysis(
        actors=actors_of(undated_text, []),
        events=[event(undated_text, "warned", RUSSIA, UKRAINE, "130", None)],
    )
    corpus.articles[store.add_article(undated, undated_analysis)] = (undated, undated_analysis)
    copy_text = MEDIATION_TEXT.replace("on Thursday", "on Thursday morning")
    copy = article(copy_text, "Mediator may step back (copy)", dt.date(2025, 5, 4), "mediation-copy")
    corpus.duplicate_id = store.add_article(copy, None, duplicate_of=corpus.mediation_id)
    corpus.articles[corpus.duplicate_id] = (copy, None)
    return corpus
