"""Company, money and sector extraction with the real rules and a real spaCy pipeline."""

from __future__ import annotations

import pytest

from pipeline.run import Pipeline
from schemas import ParsedDocument
from tests.shared_paths import DEV_DOCS, needs_shared


def _doc(text: str) -> ParsedDocument:
    return ParsedDocument(doc_id="0" * 16, source="t.txt", sha256="0", media_type="text/plain", text=text)


def _companies(pipeline: Pipeline, text: str) -> set[str]:
    return {c.name for c in pipeline.extractor.extract(_doc(text)).companies}


CONTROL = "Velmora Steel Corp. will build the new mill."


def _companies_beside_a_company(pipeline: Pipeline, text: str) -> set[str]:
    """The companies of `text` read with a plain company on a line after it, which must be found too: a test
    that expects no company from `text` then fails for an extractor that finds nothing at all."""
    found = _companies(pipeline, text + "\n" + CONTROL)
    assert "Velmora Steel" in found, found
    return found - {"Velmora Steel"}


@needs_shared()
def test_seed_article_names_the_three_companies_and_no_advertiser(pipeline: Pipeline) -> None:
    result = next(pipeline.run_sources([str(DEV_DOCS / "seed-bloomberg-summary.txt")]))
    companies = set(result.document.companies)
    assert {"SoftBank Group", "Toshiba"} <= companies
    assert any(name.startswith("Westinghouse") for name in companies)
    assert not companies & {"Industrial Monitor Direct", "Bloomberg Business", "Bloomberg"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Harrow Valley Turbines Corp. plans to invest $2 billion in Ohio.", "Harrow Valley Turbines"),
        ("The plant will be built by contractor Ostvik, officials said.", "Ostvik"),
        ("Brenmoor, a Texas-based start-up, will build the plant.", "Brenmoor"),
        ("Quellin Pharmaceuticals said it would expand its site.", "Quellin Pharmaceuticals"),
        ("Sakuragawa Denki K.K. listed a $3 billion plan.", "Sakuragawa Denki"),
        ("Zentrova plans to invest $2 billion in a plant in Ohio.", "Zentrova"),
        ("Zentrova's $2 billion plant in Ohio will open in 2027.", "Zentrova"),
    ],
)
def test_company_cues_find_unlisted_companies(pipeline: Pipeline, text: str, expected: str) -> None:
    assert expected in _companies(pipeline, text)


def test_defined_abbreviation_and_possessive_resolve_to_one_company(pipeline: Pipeline) -> None:
    text = (
        "Kanagawa Heavy Industries (KHX) will build reactors. KHX's plan covers three sites. "
        "Kanagawa Heavy Industries said it would invest $4 billion."
    )
    assert _companies(pipeline, text) == {"Kanagawa Heavy Industries"}


def test_suppliers_listed_with_a_cue_are_companies(pipeline: Pipeline) -> None:
    text = (
        "Tessaro Robotics Inc. will spend $700 million, "
        "with Kellam Drives and Orrin Sensors named as suppliers."
    )
    assert {"Tessaro Robotics", "Kellam Drives", "Orrin Sensors"} <= _companies(pipeline, text)


def test_agencies_outlets_and_people_are_not_companies(pipeline: Pipeline) -> None:
    text = (
        "According to Harbor Business Daily, the Ministry of Economy said Japan Bank for International "
        'Cooperation would lend money. "It is big," said Mika Tanaka, a strategist at Orion Partners.'
    )
    assert _companies_beside_a_company(pipeline, text) == set()


def test_advert_sentences_yield_no_company_and_no_amount(pipeline: Pipeline) -> None:
    text = (
        "Velmont Grid Corp. plans to invest $1 billion in a substation plant.\n"
        "Brightwave Solar is the #1 provider of home panels, trusted by 5,000 families. Shop now from $99.\n"
    )
    extracted = pipeline.extractor.extract(_doc(text))
    assert {c.name for c in extracted.companies} == {"Velmont Grid"}
    assert [m.value for m in extracted.money] == [1e9]


