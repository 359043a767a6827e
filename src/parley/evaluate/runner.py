"""Running an analyser over gold files and collecting the scores in one report.

The analysers are passed in, so this module never loads a model: the CLI hands over the
real pipeline, tests hand over functions that return dicts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from parley.errors import GoldError
from parley.evaluate.gold import gold_paths, load_gold
from parley.evaluate.plover import score_plover
from parley.evaluate.positions import has_positions, score_positions
from parley.evaluate.report import PloverResult, Report
from parley.evaluate.seed import score_article
from parley.records import Event

AnalyzeArticle = Callable[[Path, dt.date | None], Mapping[str, Any]]
"""Analyse the article file at a path, assuming a publication date; return the analysis contract dict."""

AnalyzeSentence = Callable[[str], Sequence[Event]]
"""Return the events of one sentence."""


def evaluate(
    paths: Iterable[Path | str],
    analyze_article: AnalyzeArticle,
    analyze_sentence: AnalyzeSentence | None = None,
) -> Report:
    """Score ``analyze_article`` on seed gold files and ``analyze_sentence`` on PLOVER gold files.

    ``paths`` are gold files or folders (searched for ``*.json``). Every file is read and
    checked before anything is analysed, so a bad gold file fails fast with GoldError.
    """
    golds = [load_gold(p) for p in gold_paths(paths)]
    if not golds:
        raise GoldError("no gold files given")
    plover = [g.path for g in golds if g.kind == "plover"]
    if plover and analyze_sentence is None:
        raise GoldError(f"{plover[0]} is PLOVER gold: evaluate() needs analyze_sentence to score it")
    report = Report()
    for gold in golds:
        name = str(gold.path)
        if gold.kind == "seed":
            assert gold.article is not None  # load_gold sets it for every seed file
            result = analyze_article(gold.article, gold.published)
            if "quotes" in gold.data or "events" in gold.data:
                report.articles.append(replace(score_article(gold.data, result), name=name))
            if has_positions(gold.data):
                report.positions.append(replace(score_positions(gold.data, result), name=name))
        else:
            assert analyze_sentence is not None  # checked above, before any analysis
            report.plover.append(PloverResult(name, score_plover(gold.records, analyze_sentence)))
    return report
