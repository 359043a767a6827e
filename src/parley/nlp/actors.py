"""Actors: find every mention of a person, government, group or organisation and resolve it.

A mention is resolved in this order, each step able to use what the earlier ones found:

1. Names from the actor tables (countries, capitals and seats of government,
   organisations, office holders) matched on the tokens. The tables win over the
   statistical NER, which for instance tags "Kiev" as a PERSON.
2. People the NER finds, with their country and role read from the words around the
   name ("Ukrainian President Vladimir Zelensky", "Fox News host Sean Hannity",
   "Sergei Lavrov, Russia's foreign minister") and, where the tables know the office
   holder on the article's date, from the tables.
3. Groups named by a role noun with a country ("Russian forces", "Ukrainian officials").
   Role nouns and officials the text gives no country ("police fired tear gas", "Defense
   Secretary X said") take the country of the place the sentence names ("in Ottawa"), else
   the article's home country (``parley.nlp.setting``).
4. Short forms linked to an earlier full mention in the same article: surnames
   ("Rubio"), titles ("the spokeswoman"), and pronouns ("he", "she", "it", "their"),
   by ``parley.nlp.coref``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from parley.nlp.coref import link_references, link_short_forms, link_surnames
from parley.nlp.mentions import Found, Mention, actor_ref
from parley.nlp.setting import (
    LOCATIVE,
    home_country,
    place_countries,
    remember,
    sentence_place,
    setting_of,
)
from parley.ontology.actors import STATE_ROLES, Gazetteer, PersonEntry, RoleTerm, Surface
from parley.ontology.actors.index import POSSESSIVE
from parley.ontology.places import country_of_place
from parley.records import Actor, ActorRef


class ActorResolver:
    """Resolves the actor mentions of parsed Docs against the actor tables."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or Gazetteer.default()
        self.index = self.gazetteer.index

    def __call__(self, doc: Doc, published: dt.date | None = None) -> tuple[list[Mention], list[Actor]]:
        found = [f for f in self._names(doc, published) if not _is_place(doc, f) and not _is_language(doc, f)]
        found = link_surnames(doc, found, self.gazetteer, published)
        found = link_short_forms(doc, found)
        found = self._groups(doc, found)
        _after_titles(doc, found)
        found = self._situated(doc, found)
        _residents(doc, found)
        found = link_references(doc, found)
        found.sort(key=lambda f: f.start)
        return _collect(doc, found)

    # -- step 1 and 2: names from the tables and the NER -------------------------------------

    def _names(self, doc: Doc, published: dt.date | None) -> list[Found]:
        tokens = list(doc)
        lowers = [t.lower_ for t in tokens]
        taken = [False] * len(tokens)
        found: list[Found] = []
        persons = [e for e in doc.ents if e.label_ == "PERSON"]
        person_at = {e.start: e for e in persons}
        i = 0
        while i < len(tokens):
            hit = self.index.match(tokens, lowers, i)
            ent = person_at.get(i)
            if hit is not None:
                end, entry = hit
                if entry.org is not None and (
                    self._titled_surname(tokens, lowers, i, end) or _surname_of(found, tokens, i, end)
                ):
                    # "Secretary General of the Andean Community Wagner ... said Wagner": a
                    # person, not the Wagner Group.
                    found.append(self._person(doc, i, end, None, published))
                    taken[i:end] = [True] * (end - i)
                    i = end
                    continue
                if (
                    ent is not None
                    and entry.kind != "person"
                    and (ent.end > end or (entry.org is not None and _lone_name(tokens, i, end, ent)))
                ):
                    # "Jordan Peterson": the longer PERSON wins over the country; "Secretary General
                    # Wagner": a one-word name the NER calls a person is one, not the Wagner Group.
                    hit = None
                else:
                    found.append(self._from_entry(doc, i, end, entry, published))
                    for k in range(i, end):
                        taken[k] = True
                    i = end
                    continue
            if ent is not None and not any(taken[ent.start : ent.end]):
                start, end = self._strip_titles(tokens, lowers, ent.start, _strip_possessive(doc, ent.end))
                start = self._given_names(tokens, lowers, start, end, taken)
                if end > start and any(ch.isalnum() for ch in doc[start:end].text):
                    found.append(self._person(doc, start, end, None, published))
                    for k in range(start, end):
                        taken[k] = True
                i = ent.end
                continue
            i += 1
        # Context words of a person ("Ukrainian" in "Ukrainian President X") describe the
        # person, not a second actor.
        absorbed = {k for f in found for k in f.before}
        return [f for f in found if f.kind == "person" or not (set(range(f.start, f.end)) & absorbed)]

    def _strip_titles(
        self, tokens: Sequence[Token], lowers: Sequence[str], start: int, end: int
    ) -> tuple[int, int]:
        """A PERSON entity without the titles the NER folded into it ("Spokeswoman Maria Zakharova")."""
        while start < end - 1:
            hit = self.index.role(tokens, lowers, start)
            if lowers[start] == "the" or not any(ch.isalnum() for ch in lowers[start]):
                start += 1  # "the", or a dash the NER took in ("― Jane Doe" under a quote)
            elif hit is not None and hit[0] < end:
                start = hit[0]
            else:
                break
        return start, end

    def _titled_surname(self, tokens: Sequence[Token], lowers: Sequence[str], start: int, end: int) -> bool:
        """Whether a one-word alias of an organisation ends a capitalised run that opens with a
        person's title ("Secretary General of the Andean Community Wagner"): then it is the
        surname of whoever holds that title. An acronym stays the organisation, and so does a
        name after "of" ("the head of Wagner") or a lower-case group noun ("the group Wagner")."""
        word = tokens[start]
        if end - start != 1 or word.is_upper or start == 0:
            return False
        if end < len(tokens) and tokens[end].pos_ == "PROPN":
            return False
        sent_start = word.sent.start
        k = start - 1
        if not tokens[k].is_title:
            return False
        while k >= max(sent_start, start - 8):
            if tokens[k].is_title:
                hit = self.index.role(tokens, lowers, k)
                if hit is not None and hit[0] <= start and hit[1].is_title and not hit[1].plural:
                    return True
            elif lowers[k] not in ("of", "the", "for"):
                return False
            k -= 1
        return False

    def _given_names(
        self, tokens: Sequence[Token], lowers: Sequence[str], start: int, end: int, taken: Sequence[bool]
    ) -> int:
        """Where a one-word PERSON entity starts with the given names the NER left out ("Mayor of
        London Sadiq Khan" tagged as "Khan"): capitalised proper nouns right before it, compounds
        of it, that are no title and no other name. Without them the surname alone would be
        linked to an earlier person of that surname. Longer entities keep their start: the word
        before a full name is more often a title the tables lack ("Voter Jane Doe")."""
        if end - start != 1:
            return start
        for _ in range(2):
            before = tokens[start - 1] if start > 0 else None
            if (
                before is None
                or taken[before.i]
                or before.ent_type_
                or before.pos_ != "PROPN"
                or before.dep_ != "compound"
                or not (start <= before.head.i < end)
                or not (before.is_alpha and before.is_title)
                or self.index.role(tokens, lowers, before.i) is not None
                or self.index.match(tokens, lowers, before.i) is not None
            ):
                break
            start -= 1
        return start

    def _from_entry(self, doc: Doc, start: int, end: int, entry: Surface, published: dt.date | None) -> Found:
        if entry.kind == "person":
            return self._person(doc, start, end, entry.person, published)
        if entry.org is not None:
            org = entry.org
            ref = ActorRef(org.name, org.country, org.role or None, org.code or None)
            return Found(start, end, "org", ref, "name", plural=False)
        country = entry.country
        assert country is not None
        if entry.kind == "seat":
            ref = actor_ref(_surface(doc, start, end), country.iso3, "GOV")
            return Found(start, end, "seat", ref, "alias")
        if entry.kind == "demonym":
            return Found(
                start, end, "demonym", actor_ref(country.name, country.iso3, "CVL"), "alias", plural=True
            )
        via = "name" if entry.kind == "country" else "alias"
        return Found(start, end, entry.kind, actor_ref(country.name, country.iso3, None), via)

    def _person(
        self, doc: Doc, start: int, end: int, known: PersonEntry | None, published: dt.date | None
    ) -> Found:
        name = _surface(doc, start, end)
        before = _left_context(doc, start, end)
        country, role, gender, titles, igo = self._context(doc, before, _apposition(doc, start, end))
        entry = self.gazetteer.person(name, published) or known
        short_forms: tuple[str, ...] = (name.split()[-1],)
        ref = actor_ref(name, country, role)
        if country is None and igo is not None:
            # "U.N. mediator Diego Cordovez": an official of an intergovernmental body acts for it.
            ref = ActorRef(name, None, "IGO", igo)
        if entry is not None and (country is None or country == entry.country):
            # The tables' code also covers officials of organisations (Kallas: IGOEUREEC).
            ref = ActorRef(name, entry.country, entry.role or role, entry.code or None)
            short_forms += entry.surnames
        return Found(
            start,
            end,
            "person",
            ref,
            "name",
            gender=gender,
            titles=titles,
            short_forms=short_forms,
            before=tuple(before),
        )

    def _context(
        self, doc: Doc, before: list[int], apposition: list[int]
    ) -> tuple[str | None, str | None, str | None, set[str], str | None]:
        """Country, role, gender and title words around a name, before it and in an apposition,
        and the code of an intergovernmental body named there."""
        country: str | None = None
        role: str | None = None
        gender: str | None = None
        titles: set[str] = set()
        igo: str | None = None
        for window in (before, apposition):
            tokens = [doc[k] for k in window]
            lowers = [t.lower_ for t in tokens]
            i = 0
            while i < len(tokens):
                hit = self.index.match(tokens, lowers, i)
                if hit is not None:
                    j, entry = hit
                    c = entry.country.iso3 if entry.country else entry.org.country if entry.org else None
                    country = country or c
                    if entry.org is not None and entry.org.role and role is None and entry.org.role == "MED":
                        role = "MED"
                    if entry.kind == "seat":
                        role = role or "GOV"
                    if entry.org is not None and entry.org.role == "IGO" and entry.org.code:
                        igo = igo or entry.org.code
                    i = j
                    continue
                term_hit = self.index.role(tokens, lowers, i)
                if term_hit is not None:
                    j, term = term_hit
                    role = term.role or role
                    gender = gender or term.gender or None
                    titles.add(term.term)
                    i = j
                    continue
                i += 1
            if country and role:
                break
        return country, role, gender, titles, igo

    # -- step 3: groups named by a role noun -------------------------------------------------

    def _groups(self, doc: Doc, found: list[Found]) -> list[Found]:
        by_token = {k: f for f in found for k in range(f.start, f.end)}
        titles = {k for f in found for k in f.before}
        result = list(found)
        tokens = list(doc)
        lowers = [t.lower_ for t in tokens]
        for token in tokens:
            if token.pos_ not in ("NOUN", "PROPN") or token.i in by_token or token.i in titles:
                continue
            hit = self.index.role(tokens, lowers, token.i)
            if hit is None or hit[0] != token.i + 1:
                continue
            term = hit[1]
            modifier = next(
                (
                    by_token[c.i]
                    for c in token.children
                    if c.i in by_token
                    and c.dep_ in ("amod", "compound", "poss", "nmod")
                    and by_token[c.i].kind in ("adjective", "country", "seat", "org", "person")
                ),
                None,
            )
            named = next(
                (by_token[c.i] for c in token.children if c.dep_ == "appos" and by_token.get(c.i)),
                None,
            )
            if named is not None and named.kind == "person":
                # "Sudan's army chief, General Abdel Fattah al-Burhan": the title names the person.
                start = modifier.start if modifier is not None and modifier.start < token.i else token.i
                if named.ref.country is None and modifier is not None and modifier.ref.country:
                    # "The Italian foreign minister, Luigi Di Maio": a name no table places.
                    named.ref = actor_ref(named.ref.name, modifier.ref.country, term.role or named.ref.role)
                title = Found(
                    start, token.i + 1, "person", named.ref, "title", named.gender, False, {term.term}
                )
                if modifier is not None and modifier.kind in ("adjective", "country") and modifier in result:
                    result.remove(modifier)
                result.append(title)
                for k in range(title.start, title.end):
                    by_token[k] = title
                continue
            owner = _owner(token, by_token) if modifier is None else None
            if owner is not None:
                # "the Parliament of Iraq", "the Foreign Ministry of Iraq": the body of that country.
                name = _surface(doc, token.i, owner.end)
                ref = actor_ref(name, owner.ref.country, term.role)
                body = Found(
                    token.i, owner.end, "group", ref, "title", plural=term.number == "pl", titles={term.term}
                )
                result.remove(owner)
                result.append(body)
                for k in range(body.start, body.end):
                    by_token[k] = body
                continue
            if modifier is None or modifier.start > token.i:
                continue
            if modifier.kind == "person" and modifier.ref.country is None and term.role == "GOV":
                # "the Bush administration": a surname several office holders share, of one country.
                modifier.ref = self._surname_country(doc, modifier) or modifier.ref
            international = modifier.kind == "org" and modifier.ref.country is None and modifier.ref.code
            if modifier.ref.country is None and not international:
                continue
            if modifier.kind == "person" and term.role != "GOV":
                continue  # "the Trump administration" is a government; "Trump supporters" are not

            start = min(modifier.start, token.i)
            name = _surface(doc, start, token.i + 1)
            ref = actor_ref(name, modifier.ref.country, term.role or modifier.ref.role)
            if international:
                # "UN officials", "NATO diplomats", "EU foreign ministers": the body's own people.
                ref = ActorRef(name, None, modifier.ref.role, modifier.ref.code)
            group = Found(
                start,
                token.i + 1,
                "group",
                ref,
                "title",
                plural=term.number == "pl",
                titles={term.term},
                office=_one_holder(term),
            )
            if modifier.kind in ("adjective", "country", "person") or international:
                result.remove(modifier)
                for k in range(modifier.start, modifier.end):
                    by_token.pop(k, None)
            result.append(group)
            for k in range(group.start, group.end):
                by_token[k] = group
        return result

    def _dateline_country(self, doc: Doc) -> str | None:
        """The country of the place an article was filed from ("KYIV", "BRASÍLIA, Brazil")."""
        dateline = doc._.parley_dateline if Doc.has_extension("parley_dateline") else None
        for part in reversed(str(dateline or "").split(",")):
            name = " ".join(w.capitalize() for w in part.split())
            entry = self.gazetteer.country(name) or self.gazetteer.seat(name)
            country = entry.iso3 if entry is not None else country_of_place(name)
            if country is not None:
                return country
        return None

    def _situated(self, doc: Doc, found: list[Found]) -> list[Found]:
        """Role nouns with no country of their own ("police", "protesters", "the government")
        and domestic officials with none, given the country of the sentence's place or the
        article's home country."""
        places = place_countries(doc, found)
        home = home_country(found, places, self._dateline_country(doc))
        remember(doc, home, places)
        by_token = {k for f in found for k in range(f.start, f.end)} | {k for f in found for k in f.before}
        result = list(found)
        for f in result:
            if f.kind == "person" and f.ref.country is None and f.ref.role in STATE_ROLES and home:
                f.ref = actor_ref(f.ref.name, home, f.ref.role)
        tokens = list(doc)
        lowers = [t.lower_ for t in tokens]
        for token in tokens:
            if (
                token.pos_ not in ("NOUN", "PROPN")
                or token.i in by_token
                or token.dep_ in ("compound", "amod")
            ):
                continue
            term_start, hit = self._role_ending_at(token, tokens, lowers, by_token)
            if hit is None or not hit[1].is_agent or hit[1].role is None:
                continue
            country = sentence_place(token.sent, places) or home
            if country is None or any(c.dep_ == "poss" and c.i in by_token for c in token.children):
                continue
            if _foreign(token, term_start):
                continue  # "foreign security forces" are not the place's
            compounds = [c.i for c in token.children if c.dep_ == "compound" and c.i < token.i]
            start = min([*compounds, term_start])
            ref = actor_ref(_surface(doc, start, token.i + 1), country, hit[1].role)
            term = hit[1]
            result.append(
                Found(
                    start,
                    token.i + 1,
                    "group",
                    ref,
                    "context",
                    plural=term.plural,
                    titles={term.term},
                    office=_one_holder(term),
                )
            )
        return result

    def _surname_country(self, doc: Doc, person: Found) -> ActorRef | None:
        """The country of every office holder known by a one-word name, when they share one."""
        if person.end - person.start != 1:
            return None
        rows = self.gazetteer.people_by_surname(doc[person.start].text)
        countries = {row.country for row in rows}
        if len(countries) != 1 or None in countries:
            return None
        return actor_ref(person.ref.name, rows[0].country, rows[0].role)

    def _role_ending_at(
        self, token: Token, tokens: Sequence[Token], lowers: Sequence[str], taken: set[int]
    ) -> tuple[int, tuple[int, RoleTerm] | None]:
        """Where a role term that ends with ``token`` starts, and the term: it may begin with the
        noun's modifiers ("a human rights group"), none of them part of another mention."""
        for k in [*(k for k in range(token.left_edge.i, token.i) if k not in taken), token.i]:
            hit = self.index.role(tokens, lowers, k)
            if hit is not None and hit[0] == token.i + 1:
                return k, hit
        return token.i, None

    # -- step 4: surnames, titles and pronouns -----------------------------------------------