def test_an_advert_cue_inside_a_word_is_no_advert(pipeline: Pipeline) -> None:
    text = (
        "Velmont Grid Corp. disclosed $467 million in expansion/modernization initiatives.\n"
        "Velmont Grid Corp. will also buy a 25% offshore wind stake for $90 million.\n"
    )
    extracted = pipeline.extractor.extract(_doc(text))
    assert [m.value for m in extracted.money] == [4.67e8, 9e7]


@pytest.mark.parametrize(
    "text",
    [
        # words an advert uses that news uses too: the sentence stays text
        "Velmont Grid Corp. will build a $3 billion gas plant, which it says has limited time to pay off.",
        "Velmont Grid Corp. will put $40 million into a 2t/hr glass recycling line.",
        "Velmont Grid Corp. has promoted its plant head and will invest $40 million in the site.",
        "Velmont Grid Corp. will invest $40 million, citing the unmatched skills of local staff.",
    ],
)
def test_news_with_a_word_adverts_use_is_read(pipeline: Pipeline, text: str) -> None:
    extracted = pipeline.extractor.extract(_doc(text))
    assert {c.name for c in extracted.companies} == {"Velmont Grid"}
    assert len(extracted.money) == 1


def test_sector_cues_are_found(pipeline: Pipeline) -> None:
    extracted = pipeline.extractor.extract(_doc("A data center campus and a lithium refinery."))
    assert {c.sector for c in extracted.sectors} >= {"ai_infrastructure", "critical_minerals"}


@pytest.mark.parametrize("text", ["Japan will invest $80 billion.", "Texas will spend $1 billion on roads."])
def test_governments_and_places_investing_are_not_companies(pipeline: Pipeline, text: str) -> None:
    assert _companies_beside_a_company(pipeline, text) == set()


def test_lower_case_legal_form_and_distinctive_short_form(pipeline: Pipeline) -> None:
    text = "Harwell Compute plc will put £500m into a data centre. Harwell said it would hire 200 people."
    extracted = pipeline.extractor.extract(_doc(text))
    assert {c.name for c in extracted.companies} == {"Harwell Compute"}
    assert len(extracted.companies) == 2


def test_a_program_named_like_a_company_is_not_one(pipeline: Pipeline) -> None:
    text = "The Great Lakes Industrial Partnership, a program of the state, aims to attract $25 billion."
    assert _companies_beside_a_company(pipeline, text) == set()


def test_places_between_and_titled_people_are_not_companies(pipeline: Pipeline) -> None:
    text = (
        "The tram runs between Eastbrook and Millford, Dana Kowal, deputy director for "
        "works, told the council about the line."
    )
    assert _companies_beside_a_company(pipeline, text) == set()


def test_a_role_word_opening_a_sentence_is_not_part_of_the_name(pipeline: Pipeline) -> None:
    assert _companies(pipeline, "Rival Varuna Ispat Ltd set aside $900 million for a furnace.") == {
        "Varuna Ispat"
    }


def test_state_development_bodies_are_agencies(pipeline: Pipeline) -> None:
    text = "Prairie Works, the state's economic development corporation, approved a grant for the plant."
    assert _companies_beside_a_company(pipeline, text) == set()


def test_a_sentence_ends_after_a_legal_form(pipeline: Pipeline) -> None:
    text = "The plant will be owned by Norrvik Cable America Inc. Construction of the plant starts soon."
    extracted = pipeline.extractor.extract(_doc(text))
    assert [c.name for c in extracted.companies] == ["Norrvik Cable America"]
    assert len(extracted.sentences) == 2


def test_co_ltd_stays_one_name(pipeline: Pipeline) -> None:
    text = "Alder Batteries Co., Ltd. said on Tuesday it will invest $2 billion in Ohio."
    assert _companies(pipeline, text) == {"Alder Batteries"}


