"""The main job: read inputs, clean them, drop duplicates, analyse the rest, store everything.

``ingest()`` is what ``parley ingest`` runs and ``analyze()`` what ``parley analyze``
runs; both are plain library calls that report progress through a callback, so the
CLI, the web app and the cluster engine drive the same code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from parley.clean import clean
from parley.clean.dedupe import NearDuplicates, band_keys, best_match, stored_bands_serve
from parley.config import CleanOptions, SourceOptions
from parley.errors import InputError, TooLargeError
from parley.records import Analysis, Article
from parley.sources import SourceItem, read_inputs
from parley.sources.document import Document
from parley.store import Store

DEFAULT_BATCH = 16
# spaCy's own max_length: its parser and entity recogniser need about 1 GB of
# temporary memory per 100,000 characters, and refuse longer texts.
MAX_ANALYSED_CHARS = 1_000_000


class AnalyzeBatch(Protocol):
    """Anything that turns a batch of articles into their analyses, in order."""

    def __call__(self, articles: Sequence[Article]) -> list[Analysis]: ...


@dataclass(frozen=True, slots=True)
class Overrides:
    """Metadata the user supplies for inputs that lack it (``--published``, ``--title``, ``--outlet``)."""

    published: dt.date | None = None
    title: str | None = None
    outlet: str | None = None

    def apply(self, article: Article) -> Article:
        return replace(
            article,
            published=article.published or self.published,
            title=self.title or article.title,
            outlet=self.outlet or article.outlet,
        )


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """Everything ``ingest()`` needs besides its inputs and store."""

    sources: SourceOptions = field(default_factory=SourceOptions)
    clean: CleanOptions = field(default_factory=CleanOptions)
    overrides: Overrides = field(default_factory=Overrides)
    analyze: bool = True
    batch_size: int = DEFAULT_BATCH
    max_analysed_chars: int = MAX_ANALYSED_CHARS  # longer texts are refused when analysing


@dataclass(slots=True)
class IngestReport:
    """What one run did, for the summary line and for tests."""

    ingested: list[tuple[int, str]] = field(default_factory=list)  # (article id, origin)
    duplicates: list[tuple[str, int]] = field(default_factory=list)  # (origin, id of the original)
    unchanged: list[tuple[str, int]] = field(default_factory=list)  # already stored: a no-op
    failed: list[tuple[str, str]] = field(default_factory=list)  # (input, reason)
    errors: list[InputError] = field(default_factory=list)  # the errors behind ``failed``
    warnings: list[str] = field(default_factory=list)

    @property
    def seen(self) -> int:
        return len(self.ingested) + len(self.duplicates) + len(self.unchanged) + len(self.failed)


Progress = Callable[[str, str], None]  # (origin, outcome: ingested|duplicate|unchanged|failed)


def _noop(origin: str, outcome: str) -> None:
    return None


class _DeferredState:
    """The store as the sources see it, holding back "done" marks until the articles are written.

    A WARC file is marked done, and a feed's validators saved, as soon as its last item
    is read; the ingest writes articles in batches, so those marks wait for the batch
    that holds the file's last articles. A crash in between re-reads the file instead of
    losing articles.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self._pending: list[Callable[[], None]] = []

    def feed_validators(self, url: str) -> tuple[str | None, str | None]:
        return self.store.feed_validators(url)

    def set_feed_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        self._pending.append(lambda: self.store.set_feed_validators(url, etag, last_modified))

    def is_source_done(self, origin: str) -> bool:
        return self.store.is_source_done(origin)

    def mark_source_done(self, origin: str) -> None:
        self._pending.append(lambda: self.store.mark_source_done(origin))

    def commit(self) -> None:
        """Apply the held-back marks: everything read so far is stored."""
        for apply in self._pending:
            apply()
        self._pending.clear()


class Originals(Protocol):
    """The stored originals a new article may be a near-duplicate of."""

    def match(self, fingerprint: bytes) -> int | None: ...

    def add(self, article_id: int, fingerprint: bytes) -> None: ...


class _StoredOriginals:
    """Near-duplicate lookups answered by the store's band keys: one indexed query per article."""

    def __init__(self, store: Store, options: CleanOptions) -> None:
        self._store = store
        self._options = options

    def match(self, fingerprint: bytes) -> int | None:
        candidates = self._store.near_duplicate_candidates(band_keys(fingerprint))
        return best_match(fingerprint, candidates, self._options)

    def add(self, article_id: int, fingerprint: bytes) -> None:
        """Nothing to do: the store wrote the article's band keys with it."""


