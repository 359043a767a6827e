"""Event rules on hand-built parses: frames, flags, sources, targets and quotes, with no model.

Each sentence is written out token by token (word, lemma, POS, dependency, head index) so the
rules are tested on exactly the parse they are meant for.
"""

from __future__ import annotations

import datetime as dt

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from parley.nlp.events import extract_events
from parley.nlp.mentions import Mention
from parley.records import ActorRef, Event, Quote

Row = tuple[str, str, str, str, int]

for _name in ("parley_mentions", "parley_quotes"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

VOCAB = spacy.blank("en").vocab
COUNTRIES = {
    name: ActorRef(name, code, None, code)
    for name, code in [
        ("Russia", "RUS"),
        ("Ukraine", "UKR"),
        ("Japan", "JPN"),
        ("Chile", "CHL"),
        ("Peru", "PER"),
        ("Bolivia", "BOL"),
        ("Cuba", "CUB"),
        ("Spain", "ESP"),
        ("Morocco", "MAR"),
    ]
}


def build(rows: list[Row], quotes: tuple[str, ...] = ()) -> Doc:
    """A parsed Doc from rows; countries are marked as actors and ``quotes`` as quotations."""
    words = [r[0] for r in rows]
    doc = Doc(
        VOCAB,
        words=words,
        spaces=[True] * (len(words) - 1) + [False],
        lemmas=[r[1] for r in rows],
        pos=[r[2] for r in rows],
        deps=[r[3] for r in rows],
        heads=[r[4] for r in rows],
    )
    doc._.parley_mentions = [
        Mention(t.i, t.i + 1, t.idx, t.idx + len(t), COUNTRIES[t.text], "name")
        for t in doc
        if t.text in COUNTRIES
    ]
    found = []
    for words_quoted in quotes:
        start = doc.text.index(words_quoted)
        found.append(Quote(words_quoted, start, start + len(words_quoted), "direct", None, None, "said"))
    doc._.parley_quotes = found
    return doc


def only(events: list[Event]) -> Event:
    assert len(events) == 1, events
    return events[0]


def countries(event: Event) -> tuple[str | None, str | None]:
    return (
        event.source.country if event.source else None,
        event.target.country if event.target else None,
    )


THREATEN_SANCTIONS: list[Row] = [
    ("Russia", "Russia", "PROPN", "nsubj", 1),
    ("threatened", "threaten", "VERB", "ROOT", 1),
    ("to", "to", "PART", "aux", 3),
    ("impose", "impose", "VERB", "xcomp", 1),
    ("sanctions", "sanction", "NOUN", "dobj", 3),
    ("on", "on", "ADP", "prep", 3),
    ("Ukraine", "Ukraine", "PROPN", "pobj", 5),
    (".", ".", "PUNCT", "punct", 1),
]


def test_a_governing_verb_recodes_its_to_clause() -> None:
    event = only(extract_events(build(THREATEN_SANCTIONS), None))
    assert (event.cameo, event.plover.type) == ("1312", "THREATEN")
    assert countries(event) == ("RUS", "UKR")
    assert event.rule == "threaten>impose-sanctions"
    assert not (event.negated or event.conditional or event.hypothetical or event.reported)


def test_the_governed_event_is_not_an_event_of_its_own() -> None:
    events = extract_events(build(THREATEN_SANCTIONS), None)
    assert [e.cameo for e in events] == ["1312"]


def test_dates_default_to_the_publication_date() -> None:
    event = only(extract_events(build(THREATEN_SANCTIONS), dt.date(2025, 5, 3)))
    assert (event.date, event.date_precision) == (dt.date(2025, 5, 3), "published")
    assert only(extract_events(build(THREATEN_SANCTIONS), None)).date is None


def test_negation_is_a_flag() -> None:
    rows: list[Row] = [
        ("Japan", "Japan", "PROPN", "nsubj", 3),
        ("did", "do", "AUX", "aux", 3),
        ("not", "not", "PART", "neg", 3),
        ("reject", "reject", "VERB", "ROOT", 3),
        ("the", "the", "DET", "det", 5),
        ("offer", "offer", "NOUN", "dobj", 3),
        (".", ".", "PUNCT", "punct", 3),
    ]
    event = only(extract_events(build(rows), None))
    assert event.cameo_root == "12"
    assert event.negated


def test_a_conditional_withdrawal_is_a_threat() -> None:
    rows: list[Row] = [
        ("Chile", "Chile", "PROPN", "nsubj", 2),
        ("could", "could", "AUX", "aux", 2),
        ("step", "step", "VERB", "ROOT", 2),
        ("back", "back", "ADV", "advmod", 2),
        ("as", "as", "ADP", "prep", 2),
        ("mediator", "mediator", "NOUN", "pobj", 4),
        ("if", "if", "SCONJ", "mark", 8),
        ("talks", "talk", "NOUN", "nsubj", 8),
        ("fail", "fail", "VERB", "advcl", 2),
        (".", ".", "PUNCT", "punct", 2),
    ]
    event = only(extract_events(build(rows), None))
    assert (event.cameo, event.plover.type) == ("135", "THREATEN")
    assert event.conditional
    assert not event.hypothetical


def test_a_modal_without_condition_is_hypothetical() -> None:
    rows: list[Row] = [
        ("Cuba", "Cuba", "PROPN", "nsubj", 2),
        ("might", "might", "AUX", "aux", 2),
        ("expel", "expel", "VERB", "ROOT", 2),
        ("the", "the", "DET", "det", 4),
        ("inspectors", "inspector", "NOUN", "dobj", 2),
        (".", ".", "PUNCT", "punct", 2),
    ]
    event = only(extract_events(build(rows), None))
    assert event.plover.type == "THREATEN"
    assert event.hypothetical
    assert not event.conditional


def test_an_event_inside_a_quote_is_reported_and_linked_to_the_innermost_quote() -> None:
    rows: list[Row] = [
        ("Peru", "Peru", "PROPN", "nsubj", 1),
        ("rejected", "reject", "VERB", "ROOT", 1),
        ("the", "the", "DET", "det", 3),
        ("plan", "plan", "NOUN", "dobj", 1),
        (".", ".", "PUNCT", "punct", 1),
    ]
    event = only(extract_events(build(rows, quotes=("Peru rejected the plan", "rejected the")), None))
    assert event.reported
    assert event.quote_index == 1
    unquoted = only(extract_events(build(rows), None))
    assert not unquoted.reported
    assert unquoted.quote_index is None


def test_conjoined_subjects_give_one_event_each() -> None:
    rows: list[Row] = [
        ("Peru", "Peru", "PROPN", "nsubj", 3),
        ("and", "and", "CCONJ", "cc", 0),
        ("Chile", "Chile", "PROPN", "conj", 0),
        ("rejected", "reject", "VERB", "ROOT", 3),
        ("the", "the", "DET", "det", 5),
        ("proposal", "proposal", "NOUN", "dobj", 3),
        (".", ".", "PUNCT", "punct", 3),
    ]
    events = extract_events(build(rows), None)
    assert sorted(countries(e) for e in events) == [("CHL", None), ("PER", None)]
    assert {e.cameo for e in events} == {"125"}


def test_the_agent_of_a_passive_is_the_source() -> None:
    rows: list[Row] = [
        ("Bolivia", "Bolivia", "PROPN", "nsubjpass", 2),
        ("was", "be", "AUX", "auxpass", 2),
        ("attacked", "attack", "VERB", "ROOT", 2),
        ("by", "by", "ADP", "agent", 2),
        ("Peru", "Peru", "PROPN", "pobj", 3),
        (".", ".", "PUNCT", "punct", 2),
    ]
    event = only(extract_events(build(rows), None))
    assert event.plover.type == "ASSAULT"
    assert countries(event) == ("PER", "BOL")


UNKNOWN_SOURCE: list[Row] = [
    ("Officials", "official", "NOUN", "nsubj", 1),
    ("rejected", "reject", "VERB", "ROOT", 1),
    ("the", "the", "DET", "det", 3),
    ("plan", "plan", "NOUN", "dobj", 1),
    (".", ".", "PUNCT", "punct", 1),
]


def test_events_without_a_source_actor_are_dropped_unless_asked_for() -> None:
    assert extract_events(build(UNKNOWN_SOURCE), None) == []
    kept = only(extract_events(build(UNKNOWN_SOURCE), None, keep_unresolved=True))
    assert kept.source is None
    assert kept.confidence < only(extract_events(build(THREATEN_SANCTIONS), None)).confidence


def test_a_denied_claim_is_no_event_but_the_denial_is() -> None:
    rows: list[Row] = [
        ("Spain", "Spain", "PROPN", "nsubj", 1),
        ("denied", "deny", "VERB", "ROOT", 1),
        ("claims", "claim", "NOUN", "dobj", 1),
        ("that", "that", "SCONJ", "mark", 5),
        ("Morocco", "Morocco", "PROPN", "nsubj", 5),
        ("expelled", "expel", "VERB", "acl", 2),
        ("diplomats", "diplomat", "NOUN", "dobj", 5),
        (".", ".", "PUNCT", "punct", 1),
    ]
    event = only(extract_events(build(rows), None))
    assert event.cameo_root == "01"
    assert event.plover.type is None
    assert event.plover.mode == "statement"


@pytest.mark.parametrize("lemma", ["urge", "press"])
def test_appeals_target_the_addressees(lemma: str) -> None:
    rows: list[Row] = [
        ("Japan", "Japan", "PROPN", "nsubj", 1),
        (f"{lemma}d", lemma, "VERB", "ROOT", 1),
        ("Peru", "Peru", "PROPN", "dobj", 1),
        ("and", "and", "CCONJ", "cc", 2),
        ("Chile", "Chile", "PROPN", "conj", 2),
        ("to", "to", "PART", "aux", 6),
        ("negotiate", "negotiate", "VERB", "xcomp", 1),
        (".", ".", "PUNCT", "punct", 1),
    ]
    events = extract_events(build(rows), None)
    assert sorted(countries(e) for e in events) == [("JPN", "CHL"), ("JPN", "PER")]
    assert {(e.cameo, e.plover.type) for e in events} == {("026", "REQUEST")}


@pytest.mark.model
def test_an_intent_noun_described_by_a_copula_is_no_event(parley_nlp: Language) -> None:
    text = "Norway said on Monday that its willingness to serve as a mediator is not unlimited."
    doc = parley_nlp(text)
    triggers = {text[e.trigger[0] : e.trigger[1]] for e in doc._.parley_events}
    assert not triggers & {"willingness", "serve"}
    plain = parley_nlp("Norway said on Monday that it was willing to serve as a mediator.")
    assert {plain.text[e.trigger[0] : e.trigger[1]] for e in plain._.parley_events} & {"willing", "serve"}


@pytest.mark.model
def test_parties_named_together_act_towards_each_other(parley_nlp: Language) -> None:
    doc = parley_nlp("Chile and Argentina signed a border agreement on Tuesday.")
    pairs = {(e.source.country, e.target.country) for e in doc._.parley_events if e.source and e.target}
    assert pairs == {("CHL", "ARG"), ("ARG", "CHL")}


@pytest.mark.model
def test_two_officials_of_one_government_are_two_actors(parley_nlp: Language) -> None:
    text = (
        "Ukrainian President Volodymyr Zelensky rejected Prime Minister Oleksiy Honcharuk's offer "
        "to resign on Friday."
    )
    doc = parley_nlp(text)
    targets = {e.target.name for e in doc._.parley_events if e.cameo_root == "12" and e.target}
    assert targets == {"Oleksiy Honcharuk"}


@pytest.mark.model
def test_people_arrested_with_no_agent_are_arrested_by_the_places_police(parley_nlp: Language) -> None:
    doc = parley_nlp(
        "Protests spread across Belgrade. At least 40 people were arrested in Belgrade on Friday."
    )
    arrests = [e for e in doc._.parley_events if e.cameo.startswith("173")]
    assert arrests and all(e.source is not None and e.source.role == "COP" for e in arrests)
    assert {(e.source.country, e.target.country if e.target else None) for e in arrests} == {("SRB", "SRB")}


@pytest.mark.model
def test_an_arrest_with_no_place_known_has_no_invented_source(parley_nlp: Language) -> None:
    doc = parley_nlp("A man was arrested on Friday.")
    assert not [e for e in doc._.parley_events if e.cameo.startswith("173")]


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Germany's finance minister cautioned that much work remained before a deal.",
        "Japan warned against drawing early conclusions from the talks.",
    ],
)
def test_advice_is_no_threat(parley_nlp: Language, text: str) -> None:
    assert not [e for e in parley_nlp(text)._.parley_events if e.cameo_root == "13"]