@pytest.mark.parametrize(
    "text",
    [
        "Trying to restart the old kiln took the crew two whole days.",
        "Velta, a studio co-founded by tennis player Marco Ferrandi, runs the fair.",
        "Many savers copy billionaire Harold Quince's favourite habit: buying bonds.",
        "Also present was the painter and furniture designer Greta Varga.",
    ],
)
def test_people_and_sentence_openers_are_not_companies(pipeline: Pipeline, text: str) -> None:
    assert _companies_beside_a_company(pipeline, text) == set()


def test_a_country_and_a_project_name_are_not_companies(pipeline: Pipeline) -> None:
    text = "The United Arab Emirates plans large outlays abroad; the Redrock Power Complex opens soon."
    assert _companies_beside_a_company(pipeline, text) == set()


# Real text's name families (issue 12), in sentences of our own: exact sets, so that finding nothing fails.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Additionally, Brenmoor Labs will invest $2 billion in Ohio.", {"Brenmoor Labs"}),
        ("Furthermore, Zentrova plans to invest $1 billion in a plant.", {"Zentrova"}),
        ("Halden Capital Partners will now invest $5 billion in data centres.", {"Halden Capital Partners"}),
        ("Energy Capital Partners will invest $5 billion in a data centre.", {"Energy Capital Partners"}),
        ("Tokyo, May 2 (Kaiho Press)--Ferrant Corp. plans to invest $8 billion in Japan.", {"Ferrant"}),
        ("Quellin Drug and Company will invest $3 billion in Indiana.", {"Quellin Drug"}),
        ("Sorano & Co. will invest $900 million in a terminal.", {"Sorano & Co."}),
        ("Commerce Secretary Paul Verden said Zentrova will invest $1 billion.", {"Zentrova"}),
        ("Trump said Zentrova will invest $1 billion in Texas.", {"Zentrova"}),
        ("Brenmoor will invest $2 billion in its Ohio plant, Brenmoor To Invest said.", {"Brenmoor"}),
        ("German steelmaker Valdorn has suspended its green steel project.", {"Valdorn"}),
        ("Harbin Vale announced in October a $4 billion extension to its mill.", {"Harbin Vale"}),
        ("Ostrava Defence inaugurated a new shell plant in Saxony.", {"Ostrava Defence"}),
        ("Critical Tech Targets For Japan's Fund Named In Plan", set()),
        ("Mika Torvald, Zentrova's global chairman, said Zentrova is investing $1 billion.", {"Zentrova"}),
    ],
)
def test_real_text_name_families(pipeline: Pipeline, text: str, expected: set[str]) -> None:
    assert _companies_beside_a_company(pipeline, text) == expected


