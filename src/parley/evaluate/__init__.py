"""Scoring Parley's analyses against the gold files in ../shared/corpus (``parley eval``).

``load_gold`` reads a seed-format or PLOVER-format gold file, ``score_article`` scores one
analysis-contract dict against a seed gold, ``score_plover`` scores a sentence analyser on
PLOVER records, ``evaluate`` runs analysers over gold files and returns a :class:`Report`,
and ``format_report`` renders it as a plain-text table.
"""

from parley.evaluate.gold import GoldFile, gold_paths, load_gold
from parley.evaluate.plover import PloverScore, score_plover
from parley.evaluate.report import PloverResult, Report, format_report
from parley.evaluate.runner import AnalyzeArticle, AnalyzeSentence, evaluate
from parley.evaluate.seed import (
    ActorCheck,
    ArticleScore,
    CleanCheck,
    Counts,
    EventMatch,
    EventScore,
    FalsePositive,
    FlagCheck,
    Miss,
    QuotePair,
    QuoteScore,
    score_article,
)

__all__ = [
    "ActorCheck",
    "AnalyzeArticle",
    "AnalyzeSentence",
    "ArticleScore",
    "CleanCheck",
    "Counts",
    "EventMatch",
    "EventScore",
    "FalsePositive",
    "FlagCheck",
    "GoldFile",
    "Miss",
    "PloverResult",
    "PloverScore",
    "QuotePair",
    "QuoteScore",
    "Report",
    "evaluate",
    "format_report",
    "gold_paths",
    "load_gold",
    "score_article",
    "score_plover",
]