# Roles of a nation's people, as opposed to its state: who may live in another country.
PEOPLE_ROLES = frozenset({"CVL", "REB", "REF", "OPP", "PTY", "LAB", "EDU", "REL", "AGR", "HRI"})
# Courtesy titles between an office and a name: "the President of Korea Mr. Roh".
HONORIFICS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "madam"})


def _after_titles(doc: Doc, found: list[Found]) -> None:
    """A name no table places that follows an office of a country ("the President of the
    Republic of Korea Mr. Roh Moo-hyun"): the person holds that office. The parse of such runs
    is often broken, so this reads the words, not the tree."""
    offices = {f.end: f for f in found if f.via == "title" and f.kind == "group" and f.ref.country}
    for f in found:
        if f.kind != "person" or f.ref.country is not None:
            continue
        k = f.start
        while k > 0 and (doc[k - 1].lower_ in HONORIFICS or doc[k - 1].text == ","):
            k -= 1
        office = offices.get(k) or offices.get(_before_remit(doc, k))
        if office is not None and office.ref.role in STATE_ROLES:
            f.ref = actor_ref(f.ref.name, office.ref.country, office.ref.role)


# Adjectives that say a group is not of the place where the story happens.
FOREIGN_WORDS = frozenset({"foreign", "outside", "external", "overseas", "alien"})


