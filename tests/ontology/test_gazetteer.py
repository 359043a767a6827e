"""The actor tables and their loader: data integrity, lookups, dates, user files and bad files."""

from __future__ import annotations

import datetime as dt
import itertools
import os
from collections import defaultdict
from pathlib import Path

import pycountry
import pytest
import spacy

from parley.errors import ConfigError
from parley.ontology.actors import (
    ENV_VAR,
    ISO_EXCEPTIONS,
    ROLE_CODES,
    CountryEntry,
    Gazetteer,
    OrgEntry,
    PersonEntry,
)

# The 193 member states of the United Nations.
# fmt: off
UN_MEMBERS = (
    "AFG", "ALB", "DZA", "AND", "AGO", "ATG", "ARG", "ARM", "AUS", "AUT", "AZE", "BHS", "BHR", "BGD", "BRB",
    "BLR", "BEL", "BLZ", "BEN", "BTN", "BOL", "BIH", "BWA", "BRA", "BRN", "BGR", "BFA", "BDI", "CPV", "KHM",
    "CMR", "CAN", "CAF", "TCD", "CHL", "CHN", "COL", "COM", "COG", "CRI", "CIV", "HRV", "CUB", "CYP", "CZE",
    "PRK", "COD", "DNK", "DJI", "DMA", "DOM", "ECU", "EGY", "SLV", "GNQ", "ERI", "EST", "SWZ", "ETH", "FJI",
    "FIN", "FRA", "GAB", "GMB", "GEO", "DEU", "GHA", "GRC", "GRD", "GTM", "GIN", "GNB", "GUY", "HTI", "HND",
    "HUN", "ISL", "IND", "IDN", "IRN", "IRQ", "IRL", "ISR", "ITA", "JAM", "JPN", "JOR", "KAZ", "KEN", "KIR",
    "KWT", "KGZ", "LAO", "LVA", "LBN", "LSO", "LBR", "LBY", "LIE", "LTU", "LUX", "MDG", "MWI", "MYS", "MDV",
    "MLI", "MLT", "MHL", "MRT", "MUS", "MEX", "FSM", "MDA", "MCO", "MNG", "MNE", "MAR", "MOZ", "MMR", "NAM",
    "NRU", "NPL", "NLD", "NZL", "NIC", "NER", "NGA", "MKD", "NOR", "OMN", "PAK", "PLW", "PAN", "PNG", "PRY",
    "PER", "PHL", "POL", "PRT", "QAT", "KOR", "ROU", "RUS", "RWA", "KNA", "LCA", "VCT", "WSM", "SMR", "STP",
    "SAU", "SEN", "SRB", "SYC", "SLE", "SGP", "SVK", "SVN", "SLB", "SOM", "ZAF", "SSD", "ESP", "LKA", "SDN",
    "SUR", "SWE", "CHE", "SYR", "TJK", "TZA", "THA", "TLS", "TGO", "TON", "TTO", "TUN", "TUR", "TKM", "TUV",
    "UGA", "UKR", "ARE", "GBR", "USA", "URY", "UZB", "VUT", "VEN", "VNM", "YEM", "ZMB", "ZWE",
)
# fmt: on
ALSO_REQUIRED = ["PSE", "TWN", "XKX", "VAT"]

