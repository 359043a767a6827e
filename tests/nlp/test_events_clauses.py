"""Where an event's actors sit outside its own phrase: the clause it sets ("said in a meeting
with X"), the phrase a misattached participle belongs to. Hand-built parses, no model."""

from __future__ import annotations

from parley.nlp.events import extract_events
from parley.records import Event, Quote
from tests.nlp.test_events_rules import COUNTRIES, Row, build, countries, only


def events_of(rows: list[Row]) -> list[tuple[str | None, str | None, str]]:
    return [(*countries(e), e.cameo_root) for e in extract_events(build(rows), None)]


def test_a_meeting_that_sets_the_clause_has_the_clause_subject_as_party() -> None:
    rows: list[Row] = [
        ("Chile", "Chile", "PROPN", "nsubj", 1),
        ("spoke", "speak", "VERB", "ROOT", 1),
        ("during", "during", "ADP", "prep", 1),
        ("a", "a", "DET", "det", 4),
        ("meeting", "meeting", "NOUN", "pobj", 2),
        ("with", "with", "ADP", "prep", 4),
        ("Peru", "Peru", "PROPN", "pobj", 5),
        (".", ".", "PUNCT", "punct", 1),
    ]
    assert ("CHL", "PER", "04") in events_of(rows)


def test_an_attack_that_sets_the_clause_does_not_take_its_subject() -> None:
    # "Peru lost soldiers in an attack by nobody named": the victims are not the attackers.
    rows: list[Row] = [
        ("Peru", "Peru", "PROPN", "nsubj", 1),
        ("lost", "lose", "VERB", "ROOT", 1),
        ("soldiers", "soldier", "NOUN", "dobj", 1),
        ("in", "in", "ADP", "prep", 1),
        ("an", "an", "DET", "det", 5),
        ("attack", "attack", "NOUN", "pobj", 3),
        ("on", "on", "ADP", "prep", 5),
        ("Bolivia", "Bolivia", "PROPN", "pobj", 6),
        (".", ".", "PUNCT", "punct", 1),
    ]
    assert all(source != "PER" for source, _, _ in events_of(rows))


def test_a_participle_hung_on_a_place_belongs_to_the_phrase_it_is_in() -> None:
    # "Japan posted a message on Twitter blaming Cuba": the message blames, and it is Japan's.
    rows: list[Row] = [
        ("Japan", "Japan", "PROPN", "nsubj", 1),
        ("posted", "post", "VERB", "ROOT", 1),
        ("a", "a", "DET", "det", 3),
        ("message", "message", "NOUN", "dobj", 1),
        ("on", "on", "ADP", "prep", 3),
        ("Twitter", "Twitter", "PROPN", "pobj", 4),
        ("blaming", "blame", "VERB", "acl", 5),
        ("Cuba", "Cuba", "PROPN", "dobj", 6),
        ("for", "for", "ADP", "prep", 6),
        ("the", "the", "DET", "det", 10),
        ("collision", "collision", "NOUN", "pobj", 8),
        (".", ".", "PUNCT", "punct", 1),
    ]
    assert ("JPN", "CUB", "11") in events_of(rows)


def test_a_concession_not_made_is_a_refusal() -> None:
    rows: list[Row] = [
        ("Japan", "Japan", "PROPN", "nsubj", 3),
        ("did", "do", "AUX", "aux", 3),
        ("not", "not", "PART", "neg", 3),
        ("withdraw", "withdraw", "VERB", "ROOT", 3),
        ("its", "its", "PRON", "poss", 5),
        ("troops", "troop", "NOUN", "dobj", 3),
        ("from", "from", "ADP", "prep", 3),
        ("Cuba", "Cuba", "PROPN", "pobj", 6),
        (".", ".", "PUNCT", "punct", 3),
    ]
    event = only(extract_events(build(rows), None))
    assert (event.cameo_root, countries(event)) == ("12", ("JPN", "CUB"))
    assert not event.negated


KILLING_OF: list[Row] = [
    ("Japan", "Japan", "PROPN", "nsubj", 1),
    ("condemned", "condemn", "VERB", "ROOT", 1),
    ("Cuba", "Cuba", "PROPN", "poss", 4),
    ("'s", "'s", "PART", "case", 2),
    ("killing", "killing", "NOUN", "dobj", 1),
    ("of", "of", "ADP", "prep", 4),
    ("Chile", "Chile", "PROPN", "pobj", 5),
    (".", ".", "PUNCT", "punct", 1),
]


def test_the_owner_of_a_killing_with_a_victim_named_is_the_killer() -> None:
    assert ("CUB", "CHL", "18") in events_of(KILLING_OF)


def test_the_owner_of_a_killing_with_no_victim_named_is_the_victim() -> None:
    # "Japan condemned Cuba's killing": Cuba is who was killed, never the killer.
    rows = [r for r in KILLING_OF if r[0] not in ("of", "Chile")]
    assert all(source != "CUB" for source, _, _ in events_of(rows))