def test_a_listed_name_with_a_line_of_business_and_legal_form_is_its_own_company(pipeline: Pipeline) -> None:
    # "Toshiba" is listed; "Toshiba Energy Co., Ltd." is another company, not Toshiba and a product
    parsed = ParsedDocument(
        doc_id="0" * 16,
        source="t.txt",
        sha256="0",
        media_type="text/plain",
        text="Toshiba Energy Co., Ltd. will build a $300 million turbine plant.",
    )
    assert [c.name for c in pipeline.extractor.extract(parsed).companies] == ["Toshiba Energy"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a place named after someone is not a company
        (
            "Orvane Realty Inc. bought the site at 120 Kestrel's Chapel Road for $16 million.",
            ["Orvane Realty"],
        ),
        # a capital "Plan" in running text is part of a name, not a headline's verb
        (
            "Equinor Partners Inc. and Halden Pension Plan Investments Corp. will invest $15 billion.",
            ["Equinor Partners"],  # and no fragment "Halden Pension"
        ),
        # a wire dateline glued to the name; a list item's label
        (
            "DENVER–(BUSINESS WIRE)–Orvane Data Centers, a provider, will build a campus.",
            ["Orvane Data Centers"],
        ),
        ("Key points:\n  • Quantum Computing Goals: To build faster chips.", []),
        # a name ends at an executive's title
        ("Orvane Energy CEO Mateo Ruiz said the plant will cost $1 billion.", ["Orvane Energy"]),
        (
            "Orvane Energy Executive Vice Chairman Mateo Ruiz said the plant will cost $1 billion.",
            ["Orvane Energy"],
        ),
        # an official or an executive named by the role before the name
        (
            "According to senior Orvane official Kenji Arata, Orvane Energy plans a plant.",
            ["Orvane Energy", "Orvane Energy"],
        ),
        # a one-letter name joined to a lower-case word; not an article
        ("Amazon-backed Q-power will invest $700 million in small reactors.", ["Amazon", "Q-power"]),
        ("The A-team will invest in the plant.", []),
        # a wire's instrument code, a cited source, a person with a middle initial, a state's name
        (
            "Mar 3 (Wire) - Halden Aluminum HLDN.O plans to buy into a new smelter.",
            ["Halden Aluminum"],
        ),
        ("Halden Gold HLG-T said it would invest $2 billion in a copper mine.", ["Halden Gold"]),
        # a company that withdraws its project is named by that too
        ("- Ridgeback Copper withdrew its $2.4 billion Arizona smelter in May.", ["Ridgeback Copper"]),
        # a town named as a place, whatever company shares its name
        (
            "Tallowmere Chemicals Inc. will build a polymers complex in Freeport, Texas.",
            ["Tallowmere Chemicals"],
        ),
        ("In Ludwigshafen, BASF SE said it had shelved plans for a plant.", ["BASF"]),
        (
            "Kestrel Chips pledged to invest up to $40bn in Orvane AI, the start-up behind its chatbot.",
            ["Kestrel Chips", "Orvane AI"],
        ),
        # plural subjects: 'X and Y are building'
        (
            "Grupo Orvane and Millbrook are building a 240 million USD plant.",
            ["Grupo Orvane", "Millbrook"],
        ),
        # a local unit named with its country; an upper-case legal form; 'announced it will invest'
        (
            "Orvane Services (Thailand), a subsidiary of Halden IDC Services PTE, received approval.",
            ["Orvane Services", "Halden IDC Services"],
        ),
        (
            "Following the approvals, Orvane International officially announced it will invest more.",
            ["Orvane International"],
        ),
        ("Projects in Chonburi (Thailand) and Rayong (Thailand) got support.", []),
        # "X.com" is X
        (
            "Orvane to invest. Orvane.com (ORV.US) announced that it will invest $12 billion.",
            ["Orvane", "Orvane", "Orvane"],
        ),
        ("The agency will buy output at a floor price (Supply Chain Weekly, 2025).", []),
        (
            "Orvane Pharma will invest $2 billion, said David A. Ricks, Orvane Pharma Chair and CEO.",
            ["Orvane Pharma", "Orvane Pharma"],
        ),
        ("New plants across the Commonwealth will add jobs.", []),
        # a listed brand that starts with a lower-case letter
        ("Officials noted that xAI's site adds a $60 million cooling plant.", ["xAI"]),
        # a descriptor glued to the name
        ("The REIT Orvane Realty will build a $200 million data center.", ["Orvane Realty"]),
    ],
)
def test_places_and_descriptors_are_not_company_names(
    pipeline: Pipeline, text: str, expected: list[str]
) -> None:
    parsed = ParsedDocument(doc_id="0" * 16, source="t.txt", sha256="0", media_type="text/plain", text=text)
    assert [c.name for c in pipeline.extractor.extract(parsed).companies] == expected