def _foreign(noun: Token, term_start: int) -> bool:
    """Whether an adjective before a group noun's role term, on the noun or on a compound of it,
    says the group is not of the place ("foreign security forces"; the "foreign" of "foreign
    ministers" is the term itself)."""
    modifiers = [*noun.lefts, *(t for c in noun.lefts if c.dep_ == "compound" for t in c.lefts)]
    return any(t.dep_ == "amod" and t.lower_ in FOREIGN_WORDS and t.i < term_start for t in modifiers)


# Words that tie an office to its remit: "Special Envoy for Syria", "Ambassador to the UN".
REMIT_PREPS = frozenset({"for", "to", "on"})
# How many words a remit may have: "for Iran", "to the United Nations", "for the Horn of Africa".
_REMIT_WORDS = 5


def _is_remit(token: Token) -> bool:
    """Whether a preposition ties an office before it to a remit ("Envoy for Syria"), unlike
    "according to" or "said on"."""
    return token.lower_ in REMIT_PREPS and token.head.pos_ in ("NOUN", "PROPN") and token.head.i < token.i


def _before_remit(doc: Doc, end: int) -> int:
    """Where an office ends when its remit comes between it and the name ("US Special
    Representative for Iran Brian Hook"): at the preposition, else ``end`` itself."""
    for k in range(end - 2, max(end - 2 - _REMIT_WORDS, -1), -1):
        if doc[k].lower_ in REMIT_PREPS:
            return k
        if not (doc[k].pos_ in ("PROPN", "DET", "ADP") or doc[k].is_title):
            break
    return end