@pytest.mark.model
def test_a_warning_of_what_one_will_do_is_a_threat(parley_nlp: Language) -> None:
    doc = parley_nlp("Iran warned Britain that its navy would seize more tankers.")
    assert [e for e in doc._.parley_events if e.cameo_root == "13" and e.source and e.source.country == "IRN"]


@pytest.mark.model
def test_holding_an_office_is_no_arrest(parley_nlp: Language) -> None:
    doc = parley_nlp("Kenya's foreign minister has held the post since 2019.")
    assert not [e for e in doc._.parley_events if e.cameo.startswith("173")]


@pytest.mark.model
def test_unnamed_people_protesting_are_the_places_civilians(parley_nlp: Language) -> None:
    doc = parley_nlp("About 5,000 people marched against the new law in Nairobi on Saturday.")
    protests = [e for e in doc._.parley_events if e.cameo_root == "14"]
    assert protests and {(e.source.country, e.source.role) for e in protests if e.source} == {("KEN", "CVL")}


@pytest.mark.model
def test_two_leaders_speaking_on_the_phone_consult(parley_nlp: Language) -> None:
    doc = parley_nlp(
        "Chilean President Gabriel Boric and Argentine President Javier Milei spoke on the phone."
    )
    assert {e.cameo for e in doc._.parley_events} == {"041"}


