"""Quote finding and attribution on sentences written for these tests (model needed)."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from parley.records import Quote

pytestmark = pytest.mark.model

PUBLISHED = dt.date(2025, 6, 10)


def quotes_of(parley_nlp: Language, text: str) -> list[Quote]:
    doc = parley_nlp.make_doc(text)
    doc._.parley_published = PUBLISHED
    return list(parley_nlp(doc)._.parley_quotes)


def find(quotes: list[Quote], words: str) -> Quote:
    for quote in quotes:
        if words in quote.text:
            return quote
    raise AssertionError(f"no quote containing {words!r} in {[q.text for q in quotes]}")


def speaker(quote: Quote) -> str | None:
    return quote.speaker.name if quote.speaker else None


def test_pronoun_cue_after_the_quote(parley_nlp: Language) -> None:
    text = (
        "Foreign Minister Sergei Lavrov met his counterpart in Ankara on Monday. "
        "“We see no reason to delay the next round,” he said."
    )
    quote = find(quotes_of(parley_nlp, text), "no reason to delay")
    assert speaker(quote) == "Sergei Lavrov"
    assert quote.kind == "direct"
    assert quote.cue == "said"
    assert quote.speaker is not None and quote.speaker.country == "RUS"


def test_inverted_cue_said_name(parley_nlp: Language) -> None:
    text = "“The border crossings will reopen at dawn,” said Indian Foreign Secretary Vikram Misri."
    quote = find(quotes_of(parley_nlp, text), "border crossings")
    assert speaker(quote) == "Vikram Misri"
    assert quote.speaker is not None and quote.speaker.country == "IND"


def test_colon_introduction(parley_nlp: Language) -> None:
    text = 'The Chinese foreign ministry spokeswoman Mao Ning told reporters: "Dialogue is the only way out."'
    quote = find(quotes_of(parley_nlp, text), "Dialogue is the only way out")
    assert speaker(quote) == "Mao Ning"


def test_participle_cue_takes_the_subject_of_the_main_clause(parley_nlp: Language) -> None:
    text = (
        "NATO Secretary General Mark Rutte repeated the alliance's position in Brussels, "
        "saying, “Our support will continue for as long as it takes.”"
    )
    quote = find(quotes_of(parley_nlp, text), "Our support will continue")
    assert speaker(quote) == "Mark Rutte"


def test_partial_quote_inside_indirect_speech(parley_nlp: Language) -> None:
    text = "The Israeli prime minister Benjamin Netanyahu warned that the army would act “with full force” if attacked."
    quote = find(quotes_of(parley_nlp, text), "with full force")
    assert quote.kind == "partial"
    assert speaker(quote) == "Benjamin Netanyahu"
    assert quote.speaker is not None and quote.speaker.country == "ISR"


def test_label_cue(parley_nlp: Language) -> None:
    text = "Iranian Foreign Minister Abbas Araghchi called the new sanctions “economic terrorism,” and left the room."
    quote = find(quotes_of(parley_nlp, text), "economic terrorism")
    assert speaker(quote) == "Abbas Araghchi"


def test_scare_quote_has_no_speaker(parley_nlp: Language) -> None:
    text = "The summit was billed as a chance to reset ties between the two “strategic partners” on trade."
    quote = find(quotes_of(parley_nlp, text), "strategic partners")
    assert quote.speaker is None


def test_words_of_a_denied_claim_are_not_the_deniers(parley_nlp: Language) -> None:
    text = "Kremlin spokesman Dmitry Peskov dismissed reports that Moscow was “preparing an offensive” in the north."
    quote = find(quotes_of(parley_nlp, text), "preparing an offensive")
    assert quote.speaker is None


def test_following_quote_in_the_same_paragraph_keeps_the_speaker(parley_nlp: Language) -> None:
    text = (
        "“We have made our offer,” said Ukrainian Foreign Minister Andrii Sybiha. "
        "“The ball is now in Moscow's court.”"
    )
    quotes = quotes_of(parley_nlp, text)
    assert speaker(find(quotes, "ball is now")) == "Andrii Sybiha"


def test_quote_in_a_new_paragraph_does_not_inherit(parley_nlp: Language) -> None:
    text = (
        "“We have made our offer,” said Ukrainian Foreign Minister Andrii Sybiha.\n\n"
        "“Nothing has changed on the ground.”"
    )
    quotes = quotes_of(parley_nlp, text)
    assert speaker(find(quotes, "Nothing has changed")) is None


def test_indirect_quote_with_that_clause(parley_nlp: Language) -> None:
    text = (
        "German Chancellor Friedrich Merz said that Europe would double its air defence deliveries this year."
    )
    quote = find(quotes_of(parley_nlp, text), "Europe would double")
    assert quote.kind == "indirect"
    assert speaker(quote) == "Friedrich Merz"
    assert not quote.text.startswith("that")


def test_according_to(parley_nlp: Language) -> None:
    text = "The talks collapsed after two hours, according to Qatari Prime Minister Mohammed bin Abdulrahman Al Thani."
    quotes = quotes_of(parley_nlp, text)
    quote = find(quotes, "talks collapsed")
    assert quote.cue == "according to"
    assert quote.speaker is not None and quote.speaker.country == "QAT"


def test_surname_links_to_the_full_name(parley_nlp: Language) -> None:
    text = (
        "South African President Cyril Ramaphosa hosted the envoys. "
        "Ramaphosa said: “Africa will not be a bystander.”"
    )
    quote = find(quotes_of(parley_nlp, text), "bystander")
    assert speaker(quote) == "Cyril Ramaphosa"
    assert quote.speaker is not None and quote.speaker.country == "ZAF"


def test_offsets_point_into_the_text(parley_nlp: Language) -> None:
    text = "“Talks will resume,” the Egyptian mediator Badr Abdelatty said, “but not this week.”"
    for quote in quotes_of(parley_nlp, text):
        assert text[quote.start : quote.end] == quote.text
        if quote.speaker_mention:
            start, end = quote.speaker_mention
            assert text[start:end].strip()


def test_a_spokesman_for_an_actor_speaks_for_it(parley_nlp: Language) -> None:
    text = (
        "A spokeswoman for the European Commission said the bloc would respond “firmly and proportionately”."
    )
    quote = find(quotes_of(parley_nlp, text), "firmly and proportionately")
    assert quote.speaker is not None and quote.speaker.role == "IGO"


def test_a_title_with_the_name_in_apposition_is_that_person(parley_nlp: Language) -> None:
    text = "Libya's prime minister, Abdul Hamid Dbeibah, said on Sunday that the capital was calm again."
    quote = find(quotes_of(parley_nlp, text), "capital was calm")
    assert speaker(quote) == "Abdul Hamid Dbeibah"


def test_clause_then_comma_speaker_said(parley_nlp: Language) -> None:
    text = "The talks will resume in Geneva next week, the Swiss foreign ministry said."
    quote = find(quotes_of(parley_nlp, text), "talks will resume")
    assert quote.kind == "indirect" and quote.cue == "said"
    assert quote.speaker is not None and quote.speaker.country == "CHE"
    assert not quote.text.endswith(",")


def test_multi_paragraph_quote_takes_the_cue_at_its_end(parley_nlp: Language) -> None:
    text = (
        "Estonian Prime Minister Kristen Michal spoke after the summit.\n\n"
        "“We asked for more air defence and we will keep asking. Nothing has changed on our side.\n\n"
        "“The border is calm, but our guard is up,” he said."
    )
    quotes = quotes_of(parley_nlp, text)
    quote = find(quotes, "We asked for more air defence")
    assert "The border is calm" in quote.text
    assert speaker(quote) == "Kristen Michal"


# Rules for real-news attribution: each on sentences written for these tests.


def test_naming_as_quotes_the_subject(parley_nlp: Language) -> None:
    text = "Senator Maria Alvarez dismissed the new tariff plan as “a gift to smugglers”."
    quote = find(quotes_of(parley_nlp, text), "a gift to smugglers")
    assert speaker(quote) == "Maria Alvarez"


def test_an_operation_known_as_a_name_has_no_speaker(parley_nlp: Language) -> None:
    text = "The army launched an offensive known as “Operation Dawn” in the north on Monday."
    quote = find(quotes_of(parley_nlp, text), "Operation Dawn")
    assert quote.speaker is None


def test_a_clause_with_a_comma_introduces_the_quote(parley_nlp: Language) -> None:
    text = (
        "President Helga Brandt defended her decision on Sunday, "
        '"We could not wait any longer for the other side to come back to the table."'
    )
    quote = find(quotes_of(parley_nlp, text), "could not wait any longer")
    assert speaker(quote) == "Helga Brandt"


def test_a_clause_with_a_colon_introduces_the_quote_whatever_its_verb(parley_nlp: Language) -> None:
    text = (
        "Minister Tomas Varga gave a different account of the meeting: "
        '"Nobody asked us to leave, and we will stay as long as we are needed."'
    )
    quote = find(quotes_of(parley_nlp, text), "Nobody asked us to leave")
    assert speaker(quote) == "Tomas Varga"


def test_the_speaker_after_an_inverted_verb(parley_nlp: Language) -> None:
    text = (
        '"The only question left is who pays for the repairs," wrote former ambassador Lena Okafor '
        "on her blog."
    )
    quote = find(quotes_of(parley_nlp, text), "who pays for the repairs")
    assert speaker(quote) == "Lena Okafor"


def test_a_statement_speaks_for_whoever_issued_it(parley_nlp: Language) -> None:
    text = (
        "The Arab League released a statement which said, "
        '"The blockade of the port must end before any talks can begin."'
    )
    quote = find(quotes_of(parley_nlp, text), "blockade of the port")
    assert speaker(quote) == "Arab League"


def test_quoted_as_saying_names_the_object(parley_nlp: Language) -> None:
    text = 'The local radio station quoted Amina Diallo, a teacher, as saying "We will not leave our homes."'
    quote = find(quotes_of(parley_nlp, text), "will not leave our homes")
    assert speaker(quote) == "Amina Diallo"


def test_a_speaker_no_table_knows_is_named_as_written(parley_nlp: Language) -> None:
    text = 'Harbor Watch Monitor predicts "shipping through the strait will fall by half this winter."'
    quote = find(quotes_of(parley_nlp, text), "shipping through the strait")
    assert quote.speaker is not None and "Harbor Watch Monitor" in quote.speaker.name
    assert quote.speaker.country is None


def test_a_described_speaker_is_named_by_the_description(parley_nlp: Language) -> None:
    text = '"Nobody will sleep tonight," the harbour master said.'
    quote = find(quotes_of(parley_nlp, text), "Nobody will sleep")
    assert speaker(quote) == "harbour master" and quote.speaker_mention is not None


def test_a_pronoun_outside_a_quote_does_not_refer_to_a_name_inside_it(parley_nlp: Language) -> None:
    text = (
        "Senator Paul Okoye spoke in Lagos on Monday.\n\n"
        '"Will you apologise to Maria Santos and her family?" he asks.'
    )
    quote = find(quotes_of(parley_nlp, text), "apologise")
    assert speaker(quote) == "Paul Okoye"


def test_a_subject_pronoun_is_not_its_own_clauses_object(parley_nlp: Language) -> None:
    text = (
        "Crown Prince Faisal bin Khalid gave a rare interview on Sunday. "
        'Speaking to Anna Berg of the BBC, he said, "It happened under my watch."'
    )
    quote = find(quotes_of(parley_nlp, text), "under my watch")
    assert speaker(quote) == "Faisal bin Khalid"


def test_a_transcript_label_names_the_speaker(parley_nlp: Language) -> None:
    text = 'The exchange went on.\n\nMORALES: "We never agreed to that clause."'
    quote = find(quotes_of(parley_nlp, text), "never agreed")
    assert quote.speaker is not None and quote.speaker.name.upper() == "MORALES"


def test_a_word_of_the_quote_is_not_its_speaker(parley_nlp: Language) -> None:
    text = (
        '"The only conclusion I can draw from the report is that the deal is dead," '
        "tweeted former trade negotiator Omar Haddad."
    )
    quote = find(quotes_of(parley_nlp, text), "only conclusion")
    assert speaker(quote) == "Omar Haddad"


def test_a_name_signed_after_the_quote_with_a_dash(parley_nlp: Language) -> None:
    text = (
        '"Nobody listens to us, and nobody will." ― Edwin G. Monroy\n\n"We stay." — Carla Sanchez, a nurse.'
    )
    quotes = quotes_of(parley_nlp, text)
    assert speaker(find(quotes, "Nobody listens")) == "Edwin G. Monroy"
    assert speaker(find(quotes, "We stay")) == "Carla Sanchez"


def test_a_dash_inside_a_sentence_is_no_signature(parley_nlp: Language) -> None:
    text = 'Officials called the plan "unworkable" — a word Minister Ana Lima repeated on Friday.'
    quote = find(quotes_of(parley_nlp, text), "unworkable")
    assert speaker(quote) is None and quote.cue == "called"


def test_the_person_a_description_names_speaks_not_the_body_on_the_way(parley_nlp: Language) -> None:
    text = 'A member of the Chilean Senate, Rosa Fuentes said, "Chile will not sign this treaty."'
    quote = find(quotes_of(parley_nlp, text), "will not sign")
    assert speaker(quote) == "Rosa Fuentes"


def test_an_unknown_name_keeps_its_hyphenated_given_name(parley_nlp: Language) -> None:
    text = '"Nothing has changed," said Chia-hao Lin of the Taipei Rights Group.'
    quote = find(quotes_of(parley_nlp, text), "Nothing has changed")
    assert speaker(quote) == "Chia-hao Lin"


def test_a_quote_with_no_cue_belongs_to_the_subject_of_the_sentence_before(parley_nlp: Language) -> None:
    text = (
        "Former envoy Elena Ruiz criticised the decision on Twitter. "
        '"The statement shows a complete lack of understanding of the situation on the ground."'
    )
    quote = find(quotes_of(parley_nlp, text), "complete lack")
    assert speaker(quote) == "Elena Ruiz"


def test_a_quote_after_a_paragraph_break_takes_no_earlier_subject(parley_nlp: Language) -> None:
    text = (
        "Former envoy Elena Ruiz criticised the decision on Twitter.\n\n"
        '"The statement shows a complete lack of understanding of the situation on the ground."'
    )
    quote = find(quotes_of(parley_nlp, text), "complete lack")
    assert quote.speaker is None


def test_by_saying_takes_the_subject_of_the_verb_it_modifies(parley_nlp: Language) -> None:
    text = (
        "Indian Foreign Minister Subrahmanyam Jaishankar opened the summit in Delhi. "
        'He ended his speech by saying "we will walk with every neighbour who walks with us."'
    )
    quote = find(quotes_of(parley_nlp, text), "walk with every neighbour")
    assert speaker(quote) == "Subrahmanyam Jaishankar"


def test_a_naming_verb_misparsed_as_a_relative_clause_keeps_the_speaker(parley_nlp: Language) -> None:
    # The parser reads "the Pacific Forum think tank called the treaty ..." as a tank so called.
    text = (
        "On Monday, Chilean foreign minister Rosa Fuentes speaking to the Pacific Forum think tank "
        'called the treaty "a dead letter" and "legally absurd".'
    )
    quotes = quotes_of(parley_nlp, text)
    assert speaker(find(quotes, "a dead letter")) == "Rosa Fuentes"
    assert speaker(find(quotes, "legally absurd")) == "Rosa Fuentes"


def test_a_name_given_in_the_passive_has_no_speaker(parley_nlp: Language) -> None:
    text = (
        "The University of Leeds had been running a course on prison reform at Carlton Hall "
        'called "Open Doors".'
    )
    quote = find(quotes_of(parley_nlp, text), "Open Doors")
    assert quote.speaker is None


def test_a_name_in_apposition_to_an_office_of_a_place_speaks_for_the_agency_subject(
    parley_nlp: Language,
) -> None:
    text = (
        "According to the state news agency IRNA, the chief justice of Isfahan, Reza Karimi Nejad, "
        'said the 12 must face "espionage charges", adding the court would act quickly.'
    )
    quote = find(quotes_of(parley_nlp, text), "espionage charges")
    assert speaker(quote) == "Reza Karimi Nejad"


def test_a_verb_inside_the_next_part_of_a_split_quote_is_not_its_cue(parley_nlp: Language) -> None:
    text = (
        "Mali's foreign minister, Abdoulaye Diop, spoke after the vote. "
        '"While we regret the council\'s decision," he said, "we ask our partners to respect the '
        'sovereignty of Mali."'
    )
    quotes = quotes_of(parley_nlp, text)
    assert speaker(find(quotes, "While we regret")) == "Abdoulaye Diop"
    assert speaker(find(quotes, "we ask our partners")) == "Abdoulaye Diop"


def test_a_cue_the_parser_left_without_subject_takes_the_person_named_before_it(
    parley_nlp: Language,
) -> None:
    text = (
        "Speaking to Reuters, the president of the Kenyan Bar Association, Faith Odhiambo, said, "
        '"We support the right to protest, but today with the current threats in Nairobi we '
        'understand this decision".'
    )
    quote = find(quotes_of(parley_nlp, text), "We support the right")
    assert speaker(quote) == "Faith Odhiambo"


def test_sentences_inside_a_long_quotation_do_not_push_the_speaker_out_of_a_pronouns_reach(
    parley_nlp: Language,
) -> None:
    text = (
        "President Gustavo Petro of Colombia spoke at the opening of the border bridge. "
        '"The bridge will carry trade and families," he said. "Those who want to close it again '
        'are wrong. They lied before. They will lie again. Nobody believes them now."\n\n'
        '"Your walls have always been a disaster for this region and the sooner they fall, the safer '
        'our towns will be", he continued in the speech.'
    )
    quote = find(quotes_of(parley_nlp, text), "Your walls")
    assert speaker(quote) == "Gustavo Petro"


def test_a_capitalised_definite_title_links_to_the_person_introduced_with_it(parley_nlp: Language) -> None:
    text = (
        "The President of the European Commission, Ursula von der Leyen, said the summit would go "
        'ahead. The E.C. President refused to discuss the budget, but admitted to have been "disappointed" '
        "by the vote."
    )
    quote = find(quotes_of(parley_nlp, text), "disappointed")
    assert speaker(quote) == "Ursula von der Leyen"


def test_they_after_a_coordinated_subject_of_people_is_that_group(parley_nlp: Language) -> None:
    text = (
        "Kenyan foreign minister Musalia Mudavadi and his Ugandan and Tanzanian counterparts met in "
        "Arusha on Monday to discuss the lake border. The Rwandan envoy, Olivier Nduhungirehe, "
        "attended as an observer.\n\n"
        'They declared that the new fishing treaty is "unacceptable" and "must be renegotiated '
        'within a year".'
    )
    quotes = quotes_of(parley_nlp, text)
    assert speaker(find(quotes, "unacceptable")) == "Musalia Mudavadi"
    assert speaker(find(quotes, "renegotiated")) == "Musalia Mudavadi"


def test_they_is_not_a_single_person_named_before(parley_nlp: Language) -> None:
    text = (
        "Kenyan foreign minister Musalia Mudavadi met the fishermen in Kisumu on Monday. "
        'They said the new fishing treaty is "a death sentence" for the lake.'
    )
    assert speaker(find(quotes_of(parley_nlp, text), "a death sentence")) is None


def test_a_surname_the_tagger_reads_as_a_noun_is_still_the_person(parley_nlp: Language) -> None:
    text = (
        "President Donald Trump spoke to reporters on Friday. "
        'Trump described the meeting with Kim as "very productive and friendly."'
    )
    quote = find(quotes_of(parley_nlp, text), "very productive")
    assert speaker(quote) == "Donald Trump"


def test_a_person_between_commas_after_according_to_a_description_is_the_source(
    parley_nlp: Language,
) -> None:
    text = (
        "Colonel Mark Hughes ran the camp. According to a nurse, Lieutenant Sarah Mitchell, when "
        'Hughes saw the letter, Hughes was, "furious".'
    )
    assert speaker(find(quotes_of(parley_nlp, text), "furious")) == "Sarah Mitchell"


def test_a_participle_hung_on_a_quoted_clause_takes_the_speaker_not_the_clauses_subject(
    parley_nlp: Language,
) -> None:
    text = (
        'Asian Development Bank president Masato Kanda said the use of foreign currencies "costs Asia '
        'between $3 and $4 billion," further saying, "Beyond that, it also slows trade because the '
        'region lacks hard currency."'
    )
    quote = find(quotes_of(parley_nlp, text), "it also slows trade")
    assert speaker(quote) == "Masato Kanda"


def test_the_statement_speaks_for_whoever_released_the_statement_before(parley_nlp: Language) -> None:
    text = (
        "On Sunday, the Combined Task Force Ocean Shield released a statement saying an attack on a "
        "ship near the strait caused no deaths.\n\n"
        'A spokesman told Reuters the attack began at dawn. "No sailors were hurt. We thank the port '
        'police for their quick response;" read the statement; "we will not be intimidated by these '
        'attacks and keep the right to defend ourselves."'
    )
    quotes = quotes_of(parley_nlp, text)
    assert speaker(find(quotes, "No sailors were hurt")) == "Combined Task Force Ocean Shield"
    assert speaker(find(quotes, "we will not be intimidated")) == "Combined Task Force Ocean Shield"


def test_a_nickname_in_quotation_marks_inside_a_name_is_no_quote(parley_nlp: Language) -> None:
    text = 'Retired Sergeant Thomas "Tommy" Walsh says he saw the convoy leave the base at night.'
    assert [q.text for q in quotes_of(parley_nlp, text) if q.kind != "indirect"] == []


def test_an_inverted_cue_before_a_colon_takes_the_name_after_the_verb(parley_nlp: Language) -> None:
    text = 'Tax experts such as Mark Ellis are skeptical. Said Ellis: "I do not think the plan will pass this year."'
    assert speaker(find(quotes_of(parley_nlp, text), "plan will pass")) == "Mark Ellis"


def test_a_signature_after_a_no_break_space_ends_with_its_line(parley_nlp: Language) -> None:
    text = (
        "Readers wrote in after the debate.\n\n"
        "\u201cThe wall will not keep anybody safe. It only divides families.\u201d\u00a0\u2015\u00a0Rosa Medina.\n\n"
        "Reuters/Instagram.\n\n"
        "\u201cWe vote in November and we remember.\u201d \u2015 Luis Ortega.\n\n"
        "Getty Images."
    )
    quotes = quotes_of(parley_nlp, text)
    assert speaker(find(quotes, "only divides families")) == "Rosa Medina"
    assert speaker(find(quotes, "we remember")) == "Luis Ortega"


def test_they_that_speaks_with_no_plural_antecedent_is_the_body_named_before(parley_nlp: Language) -> None:
    text = (
        "On Friday the European Commission also criticised the decision. They released a statement "
        'which said, "The museum must remain open to everyone, and its status must be kept".'
    )
    quote = find(quotes_of(parley_nlp, text), "museum must remain open")
    assert speaker(quote) == "European Commission"