def _owner(token: Token, by_token: dict[int, Found]) -> Found | None:
    """The country a role noun belongs to through "of" right after it ("Parliament of Iraq")."""
    for prep in token.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i == token.i + 1:
            for obj in prep.children:
                found = by_token.get(obj.i)
                if obj.dep_ == "pobj" and found is not None and found.kind in ("country", "seat"):
                    return found
    return None


def _surname_of(found: Sequence[Found], tokens: Sequence[Token], start: int, end: int) -> bool:
    """Whether one word is the surname of a person the article named before."""
    return end - start == 1 and any(f.kind == "person" and tokens[start].text in f.short_forms for f in found)


def _lone_name(tokens: Sequence[Token], start: int, end: int, ent: Span) -> bool:
    """A one-word form, not an acronym, that the NER tags as a person exactly (asked only of
    organisations: for places the tables win, the NER calling "Kiev" a person)."""
    word = tokens[start]
    return end - start == 1 and ent.start == start and ent.end == end and not word.is_upper


# Nouns after a country's adjective that make it name a language or a culture, not the state:
# "the use of the Russian language".
LANGUAGE_NOUNS = frozenset({"language", "dialect", "tongue", "literature", "culture", "cuisine", "alphabet"})
# Prepositions and participles after a people's name that say where they live: "ethnic Albanians
# in Serbia", "the Albanians of southern Serbia", "ethnic Albanian guerrillas operating in Macedonia".
RESIDENCE_PREPS = frozenset({"in", "of"})