@pytest.mark.model
def test_one_strike_told_with_two_verbs_is_one_event(parley_nlp: Language) -> None:
    doc = parley_nlp("Israeli jets struck Gaza overnight, bombing a school.")
    assert len([e for e in doc._.parley_events if e.cameo_root >= "18"]) == 1


@pytest.mark.model
def test_a_state_held_since_a_date_is_background_not_an_event(parley_nlp: Language) -> None:
    doc = parley_nlp("Russia has occupied Crimea since February 2014.")
    assert not doc._.parley_events
    assert parley_nlp("Russia occupied Crimea in February 2014.")._.parley_events


@pytest.mark.model
def test_telling_reporters_is_no_expulsion(parley_nlp: Language) -> None:
    doc = parley_nlp("Iran's foreign minister told reporters in Tehran that talks would resume.")
    assert not [e for e in doc._.parley_events if e.cameo_root == "17"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Egypt accepted Qatar's invitation to the summit.", ("EGY", "QAT", "036")),
        ("Russia hit back at Britain over the new sanctions.", ("RUS", "GBR", "111")),
        ("Iran lashed out at Saudi Arabia on Monday.", ("IRN", "SAU", "111")),
        ("Turkey vowed to retaliate against Syria.", ("TUR", "SYR", "1384")),
        ("Oman hosted talks between Iran and Kenya.", ("OMN", "IRN", "043")),
    ],
)
def test_verbs_of_real_reporting(parley_nlp: Language, text: str, expected: tuple[str, str, str]) -> None:
    events = parley_nlp(text)._.parley_events
    found = {
        (e.source.country if e.source else None, e.target.country if e.target else None, e.cameo)
        for e in events
    }
    assert expected in found


@pytest.mark.model
def test_two_leaders_the_parser_hangs_in_one_title_both_act(parley_nlp: Language) -> None:
    doc = parley_nlp(
        "On Monday, Kenyan President William Ruto and Ugandan President Yoweri Museveni spoke on the phone."
    )
    pairs = {(e.source.country, e.target.country) for e in doc._.parley_events if e.source and e.target}
    assert pairs == {("KEN", "UGA"), ("UGA", "KEN")}


@pytest.mark.model
def test_a_preposition_said_again_adds_a_target(parley_nlp: Language) -> None:
    doc = parley_nlp("Italy's foreign minister met with the IMF, then with French President Emmanuel Macron.")
    targets = {e.target.name for e in doc._.parley_events if e.target}
    assert "Emmanuel Macron" in targets and len(targets) == 2


@pytest.mark.model
def test_what_is_discussed_is_a_topic_not_a_target(parley_nlp: Language) -> None:
    doc = parley_nlp(
        "Peru discussed relations with Bolivia on Tuesday. Chile and Peru met to discuss Bolivian trade."
    )
    pairs = {
        (e.source.country if e.source else None, e.target.country if e.target else None)
        for e in doc._.parley_events
    }
    assert ("PER", "BOL") in pairs
    assert ("CHL", "PER") in pairs and ("CHL", "BOL") not in pairs


