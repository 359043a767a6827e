"""The seed-format scoring rules, on small hand-written articles and hand-built results."""

from __future__ import annotations

from typing import Any

import pytest

from parley.evaluate import Counts, score_article
from parley.evaluate.seed import check_actors, check_clean, same_speaker, score_events, score_quotes

RUBIO = {"name": "Marco Rubio", "country": "USA", "role": "GOV"}
BRUCE = {"name": "Tammy Bruce", "country": "USA", "role": "GOV"}

ARTICLE = (
    "Secretary of State Marco Rubio spoke on Friday. “We're not going to give up on it,” he said.\n"
    "Spokeswoman Tammy Bruce said the US could “step back as a mediator” if talks fail.  "
    "Moscow recently announced that it is ready for direct talks with Kiev “without preconditions”. "
    "Critics called Trump a “deal-maker” on the world stage. "
    "Analysts say the US may “move on” soon."
)


def quote(text: str, words: str, speaker: dict[str, Any] | None, nth: int = 0) -> dict[str, Any]:
    """A returned quote on the ``nth`` occurrence of ``words`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return {"text": words, "start": start, "end": start + len(words), "kind": "direct", "speaker": speaker}


def span(text: str, start: int, end: int, speaker: dict[str, Any] | None) -> dict[str, Any]:
    return {"text": text[start:end], "start": start, "end": end, "kind": "direct", "speaker": speaker}


def gold_quote(text: str, speaker: str | None, **extra: Any) -> dict[str, Any]:
    return {"text": text, "speaker": speaker, **extra}


# Overlap


def test_overlap_of_exactly_half_the_gold_characters_matches() -> None:
    text = "He said “one two three four” today."
    gold = [gold_quote("one two three four", "He")]  # 18 characters
    at = text.index("hree four")  # 9 characters: exactly half
    half = score_quotes(gold, [span(text, at, at + 9, {"name": "He"})], text)
    less = score_quotes(gold, [span(text, at + 1, at + 9, {"name": "He"})], text)
    assert half.counts.found == 1
    assert half.pairs[0].overlap == pytest.approx(0.5)
    assert less.counts.found == 0
    assert less.counts.right == 0


def test_quote_marks_and_trailing_punctuation_are_ignored() -> None:
    gold = [gold_quote("“We’re not going to give up on it,”", "Marco Rubio")]
    with_marks = ARTICLE.index("“We're")
    end = ARTICLE.index(" he said")
    returned = [span(ARTICLE, with_marks, end, RUBIO)]
    score = score_quotes(gold, returned, ARTICLE)
    assert score.counts == Counts(returned=1, right=1, required=1, found=1)
    assert score.pairs[0].overlap == pytest.approx(1.0)


def test_quote_in_another_place_does_not_match() -> None:
    gold = [gold_quote("step back as a mediator", "Tammy Bruce")]
    returned = [quote(ARTICLE, "without preconditions", BRUCE)]
    score = score_quotes(gold, returned, ARTICLE)
    assert score.counts == Counts(returned=1, right=0, required=1, found=0)
    assert score.misses[0].reason.startswith("no returned quote")
    assert "matches no gold quote" in score.false_positives[0].reason


def test_gold_text_not_in_article_falls_back_to_common_substring() -> None:
    # The gold was typed from another copy of the story; the returned quote has no offsets.
    gold = [gold_quote("we are ready to help if we can", "Marco Rubio")]
    text = "“We are ready to help,” Rubio said."
    returned = [{"text": "We are ready to help", "start": None, "end": None, "speaker": RUBIO}]
    assert score_quotes(gold, returned, text).counts.found == 1
    too_little = [{"text": "ready", "start": None, "end": None, "speaker": RUBIO}]
    assert score_quotes(gold, too_little, text).counts.found == 0


def test_best_occurrence_of_a_repeated_gold_text_counts() -> None:
    text = "He wants to “move on”. Analysts say the US may “move on” soon."
    gold = [gold_quote("move on", None)]
    returned = [quote(text, "move on", None, nth=1)]
    assert score_quotes(gold, returned, text).counts.right == 1


# Attribution


def test_full_name_required_when_the_article_gives_it() -> None:
    gold = [gold_quote("step back as a mediator", "Tammy Bruce")]
    surname = {"name": "Bruce", "country": "USA", "role": "GOV"}
    score = score_quotes(gold, [quote(ARTICLE, "step back as a mediator", surname)], ARTICLE)
    assert score.counts.found == 0
    assert "attributed to Bruce" in score.misses[0].reason


def test_surname_enough_when_the_full_name_is_not_in_the_article() -> None:
    text = "Bruce said the US could “step back as a mediator” if talks fail."
    gold = [gold_quote("step back as a mediator", "Tammy Bruce")]
    surname = {"name": "bruce", "country": "USA", "role": "GOV"}
    assert score_quotes(gold, [quote(text, "step back as a mediator", surname)], text).counts.found == 1


def test_speaker_names_compare_case_insensitively_and_first_names_do_not_count() -> None:
    article = "marco rubio and tammy bruce"
    assert same_speaker("MARCO RUBIO", "Marco Rubio", article)
    assert not same_speaker("Marco", "Marco Rubio", "only marco here")
    assert not same_speaker("Rubio", "Marco Rubio", article)


def test_null_gold_speaker_is_right_only_when_left_unattributed() -> None:
    gold = [gold_quote("deal-maker", None, required=False)]
    unattributed = score_quotes(gold, [quote(ARTICLE, "deal-maker", None)], ARTICLE)
    attributed = score_quotes(gold, [quote(ARTICLE, "deal-maker", BRUCE)], ARTICLE)
    assert unattributed.counts == Counts(returned=1, right=1, required=0, found=0)
    assert attributed.counts == Counts(returned=1, right=0, required=0, found=0)
    assert "gold no speaker" in attributed.false_positives[0].reason


def test_speaker_alternatives_are_accepted() -> None:
    gold = [gold_quote("move on", None, required=False, speaker_alternatives=["Marco Rubio"])]
    for speaker in (None, RUBIO):
        assert score_quotes(gold, [quote(ARTICLE, "move on", speaker)], ARTICLE).counts.right == 1
    assert score_quotes(gold, [quote(ARTICLE, "move on", BRUCE)], ARTICLE).counts.right == 0


def test_speaker_country_accepts_that_states_government_under_another_name() -> None:
    gold = [gold_quote("without preconditions", "Moscow", speaker_country="RUS")]

    def found(speaker: dict[str, Any] | None) -> int:
        return score_quotes(gold, [quote(ARTICLE, "without preconditions", speaker)], ARTICLE).counts.found

    assert found({"name": "Moscow", "country": None, "role": None}) == 1  # name equal
    assert found({"name": "Kremlin", "country": "RUS", "role": "GOV"}) == 1
    assert found({"name": "Russia", "country": "RUS", "role": None}) == 1
    assert found({"name": "Kiev", "country": "UKR", "role": "GOV"}) == 0
    assert found({"name": "RT", "country": "RUS", "role": "MED"}) == 0
    assert found(None) == 0
    without_country = [gold_quote("without preconditions", "Moscow")]
    kremlin = quote(ARTICLE, "without preconditions", {"name": "Kremlin", "country": "RUS", "role": "GOV"})
    assert score_quotes(without_country, [kremlin], ARTICLE).counts.found == 0


# One-to-one matching and counting


def test_each_gold_quote_is_matched_once() -> None:
    gold = [gold_quote("step back as a mediator", "Tammy Bruce")]
    at = ARTICLE.index("step back as a mediator")
    returned = [span(ARTICLE, at, at + 23, BRUCE), span(ARTICLE, at, at + 14, BRUCE)]
    score = score_quotes(gold, returned, ARTICLE)
    assert score.counts == Counts(returned=2, right=1, required=1, found=1)
    assert [p.returned_index for p in score.pairs] == [0]
    assert [f.returned_index for f in score.false_positives] == [1]


def test_long_returned_quote_pairs_with_the_long_gold_quote_not_a_phrase_inside_it() -> None:
    text = "“We may have to move on soon, he said,” Rubio said. Analysts say the US may “move on”."
    long = "We may have to move on soon, he said,"
    gold = [
        gold_quote(long, "Marco Rubio"),
        gold_quote("move on", None, speaker_alternatives=["Marco Rubio"]),
    ]
    returned = [quote(text, long, RUBIO), quote(text, "move on", None, nth=1)]
    score = score_quotes(gold, returned, text)
    assert {(p.gold_index, p.returned_index) for p in score.pairs} == {(0, 0), (1, 1)}
    assert score.counts == Counts(returned=2, right=2, required=2, found=2)


def test_short_gold_quote_pairs_with_the_returned_quote_closest_in_extent() -> None:
    # Both returned quotes cover all of "move on"; the one that is nothing else is its match.
    text = "“We all need to move on,” Rubio said. Analysts want to “move on”."
    gold = [gold_quote("move on", None, speaker_alternatives=["Marco Rubio"])]
    returned = [quote(text, "We all need to move on,", RUBIO), quote(text, "move on", None, nth=1)]
    score = score_quotes(gold, returned, text)
    assert [p.returned_index for p in score.pairs] == [1]
    assert [f.returned_index for f in score.false_positives] == [0]


def test_precision_counts_quotes_matching_non_required_gold() -> None:
    gold = [
        gold_quote("step back as a mediator", "Tammy Bruce"),
        gold_quote("deal-maker", None, required=False),
    ]
    returned = [
        quote(ARTICLE, "step back as a mediator", BRUCE),
        quote(ARTICLE, "deal-maker", None),
        quote(ARTICLE, "world stage", None),
    ]
    counts = score_quotes(gold, returned, ARTICLE).counts
    assert counts == Counts(returned=3, right=2, required=1, found=1)
    assert counts.precision == pytest.approx(2 / 3)
    assert counts.recall == 1.0


def test_indirect_quotes_are_out_of_scope_of_a_gold_without_indirect_quotes() -> None:
    gold = [gold_quote("step back as a mediator", "Tammy Bruce")]
    indirect = {**quote(ARTICLE, "the US could", BRUCE), "kind": "indirect"}
    returned = [quote(ARTICLE, "step back as a mediator", BRUCE), indirect]
    score = score_quotes(gold, returned, ARTICLE)
    assert score.out_of_scope == 1
    assert score.counts == Counts(returned=1, right=1, required=1, found=1)


def test_indirect_quotes_count_when_the_gold_annotates_them() -> None:
    gold = [
        gold_quote("step back as a mediator", "Tammy Bruce"),
        gold_quote("world stage", None, kind="indirect"),
    ]
    indirect = {**quote(ARTICLE, "the US could", BRUCE), "kind": "indirect"}
    score = score_quotes(gold, [quote(ARTICLE, "step back as a mediator", BRUCE), indirect], ARTICLE)
    assert score.out_of_scope == 0
    assert score.counts.returned == 2 and score.counts.right == 1


# Events


def event(
    text: str,
    sentence: str,
    source: str | None,
    target: str | None,
    cameo: str,
    **extra: Any,
) -> dict[str, Any]:
    start = text.index(sentence)
    return {
        "source": {"name": source, "country": source, "role": "GOV"} if source else None,
        "target": {"name": target, "country": target, "role": "GOV"} if target else None,
        "cameo": cameo,
        "cameo_root": cameo[:2],
        "sentence": [start, start + len(sentence)],
        "trigger": [start, start + 3],
        **extra,
    }


EVENT_TEXT = (
    "Moscow recently announced that it is ready for direct talks with Kiev “without preconditions”.\n"
    "He has publicly urged both Moscow and Kiev to enter talks.  Zelensky rejected the offer."
)
TALKS = "Moscow recently announced that it is ready for direct talks with Kiev “without preconditions”."
URGED = "He has publicly urged both Moscow and Kiev to enter talks."


def gold_event(
    sentence: str, source: str | None, target: list[str | None] | None, roots: list[str], **extra: Any
) -> dict[str, Any]:
    return {"sentence": sentence, "source": source, "target": target, "cameo_root": roots, **extra}


def test_event_sentence_contains_gold_sentence_despite_quote_marks_and_spacing() -> None:
    gold = [gold_event('ready for direct talks   with Kiev "without preconditions"', "RUS", ["UKR"], ["03"])]
    score = score_events(gold, [event(EVENT_TEXT, TALKS, "RUS", "UKR", "036")], EVENT_TEXT)
    assert score.counts == Counts(returned=1, right=1, required=1, found=1)


def test_event_in_another_sentence_does_not_match() -> None:
    gold = [gold_event("ready for direct talks", "RUS", ["UKR"], ["03"])]
    score = score_events(gold, [event(EVENT_TEXT, URGED, "RUS", "UKR", "036")], EVENT_TEXT)
    assert score.counts.found == 0
    assert score.misses[0].reason == "no event in this sentence (gold RUS -> ['UKR'] root ['03'])"


def test_event_source_target_and_root_must_agree() -> None:
    gold = [gold_event("ready for direct talks", "RUS", ["UKR"], ["03"])]
    wrong = {
        "source": event(EVENT_TEXT, TALKS, "UKR", "UKR", "036"),
        "target": event(EVENT_TEXT, TALKS, "RUS", "USA", "036"),
        "no target": event(EVENT_TEXT, TALKS, "RUS", None, "036"),
        "root": event(EVENT_TEXT, TALKS, "RUS", "UKR", "042"),
    }
    for what, returned in wrong.items():
        score = score_events(gold, [returned], EVENT_TEXT)
        assert score.counts.found == 0, what
        assert score.counts.right == 0, what
        assert score.misses[0].reason.startswith("events in this sentence differ"), what


def test_null_target_accepted_only_when_listed_or_the_list_is_null() -> None:
    no_target = event(EVENT_TEXT, URGED, "USA", None, "026")
    listed = [gold_event(URGED, "USA", ["RUS", None], ["02"])]
    null_list = [gold_event(URGED, "USA", None, ["02"])]
    only_rus = [gold_event(URGED, "USA", ["RUS"], ["02"])]
    assert score_events(listed, [no_target], EVENT_TEXT).counts.found == 1
    assert score_events(null_list, [no_target], EVENT_TEXT).counts.found == 1
    assert score_events(only_rus, [no_target], EVENT_TEXT).counts.found == 0
    with_target = event(EVENT_TEXT, URGED, "USA", "RUS", "026")
    assert score_events(null_list, [with_target], EVENT_TEXT).counts.found == 0


def test_root_is_taken_from_the_code_when_missing() -> None:
    returned = event(EVENT_TEXT, URGED, "USA", "RUS", "026")
    del returned["cameo_root"]
    gold = [gold_event(URGED, "USA", ["RUS"], ["02"])]
    assert score_events(gold, [returned], EVENT_TEXT).counts.found == 1


def test_event_precision_counts_non_required_gold_and_recall_only_required() -> None:
    gold = [
        gold_event(URGED, "USA", ["RUS"], ["02"]),
        gold_event(URGED, "USA", ["UKR"], ["02"]),
        gold_event("Zelensky rejected the offer", "UKR", ["RUS"], ["12"], required=False),
    ]
    returned = [
        event(EVENT_TEXT, URGED, "USA", "RUS", "026"),
        event(EVENT_TEXT, "Zelensky rejected the offer.", "UKR", "RUS", "125"),
        event(EVENT_TEXT, "Zelensky rejected the offer.", "UKR", "RUS", "111"),
    ]
    score = score_events(gold, returned, EVENT_TEXT)
    assert score.counts == Counts(returned=3, right=2, required=2, found=1)
    assert [m.gold_indices for m in score.matches] == [(0,), (2,)]
    assert [f.returned_index for f in score.false_positives] == [2]
    assert [m.gold_index for m in score.misses] == [1]


def test_conditional_and_date_flags_are_reported_for_matched_required_events() -> None:
    gold = [gold_event(URGED, "USA", ["RUS"], ["02"], conditional=True, date="2025-05-02")]
    both = event(EVENT_TEXT, URGED, "USA", "RUS", "026", conditional=True, date="2025-05-02")
    wrong = event(EVENT_TEXT, URGED, "USA", "RUS", "026", conditional=False, date=None)
    score = score_events(gold, [wrong, both], EVENT_TEXT)
    assert score.flag_counts("conditional") == (1, 1)
    assert score.flag_counts("date") == (1, 1)
    only_wrong = score_events(gold, [wrong], EVENT_TEXT)
    assert only_wrong.flag_counts("conditional") == (0, 1)
    assert {(f.flag, f.got) for f in only_wrong.flags} == {("conditional", False), ("date", None)}
    no_flags = [gold_event(URGED, "USA", ["RUS"], ["02"])]
    assert score_events(no_flags, [both], EVENT_TEXT).flags == ()


# Actors and cleaning


def test_actor_mention_found_with_country_and_role() -> None:
    text = "Ukrainian President Vladimir Zelensky met NATO officials in Kiev."
    zelensky = text.index("Ukrainian President Vladimir Zelensky")
    nato = text.index("NATO")
    actors = [
        {"name": "Zelensky", "country": "UKR", "role": "GOV", "mentions": [[zelensky, zelensky + 37]]},
        {"name": "NATO", "country": None, "role": "IGO", "mentions": [[nato, nato + 4]]},
    ]
    gold = [
        {"mention": "Vladimir Zelensky", "country": "UKR", "role": "GOV"},
        {"mention": "Vladimir Zelensky", "country": "UKR", "role": None},
        {"mention": "NATO", "country": None, "role": "IGO"},
        {"mention": "Vladimir Zelensky", "country": "RUS", "role": "GOV"},
        {"mention": "NATO", "country": None, "role": "MIL"},
        {"mention": "Kiev", "country": "UKR", "role": "GOV"},
    ]
    checks = check_actors(gold, actors, text)
    assert [c.found for c in checks] == [True, True, True, False, False, False]
    assert "UKR GOV" in checks[3].got
    assert checks[5].got == "no actor mention contains it"


def test_clean_checks() -> None:
    gold = {
        "title": "US clarifies stance",
        "outlet": "BLiTZ",
        "body_starts_with": "The United States remains",
        "body_ends_with": "may not stay open forever.",
        "body_excludes": ["appeared first on", "Comments are closed"],
    }
    good = {
        "title": "US  clarifies stance",
        "outlet": "BLiTZ",
        "text": "The United States remains committed.\nThe door may not stay open forever.\n",
    }
    assert all(c.passed for c in check_clean(gold, good))
    bad = {"title": None, "outlet": "Blitz", "text": good["text"] + "Comments are closed."}
    failed = {(c.check, c.expected) for c in check_clean(gold, bad) if not c.passed}
    assert failed == {
        ("title", "US clarifies stance"),
        ("outlet", "BLiTZ"),
        ("body_ends_with", "may not stay open forever."),
        ("body_excludes", "Comments are closed"),
    }


# Counts and the whole article


@pytest.mark.parametrize(
    ("counts", "p", "r", "f1"),
    [
        (Counts(returned=4, right=2, required=2, found=1), 0.5, 0.5, 0.5),
        (Counts(returned=3, right=0, required=2, found=0), 0.0, 0.0, 0.0),
        (Counts(returned=0, right=0, required=2, found=0), 0.0, 0.0, 0.0),
        (Counts(returned=0, right=0, required=0, found=0), 1.0, 1.0, 1.0),
        (Counts(returned=2, right=1, required=0, found=0), 0.5, 1.0, 2 / 3),
        (Counts(returned=1, right=1, required=4, found=1), 1.0, 0.25, 0.4),
    ],
)
def test_precision_recall_f1(counts: Counts, p: float, r: float, f1: float) -> None:
    assert (counts.precision, counts.recall, counts.f1) == pytest.approx((p, r, f1))


def test_counts_add() -> None:
    assert Counts(1, 2, 3, 4) + Counts(10, 20, 30, 40) == Counts(11, 22, 33, 44)


def test_score_article_reads_every_section_and_serialises() -> None:
    gold = {
        "article": "a.txt",
        "clean": {"outlet": "BLiTZ"},
        "actors": [{"mention": "Tammy Bruce", "country": "USA", "role": "GOV"}],
        "quotes": [gold_quote("step back as a mediator", "Tammy Bruce")],
        "events": [gold_event("Tammy Bruce said", "USA", [None], ["13"])],
    }
    bruce = ARTICLE.index("Tammy Bruce")
    sentence = ARTICLE.index("Spokeswoman")
    result = {
        "outlet": "BLiTZ",
        "text": ARTICLE,
        "actors": [{**BRUCE, "mentions": [[bruce, bruce + 11]]}],
        "quotes": [quote(ARTICLE, "step back as a mediator", BRUCE)],
        "events": [
            {
                "source": BRUCE,
                "target": None,
                "cameo_root": "13",
                "cameo": "135",
                "sentence": [sentence, sentence + 80],
            }
        ],
    }
    score = score_article(gold, result)
    as_dict = score.to_dict()
    assert as_dict["quotes"]["f1"] == 1.0
    assert as_dict["events"]["f1"] == 1.0
    assert as_dict["actors"] == {"found": 1, "total": 1, "checks": as_dict["actors"]["checks"]}
    assert as_dict["clean"]["passed"] == 1
    empty = score_article(gold, {"text": ARTICLE})
    assert empty.quotes.counts == Counts(returned=0, right=0, required=1, found=0)
    assert empty.events.counts.f1 == 0.0