# Offices with one holder at a time, whose rows must not overlap.
SINGLE_HOLDER = [
    ("President", "USA"),
    ("Vice President", "USA"),
    ("Secretary of State", "USA"),
    ("National Security Adviser", "USA"),
    ("White House Press Secretary", "USA"),
    ("President", "UKR"),
    ("Foreign Minister", "UKR"),
    ("Prime Minister", "GBR"),
    ("Foreign Secretary", "GBR"),
    ("Chancellor", "DEU"),
    ("Foreign Minister", "DEU"),
    ("Prime Minister", "ISR"),
    ("President", "IRN"),
    ("Prime Minister", "JPN"),
    ("Secretary General of NATO", None),
    ("High Representative for Foreign Affairs and Security Policy", None),
]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def _write(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# --------------------------------------------------------------------------------------------
# Data integrity


def test_every_country_code_is_iso_3166_or_a_documented_exception(gaz: Gazetteer) -> None:
    unknown = [
        c.iso3
        for c in gaz.countries
        if c.iso3 not in ISO_EXCEPTIONS and pycountry.countries.get(alpha_3=c.iso3) is None
    ]
    assert unknown == []


def test_every_un_member_and_observer_has_a_name_an_adjective_and_a_seat(gaz: Gazetteer) -> None:
    assert len(set(UN_MEMBERS)) == 193
    for iso3 in [*UN_MEMBERS, *ALSO_REQUIRED]:
        entry = gaz.country_by_code(iso3)
        assert entry is not None and entry.name, iso3
        assert entry.adjectives, f"{iso3} has no adjective"
        assert entry.seats, f"{iso3} has no seat"


def test_no_surface_form_names_two_countries(gaz: Gazetteer) -> None:
    for space in ("names", "adjectives", "demonyms", "seats"):
        owners: dict[str, set[str]] = defaultdict(set)
        for c in gaz.countries:
            forms = (c.name, *c.aliases) if space == "names" else getattr(c, space)
            for form in forms:
                owners[form.casefold()].add(c.iso3)
        assert {f: o for f, o in owners.items() if len(o) > 1} == {}, space


def test_no_surface_form_names_two_organisations_or_two_people(gaz: Gazetteer) -> None:
    for entries in (gaz.organisations, gaz.people):
        owners: dict[str, set[str]] = defaultdict(set)
        for entry in entries:
            for form in (entry.name, *entry.aliases):
                owners[form.casefold()].add(entry.name)
        assert {f: o for f, o in owners.items() if len(o) > 1} == {}


def test_every_role_and_country_code_is_known(gaz: Gazetteer) -> None:
    countries = {c.iso3 for c in gaz.countries}
    for entry in (*gaz.organisations, *gaz.people):
        assert entry.role in ROLE_CODES, entry
        assert entry.country is None or entry.country in countries, entry
        assert entry.code.isupper() and entry.code.isalpha(), entry
    for term in gaz.roles:
        assert term.role is None or term.role in ROLE_CODES, term
        assert term.term == term.term.lower()
        assert term.gender in (None, "m", "f") and term.number in ("sg", "pl")
        assert term.kind in ("title", "agent", "both")


def test_igos_have_no_country_and_the_igo_role(gaz: Gazetteer) -> None:
    igos = [o for o in gaz.organisations if o.code.startswith("IGO")]
    assert len(igos) > 40
    assert all(o.country is None and o.role == "IGO" for o in igos)


def test_people_date_ranges_are_ordered_and_aliases_are_not_bare_surnames(gaz: Gazetteer) -> None:
    for person in gaz.people:
        if person.start and person.end:
            assert person.start <= person.end, person
        assert not set(person.aliases) & set(person.surnames), person


def test_single_holder_offices_never_overlap(gaz: Gazetteer) -> None:
    for office, country in SINGLE_HOLDER:
        rows = sorted(
            (p for p in gaz.people if p.office == office and p.country == country),
            key=lambda p: p.start or dt.date.min,
        )
        assert len(rows) >= 2, office
        for earlier, later in itertools.pairwise(rows):
            assert earlier.end is not None and later.start is not None, (earlier, later)
            # The outgoing and the incoming holder may share the handover day.
            assert earlier.end <= later.start, (earlier.name, later.name, office)


# --------------------------------------------------------------------------------------------
# Lookups


@pytest.mark.parametrize(
    ("method", "text", "iso3"),
    [
        ("seat", "the Kremlin", "RUS"),
        ("seat", "THE KREMLIN", "RUS"),
        ("seat", "Kremlin", "RUS"),
        ("seat", "the Kremlin's", "RUS"),
        ("seat", "Kiev", "UKR"),
        ("seat", "Kyiv", "UKR"),
        ("seat", "Moscow", "RUS"),
        ("seat", "Washington", "USA"),
        ("seat", "the White House", "USA"),
        ("seat", "Downing Street", "GBR"),
        ("seat", "Jerusalem", "ISR"),
        ("country", "Britain", "GBR"),
        ("country", "the United Kingdom", "GBR"),
        ("country", "Russian Federation", "RUS"),
        ("country", "Russia's", "RUS"),
        ("country", "the U.S.", "USA"),
        ("country", "US", "USA"),
        ("country", "Turkey", "TUR"),
        ("country", "Türkiye", "TUR"),
        ("country", "Côte d’Ivoire", "CIV"),
        ("country", "Ivory Coast", "CIV"),
        ("country", "DPRK", "PRK"),
        ("country", "Burma", "MMR"),
        ("country", "Holland", "NLD"),
        ("country", "Palestinian territories", "PSE"),
        ("adjective", "Russian", "RUS"),
        ("adjective", "russian", "RUS"),
        ("adjective", "Emirati", "ARE"),
        ("adjective", "Saudi", "SAU"),
        ("demonym", "Britons", "GBR"),
        ("demonym", "Israelis", "ISR"),
    ],
)
def test_country_lookups(gaz: Gazetteer, method: str, text: str, iso3: str) -> None:
    entry = getattr(gaz, method)(text)
    assert isinstance(entry, CountryEntry)
    assert entry.iso3 == iso3


@pytest.mark.parametrize(
    ("method", "text"),
    [
        ("country", "us"),
        ("country", "Us"),
        # Names need their capital, as in the pipeline: "turkey" and "china" are words.
        ("country", "britain"),
        ("seat", "kyiv"),
        ("country", "IN"),
        ("country", "Atlantis"),
        ("seat", "Springfield"),
    ],
)
def test_short_capitalised_forms_match_only_in_capitals_and_unknown_words_match_nothing(
    gaz: Gazetteer, method: str, text: str
) -> None:
    assert getattr(gaz, method)(text) is None


def test_official_names_missing_from_the_table_come_from_iso_3166(gaz: Gazetteer) -> None:
    bolivia = gaz.country("Bolivia, Plurinational State of")
    assert bolivia is not None and bolivia.iso3 == "BOL" and bolivia.adjectives  # the table's own entry
    aland = gaz.country("Åland Islands")
    assert aland == CountryEntry("ALA", "Åland Islands")
    assert gaz.country_by_code("ALA") == aland
    assert gaz.country_by_code("rus") == gaz.country("Russia")
    assert gaz.country("DEU") == gaz.country("Germany")
    assert gaz.country("deu") is None


@pytest.mark.parametrize(
    ("text", "country", "role", "code"),
    [
        ("NATO", None, "IGO", "IGOWSTNAT"),
        ("the UN", None, "IGO", "IGOUNO"),
        ("European Union", None, "IGO", "IGOEUREEC"),
        ("African Union", None, "IGO", "IGOAFRAFU"),
        ("WHO", None, "IGO", "IGOUNOHLHWHO"),
        ("State Department", "USA", "GOV", "USAGOV"),
        ("the Pentagon", "USA", "MIL", "USAMIL"),
        ("Congress", "USA", "LEG", "USALEG"),
        ("CIA", "USA", "SPY", "USASPY"),
        ("Duma", "RUS", "LEG", "RUSLEG"),
        ("IDF", "ISR", "MIL", "ISRMIL"),
        ("Revolutionary Guards", "IRN", "MIL", "IRNMIL"),
        ("Hezbollah", "LBN", "REB", "LBNREBHEZ"),
        ("ISIS", None, "REB", "IMGMOSISI"),
        ("Fox News", "USA", "MED", "USAMED"),
        ("Reuters", "GBR", "MED", "GBRMED"),
        ("Al Jazeera", "QAT", "MED", "QATMED"),
    ],
)
def test_organisation_lookups(gaz: Gazetteer, text: str, country: str | None, role: str, code: str) -> None:
    org = gaz.organisation(text)
    assert isinstance(org, OrgEntry)
    assert (org.country, org.role, org.code) == (country, role, code)


def test_lower_case_acronyms_that_are_words_are_not_organisations(gaz: Gazetteer) -> None:
    assert gaz.organisation("who") is None
    assert gaz.organisation("is") is None
    # A short form in capitals matches only as the table writes it.
    assert gaz.organisation("Nato") is None


def test_an_organisation_whose_role_changed_is_resolved_by_date(gaz: Gazetteer) -> None:
    before = gaz.organisation("Taliban", _day("2019-06-01"))
    after = gaz.organisation("the Taliban", _day("2023-06-01"))
    assert before is not None and before.role == "REB"
    assert after is not None and after.role == "GOV"
    current = gaz.organisation("Taliban")
    assert current is not None and current.role == "GOV"


def test_role_terms(gaz: Gazetteer) -> None:
    spokeswoman = gaz.role_term("Spokeswoman")
    assert spokeswoman is not None
    assert (spokeswoman.role, spokeswoman.gender, spokeswoman.is_title) == (None, "f", True)
    troops = gaz.role_term("troops")
    assert troops is not None
    assert (troops.role, troops.plural, troops.is_agent, troops.is_title) == ("MIL", True, True, False)
    minister = gaz.role_term("Foreign  Minister")
    assert minister is not None and minister.role == "GOV"
    assert gaz.role_term("the spokeswoman") == spokeswoman
    assert gaz.role_term("banana") is None


def test_code_joins_country_and_role(gaz: Gazetteer) -> None:
    assert gaz.code("USA", "GOV") == "USAGOV"
    assert gaz.code(None, "IGO") == "IGO"
    assert gaz.code("RUS", None) == "RUS"


@pytest.mark.parametrize("text", ["US", "us", "Britain", "britain", "Russian", "russian", "NATO", "Nato"])
def test_lookups_and_the_pipeline_match_with_one_rule(gaz: Gazetteer, text: str) -> None:
    tokens = list(spacy.blank("en")(f"{text} spoke"))
    hit = gaz.index.match(tokens, [t.lower_ for t in tokens], 0)
    by_lookup = gaz.country(text) or gaz.adjective(text) or gaz.organisation(text)
    assert (hit is not None and hit[0] == 1) == (by_lookup is not None)


# --------------------------------------------------------------------------------------------
# Office holders and dates


@pytest.mark.parametrize(
    ("office", "country", "day", "name"),
    [
        ("Secretary of State", "USA", "2024-06-01", "Antony Blinken"),
        ("Secretary of State", "USA", "2025-05-01", "Marco Rubio"),
        ("Secretary of State", "USA", "2019-01-01", "Mike Pompeo"),
        ("President", "USA", "2025-01-19", "Joe Biden"),
        ("President", "USA", "2025-01-20", "Donald Trump"),
        ("Secretary General of NATO", None, "2024-09-30", "Jens Stoltenberg"),
        ("Secretary General of NATO", None, "2024-10-01", "Mark Rutte"),
        ("High Representative for Foreign Affairs and Security Policy", None, "2024-11-30", "Josep Borrell"),
        ("High Representative for Foreign Affairs and Security Policy", None, "2024-12-01", "Kaja Kallas"),
        ("Foreign Minister", "UKR", "2024-09-04", "Dmytro Kuleba"),
        ("Foreign Minister", "UKR", "2024-09-05", "Andrii Sybiha"),
        ("Chancellor", "DEU", "2025-05-05", "Olaf Scholz"),
        ("Chancellor", "DEU", "2025-05-06", "Friedrich Merz"),
        ("Prime Minister", "GBR", "2024-07-04", "Rishi Sunak"),
        ("Prime Minister", "GBR", "2024-07-05", "Keir Starmer"),
        ("secretary of defense", "USA", "2020-12-01", "Christopher Miller"),
    ],
)
def test_the_holder_of_an_office_depends_on_the_date(
    gaz: Gazetteer, office: str, country: str | None, day: str, name: str
) -> None:
    holder = gaz.holder(office, country, _day(day))
    assert holder is not None and holder.name == name


def test_current_holder_without_a_date(gaz: Gazetteer) -> None:
    holder = gaz.holder("Secretary General of NATO")
    assert holder is not None and holder.name == "Mark Rutte"


def test_person_by_name_and_date(gaz: Gazetteer) -> None:
    zelensky = gaz.person("Vladimir Zelensky", _day("2025-05-03"))
    assert zelensky is not None
    assert (zelensky.name, zelensky.country, zelensky.role) == ("Volodymyr Zelensky", "UKR", "GOV")
    bruce = gaz.person("Tammy Bruce", _day("2025-05-03"))
    assert bruce is not None and (bruce.country, bruce.role) == ("USA", "GOV")
    hannity = gaz.person("Sean Hannity", _day("2025-05-03"))
    assert hannity is not None and (hannity.country, hannity.role) == ("USA", "MED")


def test_a_person_outside_every_office_on_a_date_is_not_found(gaz: Gazetteer) -> None:
    assert gaz.person("Donald Trump", _day("2023-01-01")) is None
    first_term = gaz.person("Donald Trump", _day("2019-06-01"))
    assert first_term is not None and first_term.start == _day("2017-01-20")
    current = gaz.person("Donald Trump")
    assert current is not None and current.start == _day("2025-01-20")
    assert len(gaz.offices_of("Donald J. Trump")) == 2


def test_a_person_with_several_offices_gets_the_one_held_on_the_date(gaz: Gazetteer) -> None:
    senator = gaz.person("Marco Rubio", _day("2020-01-01"))
    assert senator is not None and senator.role == "LEG"
    secretary = gaz.person("Marco Rubio", dt.datetime(2025, 6, 1, 12, 0))
    assert secretary is not None and secretary.office == "Secretary of State"


def test_igo_officials_carry_their_organisation_code(gaz: Gazetteer) -> None:
    rutte = gaz.person("Mark Rutte", _day("2025-01-01"))
    assert rutte is not None and (rutte.country, rutte.role, rutte.code) == (None, "IGO", "IGOWSTNAT")
    prime_minister = gaz.person("Mark Rutte", _day("2020-01-01"))
    assert prime_minister is not None and prime_minister.code == "NLDGOV"


def test_people_by_surname(gaz: Gazetteer) -> None:
    assert [p.name for p in gaz.people_by_surname("Rubio", _day("2025-05-03"))] == ["Marco Rubio"]
    assert [p.name for p in gaz.people_by_surname("Zelenskyy")] == ["Volodymyr Zelensky"]
    assert [p.name for p in gaz.people_by_surname("Von der Leyen")] == ["Ursula von der Leyen"]
    assert [p.name for p in gaz.people_by_surname("Xi")] == ["Xi Jinping"]
    assert gaz.people_by_surname("xi") == []
    # Two Johnsons, but only one held an office in 2020.
    assert len(gaz.people_by_surname("Johnson")) == 2
    assert [p.name for p in gaz.people_by_surname("Johnson", _day("2020-01-01"))] == ["Boris Johnson"]


# --------------------------------------------------------------------------------------------
# User files


def test_user_files_extend_countries_and_add_people_organisations_and_roles(tmp_path: Path) -> None:
    countries = _write(
        tmp_path / "countries.tsv",
        "# a user's additions",
        "iso3\tname\taliases\tadjectives",
        "RUS\tRussia\tMuscovy\tMuscovite",
    )
    people = _write(
        tmp_path / "my_people.tsv",
        "name\taliases\tcountry\trole\toffice\tfrom\tto",
        "Jane Roe\tJ. Roe\tnzl\tGOV\tForeign Minister\t2030-01-01\t",
    )
    orgs = _write(tmp_path / "orgs.tsv", "name\tcountry\trole", "Example Herald\tNZL\tMED")
    roles = _write(tmp_path / "roles.tsv", "term\trole\tgender\tnumber\tkind", "spokesman\tGOV\tm\tsg\ttitle")
    gaz = Gazetteer.load([countries, people, orgs, roles])

    russia = gaz.country("Muscovy")
    assert russia is not None and russia.iso3 == "RUS"
    assert "Russian Federation" in russia.aliases  # the built-in forms are kept
    assert gaz.adjective("Muscovite") == russia
    assert gaz.holder("Foreign Minister", "NZL", _day("2030-06-01")) == gaz.person(
        "J. Roe", _day("2030-06-01")
    )
    assert gaz.person("Jane Roe", _day("2029-12-31")) is None
    herald = gaz.organisation("Example Herald")
    assert herald is not None and herald.code == "NZLMED"
    spokesman = gaz.role_term("spokesman")
    assert spokesman is not None and spokesman.role == "GOV"


def test_a_user_row_for_a_known_name_replaces_the_built_in_rows(tmp_path: Path) -> None:
    path = _write(tmp_path / "fix.tsv", "name\tcountry\trole\tcode", "Hamas\tPSE\tGOV\tPSEGOVHMS")
    org = Gazetteer.load([path]).organisation("Hamas")
    assert org is not None and (org.role, org.code) == ("GOV", "PSEGOVHMS")


def test_a_directory_of_user_files(tmp_path: Path) -> None:
    _write(tmp_path / "a.tsv", "name\tcountry\trole", "First Gazette\tFJI\tMED")
    _write(tmp_path / "b.tsv", "name\tcountry\trole", "Second Gazette\tFJI\tMED")
    _write(tmp_path / "notes.txt", "not a table")
    gaz = Gazetteer.load([tmp_path])
    assert gaz.organisation("First Gazette") is not None
    assert gaz.organisation("Second Gazette") is not None


def test_default_reads_the_environment_and_is_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = _write(tmp_path / "one.tsv", "name\tcountry\trole", "Env Gazette\tFJI\tMED")
    second = _write(tmp_path / "two.tsv", "term\trole", "harbour master\tGOV")
    monkeypatch.setenv(ENV_VAR, os.pathsep.join([str(first), str(second)]))
    gaz = Gazetteer.default()
    assert gaz is Gazetteer.default()
    assert gaz.organisation("Env Gazette") is not None
    assert gaz.role_term("harbour master") is not None
    monkeypatch.delenv(ENV_VAR)
    assert Gazetteer.default().organisation("Env Gazette") is None


def test_entries_can_be_given_directly_and_the_first_claim_of_a_form_wins() -> None:
    gaz = Gazetteer(
        countries=[
            CountryEntry("AAA", "Aland", seats=("Port",)),
            CountryEntry("BBB", "Bland", seats=("Port",)),
        ],
        people=[
            PersonEntry("Ann Example", (), "AAA", "GOV", "President", _day("2020-01-01"), None, ("Example",))
        ],
    )
    port = gaz.seat("Port")
    assert port is not None and port.iso3 == "AAA"
    assert [p.code for p in gaz.people_by_surname("Example")] == ["AAAGOV"]


# --------------------------------------------------------------------------------------------
# Bad user files


@pytest.mark.parametrize(
    ("lines", "line", "problem"),
    [
        (["name\tcountry\trole", "Good\tUSA\tGOV", "Bad\tUSA\tXYZ"], 3, "unknown role code 'XYZ'"),
        (["name\tcountry\trole", "Bad\tZZZ\tGOV"], 2, "unknown country code 'ZZZ'"),
        (
            ["name\tcountry\trole\tfrom", "Bad\tUSA\tGOV\t2024-13-01"],
            2,
            "from date '2024-13-01' is not a date",
        ),
        (
            ["name\tcountry\trole\toffice\tfrom\tto", "Bad\tUSA\tGOV\tPresident\t2024-02-01\t2024-01-01"],
            2,
            "from 2024-02-01 is after to 2024-01-01",
        ),
        (["name\tcountry\trole\toffice", "Bad\tUSA\tGOV\t"], 2, "Bad has no office"),
        (["name\tcountry\trole", "Bad\tUSA\tGOV\textra"], 2, "4 tab-separated fields but the header has 3"),
        (["name\tcountry\trole\tcolour", "Bad\tUSA\tGOV\tred"], 1, "unknown column(s) colour"),
        (["name\tcountry", "Bad\tUSA"], 1, "cannot tell which actor table this is"),
        (
            ["iso3\tname\taliases", "AAA\tAland\tIsland", "BBB\tBland\tisland"],
            3,
            "'island' already stands for AAA",
        ),
        (["iso3\tname", "AAA\tAland", "AAA\tAland again"], 3, "AAA is already defined at line 2"),
        (["iso3\tname", "AAAA\tAland"], 2, "iso3 must be three letters"),
        (["term\trole\tgender", "chairperson\t\tx"], 2, "gender must be m, f or empty"),
        (["term\trole\tkind", "minder\t\tsometimes"], 2, "kind must be title, agent or both"),
        (
            ["name\tcountry\trole\tcode", "Bad\tUSA\tGOV\tusa-gov"],
            2,
            "code must be three or more capital letters",
        ),
    ],
)
def test_a_bad_row_names_its_file_line_and_problem(
    tmp_path: Path, lines: list[str], line: int, problem: str
) -> None:
    path = _write(tmp_path / "bad.tsv", *lines)
    with pytest.raises(ConfigError) as caught:
        Gazetteer.load([path])
    message = str(caught.value)
    assert message.startswith(f"{path}:{line}: ")
    assert problem in message


def test_files_that_cannot_be_tables_are_config_errors(tmp_path: Path) -> None:
    empty = _write(tmp_path / "empty.tsv", "# only a comment")
    binary = tmp_path / "binary.tsv"
    binary.write_bytes(b"name\tcountry\trole\n\xff\xfe\tUSA\tGOV\n")
    with pytest.raises(ConfigError, match="has no header line"):
        Gazetteer.load([empty])
    with pytest.raises(ConfigError, match="not UTF-8"):
        Gazetteer.load([binary])
    with pytest.raises(ConfigError, match="not found"):
        Gazetteer.load([tmp_path / "missing.tsv"])
    (tmp_path / "nothing").mkdir()
    with pytest.raises(ConfigError, match=r"holds no \.tsv files"):
        Gazetteer.load([tmp_path / "nothing"])


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("IMF", "International Monetary Fund"),
        ("the International Monetary Fund", "International Monetary Fund"),
        ("WHO", "World Health Organization"),
        ("NATO", "NATO"),
    ],
)
def test_organisations_are_named_in_full_unless_the_short_form_is_the_name(
    gaz: Gazetteer, text: str, name: str
) -> None:
    org = gaz.organisation(text)
    assert isinstance(org, OrgEntry)
    assert org.name == name