def _said_would_attack(pronoun: str) -> list[Row]:
    return [
        ("Japan", "Japan", "PROPN", "nsubj", 1),
        ("said", "say", "VERB", "ROOT", 1),
        ('"', '"', "PUNCT", "punct", 5),
        (pronoun, pronoun, "PRON", "nsubj", 5),
        ("would", "would", "AUX", "aux", 5),
        ("attack", "attack", "VERB", "ccomp", 1),
        ("Chile", "Chile", "PROPN", "dobj", 5),
        ('"', '"', "PUNCT", "punct", 5),
        (".", ".", "PUNCT", "punct", 1),
    ]


def _sources(pronoun: str, quoted: bool) -> set[str | None]:
    rows = _said_would_attack(pronoun)
    if not quoted:
        rows = [r for r in rows if r[0] != '"']
        rows = [(w, lemma, pos, dep, head - (1 if head > 2 else 0)) for w, lemma, pos, dep, head in rows]
    doc = build(rows, quotes=(f"{pronoun} would attack Chile",) if quoted else ())
    return {countries(e)[0] for e in extract_events(doc, None)}


def test_an_unresolved_pronoun_stands_for_the_speaker_outside_their_own_words() -> None:
    assert _sources("he", quoted=False) == {"JPN"}
    assert _sources("it", quoted=True) == {"JPN"}
    # In the speaker's own words "he" is somebody else.
    assert "JPN" not in _sources("he", quoted=True)


def _quoted(subject: str, modal: str, speaker: str = "Japan") -> list[Event]:
    """'"<subject> <modal> attack Chile," Japan said.', with the quote given to ``speaker``."""
    rows: list[Row] = [
        ('"', '"', "PUNCT", "punct", 4),
        (subject, subject.lower(), "PROPN" if subject in COUNTRIES else "PRON", "nsubj", 3),
        (modal, modal, "AUX", "aux", 3),
        ("attack", "attack", "VERB", "ccomp", 7),
        ("Chile", "Chile", "PROPN", "dobj", 3),
        (",", ",", "PUNCT", "punct", 7),
        ('"', '"', "PUNCT", "punct", 7),
        ("Japan", "Japan", "PROPN", "nsubj", 7),
        ("said", "say", "VERB", "ROOT", 7),
        (".", ".", "PUNCT", "punct", 7),
    ]
    doc = build(rows)
    words = f"{subject} {modal} attack Chile ,"
    start = doc.text.index(words)
    doc._.parley_quotes = [
        Quote(words, start, start + len(words), "direct", COUNTRIES[speaker], None, "said")
    ]
    return extract_events(doc, None)


def test_an_obligation_in_a_speakers_own_words_is_their_demand() -> None:
    events = _quoted("Peru", "must")
    assert [(countries(e), e.cameo_root, e.reported) for e in events] == [(("JPN", "PER"), "10", True)]


def test_an_obligation_on_the_speaker_or_on_a_thing_is_no_demand() -> None:
    assert all(e.cameo_root != "10" for e in _quoted("We", "must"))
    assert all(e.cameo_root != "10" for e in _quoted("it", "must"))
    assert all(e.cameo_root != "10" for e in _quoted("things", "must"))
    # "You should take strong action" speaks to anybody.
    assert all(e.cameo_root != "10" for e in _quoted("you", "should"))
    # A party named only by a pronoun is still obliged.
    assert [(countries(e), e.cameo_root) for e in _quoted("they", "must")] == [(("JPN", None), "10")]
    # Without the obligation the act is the subject's own.
    assert [countries(e) for e in _quoted("Peru", "will")] == [("PER", "CHL")]


def _said_must(subject: str, pos: str) -> list[Row]:
    return [
        ("Japan", "Japan", "PROPN", "nsubj", 1),
        ("said", "say", "VERB", "ROOT", 1),
        (subject, subject.lower(), pos, "nsubj", 4),
        ("must", "must", "AUX", "aux", 4),
        ("attack", "attack", "VERB", "ccomp", 1),
        ("Chile", "Chile", "PROPN", "dobj", 4),
        (".", ".", "PUNCT", "punct", 1),
    ]


def test_saying_another_party_must_act_demands_it_but_we_must_does_not() -> None:
    assert ("JPN", "PER", "10") in events_of(_said_must("Peru", "PROPN"))
    assert all(root != "10" for _, _, root in events_of(_said_must("we", "PRON")))


def test_an_object_told_after_an_as_phrase_is_the_object() -> None:
    # "Japan denounced as a crime Peru's attack": the parser hangs the object on "crime".
    rows: list[Row] = [
        ("Japan", "Japan", "PROPN", "nsubj", 1),
        ("denounced", "denounce", "VERB", "ROOT", 1),
        ("as", "as", "ADP", "prep", 1),
        ("a", "a", "DET", "det", 4),
        ("crime", "crime", "NOUN", "pobj", 2),
        ("Peru", "Peru", "PROPN", "poss", 7),
        ("'s", "'s", "PART", "case", 5),
        ("attack", "attack", "NOUN", "appos", 4),
        (".", ".", "PUNCT", "punct", 1),
    ]
    assert ("JPN", "PER", "11") in events_of(rows)