def stored_fingerprints(store: Store, options: CleanOptions) -> Originals:
    """The store's originals as a near-duplicate index for ``options``.

    The store keeps band keys laid out for the default threshold; a threshold that
    needs another layout loads every stored fingerprint into memory instead, which
    costs time and memory in proportion to the store.
    """
    if stored_bands_serve(options):
        return _StoredOriginals(store, options)
    index = NearDuplicates(options)
    for article_id, fingerprint in store.fingerprints():
        index.add(article_id, fingerprint)
    return index


def default_analyzer(model: str | None = None) -> AnalyzeBatch:
    """The in-process analyzer: the spaCy pipeline with Parley's components, loaded once."""
    from parley.nlp.pipeline import Analyzer

    analyzer = Analyzer(model)

    def run(articles: Sequence[Article]) -> list[Analysis]:
        return list(analyzer.analyze_many(articles))

    return run


def cleaned(
    items: Iterable[SourceItem],
    options: IngestOptions,
    warnings: list[str] | None = None,
) -> Iterator[Article | InputError]:
    """Cleaned articles (with the user's overrides applied) or the error of each item that failed.

    When analysing, a text too long for the pipeline is refused here, with its own error,
    so it cannot fail the batch it would have been analysed in.
    """
    for item in items:
        if isinstance(item, InputError):
            yield item
        elif isinstance(item, Document):
            try:
                article = options.overrides.apply(clean(item, options.clean))
            except InputError as exc:
                yield exc
                continue
            limit = options.max_analysed_chars
            if options.analyze and len(article.text) > limit:
                yield TooLargeError(
                    item.origin,
                    f"{len(article.text):,} characters of text is over the {limit:,} analysed in one piece; "
                    "split it into articles, or store it unanalysed with --no-analyze",
                )
            else:
                yield article
        elif warnings is not None:
            warnings.append(str(item))


def ingest(
    inputs: Sequence[str],
    store: Store,
    options: IngestOptions | None = None,
    *,
    analyzer: AnalyzeBatch | None = None,
    progress: Progress = _noop,
) -> IngestReport:
    """Ingest ``inputs`` into ``store``: each article with its records in one transaction.

    Exact copies already stored are a no-op; near-duplicates are stored with
    ``duplicate_of`` and not analysed; failures are recorded and the run goes on.
    """
    options = options or IngestOptions()
    state = _DeferredState(store)
    items = read_inputs(inputs, options.sources, state)
    return ingest_items(items, store, options, analyzer=analyzer, progress=progress, state=state)


def ingest_one(
    store: Store,
    document: Document,
    options: IngestOptions | None = None,
    *,
    analyzer: AnalyzeBatch | None = None,
) -> int:
    """Ingest one Document (the web app's POST /api/ingest) and return its article id.

    An article already stored, or a near-duplicate of one, returns the id of the stored original.
    """
    report = ingest_items([document], store, options, analyzer=analyzer)
    if report.errors:
        raise report.errors[0]
    ids = [i for i, _ in report.ingested] + [i for _, i in report.duplicates + report.unchanged]
    return ids[0]


def ingest_items(
    items: Iterable[SourceItem],
    store: Store,
    options: IngestOptions | None = None,
    *,
    analyzer: AnalyzeBatch | None = None,
    progress: Progress = _noop,
    state: _DeferredState | None = None,
    near: Originals | None = None,
) -> IngestReport:
    """Ingest items already read by the sources stage; ``state`` holds their "done" marks back.

    ``near`` is where near-duplicates are looked up (``stored_fingerprints``); a caller
    that ingests again and again (the watcher) may keep one, and this adds the new
    articles to it. Without it, one is made for the store.
    """
    options = options or IngestOptions()
    report = IngestReport()
    if options.analyze and analyzer is None:
        analyzer = default_analyzer()
    if near is None:
        near = stored_fingerprints(store, options.clean)
    batch: list[Article] = []
    for item in cleaned(items, options, report.warnings):
        if isinstance(item, InputError):
            store.record_failure(item.source, item.reason)
            report.failed.append((item.source, item.reason))
            report.errors.append(item)
            progress(item.source, "failed")
            continue
        existing = store.find_duplicate(item)
        if existing is not None:
            report.unchanged.append((item.origin, existing))
            progress(item.origin, "unchanged")
            continue
        batch.append(item)
        if len(batch) >= options.batch_size:
            _flush(batch, store, near, options.clean, analyzer if options.analyze else None, report, progress)
            batch = []
            if state is not None:
                state.commit()
            store.checkpoint()
    _flush(batch, store, near, options.clean, analyzer if options.analyze else None, report, progress)
    if state is not None:
        state.commit()
    if report.ingested or report.duplicates:
        store.refresh_statistics()
    store.checkpoint()
    return report