def _one_holder(term: RoleTerm) -> bool:
    """Whether a role word names one person's office ("president", "spokeswoman"), not a body."""
    return term.is_title and not term.plural


def _is_language(doc: Doc, found: Found) -> bool:
    head = doc[found.start : found.end].root
    return found.kind == "adjective" and head.head.lemma_.lower() in LANGUAGE_NOUNS


def _residents(doc: Doc, found: list[Found]) -> None:
    """People of one nation living in another take the country where they live, as event coders
    code them: an ethnic group named with its place ("ethnic Albanians in Serbia"), or a nation's
    people "of" a country ("the Albanians of southern Serbia"). Troops and officials keep theirs."""
    by_token = {k: f for f in found for k in range(f.start, f.end)}
    for f in found:
        if f.kind not in ("demonym", "group") or f.ref.role not in PEOPLE_ROLES or f.ref.country is None:
            continue
        head = doc[f.start : f.end].root
        ethnic = any(t.lower_ == "ethnic" for t in head.lefts) or (
            f.start > 0 and doc[f.start - 1].lower_ == "ethnic"
        )
        if f.kind == "group" and not ethnic:
            continue
        preps = RESIDENCE_PREPS if ethnic else frozenset({"of"})
        heads = [head, *(c for c in head.children if c.dep_ == "acl")] if ethnic else [head]
        places = [
            g
            for h in heads
            for c in h.children
            if c.dep_ == "prep" and c.lower_ in preps
            for g in c.children
            if g.dep_ == "pobj"
        ]
        countries = [_country_named(place, by_token) for place in places]
        if ethnic and not places:
            # "ethnic Albanians demonstrated in Serbia": an ethnic group lives where it acts.
            countries = [sentence_place(head.sent, setting_of(doc)[1])]
        country = next((c for c in countries if c is not None), None)
        if country is not None and country != f.ref.country:
            f.ref = actor_ref(f.ref.name, country, f.ref.role)