@pytest.mark.model
def test_an_act_named_again_targets_whoever_did_it(parley_nlp: Language) -> None:
    doc = parley_nlp(
        "On Monday, Ethiopia launched an offensive against Eritrea. "
        "The operation was condemned by Kenya. Sudan condemned the attack on Tuesday."
    )
    pairs = {
        (e.source.country, e.target.country if e.target else None)
        for e in doc._.parley_events
        if e.source and e.cameo_root == "11"
    }
    assert pairs == {("KEN", "ETH"), ("SDN", "ETH")}


@pytest.mark.model
def test_an_actor_defending_its_own_act_does_not_target_itself(parley_nlp: Language) -> None:
    doc = parley_nlp(
        "On Monday, Ethiopia launched an offensive against Eritrea. Ethiopia defended the operation."
    )
    assert all(e.target is None or e.target.country != "ETH" for e in doc._.parley_events)


@pytest.mark.model
def test_an_attack_claimed_or_told_again_targets_whom_it_hit(parley_nlp: Language) -> None:
    # The attack is told in the passive with no agent; who claims it or says they did it aims
    # at whom it hit, and a judge of it has nobody to blame.
    told = "Two army posts in northern Peru were hit by rockets on Monday. "
    for later in (
        "Chilean rebels claimed responsibility for the attacks.",
        "Chilean rebels said they had carried out the attack.",
    ):
        events = parley_nlp(told + later)._.parley_events
        assert {(e.source.country, e.target.country if e.target else None) for e in events if e.source} == {
            ("CHL", "PER")
        }
    events = parley_nlp(told + "The United Nations condemned the attacks.")._.parley_events
    assert all(e.target is None for e in events)


@pytest.mark.model
def test_the_attack_names_the_act_of_whoever_the_story_tells_attacking_most(parley_nlp: Language) -> None:
    doc = parley_nlp(
        "Chile bombed a Peruvian convoy on Monday. Chilean jets struck a base in Peru again on "
        "Tuesday. Peru shelled a Chilean border post in reply. Bolivia condemned the attack."
    )
    assert {e.target.country for e in doc._.parley_events if e.source.country == "BOL" and e.target} == {
        "CHL"
    }


@pytest.mark.model
def test_attacks_nobody_is_named_for_are_not_one_attackers_many(parley_nlp: Language) -> None:
    doc = parley_nlp(
        "Two army posts in Peru were hit by rockets on Monday. A bridge in Peru was bombed on Tuesday. "
        "Chile shelled a Peruvian town on Wednesday. Bolivia condemned the attack."
    )
    assert {e.target.country for e in doc._.parley_events if e.source.country == "BOL" and e.target} == {
        "CHL"
    }


@pytest.mark.model
def test_a_kind_of_act_refers_only_to_an_act_of_that_kind(parley_nlp: Language) -> None:
    doc = parley_nlp("Chile signed a trade agreement with Peru on Monday. Bolivia condemned the attack.")
    assert all(e.target is None for e in doc._.parley_events if e.source and e.source.country == "BOL")


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("Chile called Peru's decision a betrayal of the region.", "11"),
        ("Chile described Peru's border law as reckless.", "11"),
        ("Chile called Peru a reliable partner in the region.", "05"),
    ],
)
def test_what_an_actor_calls_another_is_praise_or_blame(parley_nlp: Language, text: str, root: str) -> None:
    events = parley_nlp(text)._.parley_events
    assert {(e.source.country, e.target.country, e.cameo_root) for e in events if e.source and e.target} == {
        ("CHL", "PER", root)
    }


@pytest.mark.model
def test_people_protest_against_their_government_unless_told_otherwise(parley_nlp: Language) -> None:
    doc = parley_nlp("Thousands of Kenyans protested in Nairobi on Friday. Kenyans marched against Uganda.")
    found = {(e.source.code, e.target.code, e.cameo) for e in doc._.parley_events if e.source and e.target}
    assert found == {("KENCVL", "KENGOV", "141"), ("KENCVL", "UGA", "141")}


@pytest.mark.model
def test_a_state_protesting_is_a_formal_protest(parley_nlp: Language) -> None:
    doc = parley_nlp("Kenya protested to Uganda over the arrests.")
    assert {(e.source.country, e.cameo) for e in doc._.parley_events if e.source} == {("KEN", "114")}


@pytest.mark.model
def test_protests_nobody_is_named_for_are_the_places_people(parley_nlp: Language) -> None:
    doc = parley_nlp("Large protests erupted in Nairobi on Monday.")
    assert {(e.source.code, e.target.code) for e in doc._.parley_events if e.source and e.target} == {
        ("KENCVL", "KENGOV")
    }
    assert not parley_nlp("The protesters left on Monday.")._.parley_events
    assert not parley_nlp("A Kenyan minister resigned in protest in Nairobi.")._.parley_events


@pytest.mark.model
def test_someone_no_table_places_attacking_people_is_of_the_place(parley_nlp: Language) -> None:
    doc = parley_nlp("Omar Haddad stabbed two people at a market in Nairobi on Sunday.")
    assert {(e.source.country, e.target.code) for e in doc._.parley_events if e.source and e.target} == {
        ("KEN", "KENCVL")
    }


@pytest.mark.model
def test_shooting_civilians_is_an_assault_not_a_fight(parley_nlp: Language) -> None:
    doc = parley_nlp("A gunman shot shoppers at a mall in Nairobi on Sunday.")
    assert {
        (e.source.code, e.target.code, e.cameo_root) for e in doc._.parley_events if e.source and e.target
    } == {("KENCVL", "KENCVL", "18")}