# Names set beside a name by a comma are no list (issue 12): a list ends with its conjunction.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '"This line will double our output," Ewan McTavish, Orvane Motors\' chief executive, said.',
            {"Orvane Motors"},
        ),
        (
            "Lina Osei, Deputy CEO of Sales and Marketing, Orvane Motors, said the deal shows commitment.",
            {"Orvane Motors"},
        ),
        ("Under Halvorsen, Orvane Motors invested heavily in new plants.", {"Orvane Motors"}),
        # a ticker after its exchange is the same company; a title after a comma is no legal form
        (
            "Lineage agreed to buy warehouses from Keswick Foods, Inc. (NYSE: KWF, \u201cKeswick\u201d), "
            "building on a long relationship.",
            {"Keswick Foods"},
        ),
        (
            "Dara Holtz, Group President, Velmora Foods North America, said the plant opens in May.",
            {"Velmora Foods North America"},
        ),
        # "Southern" folds from a listed "Southern Company" but alone names a region
        ("Sales grew fastest in regions like Southern California and Oregon.", set()),
        ("The Southern Terminal Expansion will be finished in 2027.", set()),
        ("The Northern Energy Regulator approved the line's higher cost.", set()),
    ],
)
def test_appositions_tickers_and_regions_are_no_companies(
    pipeline: Pipeline, text: str, expected: set[str]
) -> None:
    assert _companies_beside_a_company(pipeline, text) == expected


# Shapes a probe review of the list and title rules found misread (issue 12)
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a list ends at its conjunction: the name after its comma begins anew
        (
            "Backed by Fairway Capital, DeLuca Foods and McKenzie Brands, Sunfield Dairy will build a plant.",
            {"Fairway Capital", "DeLuca Foods", "McKenzie Brands", "Sunfield Dairy"},
        ),
        # a business named after a person's title; a title alone is no company
        (
            "Kaito Sato, Group Chief Executive Officer, Sakura Heavy Industries, said the company will grow.",
            {"Sakura Heavy Industries"},
        ),
        # a region word opens a longer name; utilities are a line of business
        ("Southern Water will invest \u00a33 billion in sewage upgrades.", {"Southern Water"}),
        ("The mayor said Harlow Utilities will spend $1.1 billion on a new plant.", {"Harlow Utilities"}),
    ],
)
def test_lists_titles_and_region_words_a_probe_found(
    pipeline: Pipeline, text: str, expected: set[str]
) -> None:
    assert _companies_beside_a_company(pipeline, text) == expected


# Companies named by what they build, a kept-back group showed (issue 12)
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Meanwhile Vortenne is inaugurating its new cell factory near Lyon.", {"Vortenne"}),
        ("Keldara is dedicating $90 million to a second hall in Accra.", {"Keldara"}),
        ("Kalvora has completed its anode line in Szeged, officials said.", {"Kalvora"}),
        (
            "The list includes a thermal barrier facility by Keswick Aerogels worth $1 billion.",
            {"Keswick Aerogels"},
        ),
        (
            "The refinery, inaugurated on Wednesday by KOBCO in Jorf Lasfar, is the first of its kind.",
            {"KOBCO"},
        ),
    ],
)
def test_companies_named_by_what_they_build(pipeline: Pipeline, text: str, expected: set[str]) -> None:
    assert _companies_beside_a_company(pipeline, text) == expected


