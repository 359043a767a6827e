"""The PolNeAR attribution scorer, on a tiny checkout written here in the corpus's layout."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from parley.errors import GoldError
from parley.evaluate.polnear import PolnearScore, parse_ann, read_polnear, score_article, score_polnear

TEXT = (
    "Talks stall.\n\n"
    '"We will not sign this deal," the minister said on Monday.\n\n'
    "Officials added that a new round could start in May.\n"
)


def _span(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


def _ann() -> str:
    content = _span('"We will not sign this deal,"')
    source = _span("the minister")
    cue = _span("said")
    indirect = _span("a new round could start in May")
    officials = _span("Officials")
    added = _span("added")
    return "\n".join(
        [
            f"T1\tContent {content[0]} {content[1]}\tx",
            f"T2\tSource {source[0]} {source[1]}\tthe minister",
            f"T3\tCue {cue[0]} {cue[1]}\tsaid",
            "E1\tAttribution:T3 Content:T1 Cue:T3 Source:T2",
            # A discontinuous content span, as brat writes one: two ranges joined by ';'.
            f"T4\tContent {indirect[0]} {indirect[0] + 11};{indirect[0] + 12} {indirect[1]}\tx",
            f"T5\tSource {officials[0]} {officials[1]}\tOfficials",
            f"T6\tCue {added[0]} {added[1]}\tadded",
            "E2\tAttribution:T6 Content:T4 Cue:T6 Source:T5",
        ]
    )


def _checkout(root: Path, split: str = "dev", annotators: tuple[str, ...] = ("ab12",)) -> Path:
    (root / "data" / split / "text").mkdir(parents=True)
    (root / "data" / split / "attributions").mkdir(parents=True)
    (root / "data" / split / "text" / "outlet_2016-10-01_talks.txt").write_text(TEXT, encoding="utf-8")
    for annotator in annotators:
        path = root / "data" / split / "attributions" / f"outlet_2016-10-01_talks_{annotator}.ann"
        path.write_text(_ann(), encoding="utf-8")
    return root


def test_parse_ann_reads_relations_spans_and_direct_quotes() -> None:
    direct, indirect = parse_ann(_ann(), TEXT)
    assert direct.direct and not indirect.direct
    assert direct.source == (_span("the minister"),)
    assert len(indirect.content) == 2  # the discontinuous span keeps both ranges


def test_a_matching_quote_with_the_right_speaker_scores_full_marks(tmp_path: Path) -> None:
    article = next(read_polnear(_checkout(tmp_path), "dev"))
    start, end = _span("We will not sign this deal,")
    quotes = [
        {
            "start": start,
            "end": end,
            "speaker": {"name": "Jane Roe"},
            "speaker_mention": list(_span("the minister")),
        },
        {
            "start": _span("a new round")[0],
            "end": _span("in May")[1],
            "speaker": None,
            "speaker_mention": None,
        },
    ]
    score = PolnearScore()
    score_article(article, quotes, score)
    assert (score.matched, score.gold, score.returned) == (2, 2, 2)
    assert score.direct_recall == 1.0
    assert (score.speaker_right, score.with_source) == (1, 2)  # the second quote has no speaker


def test_a_quote_covering_less_than_half_of_the_content_does_not_match(tmp_path: Path) -> None:
    article = next(read_polnear(_checkout(tmp_path), "dev"))
    start = _span("We will")[0]
    score = PolnearScore()
    score_article(article, [{"start": start, "end": start + 7, "speaker": None}], score)
    assert score.matched == 0 and score.precision == 0.0 and len(score.misses) == 2


def test_an_article_with_several_annotators_is_scored_once(tmp_path: Path) -> None:
    root = _checkout(tmp_path, annotators=("ab12", "cd34"))
    assert len(list(read_polnear(root, "dev"))) == 1


def test_the_test_split_is_refused(tmp_path: Path) -> None:
    root = _checkout(tmp_path, split="test")
    with pytest.raises(GoldError, match="test split"):
        list(read_polnear(root, "test"))


def test_a_folder_that_is_not_a_checkout_is_named(tmp_path: Path) -> None:
    with pytest.raises(GoldError, match="not a PolNeAR checkout"):
        list(read_polnear(tmp_path, "dev"))


POLNEAR = os.environ.get("PARLEY_POLNEAR")


@pytest.mark.model
@pytest.mark.skipif(
    not POLNEAR, reason="set PARLEY_POLNEAR to a local PolNeAR checkout to score its dev split"
)
def test_polnear_dev_direct_quote_floor() -> None:
    from parley.nlp.pipeline import Analyzer
    from parley.records import Article

    analyzer = Analyzer()

    def analyze(text: str) -> dict[str, object]:
        article = Article(text=text)
        return analyzer.analyze(article).to_dict(article)

    score = score_polnear(read_polnear(str(POLNEAR), "dev"), analyze)
    assert score.direct_recall >= 0.85


def test_quotes_sharing_one_speaker_mention_are_one_attribution() -> None:
    text = '"We will stay," she said. "We are needed here."'
    content = (0, len(text))
    article_attribution = parse_ann(
        f"T1\tContent {content[0]} {content[1]}\tx\nT2\tSource 16 19\tshe\nE1\tAttribution:T1 Content:T1 Source:T2",
        text,
    )
    from parley.evaluate.polnear import PolnearArticle

    article = PolnearArticle("a", text, tuple(article_attribution))
    she = [16, 19]
    quotes = [
        {"start": 1, "end": 14, "speaker": {"name": "Ana Ruiz"}, "speaker_mention": she},
        {"start": 27, "end": 46, "speaker": {"name": "Ana Ruiz"}, "speaker_mention": she},
    ]
    score = PolnearScore()
    score_article(article, quotes, score)
    assert (score.returned, score.matched, score.speaker_right) == (1, 1, 1)


def test_a_relative_pronoun_source_stands_for_the_name_before_it() -> None:
    from parley.evaluate.polnear import Attribution, speaker_right

    text = "The talks were praised by Jane Roe, who said they were useful."
    who = text.index("who")
    gold = Attribution(content=((who + 9, len(text) - 1),), source=((who, who + 3),))
    assert speaker_right({"speaker": {"name": "Jane Roe"}, "speaker_mention": [26, 34]}, gold, text)
    assert not speaker_right({"speaker": {"name": "Omar Haddad"}, "speaker_mention": None}, gold, text)