@pytest.mark.model
def test_a_word_inside_a_name_tells_no_act(parley_nlp: Language) -> None:
    doc = parley_nlp("Kenya's Democratic Rally won the vote in Nairobi in March.")
    assert not [e for e in doc._.parley_events if e.cameo_root == "14"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "targets"),
    [
        ("Kenya denounced the accord between Chile and Peru.", {"CHL", "PER"}),
        ("Kenya proposed to cut the aid given to Uganda.", {"UGA"}),
    ],
)
def test_targets_inside_the_object_phrase(parley_nlp: Language, text: str, targets: set[str]) -> None:
    events = parley_nlp(text)._.parley_events
    assert {
        e.target.country for e in events if e.target and e.source and e.source.country == "KEN"
    } == targets


@pytest.mark.model
def test_a_resignation_is_an_event_only_towards_whom_it_answers(parley_nlp: Language) -> None:
    assert not parley_nlp("Kenya's foreign minister resigned on Monday.")._.parley_events
    doc = parley_nlp("Kenya's foreign minister resigned over pressure from Uganda.")
    assert {(e.source.country, e.target.country, e.cameo) for e in doc._.parley_events if e.target} == {
        ("KEN", "UGA", "0831")
    }


@pytest.mark.model
def test_releasing_a_document_is_no_release_of_people(parley_nlp: Language) -> None:
    assert not [
        e for e in parley_nlp("Kenya released a report on Uganda.")._.parley_events if e.cameo_root == "08"
    ]
    described = parley_nlp("In a statement released on Monday, Kenya criticized Uganda.")._.parley_events
    assert {e.cameo_root for e in described} == {"11"}
    freed = parley_nlp("Kenya released two Ugandan soldiers on Monday.")._.parley_events
    assert {(e.source.country, e.cameo) for e in freed if e.source} == {("KEN", "0841")}


@pytest.mark.model
def test_tear_gas_is_riot_control_not_a_weapon_of_mass_destruction(parley_nlp: Language) -> None:
    doc = parley_nlp("Police in Nairobi fired tear gas at the protesters on Monday.")
    assert {e.cameo for e in doc._.parley_events} == {"175"}


@pytest.mark.model
def test_a_noun_event_takes_its_agent_and_target_from_a_participle(parley_nlp: Language) -> None:
    doc = parley_nlp(
        "Kenya published a summary of a phone call made by President William Ruto to Ugandan President "
        "Yoweri Museveni."
    )
    calls = [e for e in doc._.parley_events if e.cameo == "041"]
    assert {(e.source.country, e.target.country) for e in calls if e.source and e.target} == {("KEN", "UGA")}


@pytest.mark.model
def test_recommending_that_another_act_is_an_appeal(parley_nlp: Language) -> None:
    doc = parley_nlp("Kenya's president recommended that Ugandan troops withdraw from the border.")
    assert {(e.source.country, e.target.country, e.cameo_root) for e in doc._.parley_events if e.target} == {
        ("KEN", "UGA", "02")
    }


@pytest.mark.model
def test_calling_a_thing_something_is_naming_not_calling_it_into_being(parley_nlp: Language) -> None:
    named = parley_nlp("Kenya called the agreement with Uganda legitimate and lawful.")._.parley_events
    assert {(e.target.country if e.target else None, e.cameo) for e in named} == {("UGA", "051")}
    called = parley_nlp("Kenya called a ceasefire with Uganda on Monday.")._.parley_events
    assert {e.cameo_root for e in called} == {"08"}


@pytest.mark.model
def test_a_clause_completing_an_unowned_noun_is_the_verbs_subjects(parley_nlp: Language) -> None:
    doc = parley_nlp("The Parliament of Kenya voted on a resolution to expel Ugandan troops.")
    assert {(e.source.country, e.target.country) for e in doc._.parley_events if e.source and e.target} == {
        ("KEN", "UGA")
    }


@pytest.mark.model
def test_a_thing_named_again_targets_the_parties_it_was_named_with(parley_nlp: Language) -> None:
    doc = parley_nlp(
        "Ghana said the new border agreement between Chile and Peru was void. "
        "On Monday, Kenya denounced the border agreement."
    )
    kenya = [e for e in doc._.parley_events if e.source and e.source.country == "KEN"]
    assert {e.target.country for e in kenya if e.target} == {"CHL", "PER"}


@pytest.mark.model
def test_calling_for_an_act_in_a_clause_is_an_appeal(parley_nlp: Language) -> None:
    doc = parley_nlp("The government of Kenya called for the killing to be investigated.")
    assert {(e.source.country, e.cameo_root) for e in doc._.parley_events if e.source} == {("KEN", "02")}


@pytest.mark.model
@pytest.mark.parametrize(
    "text", ["Kenya was disappointed by Uganda's decision.", "Kenya is unhappy with Uganda."]
)
def test_displeasure_at_another_is_disapproval(parley_nlp: Language, text: str) -> None:
    events = parley_nlp(text)._.parley_events
    assert {(e.source.country, e.target.country, e.cameo) for e in events if e.source and e.target} == {
        ("KEN", "UGA", "111")
    }


@pytest.mark.model
def test_attacking_a_decision_is_done_with_words(parley_nlp: Language) -> None:
    verbal = parley_nlp("Kenya attacked Uganda's decision on Monday.")._.parley_events
    assert {(e.target.country, e.cameo) for e in verbal if e.target} == {("UGA", "111")}
    force = parley_nlp("Kenyan troops attacked Ugandan positions on Monday.")._.parley_events
    assert {e.cameo_root for e in force} == {"19"}