# Families the error review of the kept-back groups showed (issue 12): places of the wider world, legal forms
# that spaCy splits at their period, names with a line of business on both sides of "and", a currency prefix
# after "for"
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The storage hall is being built by Glasgow-based Tarnwick Power for the grid.", {"Tarnwick Power"}),
        ("The plant will supply lines in Puebla, Querétaro and the State of Mexico.", set()),
        ("Ottawa agreed to lend up to $900 million toward the project.", set()),
        (
            "Brelmont Auto India Pvt. plans to invest 30 billion rupees in a new line.",
            {"Brelmont Auto India"},
        ),
        ("Sarvel Data Centres Pte. will spend $300 million on a second hall.", {"Sarvel Data Centres"}),
        ("Quorra Mining Sdn. Bhd. will build a smelter in Sarawak.", {"Quorra Mining"}),
        ("Tjelde Storage A/S will take a 40 per cent stake in the venture.", {"Tjelde Storage"}),
        (
            "Shares of Delmar Power and Industrial Systems Ltd rose 4 per cent.",
            {"Delmar Power and Industrial Systems"},
        ),
        ("Halvard Steel and Power will add a blast furnace.", {"Halvard Steel and Power"}),
        ("Tarrant Foods and Nestor Brands will share the site.", {"Tarrant Foods", "Nestor Brands"}),
        ("The utility sold its wind farms to Corvane Energy for US$1.2 billion.", {"Corvane Energy"}),
        # a name whose possessive opens an amount owns the project, with no other cue
        ("The go-ahead for KMD's proposed $3.1 billion data hall came on Friday.", {"KMD"}),
        ("The go-ahead for Ontario's $3.1 billion transit line came on Friday.", set()),
        # a name that ends in "'s": a verb follows it, where a possessive's noun would
        ("Corwin's is building a poultry plant in Georgia.", {"Corwin's"}),
        ("Corwin Foods' plans and Corwin's planned plant were approved.", {"Corwin Foods"}),
        # a treasurer, a deputy, a member of parliament are people, whatever follows their title
        (
            "On Monday, Treasurer Dana Holloway announced a $600 million investment in Brask Coal's mine.",
            set(),
        ),
    ],
)
def test_places_legal_forms_and_joined_names_from_the_kept_back_review(
    pipeline: Pipeline, text: str, expected: set[str]
) -> None:
    assert _companies_beside_a_company(pipeline, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an abbreviation defined for a university names the university
        (
            "Brookmoor University (BMU) and Tarvell Robotics Inc. will open a lab. BMU have announced a "
            "$12 million budget for it.",
            {"Tarvell Robotics"},
        ),
        # a federal district is a place
        ("The arena will open in the District of Columbia in 2030.", set()),
        # hospitals, water utilities and resorts name their business
        (
            "The regulator met officials from Ashcombe Water and Corrin Resorts about their plans.",
            {"Ashcombe Water", "Corrin Resorts"},
        ),
        # a closing quote is no possessive; a country's shipbuilders are a kind of company, not one
        ("The lobby of the 'Halden ARP' terminal project opened.", set()),
        ("Korean Shipbuilders’ Expansion\nShipyards added berths last year.", set()),
        ("The hotel was developed by DC Partners, a local investor.", {"DC Partners"}),
        # an engineering and construction arm keeps its E&C after a listed name
        ("Lotte E&C will build the cracker for the refiner.", {"Lotte E&C"}),
        # a capitalized plural that opens a sentence names a kind of company, not one
        ("Operators are investing heavily in new rides and hotels.", set()),
        ("Industries pledged last year to put $5 billion into new plants.", set()),
        # a unit of power is no name; a segment is part of a company's business
        (
            "Orvane Data | Polaris AI Campus | An 80 MW building opens in May",
            {"Orvane Data"},
        ),
        (
            "Softer orders hurt the Advanced Materials segment, whose revenue slipped 3% at "
            "Orvane Chemical Co.",
            {"Orvane Chemical"},
        ),
        # a newspaper cited is an outlet, whatever generic word opens its name
        ("The airport will open in December, as per Business Standard.", set()),
    ],
)
def test_universities_districts_and_listed_names_from_the_venues_review(
    pipeline: Pipeline, text: str, expected: set[str]
) -> None:
    assert _companies_beside_a_company(pipeline, text) == expected


def test_a_legal_form_split_by_spacy_still_ends_a_sentence() -> None:
    """'... signed with Kestrel Pte. The plant ...': the period of a kept-whole legal form ends its sentence
    where a capitalized word and a lower-case one follow."""
    from pipeline.extract.extractor import Extractor

    extracted = Extractor().extract(
        _doc("The lease was signed with Tarnwick Pte. The plant opens next year.")
    )
    assert len(extracted.sentences) == 2