def _country_named(place: Token, by_token: dict[int, Found]) -> str | None:
    """The country a place phrase names: a country or capital mention in it, or a known city."""
    where = next((by_token[t.i] for t in place.subtree if t.i in by_token), None)
    if where is not None:
        return where.ref.country if where.kind in ("country", "seat") else None
    return country_of_place(place.text)


def _is_place(doc: Doc, found: Found) -> bool:
    """A capital named as a place ("talks in Brussels"), not as its government ("Moscow said")."""
    if found.kind != "seat":
        return False
    head = doc[found.start : found.end].root
    return head.dep_ == "pobj" and head.head.lower_ in LOCATIVE


def _left_context(doc: Doc, start: int, end: int) -> list[int]:
    """The words before a name that belong to its phrase ("Secretary of State", "Fox News host")."""
    head = doc[start:end].root
    # The parser often makes the name an apposition of its title ("minister" <- "Netanyahu").
    anchor = head.head if head.dep_ in ("appos", "compound") and head.head.i < start else head
    sent_start = doc[start].sent.start
    window: list[int] = []
    k = start - 1
    while k >= sent_start and start - k <= 6:
        token = doc[k]
        if token.is_punct or token.dep_ == "det" or token.pos_ in ("VERB", "AUX"):
            break
        if token.i != anchor.i and head not in token.ancestors and anchor not in token.ancestors:
            break
        window.append(k)
        k -= 1
    window.sort()
    if window and window[0] > sent_start and _is_remit(doc[window[0] - 1]):
        # "US Special Envoy for Sudan Daniel Marsh": the place after "for" is the office's
        # remit, not the holder's country (the office is read by ``_after_titles``).
        return []
    remits = [k for k in window if _is_remit(doc[k])]
    return window[: window.index(remits[0])] if remits else window