@pytest.mark.model
def test_a_threat_to_wreck_an_economy_is_a_threat_of_sanctions(parley_nlp: Language) -> None:
    doc = parley_nlp("If Uganda closes the border, Kenya will cripple and ruin the economy of Uganda.")
    codes = {(e.target.country, e.cameo) for e in doc._.parley_events if e.target and e.conditional}
    assert ("UGA", "1312") in codes


@pytest.mark.model
def test_an_event_between_actors_nobody_can_place_is_left_out(parley_nlp: Language) -> None:
    text = "Zorvan Telek criticized Amira Quell on Monday."
    assert not parley_nlp(text)._.parley_events
    placed = parley_nlp("Zorvan Telek criticized Kenya on Monday.")._.parley_events
    assert {e.target.country for e in placed if e.target} == {"KEN"}


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kenya's president said Uganda is a reliable partner.", {("KEN", "UGA", "051")}),
        ("Kenya's president said Uganda was a threat to the region.", {("KEN", "UGA", "111")}),
        ("Uganda is a reliable partner of Kenya.", set()),
    ],
)
def test_a_verdict_stated_about_another_is_the_speakers(
    parley_nlp: Language, text: str, expected: set[tuple[str, str, str]]
) -> None:
    events = parley_nlp(text)._.parley_events
    assert {
        (e.source.country, e.target.country, e.cameo) for e in events if e.source and e.target
    } == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kenya recalled its ambassador in protest at Uganda's decision.", ("KEN", "UGA", "161")),
        (
            "Kenyan refugees in Nairobi began a hunger strike in protest of Uganda's refusal.",
            ("KEN", "UGA", "142"),
        ),
    ],
)
def test_what_an_act_protests_against_is_its_target(
    parley_nlp: Language, text: str, expected: tuple[str, str, str]
) -> None:
    events = parley_nlp(text)._.parley_events
    assert expected in {
        (e.source.country, e.target.country, e.cameo) for e in events if e.source and e.target
    }


@pytest.mark.model
def test_naming_an_act_with_a_word_of_blame_is_blame_even_with_no_target(parley_nlp: Language) -> None:
    doc = parley_nlp('Kenya\'s interior minister called the stabbing "an act of barbarity".')
    assert {(e.source.country, e.cameo) for e in doc._.parley_events if e.source} == {("KEN", "111")}


@pytest.mark.model
def test_parties_joined_to_a_body_of_one_of_them_all_act(parley_nlp: Language) -> None:
    doc = parley_nlp("On Monday, the delegations of Chile, Peru and Bolivia met in Lima.")
    sources = {e.source.country for e in doc._.parley_events if e.source}
    assert sources == {"CHL", "PER", "BOL"}


@pytest.mark.model
def test_support_and_praise_are_events_towards_an_actor(parley_nlp: Language) -> None:
    assert not parley_nlp("Kenya supported the new labour law on Monday.")._.parley_events
    doc = parley_nlp("Kenya supported Uganda's bid on Monday and praised Tanzania.")
    assert {(e.target.country, e.cameo) for e in doc._.parley_events if e.target} == {
        ("UGA", "051"),
        ("TZA", "051"),
    }


@pytest.mark.model
def test_aid_is_an_event_towards_whom_it_helps(parley_nlp: Language) -> None:
    assert not parley_nlp("Kenya raised money to assist with the harvest.")._.parley_events
    doc = parley_nlp("Kenya helped Uganda after the floods.")
    assert {(e.target.country, e.cameo) for e in doc._.parley_events if e.target} == {("UGA", "070")}


@pytest.mark.model
def test_a_request_is_an_appeal_only_to_someone(parley_nlp: Language) -> None:
    doc = parley_nlp("At the Kenyan government's request, the engineers returned to Nairobi.")
    assert not [e for e in doc._.parley_events if e.cameo_root == "02"]
    doc = parley_nlp("Kenya's request to Uganda for talks was sent on Monday.")
    assert {(e.source.country, e.target.country) for e in doc._.parley_events if e.source and e.target} == {
        ("KEN", "UGA")
    }


@pytest.mark.model
def test_criticism_told_as_a_noun_needs_whom_it_criticises(parley_nlp: Language) -> None:
    assert not parley_nlp("The plan went ahead despite criticism by Kenya.")._.parley_events
    doc = parley_nlp("Kenya's criticism of Uganda grew on Monday.")
    assert {(e.source.country, e.target.country) for e in doc._.parley_events if e.source and e.target} == {
        ("KEN", "UGA")
    }


def _discussed(*rest: Row) -> list[Row]:
    return [("Chile", "Chile", "PROPN", "nsubj", 1), ("discussed", "discuss", "VERB", "ROOT", 1), *rest]


def test_an_act_done_to_somebody_with_nobody_found_is_left_out() -> None:
    issues = _discussed(
        ("trade", "trade", "NOUN", "compound", 3),
        ("issues", "issue", "NOUN", "dobj", 1),
        (".", ".", "PUNCT", "punct", 1),
    )
    assert extract_events(build(issues), None) == []
    with_peru = _discussed(
        ("trade", "trade", "NOUN", "dobj", 1),
        ("with", "with", "ADP", "prep", 1),
        ("Peru", "Peru", "PROPN", "pobj", 3),
        (".", ".", "PUNCT", "punct", 1),
    )
    event = only(extract_events(build(with_peru), None))
    assert (countries(event), event.cameo) == (("CHL", "PER"), "040")