@pytest.mark.parametrize("label", ["Context", "Background", "Outlook", "Highlights", "Timeline"])
def test_a_section_label_before_a_colon_is_no_company(pipeline: Pipeline, label: str) -> None:
    # a listed name right after the label made the pair read as two companies
    text = f"- {label}: BlackRock launched a $30 billion fund in March, backed by Delmont Labs."
    assert label not in _companies_beside_a_company(pipeline, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a sector word opening a two-word name is the name's own ("Energy Westinghouse" is a table's heading)
        ("Dallas-based pipeline owner Energy Transfer said it will pause the terminal.", {"Energy Transfer"}),
        # Spanish and French "de"/"del" inside a name
        ("Eni and Empresa Nacional de Hidrocarbonetos (ENH) took the decision.", None),
        ("Orvane Energía del Norte S.A. will build the plant in Sonora.", {"Orvane Energía del Norte"}),
    ],
)
def test_sector_words_and_romance_joiners_inside_names(
    pipeline: Pipeline, text: str, expected: set[str] | None
) -> None:
    found = _companies_beside_a_company(pipeline, text)
    if expected is None:
        assert "Empresa Nacional de Hidrocarbonetos" in found, found
    else:
        assert found == expected


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Microsoft and UAE-based G42 teamed up on a data centre in Kenya.", "G42"),
        ("Orvane Power agreed terms with MGX and G42 for two sites.", "MGX"),
        ("Masdar opened its largest solar park this week.", "Masdar"),
    ],
)
def test_gulf_investors_a_reader_expects_are_listed(pipeline: Pipeline, text: str, name: str) -> None:
    assert name in _companies_beside_a_company(pipeline, text)


@pytest.mark.parametrize("name", ["Ternium", "SSAB", "Constellium", "Owens Corning"])
def test_heavy_industry_companies_a_reader_expects_are_listed(pipeline: Pipeline, name: str) -> None:
    assert name in _companies_beside_a_company(
        pipeline, f"The new mill of the European {name} opened in June."
    )


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        # a compass word before a listed place is part of the place, even where "to build" follows it
        ("They bought a lot in South Boston to build a tower.", "South Boston", None),
        (
            "Harlow Beverages bought a site in East Texas to build a bottling hall.",
            "East Texas",
            "Harlow Beverages",
        ),
        # a listed name made an adjective by a hyphen is no party
        ("The lobby holds a Michelin-starred restaurant and a gym.", "Michelin", None),
        # a plus joins a design firm's names as an ampersand does
        ("The tower was designed by the architecture firm Quill + Partners.", "Quill", "Quill + Partners"),
    ],
)
def test_places_adjectives_and_plus_joined_names(
    pipeline: Pipeline, text: str, absent: str, present: str | None
) -> None:
    found = _companies_beside_a_company(pipeline, text)
    assert absent not in found, found
    if present is not None:
        assert present in found, found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Poland: KestrelNORD says it will invest US$140m in two insulation lines.", "KestrelNORD"),
        ("Tarbey is planning a 120MW server campus by the river, costing up to $2 billion.", "Tarbey"),
    ],
)
def test_a_name_that_says_it_will_invest_or_is_planning_a_project_is_a_company(
    pipeline: Pipeline, text: str, name: str
) -> None:
    assert name in _companies_beside_a_company(pipeline, text)


def test_a_ministers_portfolio_is_no_company_and_a_headline_subject_that_invests_an_amount_is_one(
    pipeline: Pipeline,
) -> None:
    found = _companies_beside_a_company(
        pipeline,
        "Orvane Timber Invests $140 Million In Three Facilities\n"
        "The Minister of Forests and Natural Resources announced a grant of $12 million for the mill.",
    )
    assert "Orvane Timber" in found and "Natural Resources" not in found, found
    # a present tense without an amount after it names no investor
    text = "A saver who reaches Leanfire spends less than most."
    assert _companies_beside_a_company(pipeline, text) == set()