def _flush(
    batch: list[Article],
    store: Store,
    near: Originals,
    clean_options: CleanOptions,
    analyzer: AnalyzeBatch | None,
    report: IngestReport,
    progress: Progress,
) -> None:
    """Analyse the originals of a batch and write every article, one transaction each."""
    if not batch:
        return
    originals: list[Article] = []
    copies: list[tuple[Article, int | Article]] = []
    pending = NearDuplicates(clean_options)
    for article in batch:
        stored = near.match(article.fingerprint)
        if stored is not None:
            copies.append((article, stored))
            continue
        earlier = pending.match(article.fingerprint)
        if earlier is not None:
            kept = originals[earlier]
            if is_more_original(article, kept):
                # The copy came first: the article read now is the original, and the
                # earlier one, with every copy already matched to it, becomes its copy.
                originals[earlier] = article
                copies = [(a, article if o is kept else o) for a, o in copies]
                article = kept
            copies.append((article, originals[earlier]))
            continue
        pending.add(len(originals), article.fingerprint)
        originals.append(article)
    analyses: list[Analysis | None] = list(analyzer(originals)) if analyzer else [None] * len(originals)
    ids: dict[int, int] = {}
    for article, analysis in zip(originals, analyses, strict=True):
        article_id = store.add_article(article, analysis)
        ids[id(article)] = article_id
        near.add(article_id, article.fingerprint)
        report.ingested.append((article_id, article.origin))
        progress(article.origin, "ingested")
    for article, original in copies:
        original_id = original if isinstance(original, int) else ids[id(original)]
        store.add_article(article, None, duplicate_of=original_id)
        report.duplicates.append((article.origin, original_id))
        progress(article.origin, "duplicate")


def is_more_original(article: Article, other: Article) -> bool:
    """Whether ``article`` rather than its near-duplicate ``other`` is the original: the
    one not marked as republished, else the one published earlier."""
    if article.republished != other.republished:
        return other.republished
    if article.published is not None and other.published is not None:
        return article.published < other.published
    return article.published is not None and other.published is None


def analyze(
    inputs: Sequence[str | Document],
    options: IngestOptions | None = None,
    *,
    analyzer: AnalyzeBatch | None = None,
) -> Iterator[tuple[Article, Analysis] | InputError]:
    """Analyse inputs without a store: each article with its analysis, or the error of an input.

    An input is a path or URL to read, or a Document already in hand (text given on the
    command line or on standard input).
    """
    options = options or IngestOptions()
    analyzer = analyzer or default_analyzer()
    batch: list[Article] = []
    for item in cleaned(_documents(inputs, options.sources), options):
        if isinstance(item, InputError):
            yield from _analysed(batch, analyzer)
            batch = []
            yield item
            continue
        batch.append(item)
        if len(batch) >= options.batch_size:
            yield from _analysed(batch, analyzer)
            batch = []
    yield from _analysed(batch, analyzer)


def _documents(inputs: Sequence[str | Document], options: SourceOptions) -> Iterator[SourceItem]:
    """The items of every input in order: Documents as they are, names read by the sources stage."""
    names: list[str] = []
    for item in inputs:
        if isinstance(item, Document):
            if names:
                yield from read_inputs(names, options)
            names = []
            yield item
        else:
            names.append(item)
    if names:
        yield from read_inputs(names, options)


def _analysed(batch: list[Article], analyzer: AnalyzeBatch) -> Iterator[tuple[Article, Analysis]]:
    if batch:
        yield from zip(batch, analyzer(batch), strict=True)