def test_an_act_done_to_unnamed_people_keeps_no_target() -> None:
    rows: list[Row] = [
        ("Chile", "Chile", "PROPN", "nsubj", 1),
        ("shelled", "shell", "VERB", "ROOT", 1),
        ("the", "the", "DET", "det", 3),
        ("civilians", "civilian", "NOUN", "dobj", 1),
        (".", ".", "PUNCT", "punct", 1),
    ]
    event = only(extract_events(build(rows), None))
    assert (countries(event), event.cameo_root) == (("CHL", None), "19")
    # Force hits whoever is where it strikes: a place is enough, no place at all is not.
    hills = [*rows[:3], ("hills", "hill", "NOUN", "dobj", 1), rows[4]]
    assert [e.cameo_root for e in extract_events(build(hills), None)] == ["19"]
    overnight = [
        rows[0],
        rows[1],
        ("overnight", "overnight", "ADV", "advmod", 1),
        (".", ".", "PUNCT", "punct", 1),
    ]
    assert extract_events(build(overnight), None) == []


def test_a_denied_act_needs_no_target() -> None:
    rows: list[Row] = [
        ("Chile", "Chile", "PROPN", "nsubj", 3),
        ("did", "do", "AUX", "aux", 3),
        ("not", "not", "PART", "neg", 3),
        ("discuss", "discuss", "VERB", "ROOT", 3),
        ("trade", "trade", "NOUN", "compound", 5),
        ("issues", "issue", "NOUN", "dobj", 3),
        (".", ".", "PUNCT", "punct", 3),
    ]
    event = only(extract_events(build(rows), None))
    assert (countries(event), event.cameo, event.negated) == (("CHL", None), "040", True)


def test_parties_named_together_agree_with_each_other() -> None:
    rows: list[Row] = [
        ("Chile", "Chile", "PROPN", "nsubj", 3),
        ("and", "and", "CCONJ", "cc", 0),
        ("Peru", "Peru", "PROPN", "conj", 0),
        ("agreed", "agree", "VERB", "ROOT", 3),
        ("on", "on", "ADP", "prep", 3),
        ("a", "a", "DET", "det", 6),
        ("border", "border", "NOUN", "pobj", 4),
        (".", ".", "PUNCT", "punct", 3),
    ]
    events = extract_events(build(rows), None)
    assert {(countries(e), e.cameo_root) for e in events} == {(("CHL", "PER"), "03"), (("PER", "CHL"), "03")}


def test_an_entry_may_say_its_act_needs_no_target() -> None:
    rows: list[Row] = [
        ("Chile", "Chile", "PROPN", "nsubj", 1),
        ("banned", "ban", "VERB", "ROOT", 1),
        ("anyone", "anyone", "PRON", "dobj", 1),
        ("wearing", "wear", "VERB", "acl", 2),
        ("masks", "mask", "NOUN", "dobj", 3),
        (".", ".", "PUNCT", "punct", 1),
    ]
    event = only(extract_events(build(rows), None))
    assert (countries(event), event.cameo) == (("CHL", None), "172")


@pytest.mark.model
def test_an_attack_whose_target_is_named_but_not_placed_is_kept(parley_nlp: Language) -> None:
    named = parley_nlp("Kenyan jets fired rockets at positions near Zorvania on Monday.")._.parley_events
    assert {(e.source.country, e.cameo_root) for e in named if e.source} == {("KEN", "19")}
    assert not parley_nlp("Kenyan jets fired rockets on Monday.")._.parley_events
    # An attack told by a noun with its attacker is reported as such: news often leaves out whom it hit.
    strikes = parley_nlp("Hundreds of fighters escaped following Kenyan airstrikes.")._.parley_events
    assert {(e.source.country, e.cameo_root) for e in strikes if e.source} == {("KEN", "19")}


def test_members_of_one_delegation_meet_the_others_not_each_other() -> None:
    rows: list[Row] = [
        ("Kast", "Kast", "PROPN", "nsubj", 5),
        (",", ",", "PUNCT", "punct", 0),
        ("Boric", "Boric", "PROPN", "conj", 0),
        ("and", "and", "CCONJ", "cc", 2),
        ("Arce", "Arce", "PROPN", "conj", 2),
        ("met", "meet", "VERB", "ROOT", 5),
        (".", ".", "PUNCT", "punct", 5),
    ]
    doc = build(rows)
    people = {"Kast": "CHL", "Boric": "CHL", "Arce": "BOL"}
    doc._.parley_mentions = [
        Mention(
            t.i,
            t.i + 1,
            t.idx,
            t.idx + len(t),
            ActorRef(t.text, people[t.text], "GOV", None),
            "name",
            "person",
        )
        for t in doc
        if t.text in people
    ]
    pairs = {(e.source.name, e.target.name) for e in extract_events(doc, None) if e.source and e.target}
    assert pairs == {("Kast", "Arce"), ("Boric", "Arce"), ("Arce", "Kast"), ("Arce", "Boric")}
    # People of one country named together do meet each other.
    doc._.parley_mentions = [
        Mention(t.i, t.i + 1, t.idx, t.idx + len(t), ActorRef(t.text, "CHL", "GOV", None), "name", "person")
        for t in doc
        if t.text in people
    ]
    assert len(extract_events(doc, None)) == 6


@pytest.mark.model
def test_people_who_protest_demonstrate_against_their_government(parley_nlp: Language) -> None:
    doc = parley_nlp(
        "Friday was the third night in a row that Kenyans protested; the protest began against the curfew."
    )
    found = {(e.source.code, e.target.code, e.cameo) for e in doc._.parley_events if e.source and e.target}
    assert found == {("KENCVL", "KENGOV", "141")}
    assert all(e.target is not None for e in doc._.parley_events)