def _apposition(doc: Doc, start: int, end: int) -> list[int]:
    """Indices of an apposition after a name ("Sergei Lavrov, Russia's foreign minister"), else
    of the body it is "of" ("Arnel Cruz of the army's Western Command")."""
    head = doc[start:end].root
    for child in head.children:
        if child.dep_ == "appos" and child.i >= end:
            return [t.i for t in child.subtree]
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i == end:
            # "Juan Perez of Lima" is from a place, not of its government.
            places = [g for g in child.children if g.dep_ == "pobj" and g.ent_type_ in ("GPE", "LOC")]
            return [] if places else [t.i for t in child.subtree]
    return []


def _strip_possessive(doc: Doc, end: int) -> int:
    while end > 0 and doc[end - 1].text in POSSESSIVE:
        end -= 1
    return end


def _surface(doc: Doc, start: int, end: int) -> str:
    end = _strip_possessive(doc, end)
    words = [t for t in doc[start:end]]
    if words and words[0].lower_ == "the":
        words = words[1:]
    return "".join(t.text_with_ws for t in words).strip() if words else doc[start:end].text


def _collect(doc: Doc, found: Sequence[Found]) -> tuple[list[Mention], list[Actor]]:
    """Mentions in text order, and one Actor per distinct reference with all its spans."""
    mentions: list[Mention] = []
    actors: dict[ActorRef, Actor] = {}
    for f in found:
        end = _strip_possessive(doc, f.end)
        if end <= f.start:
            end = f.end
        span: Span = doc[f.start : end]
        mentions.append(Mention(f.start, end, span.start_char, span.end_char, f.ref, f.via, f.kind))
        actors.setdefault(f.ref, Actor(f.ref)).mentions.append((span.start_char, span.end_char))
    return mentions, list(actors.values())