@pytest.mark.model
def test_protests_named_again_or_a_protesters_title_are_no_new_protest(parley_nlp: Language) -> None:
    def protests(text: str) -> list[Event]:
        return [e for e in parley_nlp(text)._.parley_events if e.cameo_root == "14"]

    assert not protests("Opposition leaders said foreign agents were involved in the protests in Nairobi.")
    assert not protests("Nairobi student protester Amina Odhiambo wrote on Twitter.")
    assert protests("Protests erupted in Nairobi on Friday.")


@pytest.mark.model
def test_increasing_cooperation_is_no_mobilization(parley_nlp: Language) -> None:
    assert not parley_nlp(
        "Kenya has increased cooperation with the navies of Uganda and Tanzania."
    )._.parley_events
    doc = parley_nlp("Kenya has increased its troops on the border with Uganda.")
    assert {(e.source.country, e.cameo) for e in doc._.parley_events if e.source} == {("KEN", "154")}


@pytest.mark.model
def test_what_is_set_or_expected_to_happen_is_no_intent_of_its_subject(parley_nlp: Language) -> None:
    assert not parley_nlp("The annual summit of Kenya and Uganda is set to open tomorrow.")._.parley_events
    doc = parley_nlp("Kenya plans to meet Uganda next week.")
    assert {
        (e.source.country, e.target.country, e.cameo) for e in doc._.parley_events if e.source and e.target
    } == {("KEN", "UGA", "036")}


def test_the_words_of_a_clause_with_its_own_subject_are_not_the_triggers() -> None:
    # "Chile denied they received aid from Peru": a denial, not aid withheld.
    clause: list[Row] = [
        ("Chile", "Chile", "PROPN", "nsubj", 1),
        ("denied", "deny", "VERB", "ROOT", 1),
        ("they", "they", "PRON", "nsubj", 3),
        ("received", "receive", "VERB", "ccomp", 1),
        ("aid", "aid", "NOUN", "dobj", 3),
        ("from", "from", "ADP", "prep", 3),
        ("Peru", "Peru", "PROPN", "pobj", 5),
        (".", ".", "PUNCT", "punct", 1),
    ]
    assert [e.cameo for e in extract_events(build(clause), None)] == ["016"]
    direct: list[Row] = [
        ("Chile", "Chile", "PROPN", "nsubj", 1),
        ("denied", "deny", "VERB", "ROOT", 1),
        ("aid", "aid", "NOUN", "dobj", 1),
        ("to", "to", "ADP", "prep", 1),
        ("Peru", "Peru", "PROPN", "pobj", 3),
        (".", ".", "PUNCT", "punct", 1),
    ]
    assert [e.cameo for e in extract_events(build(direct), None)] == ["162"]


@pytest.mark.model
def test_proposing_a_law_is_no_offer_to_a_party(parley_nlp: Language) -> None:
    assert not parley_nlp("The Kenyan government proposed an amendment to the election law.")._.parley_events
    doc = parley_nlp("Kenya proposed talks to Uganda.")
    assert {
        (e.source.country, e.target.country, e.cameo_root)
        for e in doc._.parley_events
        if e.source and e.target
    } == {("KEN", "UGA", "03")}


@pytest.mark.model
def test_a_protest_described_by_a_copula_is_no_new_protest(parley_nlp: Language) -> None:
    assert not parley_nlp("The protest outside the embassy in Nairobi is an annual event.")._.parley_events


@pytest.mark.model
def test_where_an_act_happens_is_not_whom_it_is_done_with(parley_nlp: Language) -> None:
    assert not parley_nlp("Kenya's president discussed trade issues in Nairobi on Monday.")._.parley_events
    doc = parley_nlp("Kenya's president discussed trade issues with Uganda in Nairobi on Monday.")
    assert {(e.source.country, e.target.country) for e in doc._.parley_events if e.source and e.target} == {
        ("KEN", "UGA")
    }


def test_an_act_after_which_another_is_done_is_not_governed_by_it() -> None:
    after: list[Row] = [
        ("Chile", "Chile", "PROPN", "nsubj", 1),
        ("ordered", "order", "VERB", "ROOT", 1),
        ("mourning", "mourning", "NOUN", "dobj", 1),
        ("after", "after", "ADP", "prep", 1),
        ("the", "the", "DET", "det", 5),
        ("strike", "strike", "NOUN", "pobj", 3),
        ("on", "on", "ADP", "prep", 5),
        ("Peru", "Peru", "PROPN", "pobj", 6),
        (".", ".", "PUNCT", "punct", 1),
    ]
    assert extract_events(build(after), None) == []
    ordered: list[Row] = [
        ("Chile", "Chile", "PROPN", "nsubj", 1),
        ("ordered", "order", "VERB", "ROOT", 1),
        ("a", "a", "DET", "det", 3),
        ("strike", "strike", "NOUN", "dobj", 1),
        ("on", "on", "ADP", "prep", 3),
        ("Peru", "Peru", "PROPN", "pobj", 4),
        (".", ".", "PUNCT", "punct", 1),
    ]
    event = only(extract_events(build(ordered), None))
    assert (countries(event), event.cameo_root) == (("CHL", "PER"), "19")


@pytest.mark.model
def test_who_acts_in_a_relative_clause_is_no_party_of_the_main_act(parley_nlp: Language) -> None:
    text = (
        "Kenya's defence ministry justified the strike, which was approved by Kenyan President William Ruto."
    )
    assert not [e for e in parley_nlp(text)._.parley_events if e.cameo_root == "05"]
    doc = parley_nlp("Kenya's defence ministry justified the strike on Uganda.")
    assert {
        (e.source.country, e.target.country, e.cameo) for e in doc._.parley_events if e.source and e.target
    } == {("KEN", "UGA", "052")}
