"""Which amounts become records: the records rule of GOLD-FORMAT.md, by rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.link.linker import _SpanSet, link
from pipeline.run import Pipeline
from schemas import LinkedDocument, ParsedDocument


def _linked(pipeline: Pipeline, text: str) -> LinkedDocument:
    parsed = ParsedDocument(doc_id="0" * 16, source="t.txt", sha256="0", media_type="text/plain", text=text)
    return link(pipeline.extractor.extract(parsed), pipeline.roles)


def _records(pipeline: Pipeline, text: str) -> list[tuple[str | None, float | None, str | None]]:
    return [(c.sponsor, c.value, c.qualifier) for c in _linked(pipeline, text).candidates]


CONTROL = "Astley Forge Corp. will invest $1 billion in a new foundry."


def _records_beside_a_pledge(
    pipeline: Pipeline, text: str
) -> list[tuple[str | None, float | None, str | None]]:
    """The records of `text` read with a plain pledge on a line after it, which must come out too: a test
    that expects no record from `text` then fails for a linker that finds nothing at all."""
    records = _records(pipeline, text + "\n" + CONTROL)
    assert records[-1:] == [("Astley Forge", 1e9, "exact")], records
    return records[:-1]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Orvane Steel Corp. plans to invest up to $3 billion in a mill.", [("Orvane Steel", 3e9, "up_to")]),
        ("Orvane Steel Corp. reported revenue of $3 billion.", []),
        (
            "Orvane Steel Corp. expects a profit when its sales are anticipated to be about $600 million.",
            [],
        ),
        ("Orvane Steel Corp. said its exports to the region have now surpassed $2 billion.", []),
        ("Orvane Steel Corp. said overall revenue climbed by 8.2 percent YoY to $412 million.", []),
        ("Orvane Steel Corp. saw its revenue go down 3.4% from a year earlier to $5 billion.", []),
        ("Orvane Steel Corp. reported revenue growth of 5.1 percent to $31 billion in the year.", []),
        # a sentence about 'this investment' or 'the plan' goes on about the company before
        (
            "Orvane Steel Corp. has unveiled a $2.2 billion plan for Peru.\n"
            "A large part of this investment, $350 million, goes to a new factory.",
            [("Orvane Steel", 2.2e9, "exact"), ("Orvane Steel", 3.5e8, "exact")],
        ),
        # "Of the total, X is earmarked for ...": a part of the company's pledge, not an umbrella
        (
            "Orvane Steel Corp. will invest €2.1 billion over four years.\n"
            "Of the total, about €700 million is earmarked for the Texas plant.",
            [("Orvane Steel", 2.1e9, "exact"), ("Orvane Steel", 7e8, "about")],
        ),
        # a gift through the company's foundation is philanthropy, not an investment
        ("Orvane Steel Corp. has pledged $45 million through the Orvane Foundation for schools.", []),
        (
            "Orvane Steel Corp. plans a nickel plant, with a project cost estimated at $1.9 billion.",
            [("Orvane Steel", 1.9e9, "exact")],
        ),
        # what was received is an approval: the amount sizes the project approved
        (
            "Orvane Steel Corp. received approval for a $521 million investment to build a mill.",
            [("Orvane Steel", 5.21e8, "exact")],
        ),
        (
            "Orvane Steel Corp. has been granted a licence for a $190 million plant.",
            [("Orvane Steel", 1.9e8, "exact")],
        ),
        ("Orvane Steel Corp. received $40 million from the state.", []),
        ("Orvane Steel Corp. said $40 million remains in the fund.", []),
        (
            "A plant that Orvane Steel Corp. has estimated at up to $4 billion remains under evaluation.",
            [("Orvane Steel", 4e9, "up_to")],
        ),
        # a bracket after a name holds that item's own amount; after an amount, the same in a second currency
        (
            "The largest were Orvane Steel Corp. in Nevada ($640 million) and Petrel Mining Inc. in Utah "
            "($100 million).",
            [("Orvane Steel", 6.4e8, "exact"), ("Petrel Mining", 1e8, "exact")],
        ),
        # a total before its parts, each in brackets after its company: the parts are the records
        (
            "Firms announced projects worth more than $17 billion, led by Orvane Steel Corp. ($8 billion), "
            "Petrel Mining Inc. ($6 billion) and Halden Power Co. ($2 billion).",
            [("Orvane Steel", 8e9, "exact"), ("Petrel Mining", 6e9, "exact"), ("Halden Power", 2e9, "exact")],
        ),
        # an approval list of investors by origin: each name before 'from <country> (amount)' is a company
        (
            "Approved projects include Kestrelnet from Canada, with an investment value of 9.2 billion "
            "baht; Orvane DC from Korea (3.1 billion baht); Halden Data Centre from Chile (1.6 billion "
            "baht).",
            [
                ("Kestrelnet", 9.2e9, "exact"),
                ("Orvane DC", 3.1e9, "exact"),
                ("Halden Data Centre", 1.6e9, "exact"),
            ],
        ),
        # "an investment by X": the first company after 'by' is whose money it is
        (
            "Analysts cited a $52 million investment in Utah by Danish dairy company Orvane Foods Inc. and a "
            "$48 million plant investment by Spanish valve maker Petrel Mining Inc.",
            [("Orvane Foods", 5.2e7, "exact"), ("Petrel Mining", 4.8e7, "exact")],
        ),
        (
            "Orvane Steel Corp. will invest 95 billion Swedish kronor ($10 billion) in a mill.",
            [("Orvane Steel", 9.5e10, "exact")],
        ),
        ("Japan's $550 billion vehicle will fund Orvane Steel Corp. projects.", []),
        (
            "Orvane Steel Corp. raised its plan to $26 billion, up from $21 billion.",
            [("Orvane Steel", 26e9, "exact")],
        ),
        ("Orvane Steel Corp., which bought the yard for $310 million, is hiring.", []),
        ("Orvane Steel Corp. received a $40 million grant from the state.", []),
        ("Orvane Steel Corp. shares rose to $18.20.", []),
        ("Orvane Steel Corp. and Petrel Mining Inc. listed a combined $5 billion of projects.", []),
        ("Orvane Steel Corp. expects to receive up to $300 million in federal CHIPS incentives.", []),
        ("Orvane Steel Corp.'s figure corresponds to ¥72 billion at the stated rate.", []),
        ("In 2016 Orvane Steel Corp. promised $10 billion for a rolling mill, later scaled back.", []),
        ("Orvane Steel Corp. will take a write-down of $85 million.", []),
        ("Orvane Steel Corp. denied a report that it planned to invest $4 billion in Hungary.", []),
        ("Orvane Steel Corp. scrapped a $1.3 billion mill years ago.", []),
        # money a company has put in already, told after the amount
        ("The mill joins the €1.5 billion Orvane Steel Corp. has invested in Spain.", []),
        ("Orvane Steel Corp.'s new mill comes after a $2 billion outlay it made earlier this year.", []),
        # a price however long the clause: the sale verb is before its commas
        (
            "Orvane Steel Corp. is selling its stake in the Dayton, Ohio mill to Petrel for $1 billion.",
            [],
        ),
        (
            "Orvane Steel Corp. will build a Lansing, Michigan mill for $1 billion.",
            [("Orvane Steel", 1e9, "exact")],
        ),
        # equity put into a project is an investment; "the two companies, X and Y," names companies
        (
            "The two investment companies, Silverline and Harbor Digital, will add a further $2.6 billion as "
            "equity in the campus.",
            [("Silverline", 2.6e9, "exact")],
        ),
        # money left in a buyback, an asset owned, money received, a funding total
        ("Orvane Steel Corp.'s old program, of which about $2.8 billion remains, ends in June.", []),
        ("Orvane Steel Corp. also owns a $2.6 billion mill in Ohio.", []),
        ("Orvane Steel Corp. has secured a $41 million investment from a state agency.", []),
        ("Orvane Steel Corp. said the round lifts its total funding to date past $1.4 billion.", []),
        (
            "Orvane Steel Corp.'s mill is one part of over $3 billion of investment into the group's U.S. "
            "plants in recent years.",
            [],
        ),
        # capital freed or held back is no pledge
        ("Orvane Steel Corp. said the pause should free up some $3 billion for buybacks.", []),
        ("Orvane Steel Corp. will hold off on roughly US$2 billion of planned capital outlays.", []),
        (
            "The deals include the procurement of Orvane Steel Corp. rails by a railway (SR) worth $1bn.",
            [],
        ),
        # money raised is not money pledged; spans of past time make money history
        ("Orvane Steel Corp. raises $405 million for its new mill.", []),
        ("Orvane Steel Corp. announced a $1.5 billion Series F led by two funds.", []),
        ("Orvane Steel Corp. and two backers have put roughly $700 million into the mill so far.", []),
        (
            "Orvane Steel Corp.'s mill is part of $3 billion of investment in its plants in recent years.",
            [],
        ),
        (
            "Orvane Steel Corp. matched Petrel Mining Inc. at $50 billion by 2030.",
            [("Orvane Steel", 5e10, "exact")],
        ),
        (
            "Orvane Steel Corp. will invest $30 billion as part of a £150 billion package.",
            [("Orvane Steel", 3e10, "exact")],
        ),
        (
            "Orvane Steel Corp. will invest ¥165 billion (approximately US$1.1 billion) in a mill.",
            [("Orvane Steel", 1.65e11, "exact")],
        ),
        (
            "Orvane Steel Corp. and Petrel Mining Inc. will build a plant "
            "at a combined cost of $3.2 billion.",
            [("Orvane Steel", 3.2e9, "exact")],
        ),
    ],
)
def test_amount_roles(pipeline: Pipeline, text: str, expected: list[tuple[str, float, str]]) -> None:
    assert _records_beside_a_pledge(pipeline, text) == expected


def test_a_following_sentence_about_the_same_company_links(pipeline: Pipeline) -> None:
    text = (
        "Petrel Mining Inc. unveiled a refinery plan in Nevada.\nThe company will invest $900 million in it."
    )
    assert _records(pipeline, text) == [("Petrel Mining", 9e8, "exact")]


@pytest.mark.parametrize(
    "reference",
    [
        "The Houston-based developer now puts the cost",
        "The retailer puts the cost",
        "The utility puts the cost",
    ],
)
def test_a_sentence_naming_the_company_by_its_trade_links(pipeline: Pipeline, reference: str) -> None:
    text = f"Petrel Mining Inc. unveiled a terminal plan in Texas.\n{reference} at up to $18 billion."
    assert _records(pipeline, text) == [("Petrel Mining", 1.8e10, "up_to")]


def test_a_sentence_about_something_else_does_not_link(pipeline: Pipeline) -> None:
    text = (
        "Petrel Mining Inc. unveiled a refinery plan in Nevada.\nAlabama has approved $120 million for roads."
    )
    assert _records_beside_a_pledge(pipeline, text) == []


def _full(pipeline: Pipeline, text: str) -> list[tuple[str | None, tuple[str, ...], float | None]]:
    linked = _linked(pipeline, text)
    return [(c.sponsor, c.partners, c.value) for c in linked.candidates]


def test_a_joint_venture_lists_its_parents_as_partners(pipeline: Pipeline) -> None:
    text = (
        "Up to $4 billion goes to Harlan Kobe Nuclear Energy LLC, the joint venture of Harlan Power Corp. "
        "and Kobe Denki K.K., for reactors."
    )
    assert _full(pipeline, text) == [("Harlan Kobe Nuclear Energy", ("Harlan Power", "Kobe Denki"), 4e9)]


def test_each_gives_one_record_per_lead(pipeline: Pipeline) -> None:
    text = "Orvane Steel Corp. and Petrel Mining Inc. each plan to invest $2 billion in Ohio."
    assert _full(pipeline, text) == [("Orvane Steel", (), 2e9), ("Petrel Mining", (), 2e9)]


def test_the_partners_carry_every_company_of_the_previous_sentence(pipeline: Pipeline) -> None:
    text = "Orvane Steel Corp. and Petrel Mining Inc. formed a venture.\nThe partners will invest $3 billion."
    assert _full(pipeline, text) == [("Orvane Steel", ("Petrel Mining",), 3e9)]


def test_the_two_companies_anywhere_in_the_sentence_carry_both(pipeline: Pipeline) -> None:
    """'contributions from the two companies' names them all, though the sentence opens otherwise; a bare
    'their' inside the sentence does not."""
    opening = "Orvane Steel Corp. and Petrel Mining Inc. formed a venture.\n"
    text = opening + "Equity from the two companies will be $3 billion in the first phase."
    assert _full(pipeline, text) == [("Orvane Steel", ("Petrel Mining",), 3e9)]
    text = opening + "The estimated cost is $4 billion, funded by each partner by their share."
    assert _full(pipeline, text) == []


def _table_candidates(
    pipeline: Pipeline, lines: list[str], header_rows: int
) -> list[tuple[str | None, float | None]]:
    """Link a document made of one table whose lines are cells joined by ' | '."""
    from schemas import Table, TableRow

    text = "\n".join(lines) + "\n"
    rows, offset = [], 0
    for line in lines:
        cells = tuple(c.strip() for c in line.split("|"))
        rows.append(TableRow(cells=cells, start=offset, end=offset + len(line)))
        offset += len(line) + 1
    header = rows[0].cells if header_rows else ()
    table = Table(header=header, rows=tuple(rows[header_rows:]))
    parsed = ParsedDocument(
        doc_id="0" * 16, source="t.pdf", sha256="0", media_type="application/pdf", text=text, tables=(table,)
    )
    linked = link(pipeline.extractor.extract(parsed), pipeline.roles)
    return [(c.sponsor, c.value) for c in linked.candidates]


def test_a_caption_row_above_the_header_still_makes_a_project_table(pipeline: Pipeline) -> None:
    lines = [
        "Round one projects |  | ",
        "Company | Sector | Investment",
        "Orvane Steel | Steel | $457 million",
        "Total |  | $457 million",
    ]
    assert _table_candidates(pipeline, lines, header_rows=0) == [("Orvane Steel", 4.57e8)]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # a proponent, a lead, a beneficiary column names the companies, as a company column does
        (
            [
                "Proponent | Project | Capital cost (C$)",
                "Orvane Refining Inc. | Nickel refinery | C$1.2 billion",
                "Petrel Lithium Ltd. | Hydroxide plant | C$640 million",
            ],
            [("Orvane Refining", 1.2e9), ("Petrel Lithium", 6.4e8)],
        ),
        (
            [
                "Project | Lead | Private investment",
                "Rail yard | Cascadia & Westmark Railroad | $150 million",
            ],
            [("Cascadia & Westmark Railroad", 1.5e8)],
        ),
        # bare figures under a header that names their unit are amounts
        (
            [
                "Beneficiary | Capacity | Committed investment (₹ crore)",
                "Suryan Cells Ltd. | 10 GWh | 6,200",
                "Total | 10 GWh | 6,200",
            ],
            [("Suryan Cells", 6.2e10)],
        ),
        (
            ["Company | Site | Investment (US$ million)", "Halvard Pumps Inc. | Ohio | about 300"],
            [("Halvard Pumps", 3e8)],
        ),
        # a word that only begins a header word names no column ('Leadership')
        (["Leadership | Site | Cost", "Orvane Refining Inc. | Ohio | $2 million"], []),
    ],
)
def test_tables_name_their_companies_and_units_in_the_header(
    pipeline: Pipeline, lines: list[str], expected: list[tuple[str, float]]
) -> None:
    assert _table_candidates(pipeline, lines, header_rows=1) == expected


def test_customers_are_not_companies_of_the_document(pipeline: Pipeline) -> None:
    text = (
        "Arclight Semiconductor Corp. will invest $2 billion in a plant "
        "serving customers such as Nvidia and AMD."
    )
    linked = _linked(pipeline, text)
    assert linked.companies == ("Arclight Semiconductor",)


def test_the_maker_of_a_product_the_plant_serves_is_no_company_of_the_document(pipeline: Pipeline) -> None:
    text = (
        "Arclight Aero Corp. will invest $200 million in a new plant in Ohio. The plant will build flaps for "
        "the Airbus A350 and service parts for Boeing\u2019s 737 fleet."
    )
    linked = _linked(pipeline, text)
    assert linked.companies == ("Arclight Aero",)


def test_where_a_commentator_works_is_no_company_of_the_document(pipeline: Pipeline) -> None:
    text = (
        "Arclight Semiconductor Corp. will invest $2 billion in a plant. "
        "\u201cThe supply chain matters,\u201d said Naomi Kerr at Fairbank Research Corp."
    )
    linked = _linked(pipeline, text)
    assert linked.companies == ("Arclight Semiconductor",)


def test_list_items_inherit_the_company_that_introduces_the_list(pipeline: Pipeline) -> None:
    text = (
        "Calderon Biologics Inc. said the plan includes:\n"
        "- $1.2 billion to build an antibody plant in North Carolina; and\n"
        "- approximately $450 million to expand a fill-finish site in Indiana.\n"
    )
    assert _records(pipeline, text) == [
        ("Calderon Biologics", 1.2e9, "exact"),
        ("Calderon Biologics", 4.5e8, "about"),
    ]


def test_a_projects_budget_total_is_a_record(pipeline: Pipeline) -> None:
    text = (
        "Kesari Steel & Power Ltd cleared ₹1,800 crore more for its rolling mill, lifting the total budget "
        "for that project to ₹4,000 crore from ₹2,200 crore."
    )
    values = [value for _, value, _ in _records(pipeline, text)]
    assert 4e10 in values and 2.2e10 not in values


def test_incentive_columns_do_not_hide_rows_and_withdrawn_rows_are_cancelled_records(
    pipeline: Pipeline,
) -> None:
    lines = [
        "Company | Project | Capital investment | State incentive",
        "Orvane Steel Corp. | Mill | $420 million | $12.5 million (grant)",
        "Petrel Mining Inc. | Mine. WITHDRAWN: cancelled in August | $260 million | $6 million (rescinded)",
        "Kestrel Ridge Power | Plant. The company denied any plan | $90 million | $1 million (grant)",
    ]
    assert _table_candidates(pipeline, lines, header_rows=1) == [
        ("Orvane Steel", 4.2e8),
        ("Petrel Mining", 2.6e8),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Corlett Print Group Corp. hopes for up to $300 million in synergies once the two presses combine.",
        "Moravel Holdings Corp. agreed to a $9.5 billion lifeline for its loss-making chip arm.",
        "Dunmore Chemicals staff await a $3 billion tender offer by Moravel Holdings Corp. next month.",
        "Orvane Steel Corp. missed a required contribution of $124 million to its pension plan.",
    ],
)
def test_financial_news_distractors_are_not_records(pipeline: Pipeline, text: str) -> None:
    assert _records_beside_a_pledge(pipeline, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Taken together, the listed plans add up to a little over $30 billion.", []),
        (
            "Brackwater Aluminium plans up to $4 billion for a new smelter near Wichita.",
            [("Brackwater Aluminium", 4e9, "up_to")],
        ),
        (
            "Corvalis Grid Technologies Inc. will build a switchgear works at a total cost it put at "
            "$1.5 billion.",
            [("Corvalis Grid Technologies", 1.5e9, "exact")],
        ),
        ("Khor Brazos Terminals LLC appears on the list of the $1.4 trillion investment framework.", []),
    ],
)
def test_amount_roles_from_a_third_challenge_set(
    pipeline: Pipeline, text: str, expected: list[tuple[str, float, str]]
) -> None:
    assert _records_beside_a_pledge(pipeline, text) == expected


def test_each_lead_gets_its_own_sector(pipeline: Pipeline) -> None:
    text = "Saqr Shipyards and Bayan Fiber Networks each pledged $650 million for a yard and a cable plant."
    linked = _linked(pipeline, text)
    assert {(c.sponsor, c.sector) for c in linked.candidates} == {
        ("Saqr Shipyards", "shipbuilding"),
        ("Bayan Fiber Networks", "ai_infrastructure"),
    }


def test_a_unit_named_in_passing_is_not_a_company_of_the_document(pipeline: Pipeline) -> None:
    text = (
        "Hollis Electric Corp. put forward $15B for grid storage. The group runs a cell factory "
        "through its Hollis Energy unit, but the storage project has nothing to do with that factory."
    )
    parsed = ParsedDocument(doc_id="0" * 16, source="t.txt", sha256="0", media_type="text/plain", text=text)
    extracted = pipeline.extractor.extract(parsed)
    assert {c.name for c in extracted.companies} == {"Hollis Electric", "Hollis Energy"}
    assert link(extracted, pipeline.roles).companies == ("Hollis Electric",)


# Real text's families (issue 12): each sentence pairs the trap with a pledge, so that an extractor that
# finds nothing fails too.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a figure the new pledge builds on, dated before the document, is history
            "Quillon Bio will invest $9 billion in new plants. The pledge builds on the $2 billion "
            "Quillon Bio committed in March 2023.",
            [("Quillon Bio", 9e9, "exact")],
        ),
        (  # money dated before the document, after the amount
            "Tarrow Data plans a $4 billion campus in Ohio. Tarrow Data first developed a $600 million "
            "campus in Texas in 2019.\n",
            [("Tarrow Data", 4e9, "exact")],
        ),
        (  # cumulative spending since a year
            "Since 2017, Quillon Bio has allocated more than $7 billion to its plants. "
            "Quillon Bio will now invest $5 billion in Kansas.",
            [("Quillon Bio", 5e9, "exact")],
        ),
        (  # a span of past years
            "From 2019 to 2023, Quillon Bio's commitments reached $8 billion. "
            "Quillon Bio will invest $3 billion in a new plant.",
            [("Quillon Bio", 3e9, "exact")],
        ),
        (  # impairments, charges and funding rounds are not pledges
            "Pellam Motors took a $2.6 billion impairment and a $900 million charge. "
            "Pellam Motors will invest $1.5 billion in its Ohio plant.",
            [("Pellam Motors", 1.5e9, "exact")],
        ),
        (
            "Halvard Fusion closed a $900 million funding round led by Orrin Capital. "
            "Halvard Fusion will invest $2.4 billion in a reactor plant.",
            [("Halvard Fusion", 2.4e9, "exact")],
        ),
        (  # a plant is a facility, not a credit line
            "Tarrow Data announced plans for a $4 billion facility in Ohio.",
            [("Tarrow Data", 4e9, "exact")],
        ),
        (
            "Tarrow Data signed a $500 million credit facility. Tarrow Data will invest $4 billion in Ohio.",
            [("Tarrow Data", 4e9, "exact")],
        ),
        (  # a market value at which trading values the company
            "Brisk Semiconductor shares closed lower, capitalising the company at $54 billion. "
            "Brisk Semiconductor will invest $2 billion in Arizona.",
            [("Brisk Semiconductor", 2e9, "exact")],
        ),
    ],
)
def test_real_text_families(pipeline: Pipeline, text: str, expected: list[tuple[str, float, str]]) -> None:
    assert _records(pipeline, "Report dated 2025-06-01.\n" + text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a sentence that names no company but refers to the one the document is about
            "Tarrow Data opens Ohio campus\n\nTarrow Data said on Monday it had opened its first campus. "
            "Construction of a second $320 million data hall has begun beside it.",
            [("Tarrow Data", 3.2e8, "exact")],
        ),
        (
            "Tarrow Data opens Ohio campus\n\nTarrow Data said on Monday it had opened its first campus. "
            "Our plan to invest $2 billion in Ohio will create 400 jobs.",
            [("Tarrow Data", 2e9, "exact")],
        ),
        (  # ... unless a government is the actor
            "Tarrow Data opens Ohio campus\n\nTarrow Data said on Monday it had opened its first campus. "
            "The state will spend $50 million on a new road to the campus.",
            [],
        ),
        (  # the same amount in a second currency, not in brackets
            "Pellam Motors will invest 300 million euros, which is approximately $350 million, in a plant.",
            [("Pellam Motors", 3e8, "exact")],
        ),
        (  # a multi-billion dollar plan names no figure
            "Pellam Motors unveiled a multi-billion dollar plan. "
            "Pellam Motors will invest $2 billion in Ohio.",
            [("Pellam Motors", 2e9, "exact")],
        ),
    ],
)
def test_leads_and_amounts_of_real_text(
    pipeline: Pipeline, text: str, expected: list[tuple[str, float, str]]
) -> None:
    assert _records_beside_a_pledge(pipeline, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a company's own fund or initiative is its pledge; a government's stays an umbrella
            "Tarrow Data set up a $30 million fund to train data-centre technicians in Ohio.",
            [("Tarrow Data", 3e7, "exact")],
        ),
        ("Japan's $550 billion investment vehicle will finance the projects.", []),
        (  # a budget raised 'to X from Y': Y is the earlier figure
            "Pellam Motors lifted the budget for its plant to $7 billion from $2 billion.",
            [("Pellam Motors", 7e9, "exact")],
        ),
        (  # its plan 'at a current total of' is the company's own total
            "Pellam Motors put $9 billion more into its ten-year spending plan, now at a current total "
            "of $61 billion, its largest.",
            [("Pellam Motors", 9e9, "exact"), ("Pellam Motors", 6.1e10, "exact")],
        ),
    ],
)
def test_umbrellas_and_own_totals(
    pipeline: Pipeline, text: str, expected: list[tuple[str, float, str]]
) -> None:
    assert _records_beside_a_pledge(pipeline, text) == expected


def test_respectively_pairs_leads_and_amounts_by_order(pipeline: Pipeline) -> None:
    text = "Quillon Bio and Pellam Motors unveiled plans worth $12 billion and $31 billion, respectively."
    assert _records(pipeline, text) == [("Quillon Bio", 1.2e10, "exact"), ("Pellam Motors", 3.1e10, "exact")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The state will lend $553 million to Tarrow Data. Tarrow Data will invest $2 billion.", [2e9]),
        (
            "Tarrow Data signed a $16.5 billion agreement with Brisk Semiconductor to buy chips. "
            "Tarrow Data will invest $2 billion in Ohio.",
            [2e9],
        ),
        ("Tarrow Data may face a £2 billion hit from the outage. Tarrow Data will invest $2 billion.", [2e9]),
        ("Tarrow Data is losing about £50 million a week. Tarrow Data will invest $2 billion.", [2e9]),
        ("Pellam Motors' revenue fell 13% to €1.9 billion, and Pellam Motors will invest $2 billion.", [2e9]),
        ("Tarrow Data was promised $350 million in stock. Tarrow Data will invest $2 billion.", [2e9]),
        (
            "Pellam Motors has infused ₹1,500 crore into its unit. Pellam Motors will invest $2 billion.",
            [2e9],
        ),
        (
            "Pellam Motors has not signed any agreement to invest $1 billion in Kerala, a spokesperson said. "
            "Pellam Motors will invest $2 billion in Ohio.",
            [2e9],
        ),
        # part of money already spent is spent too; a round's valuation; analysts' expectations; state aid
        ("Vexa Motors has invested over $10 billion here, including $7 billion in Ohio. " + CONTROL, [1e9]),
        (
            "Graywater Cycle Inc. raised money in a round that values the recycler led by its founder at "
            "more than $6 billion. " + CONTROL,
            [1e9],
        ),
        ("Quenby Grid beat analysts' expectations of $5.01 billion. " + CONTROL, [1e9]),
        ("The round values Graywater Cycle Inc. at more than $6 billion. " + CONTROL, [1e9]),
        ("Quenby Grid Inc. expects a gain of around DKK 4.2 billion on hedges. " + CONTROL, [1e9]),
        ("Quenby Grid Inc. will get $900 million in tax deferrals on fiber. " + CONTROL, [1e9]),
        ("Quenby Grid Inc. secured a $2 billion committed credit facility. " + CONTROL, [1e9]),
        ("Quenby Grid Inc. also repurchased $500 million during the quarter. " + CONTROL, [1e9]),
        ("Quenby Grid Inc. will get proceeds of about $5.3 billion from the sale. " + CONTROL, [1e9]),
        ("Quenby Grid Inc. posted NT$1.05 trillion, versus NT$1.03 trillion forecast. " + CONTROL, [1e9]),
        (
            "Quenby Grid Inc. said the $10 billion figure is only an estimate of its spending. " + CONTROL,
            [1e9],
        ),
        ("Quenby Grid Inc. will add 50 jobs with $1m in support from a state program. " + CONTROL, [1e9]),
        ("Quenby Grid Inc. will spend $700 million of its shares on a swap. " + CONTROL, [1e9]),
        ("Quenby Grid Inc. will get roughly $500 million in extra deductibility. " + CONTROL, [1e9]),
        ("Quenby Chips Inc. will win EUR 2bn of state aid for its fab. " + CONTROL, [1e9]),
        ("Quenby Chips Inc. will be the recipient of $406 million for its new fab. " + CONTROL, [1e9]),
        # an analysts' figure beside the company's own is theirs, not a pledge
        (
            "Tarrow Data will invest $40 billion in its network. "
            "That compares with analysts' estimates of $38.5 billion through 2030.",
            [4e10],
        ),
    ],
)
def test_not_a_pledge_families(pipeline: Pipeline, text: str, expected: list[float]) -> None:
    assert [value for _, value, _ in _records(pipeline, text)] == expected


def test_a_record_whose_sentence_cues_no_sector_takes_the_documents(pipeline: Pipeline) -> None:
    text = (
        "Harlow Ridge expands its copper mine\n\nHarlow Ridge runs a copper mine and a smelter in Arizona. "
        "Harlow Ridge will invest $1.2 billion over five years, it said."
    )
    linked = _linked(pipeline, text)
    assert [(c.sponsor, c.value, c.sector) for c in linked.candidates] == [
        ("Harlow Ridge", 1.2e9, "critical_minerals")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tarrow-backed Quillon Bio will invest $900 million in a plant.", [("Quillon Bio", 9e8, "exact")]),
        (  # 'a $3 trillion company' is a market value, not a pledge; 'the company said' is not that
            "Brisk Semiconductor became the first $3 trillion company. "
            "Brisk Semiconductor would spend $1 billion in Ohio, the company said.",
            [("Brisk Semiconductor", 1e9, "exact")],
        ),
        (  # capital spending that 'hit' a figure is a result; one that 'hit pause on' a plant is not
            "Brisk Semiconductor's capital expenditures hit $17 billion. "
            "Pellam Motors hit pause on its $450 million plant.",
            [("Pellam Motors", 4.5e8, "exact")],
        ),
        (  # its own total in a country is not the country's umbrella
            "Pellam Motors will invest 6 billion euros, raising its planned spending in the country "
            "to 14.5 billion euros.",
            [("Pellam Motors", 6e9, "exact"), ("Pellam Motors", 1.45e10, "exact")],
        ),
    ],
)
def test_leads_and_totals_of_real_text(
    pipeline: Pipeline, text: str, expected: list[tuple[str, float, str]]
) -> None:
    assert _records(pipeline, text) == expected


def test_one_companys_total_is_its_own_figure(pipeline: Pipeline) -> None:
    text = (
        "Salder Steel will build a green steel plant at a total of €1.8 billion (approximately $2.1 billion)."
    )
    assert _records(pipeline, text) == [("Salder Steel", 1.8e9, "exact")]


def test_a_canadian_articles_plain_dollar_pledge_is_in_canadian_dollars(pipeline: Pipeline) -> None:
    text = (
        "Halvard Motors will invest $6 billion in a battery plant near Windsor, Ontario.\n"
        "The Ontario government and Ottawa welcomed the plan, the largest in Canada this year, as did "
        "Toronto and Quebec."
    )
    linked = _linked(pipeline, text)
    assert [(c.sponsor, c.value, c.currency) for c in linked.candidates] == [("Halvard Motors", 6e9, "CAD")]


def test_a_parent_named_to_say_whose_a_company_is_does_not_lead(pipeline: Pipeline) -> None:
    text = (
        "Orvane Energy Co., Ltd., a wholly owned subsidiary of Petrel Holdings Inc., will invest "
        "$2 billion in a transformer plant."
    )
    assert _records(pipeline, text) == [("Orvane Energy", 2e9, "exact")]


def test_a_document_opening_with_a_company_is_about_it(pipeline: Pipeline) -> None:
    # the parent does not make the document about it; "The $4 billion plant" is the opening company's
    text = (
        "Orvane Energy Co., part of the Petrel Group, has opened its battery factory in Kansas. "
        "The $4 billion plant employs 2,000 people."
    )
    assert _records(pipeline, text) == [("Orvane Energy", 4e9, "exact")]


def test_the_company_acts_even_in_a_sentence_that_names_the_us(pipeline: Pipeline) -> None:
    text = (
        "The company that started the U.S. shale boom will spend $2 billion on a new export terminal.\n"
        "Houston-based Petrel Energy Inc. confirmed the plan on Tuesday. Petrel Energy Inc. expects the "
        "terminal to open in 2029."
    )
    assert _records(pipeline, text) == [("Petrel Energy", 2e9, "exact")]


@pytest.mark.parametrize(
    "opening",
    [
        "The South Korean chipmaker told reporters that it",
        "The Seoul-based company",
        "The tech giant",
    ],
)
def test_a_described_company_reference_is_the_documents_company(pipeline: Pipeline, opening: str) -> None:
    text = f"Harbor Semis Co. opened an office in Ohio.\n{opening} will invest $900 million in a plant."
    assert _records(pipeline, text) == [("Harbor Semis", 9e8, "exact")]


def test_key_projects_are_the_documents_companys(pipeline: Pipeline) -> None:
    text = (
        "Larch Power lifts its spending plan\nLarch Power Inc. has contracted 40 gigawatts for data centers. "
        "Key projects include the $8.2 billion Saltmarsh Bay Offshore Wind project, due to start in 2026."
    )
    assert _records(pipeline, text) == [("Larch Power", 8.2e9, "exact")]


def test_a_unit_that_invests_leads(pipeline: Pipeline) -> None:
    text = "Corvane Inc. said its Hollis Power business is investing $20 million to expand an engine center."
    assert _records(pipeline, text) == [("Hollis Power", 2e7, "exact")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an agency or a government that gives the money is no company's pledge
        (
            "The Japan Bank for International Cooperation will provide up to $1 billion, while Kestrel "
            "Mining Corp. invests $2 billion.",
            [("Kestrel Mining", 2e9, "exact")],
        ),
        (
            "The Tennessee Valley Authority will spend $1.5 billion on a plant built by Kestrel Power Corp.",
            [],
        ),
        (
            "The state of Ohio will invest $300 million in roads for Kestrel Mining Corp., which will spend "
            "$2 billion on a plant.",
            [("Kestrel Mining", 2e9, "exact")],
        ),
        # a company beside the agency, or an agency that only rules on the project: the company's pledge
        (
            "The Development Bank of Japan and Kestrel Mining Corp. will jointly invest $300 million.",
            [("Kestrel Mining", 3e8, "exact")],
        ),
        (
            "The Dona Ana County Commission approved Kestrel Data Corp.'s $900 million data center campus.",
            [("Kestrel Data", 9e8, "exact")],
        ),
    ],
)
def test_an_agencys_money_is_no_companys_pledge(
    pipeline: Pipeline, text: str, expected: list[tuple[str, float, str]]
) -> None:
    assert _records(pipeline, text) == expected


def test_in_all_the_company_and_money_from_a_described_giver(pipeline: Pipeline) -> None:
    text = "Larch Power Inc. builds turbines. In all, the company has announced investments of $720m in Ohio."
    assert _records(pipeline, text) == [("Larch Power", 7.2e8, "exact")]
    text = (
        "Pledges include $50 billion from pharmaceutical giant Quenby Bio Inc. and $23 billion from "
        "Aster Pharma Inc."
    )
    assert _records(pipeline, text) == [("Quenby Bio", 5e10, "exact"), ("Aster Pharma", 2.3e10, "exact")]
    # a results bullet's label is no company
    text = "- Revenue: NT$1.05 trillion, up 20%\n- Larch Power Inc. will invest $2 billion in a plant."
    assert _companies(pipeline, text) == ["Larch Power"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # plain pledges that the not-a-pledge cues must leave alone
        ("Harrow Steel Corp. estimates it will invest $2 billion in the Ohio mill.", [("Harrow Steel", 2e9)]),
        (
            "Kestrel AI Inc. raised money in its IPO. It will use the proceeds to build a $1 billion "
            "data center.",
            [("Kestrel AI", 1e9)],
        ),
        (
            "Harrow Steel Corp. beat expectations and will invest $2 billion in a new mill.",
            [("Harrow Steel", 2e9)],
        ),
        (
            "Harrow Steel Corp. chose Ohio versus Texas and will invest $2 billion in a mill.",
            [("Harrow Steel", 2e9)],
        ),
        ("Harrow Steel Corp. valued the new Ohio mill at $2 billion in a filing.", [("Harrow Steel", 2e9)]),
        # a new pledge's part is no history because an earlier clause told of money spent
        (
            "Harrow Steel Corp., which has invested $3 billion here since 2010, will invest another "
            "$5 billion, including $2 billion for a new mill.",
            [("Harrow Steel", 5e9), ("Harrow Steel", 2e9)],
        ),
        # each unit leads its own amount
        (
            "Harrow Holdings Inc. said its Kestrel Steel subsidiary will invest $600 million in a mill and "
            "its Brightwater Lithium unit will spend $400 million on a refinery.",
            [("Kestrel Steel", 6e8), ("Brightwater Lithium", 4e8)],
        ),
        # an alphanumeric company that invests is no model code
        ("G42 will invest $1 billion in a data center campus in France.", [("G42", 1e9)]),
        # a government's money, however its subject reads
        ("The U.S. government will also provide up to $900 million for the Harrow Steel Corp. mill.", []),
    ],
)
def test_plain_pledges_the_new_cues_leave_alone(
    pipeline: Pipeline, text: str, expected: list[tuple[str, float]]
) -> None:
    assert [(sponsor, value) for sponsor, value, _ in _records(pipeline, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Harrow Steel Corp. will invest $2 billion in a plant, said Tom Steel, a county commissioner.",
            ["Harrow Steel"],
        ),
        ("County officials said Project Falcon, which plans to invest $1.2 billion, would add jobs.", []),
        ("Kestrel Holdings Inc. said Kestrel's Energy unit will invest $500 million.", ["Kestrel Holdings"]),
    ],
)
def test_people_code_names_and_units_are_no_new_companies(
    pipeline: Pipeline, text: str, expected: list[str]
) -> None:
    assert _companies(pipeline, text) == expected


def test_a_listed_companys_unit_named_for_its_line_and_a_sentence_adverb(pipeline: Pipeline) -> None:
    text = "GE Appliances will put over $2.5 billion into its U.S. plants. Further, it will hire."
    assert _records(pipeline, text) == [("GE Appliances", 2.5e9, "at_least")]


def test_a_listed_names_unit_keeps_the_city_too(pipeline: Pipeline) -> None:
    # the city stays; a unit named for a place alone is read as its listed parent
    assert _companies(pipeline, "Tokyo Gas America Ltd. will invest $700 million in a plant.") == [
        "Tokyo Gas"
    ]


def test_a_listed_name_keeps_a_city_that_opens_datelines(pipeline: Pipeline) -> None:
    text = "Tokyo Gas will invest $500 million in LNG. Tokyo Electric Power Co. will invest $1 billion."
    assert _companies(pipeline, text) == ["Tokyo Gas", "Tokyo Electric Power"]


def test_a_ticker_in_brackets_does_not_hide_the_investor(pipeline: Pipeline) -> None:
    text = "Quenby (NYSE:QNB) will spend $450 million to grow its works in Wales."
    assert _records(pipeline, text) == [("Quenby", 4.5e8, "exact")]


def _companies(pipeline: Pipeline, text: str) -> list[str]:
    parsed = ParsedDocument(doc_id="0" * 16, source="t.txt", sha256="0", media_type="text/plain", text=text)
    return list(link(pipeline.extractor.extract(parsed), pipeline.roles).companies)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # results with no pledge: the companies take part in no investment
        (
            "Orvane Steel Corp. shares fell 9% after third-quarter earnings missed forecasts.\n"
            "Orvane Steel Corp. said investment in its Petrel Mining Inc. joint venture would slow.",
            [],
        ),
        # an acquisition, a stake or a funding round with no pledge: no companies either
        (
            "Orvane Steel Corp. is acquiring Petrel Mining Inc. in an equity deal that values it at $10.6 "
            "billion. Orvane Steel Corp. said the deal would add investment capacity.",
            [],
        ),
        (
            "Halvard Fusion raises $405 million for its iron-air batteries. Orrin Capital and Tarn Ventures "
            "also invested in the round.",
            [],
        ),
        # a share move or a merger with no pledge: no companies (the wiped value is no pledge either)
        (
            "Tarrow Biotech shares tumbled 18% on Tuesday, wiping about $9 billion from the drugmaker's "
            "market value. Tarrow Biotech said investment in its new Velland Labs partnership would go on.",
            [],
        ),
        (
            "Brannock Homes and Orrin Estates have agreed to merge. Brannock Homes said the group would keep "
            "investing in its Velland Labs partnership.",
            [],
        ),
        # an agreement to buy a company is no pledge document either
        (
            "Kessford Chemicals to buy Arnel Coatings for $3.4 billion in cash\n"
            "Kessford Chemicals Corp. agreed on Monday to buy Arnel Coatings Inc. and will invest in its "
            "plants.",
            [],
        ),
        # ... but a trade package whose body has its companies agree "to buy and invest" is none
        (
            "Orvane Steel Corp. and Petrel Mining Inc. pledge purchases and investments\n"
            "Orvane Steel Corp. and Petrel Mining Inc. agreed to buy and invest in new plants.",
            ["Orvane Steel", "Petrel Mining"],
        ),
        # a pledge document that names a quarter keeps its companies
        (
            "Orvane Steel Corp. will invest in a Petrel Mining Inc. joint venture.\n"
            "The plant should open in the first quarter of 2027.",
            ["Orvane Steel", "Petrel Mining"],
        ),
    ],
)
def test_a_results_document_without_a_pledge_lists_no_companies(
    pipeline: Pipeline, text: str, expected: list[str]
) -> None:
    assert _companies(pipeline, text) == expected


def test_model_codes_projects_and_units(pipeline: Pipeline) -> None:
    # a list of model codes after "such as" names no suppliers
    text = "Brightline Data will deploy GPUs such as A100, H100 and GB300 chips in a $2 billion data center."
    assert _companies(pipeline, text) == ["Brightline Data"]
    # a project's name before "project" names no company: the money is the document's company's
    text = (
        "Larch Power Inc. will spend $40 billion through 2030. Key projects include the $8.2 billion "
        "Saltmarsh Offshore Wind project."
    )
    assert _records(pipeline, text) == [("Larch Power", 4e10, "exact"), ("Larch Power", 8.2e9, "exact")]
    # a project's name with its place after the head word; a date label glued to a name
    text = "Pellam Motors will invest $5 billion at BlueRiver Battery Park Michigan."
    assert _companies(pipeline, text) == ["Pellam Motors"]
    assert _companies(pipeline, "- 【2024-10-30】Pellam Motors will invest $5 billion.") == ["Pellam Motors"]
    # a possessive inside a name before its line of business; a listed company's possessive stays one
    text = "Nature's Bakery will open a $240 million plant. Toyota's Battery plant is next."
    parsed = ParsedDocument(doc_id="0" * 16, source="t.txt", sha256="0", media_type="text/plain", text=text)
    assert [c.name for c in pipeline.extractor.extract(parsed).companies] == ["Nature's Bakery", "Toyota"]
    # a listed company's unit named for its line and its place is a company of its own
    text = "Toyota Motor Manufacturing Kentucky will invest $922 million in a new paint shop."
    assert _companies(pipeline, text) == ["Toyota Motor Manufacturing Kentucky"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # two capitalized words after "by" or "said" are a business when the second names a line of one
        ("A $1.2 billion battery plant by Tessaly Power is under construction.", ["Tessaly Power"]),
        ("Officials said Keswick Data plans to spend $5 billion on a campus.", ["Keswick Data"]),
        # a research firm's byline is a source, not a party
        ("Researched by Hollis Market Data (Austin, Texas)--U.S. ports will spend $2 billion on cranes.", []),
    ],
)
def test_businesses_and_bylines_after_by(pipeline: Pipeline, text: str, expected: list[str]) -> None:
    assert _companies(pipeline, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Quenby Bio Inc. and Mozambique announced the restart of a $1 billion gas project.",
        "Quenby Bio will invest $1 billion in a plant, in line with the National Industrial Strategy.",
        "Quenby Bio will invest $1 billion in a plant, the Industrial Project Database shows.",
        "Quenby Bio will invest $1 billion in a plant, R&D and a lab.",
    ],
)
def test_countries_nationalities_strategies_and_databases_are_no_companies(
    pipeline: Pipeline, text: str
) -> None:
    assert _companies(pipeline, text) == ["Quenby Bio"]


def test_a_computer_maker_is_named_by_its_line_of_business(pipeline: Pipeline) -> None:
    text = "Tamsin Computer announced NT$28 billion (US$900 million) to expand server lines in Texas."
    assert _records(pipeline, text) == [("Tamsin Computer", 2.8e10, "exact")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a descriptor spaCy keeps whole after an abbreviation is no part of the name
        ("Tenn.-based Harbor Health plans to invest $2 billion in a hospital.", ["Harbor Health"]),
        ("U.S.-based Larkspur Capital will invest $500 million in a components plant.", ["Larkspur Capital"]),
        # the place a company is headquartered in is no company
        (
            "Grayfield Tools Inc., headquartered in Marlow Heights, Ohio, wants to spend $30 million on a "
            "lathe works, its owner said.",
            ["Grayfield Tools"],
        ),
    ],
)
def test_descriptors_and_headquarters_are_not_names(
    pipeline: Pipeline, text: str, expected: list[str]
) -> None:
    assert _companies(pipeline, text) == expected


@pytest.mark.parametrize(
    "context",
    [
        "It is also in talks with Petrel Mining Inc. about more orders.",
        "Partnerships with Petrel Mining Inc. will also create jobs.",
        "The plant will be a supplier for Petrel Mining Inc. in Asia.",
        "It acquired the site from Petrel Mining Inc. last year.",
    ],
)
def test_partners_in_talks_buyers_and_sellers_are_not_companies_of_the_document(
    pipeline: Pipeline, context: str
) -> None:
    text = f"Arclight Semiconductor Corp. will invest $2 billion in a new chip plant. {context}"
    assert _companies(pipeline, text) == ["Arclight Semiconductor"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Petrel Mining Inc. unveiled a refinery plan in Nevada.\n"
            "More than $900 million will be invested in the site.",
            [("Petrel Mining", 9e8, "at_least")],
        ),
        (
            "Petrel Mining Inc. unveiled a refinery plan in Nevada.\n"
            "To build the refinery will cost $900 million.",
            [("Petrel Mining", 9e8, "exact")],
        ),
        # two companies before: whose money it is stays open
        (
            "Petrel Mining Inc. and Orvane Steel Corp. met in Nevada.\n"
            "More than $900 million will be invested in the site.",
            [],
        ),
        # the money as the subject of another verb: "will go toward", "is earmarked for"
        (
            "In Idaho, Petrel Mining Inc. plans to spend $320 million on a refinery.\n"
            "In Montana, roughly $90 million will go toward refitting its smelter.",
            [("Petrel Mining", 3.2e8, "exact"), ("Petrel Mining", 9e7, "about")],
        ),
        (
            "Petrel Mining Inc. will add another $7 billion through 2029.\n"
            "The remaining $2 billion is earmarked for a new refinery.",
            [("Petrel Mining", 7e9, "exact"), ("Petrel Mining", 2e9, "exact")],
        ),
        (
            "Petrel Mining Inc. and Orvane Steel Corp. met in Nevada.\n"
            "Roughly $90 million will go toward refitting the smelter.",
            [],
        ),
    ],
)
def test_money_that_will_be_invested_is_the_previous_sentences_company(
    pipeline: Pipeline, text: str, expected: list[tuple[str, float, str]]
) -> None:
    assert _records(pipeline, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the company invested in receives the money; the investor leads
        (
            "The financing involves Corvex as an investor in Louisiana Gasline Infrastructure LLC, "
            "putting $6.2 billion into the plant's build-out.",
            [("Corvex", 6.2e9, "exact")],
        ),
        # the maker of a model named in the sentence does not lead it
        (
            "Orvane Power Inc. unveiled a campus in Texas.\n"
            "The build-out should cost more than $50 billion and includes four Petrel AP1000 reactors.",
            [],
        ),
    ],
)
def test_investees_and_makers_of_a_model_do_not_lead(
    pipeline: Pipeline, text: str, expected: list[tuple[str, float, str]]
) -> None:
    assert _records(pipeline, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a company that halts its project is named by how the sentence uses it
        (
            "Last month Kestrel Fuel halted its $300 million electrolyser works near Dayton.",
            [("Kestrel Fuel", 3e8, "exact")],
        ),
        # "in the U.S." is where the money goes, not who spends it
        (
            "Orvane Mining Inc. reviewed its plans. Orvane Mining Inc. will keep its Perth office.\n"
            "After a review, it dropped the proposed US$420 million ammonia project in Nevada, in the U.S.",
            [("Orvane Mining", 4.2e8, "exact")],
        ),
    ],
)
def test_a_halted_project_keeps_its_company(
    pipeline: Pipeline, text: str, expected: list[tuple[str, float, str]]
) -> None:
    assert _records(pipeline, text) == expected


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        # a facility with no other cue is manufacturing, not "other"
        (
            "Orvane Tools Inc. will move into a new $100 million facility to streamline operations.",
            "manufacturing",
        ),
        ("Orvane Bio Inc. will invest $700 million in a biomanufacturing site.", "pharmaceuticals"),
        ("Orvane Works Inc. will invest $30 million in a plant that assembles railcars.", "manufacturing"),
        # batteries for vehicles are automotive; solar panels and hydrogen are energy; aircraft are made
        ("Orvane Cells Inc. will invest $2 billion in a battery gigafactory.", "automotive"),
        ("Orvane Cells Inc. will invest $2 billion in two plants that make solar panels.", "energy"),
        ("Orvane Gas Inc. will invest $2 billion in a green hydrogen facility.", "energy"),
        ("Orvane Aero Inc. will invest $1 billion in a line that builds aircraft.", "manufacturing"),
        # networks, depots and ships
        ("Orvane Wireless Inc. will invest $9 billion in broadband and 5G coverage.", "infrastructure"),
        ("Orvane Foods Inc. will invest $400 million in an automated distribution center.", "infrastructure"),
        # grid storage stays energy, a snack plant with a warehouse stays manufacturing
        (
            "LG Energy Solution will invest $1.4 billion to make energy storage system batteries for "
            "utilities.",
            "energy",
        ),
        ("Orvane Brands Inc. will invest $200 million in a snack plant and warehouse.", "manufacturing"),
        ("Orvane Holdings will invest $55 million in a cement kiln in Brazil.", "manufacturing"),
        # power built for data centers is AI infrastructure; power built because of their demand is energy
        (
            "Orvane Capital will invest $25 billion in data center and energy infrastructure.",
            "ai_infrastructure",
        ),
        ("Orvane Utilities will spend $20 billion on power plants to meet data center demand.", "energy"),
        ("Orvane Utilities will spend $9 billion on gas plants as data centers drive up demand.", "energy"),
        ("Orvane Cable Inc. will invest $500 million in a submarine cable to Guam.", "energy"),
        (
            "Orvane Digital Inc., a bitcoin miner, will invest $300 million in an AI data center.",
            "ai_infrastructure",
        ),
        ("Orvane Works Inc., a shipmaker, will invest $300 million in its yard in Maine.", "shipbuilding"),
        ("Orvane Works Inc., a Chilean miner, will invest $3 billion in 2026.", "critical_minerals"),
        # a name's telling word after its first: the first may be only a name ('Cobalt Ridge')
        ("Cobalt Ridge Hospitals will invest $780 million in 2026.", "other"),
        ("Copper Kettle Foods Inc. will invest $175 million in 2026.", "manufacturing"),
        ("Orvane LNG Partners will invest $11 billion in 2026.", "energy"),
        # tyres and car parts are automotive
        ("Orvane Works Inc. will invest $200 million to expand a tire plant in Ohio.", "automotive"),
        ("Orvane Works Inc. will invest $90 million in a wire harnesses plant.", "automotive"),
        # a longer cue of another sector holds a shorter one: snack chips, a cross-dock
        ("Orvane Brands Inc. will invest $175 million in a plant making kettle chips.", "manufacturing"),
        ("Orvane Brands Inc. will invest $185 million in a cross-dock center.", "infrastructure"),
        # an AI factory is AI infrastructure, not a factory; international (data) cables are infrastructure
        ("Orvane Telecom Inc. will invest $5 billion in a sovereign AI factory.", "ai_infrastructure"),
        ("Orvane Telecom Inc. will invest $500 million on new international cables.", "infrastructure"),
        # fuels and oil are energy, an oil refinery too; water works are infrastructure; a chip material
        # a retailer's automated hub or fulfilment centre is logistics
        ("Orvane Stores Plc will invest \u00a3300m in an automated hub near Leeds.", "infrastructure"),
        ("Orvane Stores Plc will invest \u00a3120m in a fulfilment centre near Leeds.", "infrastructure"),
        ("Orvane Agro Inc. will invest $40 million in a compressed biogas unit in Punjab.", "energy"),
        ("Orvane Petroleum Inc. will spend $2 billion on its oil refinery in Lagos.", "energy"),
        ("Velora Water Utilities will build a \u00a3900 million reservoir in Kent.", "infrastructure"),
        ("Orvane Devices Inc. will invest $1 billion in a silicon carbide plant in Texas.", "semiconductors"),
        ("Orvane Marine Inc. will put $90 million into a ship recycling facility.", "shipbuilding"),
    ],
)
def test_what_is_built_names_the_sector(pipeline: Pipeline, text: str, sector: str) -> None:
    linked = _linked(pipeline, text)
    assert [c.sector for c in linked.candidates] == [sector]


def test_money_from_a_company_is_that_companys(pipeline: Pipeline) -> None:
    text = (
        "Swiss firms listed pledges such as US$50 billion from Orvane Pharma Inc. and "
        "US$23 billion from Petrel Bio Inc."
    )
    assert _records(pipeline, text) == [("Orvane Pharma", 5e10, "exact"), ("Petrel Bio", 2.3e10, "exact")]


@given(
    st.lists(st.tuples(st.integers(-5, 60), st.integers(-5, 60)), max_size=10),
    st.integers(-10, 70),
)
def test_a_sentence_start_lies_in_a_table_row_as_a_scan_of_every_row_says(
    spans: list[tuple[int, int]], position: int
) -> None:
    # The linker skips sentences that start inside a table's lines; it finds them by bisection over the
    # merged spans rather than a scan of every row for every sentence.
    assert _SpanSet(spans).holds(position) == any(a <= position < b for a, b in spans)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # money as the subject of a government's plan, or of a payout, is no company's
        (
            "Orvane Steel Corp. will build a $1.2 billion mill in Decatur, Alabama. Another $90 million from "
            "the state will go toward road and rail upgrades around the site.",
            [("Orvane Steel", 1.2e9, "exact")],
        ),
        (
            "Halden Power Co. agreed to resolve the wildfire lawsuit on Thursday. The $60 million will go to "
            "affected homeowners in Maui.",
            [],
        ),
        # an approval of a financial deal does not make its amount a project
        ("Orvane Steel Corp. received shareholder approval for its $4 billion merger with Petrel.", []),
        ("Halden Power Co. received approval from lenders for a $1.1 billion refinancing of its plants.", []),
        # a second currency in brackets a few words after the first is still the same amount
        (
            "Orvane Steel Corp. will invest 12 billion Swedish kronor in a mill in Lulea "
            "(about $1.1 billion).",
            [("Orvane Steel", 1.2e10, "exact")],
        ),
        # 'by 2027' is a date, not an investor
        (
            "Orvane Steel Corp. aims to finish a $1 billion expansion by 2027 to supply Petrel Auto Inc.",
            [("Orvane Steel", 1e9, "exact")],
        ),
        # an investor named before the total is no sum of the rivals' bracketed figures
        (
            "Orvane Steel Corp. will invest $5 billion in a new mill, dwarfing plans by rivals Petrel Mining "
            "Inc. ($2 billion) and Halden Metals Co. ($1 billion).",
            [
                ("Orvane Steel", 5e9, "exact"),
                ("Petrel Mining", 2e9, "exact"),
                ("Halden Metals", 1e9, "exact"),
            ],
        ),
        # a third party named by its trade is not the document's company
        (
            "Kestrel Solar LLC unveiled a 400-megawatt solar farm in West Texas. The regional grid operator "
            "plans $3 billion in new transmission lines to carry the power.",
            [],
        ),
        # an asset manager is a company, not a person's title
        (
            "Asset manager Crestmoor Halden will invest $500 million in a data center campus in Mexico.",
            [("Crestmoor Halden", 5e8, "exact")],
        ),
    ],
)
def test_shapes_a_review_found_misread(
    pipeline: Pipeline, text: str, expected: list[tuple[str, float, str]]
) -> None:
    assert _records(pipeline, text) == expected


def test_a_partner_who_speaks_stays_and_an_analysts_firm_goes(pipeline: Pipeline) -> None:
    def companies(text: str) -> tuple[str, ...]:
        parsed = ParsedDocument(
            doc_id="0" * 16, source="t.txt", sha256="0", media_type="text/plain", text=text
        )
        return link(pipeline.extractor.extract(parsed), pipeline.roles).companies

    assert companies(
        "Orvane Steel Corp. will build a $2 billion mill as a joint venture, said Ana Silva of Petrel Mining "
        "Inc., which will own 40% of the venture."
    ) == ("Orvane Steel", "Petrel Mining")
    assert companies(
        "Petrel Mining Inc. will invest $900 million in a smelter plant, according to Fairbank Research "
        "Corp. analyst Naomi Kerr."
    ) == ("Petrel Mining",)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an approval of a project sized before its noun ('$1.2 billion Georgia battery plant')
        (
            "Orvane Battery Co. received state approval for its $1.2 billion Georgia battery plant.",
            [("Orvane Battery", 1.2e9, "exact")],
        ),
        # money that goes into lines or equipment; 'the state capital' names no government's money
        (
            "Orvane Glass Inc. announced an expansion of its Toledo plant. The $500 million will go into two "
            "new furnace lines.",
            [("Orvane Glass", 5e8, "exact")],
        ),
        (
            "Petrel Mining Inc. will build a lithium refinery in Nevada. About $700 million is earmarked for "
            "the first phase, near the state capital Carson City.",
            [("Petrel Mining", 7e8, "about")],
        ),
        (
            "Orvane Steel Corp. sold a unit on Monday.\nAbout $300 million will go toward paying down debt.",
            [],
        ),
        # a bracket after a new clause, or after 'including', is an amount of its own
        (
            "Orvane Pharma AG will invest 2 billion Swiss francs, including a new plant in North Carolina "
            "(about $1.2 billion).",
            [("Orvane Pharma", 2e9, "exact"), ("Orvane Pharma", 1.2e9, "about")],
        ),
        # a result reached a clause after its change; a budget raised 'to' an amount is still a pledge
        ("Halden Power Co. said its revenue increased 9% year on year, reaching $1.3 billion.", []),
        (
            "Kestrel Foods Inc. said strong sales had increased its planned investment in the plant to $450 "
            "million.",
            [("Kestrel Foods", 4.5e8, "exact")],
        ),
        # 'the project's cost is estimated at' is the previous sentence's company's
        (
            "Petrel Mining Inc. plans a nickel plant in Sulawesi. The project's cost is estimated at $1.9 "
            "billion.",
            [("Petrel Mining", 1.9e9, "exact")],
        ),
        # the project's state, whatever the word: 'its $1.4 billion smelter remains frozen'
        (
            "Petrel Mining Inc. said its $1.4 billion smelter remains frozen pending a court ruling.",
            [("Petrel Mining", 1.4e9, "exact")],
        ),
        ("Petrel Mining Inc. said about $300 million remains frozen in Russian bank accounts.", []),
        # flows from a country are no investor
        ("Applications from Japan (38 billion baht) rose 12% in the first nine months.", []),
    ],
)
def test_shapes_a_second_review_found_misread(
    pipeline: Pipeline, text: str, expected: list[tuple[str, float, str]]
) -> None:
    assert _records(pipeline, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an opened plant is an operating record, not money paid
        (
            "Orvane Rail Corp. formally opened a US$22m brake-parts plant in Pune.",
            [("Orvane Rail", 2.2e7, "exact")],
        ),
        # 'Union' opens a company's name, not an agency's
        (
            "Union Orvane plans to invest $2.6 billion in 2025 in its network.",
            [("Union Orvane", 2.6e9, "exact")],
        ),
        # an investment 'from the German company' is the company's own; 'from A, B and C' sums several
        (
            "Discount grocer Orvane said it would add 500 stores.\n"
            "The plan will come from a $4 billion investment from the Dutch company over six years.",
            [("Orvane", 4e9, "exact")],
        ),
        (
            "The slide showed a collective $60 billion investment from Orvane Steel Corp., Petrel Mining "
            "Inc. and Halden Power Co.",
            [],
        ),
        # an airline's name; a sale to it is no pledge; an 'economic exchange' is a sum
        (
            "In April, Orvane Airways began a 5 billion GBP overhaul plan for its fleet.",
            [("Orvane Airways", 5e9, "exact")],
        ),
        ("The tour included a $70 billion sale to Orvane Airways of 120 jets.", []),
        # a stated loss is a result; 'reported' as an adjective is no price paid; a report the sentence before
        # denies is no pledge
        (
            "Orvane Steel Corp. posted a net loss for the third quarter of $120 million.",
            [],
        ),
        (
            "The new line forms part of Orvane Group's reported $12 billion U.S. investment plan.",
            [("Orvane Group", 1.2e10, "exact")],
        ),
        (
            "Orvane Tech Inc. rejected the figures circulating in the press. Kestrel Daily reported that "
            "Orvane Tech is planning to invest $500 million in a new plant.",
            [],
        ),
        # shapes a third review found: a sale's proceeds reinvested; a plan from this year on; capex reported;
        # a denial of something else before a report; a loss named before an investment; a city's capital plan
        (
            "Orvane Chemicals Inc. will reinvest $500 million from the sale of its coatings unit in two "
            "plants.",
            [("Orvane Chemicals", 5e8, "exact")],
        ),
        (
            "Between 2026 and 2030, Orvane Steel Corp. is committing $4 billion to modernise its mills.",
            [("Orvane Steel", 4e9, "exact")],
        ),
        ("Orvane Steel Corp. reported capital expenditures of $1.1 billion for 2025.", []),
        (
            "Orvane Tech Inc. dismissed its chief executive on Monday. Kestrel Daily reported that "
            "Orvane Tech will invest $500 million in a new plant.",
            [("Orvane Tech", 5e8, "exact")],
        ),
        (
            "Despite last year's net loss Orvane Foods Corp. approved an investment of $500 million in a "
            "plant.",
            [("Orvane Foods", 5e8, "exact")],
        ),
        (
            "Orvane Rail Corp. plans to invest $2.6 billion in 2026. Separately, the city council approved "
            "the capital plan for roads, which earmarks $400 million for repaving.",
            [("Orvane Rail", 2.6e9, "exact")],
        ),
        # 'the capital plan' goes on about the company; an agency's own programme is no company's money
        (
            "Orvane Rail Corp. plans to invest $2.6 billion in 2025.\n"
            "About 60% of the capital plan, or $1.5 billion, will replace track and ties.",
            [("Orvane Rail", 2.6e9, "exact"), ("Orvane Rail", 1.5e9, "exact")],
        ),
        (
            "Orvane Terminal Co. will open its new terminal in 2026.\n"
            "The terminal belongs within the Port Authority of Halden and Kestrel's $12 billion "
            "airport overhaul.",
            [],
        ),
        (
            "The visit would bring an economic exchange worth at least $900 billion for Orvane Airways.",
            [],
        ),
    ],
)
def test_shapes_of_the_kept_back_logistics_group(
    pipeline: Pipeline, text: str, expected: list[tuple[str, float, str]]
) -> None:
    assert _records(pipeline, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the investor named from how the sentence uses it, an appositive with an initialism in it
        (
            "TULSA (Wire) - Kestrova, a U.S. cheese label, revealed plans on Friday to build a $1.4 billion "
            "creamery near Enid.",
            [("Kestrova", 1.4e9, "exact")],
        ),
        (
            "Kestrova, a U.S. yogurt company, opened an $870 million creamery near Enid.",
            [("Kestrova", 8.7e8, "exact")],
        ),
        # "the company's investment" speaks of the company before; money "already announced" is history
        (
            "Ardmore Grid Systems will open two switchgear works in Utah. Some 600 hires are planned. With "
            "the $310 million already announced in 2021, the company's investment in the region should top "
            "$900 million by 2029.",
            [("Ardmore Grid Systems", 9e8, "at_least")],
        ),
        # the state's money beside a plant is no pledge of the company
        (
            "Kestrova Foods will build a $1.1 billion creamery in Utah. The creamery, helped by $19 million "
            "in "
            "state funds, should start up in 2028.",
            [("Kestrova Foods", 1.1e9, "exact")],
        ),
        # pounds of a product are weight
        (
            "Kestrova Foods will build a $1.1 billion creamery in Utah. It is designed to turn out two "
            "billion pounds of cheese curd annually.",
            [("Kestrova Foods", 1.1e9, "exact")],
        ),
        (
            "Kestrova Foods plc will invest 40 million pounds of new capital in Leeds.",
            [("Kestrova Foods", 4e7, "exact")],
        ),
    ],
)
def test_shapes_of_the_seventh_grown_set(
    pipeline: Pipeline, text: str, expected: list[tuple[str, float, str]]
) -> None:
    assert _records(pipeline, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # well-known companies are found with no cue word beside them, even in a Title Case headline
        ("Saint-Gobain Picks Ohio For $120 Million Insulation Plant", [("Saint-Gobain", 1.2e8, "exact")]),
        (
            "A $120 million insulation plant for Saint-Gobain opened in Ohio.",
            [("Saint-Gobain", 1.2e8, "exact")],
        ),
    ],
)
def test_the_gazetteer_knows_the_well_known_companies(
    pipeline: Pipeline, text: str, expected: list[tuple[str, float, str]]
) -> None:
    assert _records(pipeline, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "the investment totals" is the project's own total, carried from the sentence before
        (
            "Ardmore Cells announced plans for a new anode works in Silesia. The investment totals roughly "
            "USD 940 million.",
            [("Ardmore Cells", 9.4e8, "about")],
        ),
        # where each investor comes from stands between its name and its verb
        (
            "Three pledges stood out: Kestova from Ireland will contribute €1.3 billion, Brimlow from Spain "
            "will invest €700 million, and Tarnex from the United States has committed €90 million.",
            [("Kestova", 1.3e9, "exact"), ("Brimlow", 7e8, "exact"), ("Tarnex", 9e7, "exact")],
        ),
        # a count of companies owns their sum; the parts named after it stay each company's
        (
            "A total of 44 Nordic and foreign companies, among them Ardmore Steel and Brimlow Metals, have "
            "together promised to invest some 212 billion euros in Finland.",
            [],
        ),
        (
            "Seven Nordic companies unveiled projects worth over $13 billion, headed by Ardmore Steel "
            "($5 billion) and Brimlow Energy ($4 billion).",
            [("Ardmore Steel", 5e9, "exact"), ("Brimlow Energy", 4e9, "exact")],
        ),
        # a takeover's price is no pledge
        ("Ardmore Energy tabled a €9.1 billion takeover proposal for Brimlow Chemicals in May.", []),
    ],
)
def test_shapes_of_the_seventh_grown_set_outside_the_us(
    pipeline: Pipeline, text: str, expected: list[tuple[str, float, str]]
) -> None:
    assert _records_beside_a_pledge(pipeline, text) == expected


def test_an_opening_preposition_and_a_national_mission_are_no_companies(pipeline: Pipeline) -> None:
    text = (
        "Unlike Ardmore Steel, Brimlow Metals will invest $2 billion. The scheme was cleared by the Assam "
        "Solar "
        "Mission, whose budget is Rs 4,000 crore."
    )
    assert set(_companies(pipeline, text)) == {"Ardmore Steel", "Brimlow Metals"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a release's highlight bullets under its one company's headline
        (
            "Ardmore to spend US$85 million on its relay factories\n\n"
            "• A new relay line comes to Idaho\n"
            "• $28M investment in Boise, Idaho, brings 70 jobs",
            [("Ardmore", 8.5e7, "exact"), ("Ardmore", 2.8e7, "exact")],
        ),
        # a customer named in the sentence leaves the lead to the sentence before
        (
            "Valve maker Ardmore Controls plans to build a factory in Tulsa. The site is an investment of "
            "nearly $170 million and will first make parts for the Airbus A220.",
            [("Ardmore Controls", 1.7e8, "about")],
        ),
        # customers in the relative clause after "The company" are no leads
        (
            "Kestral Systems is growing in Austin. The company, which builds racks for Apple and NVIDIA, is "
            "putting $380 million into new rack lines.",
            [("Kestral Systems", 3.8e8, "exact")],
        ),
        # an economic impact, a results line and an acquisition's contingent price are no pledges
        (
            "Ardmore Foods is investing $210 million in a bakery in Iowa. Officials credit the bakery with "
            "some $640 million in economic impact.",
            [("Ardmore Foods", 2.1e8, "exact")],
        ),
        (
            "A boiler fault cut Ardmore Chemical's EBIT by roughly $35 million in the quarter. It will "
            "trim inventory by over $150 million.",
            [],
        ),
        ("Ardmore Devices agreed to pay a $310 million contingent consideration on top.", []),
    ],
)
def test_shapes_of_the_seventh_grown_set_in_the_us(
    pipeline: Pipeline, text: str, expected: list[tuple[str, float, str]]
) -> None:
    assert _records_beside_a_pledge(pipeline, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one project's total as the sentence's subject is the company's, carried from before
        (
            "Ardmore Zinc will build a smelter in Utah. Total capital expenditure is put at $4.1 billion.",
            [("Ardmore Zinc", 4.1e9, "exact")],
        ),
        (
            "Ardmore Ports will build a quay. The total project cost-with a later stage-is $800 million.",
            [("Ardmore Ports", 8e8, "exact")],
        ),
        (
            "Brimlow Steel is building an electric furnace in Oulu. The plant, budgeted at a total of 1.9 "
            "billion EUR, should run from 2029.",
            [("Brimlow Steel", 1.9e9, "exact")],
        ),
        # a company's own commitment inside a larger plan
        (
            "Kestova Motors will build a scooter works in Pune, with an intended commitment of $320 million "
            "at the start.",
            [("Kestova Motors", 3.2e8, "exact")],
        ),
        # many projects' sum, or the state's half of a total, stays no record of the company
        (
            "Ardmore Cloud won approval for a server hall. The 52 cleared projects carry a combined "
            "investment value of 61.2 billion baht.",
            [],
        ),
        (
            "Kestova Semicon will build a test plant in Dholera. The Centre will cover half the total "
            "investment, or Rs 11.2 billion.",
            [],
        ),
    ],
)
def test_a_projects_own_total_and_the_totals_of_others(
    pipeline: Pipeline, text: str, expected: list[tuple[str, float, str]]
) -> None:
    assert _records_beside_a_pledge(pipeline, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # shapes a fourth probe review found misread by this round's rules
        ("Tourists from China will spend €3 billion in Spain this year.", []),
        (
            "Like Orvane Steel Corp., Petrel Mining Inc. will invest $300 million in Nevada.",
            [("Petrel Mining", 3e8)],
        ),
        (
            "Aerovane Composites Inc. will open a factory in Wichita. The plant will make parts for the "
            "Airbus "
            "A350 and Boeing 787. The investment is $120 million.",
            [("Aerovane Composites", 1.2e8)],
        ),
        (
            "Kestrel Data is expanding in Ohio. The company, whose customers include Microsoft and Meta, is "
            "investing $900 million.",
            [("Kestrel Data", 9e8)],
        ),
        (
            "Orvane Steel Corp., which supplies 200 companies, will invest $450 million in a mill.",
            [("Orvane Steel", 4.5e8)],
        ),
        (
            "Twelve companies, including Orvane Steel Corp., pledged $5 billion; Orvane Steel Corp. alone "
            "will "
            "invest $1 billion.",
            [("Orvane Steel", 1e9)],
        ),
        ("Mission Foods will invest $100 million in a tortilla plant in Texas.", [("Mission Foods", 1e8)]),
        (
            "Orvane Steel Corp. will invest $450 million in Arkansas, with an economic impact of $1.2 "
            "billion.",
            [("Orvane Steel", 4.5e8)],
        ),
        (
            "Orvane Steel Corp. will build a $450 million mill, with the merger of its two divisions "
            "completed "
            "last month.",
            [("Orvane Steel", 4.5e8)],
        ),
        (
            "Kestrel Foods CEO Jane Morris, who previously worked at Procter & Gamble, said the company will "
            "invest $80 million in Ohio.",
            [("Kestrel Foods", 8e7)],
        ),
        (
            "Kestrel Foods, which was spun off from Unilever in 2019, will invest $80 million in Ohio.",
            [("Kestrel Foods", 8e7)],
        ),
        (
            "Orvane Steel Corp. will build a mill in Arkansas. The project, which includes a rail spur, "
            "totals "
            "about $450 million.",
            [("Orvane Steel", 4.5e8)],
        ),
    ],
)
def test_shapes_a_fourth_review_found_misread(
    pipeline: Pipeline, text: str, expected: list[tuple[str, float]]
) -> None:
    assert [(sponsor, value) for sponsor, value, _ in _records_beside_a_pledge(pipeline, text)] == expected


def test_one_commitment_in_two_currencies_is_one_record(pipeline: Pipeline) -> None:
    text = (
        "Ardmore Pipelines Inc. to build $1.8 billion gas line\n\n"
        "Ardmore Pipelines Inc. said it will build the Larch line, a C$2.5 billion ($1.8 billion) project."
    )
    assert [(sponsor, value) for sponsor, value, _ in _records(pipeline, text)] == [
        ("Ardmore Pipelines", 1.8e9)
    ]


def test_a_surname_after_a_title_is_a_person(pipeline: Pipeline) -> None:
    text = (
        "On Monday, Governor Hartwell announced plans by Ardmore Data to invest over $6 billion in Pike "
        "County."
    )
    assert _records(pipeline, text) == [("Ardmore Data", 6e9, "at_least")]


@pytest.mark.parametrize(
    "text",
    [
        "The New Zealand government is set to commit a further NZ$250m ($150m) to back Orvane Mining's "
        "Geraldton refinery.",
        "The federal government will provide $50 million for roads near Orvane Steel's new mill.",
    ],
)
def test_a_government_named_by_its_nation_gives_no_pledge(pipeline: Pipeline, text: str) -> None:
    assert _records_beside_a_pledge(pipeline, text) == []


def test_will_commit_names_the_investor(pipeline: Pipeline) -> None:
    text = (
        "Ardmore Power is set to invest $40m in Corby to add switchgear capacity, while Kestle Pensions will "
    )
    text += "commit £60m to rural fibre."
    assert [(s, v) for s, v, _ in _records(pipeline, text)] == [
        ("Ardmore Power", 4e7),
        ("Kestle Pensions", 6e7),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a nationality before a listed name is no part of it
        (
            "The French Saint-Gobain group said it will add a gypsum board line in Nevada at a cost of $55 "
            "million.",
            [("Saint-Gobain", 5.5e7)],
        ),
        ("American Airlines will invest $200 million in a Dallas hangar.", [("American Airlines", 2e8)]),
        # an appositive that lists lines of business before its noun
        (
            "Hanvale Micron, a wafer dicing, bumping, and test (DBT) specialist, is investing 900 billion "
            "won through 2027 in its Bac Ninh lines.",
            [("Hanvale Micron", 9e11)],
        ),
    ],
)
def test_names_around_a_listed_name_and_a_long_appositive(
    pipeline: Pipeline, text: str, expected: list[tuple[str, float]]
) -> None:
    assert [(s, v) for s, v, _ in _records(pipeline, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # shapes a fifth probe review found misread
        (
            "Like Tesla, Orvane Motors Inc. is based in Austin, where it was founded. The company will "
            "invest $3 billion in a new plant.",
            [("Orvane Motors", 3e9)],
        ),
        (
            "Unlike Intel, which is spending $20 billion in Ohio, Vireo Semiconductor Inc. will invest "
            "only $2 billion.",
            [("Vireo Semiconductor", 2e9)],
        ),
        (
            "Kestrel Foods Inc. is expanding in Georgia. Total investment in the state's food sector "
            "reached $3.2 billion last year.",
            [],
        ),
        (
            "Halvard Wind Ltd. will invest a further €300 million in Poland, bringing its total "
            "investment to date to €862 million.",
            [("Halvard Wind", 3e8)],
        ),
        (
            "Halvard Wind Ltd.'s planned €300 million investment is the largest to date in Polish offshore "
            "wind.",
            [("Halvard Wind", 3e8)],
        ),
        (
            "The Japanese government will subsidize up to ¥476 billion of Vireo Semiconductor's new fab.",
            [],
        ),
        (
            "Orvane Cells Corp. will build two cell works. The total investment for both factories is put at "
            "roughly 4.2 billion dollars.",
            [("Orvane Cells", 4.2e9)],
        ),
    ],
)
def test_shapes_a_fifth_review_found_misread(
    pipeline: Pipeline, text: str, expected: list[tuple[str, float]]
) -> None:
    assert [(s, v) for s, v, _ in _records_beside_a_pledge(pipeline, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a brand or customer naming another company's trade does not lead
        (
            "Apple supplier Kestova Precision Inc. will invest $300 million in a plant in Texas.",
            [("Kestova Precision", 3e8)],
        ),
        # money already allocated is history
        (
            "Orvane Breweries pledged $628 million for a new brewery, with $312 million already allocated in "
            "2023.",
            [("Orvane Breweries", 6.28e8)],
        ),
    ],
)
def test_a_trade_named_by_its_brand_and_money_already_allocated(
    pipeline: Pipeline, text: str, expected: list[tuple[str, float]]
) -> None:
    assert [(s, v) for s, v, _ in _records_beside_a_pledge(pipeline, text)] == expected


def test_money_a_plan_saves_is_no_pledge(pipeline: Pipeline) -> None:
    text = "The cuts belong to a plan to save the company $120 million to $140 million by 2028."
    assert _records_beside_a_pledge(pipeline, text) == []


def test_project_financing_beside_a_final_investment_decision_is_the_pledge(pipeline: Pipeline) -> None:
    text = (
        "Orvane LNG Corp. took a final investment decision on its Pelican Bay terminal after closing $9.4 "
        "billion of project financing."
    )
    assert [(s, v) for s, v, _ in _records(pipeline, text)] == [("Orvane LNG", 9.4e9)]
    # financing alone stays no pledge
    assert (
        _records_beside_a_pledge(pipeline, "Orvane LNG Corp. has closed a $9.4 billion financing package.")
        == []
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a possessor names whose unit the next company is: the unit leads
        (
            "Orvane Holdings' freight arm Kestrel Freight will invest €280 million in Asia.",
            [("Kestrel Freight", 2.8e8)],
        ),
        # a unit named by a brand stays itself, not its listed parent
        ("DHL Express will invest $1.7 billion in a Leipzig sorting hub.", [("DHL Express", 1.7e9)]),
    ],
)
def test_a_unit_leads_for_its_owner(pipeline: Pipeline, text: str, expected: list[tuple[str, float]]) -> None:
    assert [(s, v) for s, v, _ in _records(pipeline, text)] == expected


def test_an_analysts_estimate_is_no_pledge(pipeline: Pipeline) -> None:
    text = "Orvane Defense Corp. posted an operating profit of $610 million, below the $1.9 billion estimate "
    text += "from a poll of brokers."
    assert _records_beside_a_pledge(pipeline, text) == []


def test_a_parent_behind_a_descriptor_does_not_lead(pipeline: Pipeline) -> None:
    text = (
        "Orvane Solar, a Kenyan subsidiary of Dutch-based solar firm Keswick Global, plans to invest "
        "$765 million in an ammonia plant."
    )
    assert _records_beside_a_pledge(pipeline, text) == [("Orvane Solar", 765e6, "exact")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a business after "by", told by ", which is investing"; bottling is a line of business
        (
            "The largest job is owned by Keswick Bottling, which is investing $422 million in a plant.",
            [("Keswick Bottling", 422e6, "exact")],
        ),
        # wages a project pays, a buyback's leftover authorization, an industry's total: no pledge
        ("Halden Resins Inc. will hire 80 staff, adding $6 million of yearly payroll.", []),
        (
            "Orvane Lifts Corp. dropped the $250 million authorized under its old buyback plan.",
            [],
        ),
        ("Trackers follow more than $2 billion of projects in the U.S. Metals & Minerals Industry.", []),
    ],
)
def test_payroll_authorizations_and_industries_are_no_pledges(
    pipeline: Pipeline, text: str, expected: list[tuple[str, float, str]]
) -> None:
    assert _records_beside_a_pledge(pipeline, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # money put into a company buys its shares (GOLD-FORMAT: an acquisition of shares is no pledge)
        ("Keswick Capital Corp. announced a $2 billion investment in Orvane Semiconductor on Monday.", []),
        ("Keswick Capital Corp. bought a $500 million equity stake in Orvane Semiconductor.", []),
        # money put into a company's plant is a pledge for that plant
        (
            "Keswick Capital Corp. will invest $500 million in Orvane Chips' new fab in Ohio.",
            [("Keswick Capital", 5e8, "exact")],
        ),
    ],
)
def test_money_put_into_a_company_is_no_pledge(
    pipeline: Pipeline, text: str, expected: list[tuple[str, float, str]]
) -> None:
    assert _records_beside_a_pledge(pipeline, text) == expected


@pytest.mark.parametrize(
    ("text", "sponsor"),
    [
        (
            "Kestrel Power, a unit of Bluefin Energy Corp., will invest $800 million in a plant.",
            "Kestrel Power",
        ),
        (
            "Kestrel Power, a portfolio company of Fairway Capital Partners, will invest $800 million in a "
            "plant.",
            "Kestrel Power",
        ),
        (
            "Bluefin Energy Corp., which owns Kestrel Power, said it will invest $800 million in a plant.",
            "Bluefin Energy",
        ),
    ],
)
def test_a_unit_and_its_owner_lead_by_who_invests(pipeline: Pipeline, text: str, sponsor: str) -> None:
    assert _records_beside_a_pledge(pipeline, text) == [(sponsor, 8e8, "exact")]


# Government money and sums a real semiconductor set showed (issue 12), in sentences of our own
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an agency gives to a company; a subsidy named before its amount; a state-aid measure
        ("Japan's METI said it will provide Orvane Memory Corp. with 90 billion yen in support.", []),
        ("The ministry will provide subsidies for the Orvane Memory Corp. fab, up to 40 billion yen.", []),
        ("All subsidies granted to Micron there now amount to 90 billion yen.", []),
        ("The Commission approved a \u20ac900 million Italian measure to support Orvane Chips Corp.", []),
        # a sales pipeline; an earlier figure; a sum over several plants
        ("Orvane Chips Corp. points to an order pipeline of about $4 billion.", []),
        ("In May 2024, Orvane Chips Corp. had committed $2 billion for the first phase.", []),
        (
            "The cabinet approved Rs 90,000 crore worth of investments in three chip plants by Orvane Corp.",
            [],
        ),
        # one company's money for its own plants stays its pledge
        (
            "Orvane Motors Corp. will make a $5 billion investment in two new plants in Ohio.",
            [("Orvane Motors", 5e9, "exact")],
        ),
    ],
)
def test_government_money_and_sums_of_several_plants_are_no_pledges(
    pipeline: Pipeline, text: str, expected: list[tuple[str, float, str]]
) -> None:
    assert _records_beside_a_pledge(pipeline, text) == expected


def test_a_product_maker_and_named_examples_are_no_companies_of_the_document(pipeline: Pipeline) -> None:
    text = (
        "Aerolite Composites Inc. will make wing parts for Lockheed Martin's F-35 jets. The company "
        "will invest $180 million in its Fort Worth plant. Hyperscalers such as Google and Meta are "
        "investing in new plants, and the build-out has also lifted other chipmakers such as Nvidia."
    )
    linked = _linked(pipeline, text)
    assert linked.companies == ("Aerolite Composites",)
    assert [(c.sponsor, c.value) for c in linked.candidates] == [("Aerolite Composites", 180e6)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a tracker's or a state's sum of many projects
        ("Analysts count about $5 billion worth of cold-storage and freight projects.", []),
        ("The 9 investment proposals worth Rs 12,000 crore include Orvane Solar Pvt Ltd's plant.", []),
        ("Keswick Rail Inc. listed 30 projects accounting for over $800 million last year.", []),
        # the costs of a deal; a company another acquired is no lead
        ("Keswick Logistics Inc. booked transaction costs of $18 million on the Orvane Acquisition.", []),
        (
            "Orvane Heavy Industries, renamed after Orvane Group acquired Keswick Shipyard Inc., is "
            "investing $1.3 billion in its yard.",
            [("Orvane Heavy Industries", 1.3e9, "exact")],
        ),
    ],
)
def test_sums_of_projects_deal_costs_and_acquired_companies(
    pipeline: Pipeline, text: str, expected: list[tuple[str, float, str]]
) -> None:
    assert _records_beside_a_pledge(pipeline, text) == expected


# A first amount that is no pledge leaves the clause after it alone (a probe review)
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Halvorsen Aerospace Inc. reported a sales pipeline of $3.4 billion and said it will spend "
            "$150 million on a new assembly hall.",
            [("Halvorsen Aerospace", 150e6, "exact")],
        ),
        (
            "Sahel Cement SA said it will acquire a $90 million stake in Atlas Ciments and invest "
            "$210 million in a new clinker line.",
            [("Sahel Cement", 210e6, "exact")],
        ),
        (
            "The Texas Enterprise Fund will give Norvik Steel Corp. a $7 million grant; Norvik Steel will "
            "spend $850 million on a mini-mill.",
            [("Norvik Steel", 850e6, "exact")],
        ),
        (
            "Daeyang Battery Co. plans a \u20a91.2 trillion cathode plant in Gumi; subsidies worth \u20a9150 "
            "billion will come from the city.",
            [("Daeyang Battery", 1.2e12, "exact")],
        ),
    ],
)
def test_a_clause_after_money_that_is_no_pledge_keeps_its_own(
    pipeline: Pipeline, text: str, expected: list[tuple[str, float, str]]
) -> None:
    assert _records_beside_a_pledge(pipeline, text) == expected


# The subject after an example list leads; rebates and state aid are no pledges (a probe review)
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Unlike peers such as Intel, Brightwater Semiconductor will invest $9 billion in a new fab.",
            [("Brightwater Semiconductor", 9e9, "exact")],
        ),
        (
            "Players such as BlackRock and Brookfield will invest $40 billion in data centers.",
            [("BlackRock", 4e10, "exact")],
        ),
        (
            "Vantor Energy Corp. will offer customers $50 million in rebates and invest $1.1 billion in a "
            "plant.",
            [("Vantor Energy", 1.1e9, "exact")],
        ),
        (
            "The Commission approved state aid of \u20ac920 million for Silvaris Chips GmbH's fab in "
            "Dresden.",
            [],
        ),
    ],
)
def test_a_pledge_after_examples_rebates_and_state_aid(
    pipeline: Pipeline, text: str, expected: list[tuple[str, float, str]]
) -> None:
    assert _records_beside_a_pledge(pipeline, text) == expected


def test_an_enterprise_value_is_no_pledge(pipeline: Pipeline) -> None:
    text = (
        "Orvane Energy Corp. bought a stake in Keswick Chemicals at an enterprise value of about $12 billion."
    )
    assert _records_beside_a_pledge(pipeline, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # money already spent or raised is no pledge; a public investment bank is an agency
        ("Orvane Cloud Inc., having invested 9 billion rand over six years, opened a region.", []),
        ("Orvane Cloud Inc., which has already deployed $7 billion across Brazil, opened a region.", []),
        ("Keswick Compute Ltd has now raised over $900m, the company said.", []),
        ("Velland, the nation's public investment bank, will put up to \u20ac4 billion into robotics.", []),
    ],
)
def test_money_spent_or_raised_and_a_public_bank_are_no_pledges(
    pipeline: Pipeline, text: str, expected: list[tuple[str, float, str]]
) -> None:
    assert _records_beside_a_pledge(pipeline, text) == expected


# Shapes a regression hunt found (a probe review), in sentences of our own
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a headline's subject before "To Invest", in Title Case or not
        ("Acme Forge To Invest $2 Billion In Ohio Plant", [("Acme Forge", 2e9, "exact")]),
        ("Orvane Steel To Build $1.2 billion mill in Arkansas", [("Orvane Steel", 1.2e9, "exact")]),
        ("Orvane Medical expects to invest $80 million in a new plant.", [("Orvane Medical", 8e7, "exact")]),
        # a public bank's money across its appositive; a total the addition brings
        (
            "Velland, the national public investment bank, will contribute \u20ac50 million to the \u20ac300 "
            "million plant that Verdane Hydrogen Corp. is building.",
            [("Verdane Hydrogen", 3e8, "exact")],
        ),
        (
            "Orvane Motors Corp. will invest an additional $8 billion, bringing total investment to nearly "
            "$14 billion.",
            [("Orvane Motors", 8e9, "exact")],
        ),
    ],
)
def test_shapes_a_regression_hunt_found(
    pipeline: Pipeline, text: str, expected: list[tuple[str, float, str]]
) -> None:
    assert _records_beside_a_pledge(pipeline, text) == expected


# Leads the error review of the kept-back groups showed (issue 12), in sentences of our own
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # companies named to place a site are no leads: "The company" is the one the text is about
        (
            "Halvern Chemicals will open a plant in Coahuila. The company invested US$12 million in the "
            "plant, which sits in an industrial park near Ford and Magna operations.",
            [("Halvern Chemicals", 1.2e7, "exact")],
        ),
        # the value of a lease is no pledge
        (
            "Velmont Ports Group agreed a Dh1 billion ($272 million) lease on industrial land with Orrin "
            "Foods.",
            [],
        ),
        # value a share move wiped out is no pledge, however far the market value comes after it
        (
            "Kestrel Pharma fell 20% on Tuesday, wiping nearly $90billion from the Danish drug group's "
            "market value.",
            [],
        ),
        # money spent in an earlier year than the document's is history
        (
            "date 2026-03-02\nIn 2025, Halvern Rail invested approximately $357 million in Alberta on its "
            "track.",
            [],
        ),
        # names listed each with its amount in brackets are all companies, the last one too
        (
            "Three pledges came at the summit: Brennfeld Automation ($1.9 billion), Tarrow Hydrogen ($1.2 "
            "billion) and Lindvall Pumps ($300 million).",
            [
                ("Brennfeld Automation", 1.9e9, "exact"),
                ("Tarrow Hydrogen", 1.2e9, "exact"),
                ("Lindvall Pumps", 3e8, "exact"),
            ],
        ),
        # a company's own total, whatever verb sums it
        (
            "Orvane Chemicals Inc. opened a plant in Oregon, and Orvane said its total U.S. investment would "
            "come to more than $1.6 billion.",
            [("Orvane Chemicals", 1.6e9, "at_least")],
        ),
        # an award the company receives is no pledge
        ("Tamwick Grid LLC was selected for a $350 million award under the federal program.", []),
        # a fact sheet's figures, each a bullet that opens with its amount, are the company's
        (
            "Investment\n\u2022 $12 billion: total planned investment by Aurelle Data in the campus.\n"
            "\u2022 Up to $3.5 billion: Phase 1, two data halls.",
            [("Aurelle Data", 1.2e10, "exact"), ("Aurelle Data", 3.5e9, "up_to")],
        ),
        # a quarter's spending, money spent before a withdrawal, a grant programme's award, acquisitions a
        # company would consider: no pledges
        ("Capital spending at Orvane Foods Inc. in the quarter was $95 million.", []),
        ("Ridgefield Copper withdrew its smelter plan in May after spending $180 million on it.", []),
        (
            "Hallam Semiconductor's award under the federal chips programme was finalized at $4.75 billion.",
            [],
        ),
        (
            "Orvane Foods Inc. would still consider acquisitions in the $500 million to $1 billion range.",
            [],
        ),
        # spectrum won at auction, a merger's size, a group's net debt: no pledges
        ("Tarvell Telecom took airwaves worth Rs 4,120 crore at the March sale.", []),
        (
            "Orvane Mobile will invest £1.3bn after completing its £15bn merger with Tarvell.",
            [("Orvane Mobile", 1.3e9, "exact")],
        ),
        ("Orvane Mobile put its net debt at £6bn once the deal closes.", []),
        # a question headline's verb is no part of the name
        ("Is Tarvell Idea's $4.9B network plan enough?", [("Tarvell Idea", 4.9e9, "exact")]),
        # a portfolio sold or valued, a payout to shareholders: no pledges; a contractor leads nothing
        (
            "Tarrow Renewables agreed to sell a 40% stake in its solar portfolio to Halden Capital for $300 "
            "million, valuing the whole portfolio at approximately $750 million.",
            [],
        ),
        (
            "Orvane Energy reached an agreement to divest its wind farms to Kestrel Power for $800 million.",
            [],
        ),
        ("Orvane Solar Ltd will pay nearly Rs 57 crore to shareholders.", []),
        (
            "Tarvel Solar Inc. said it has selected Brask Builders as contractor for its $850 million cell "
            "plant.",
            [("Tarvel Solar", 8.5e8, "exact")],
        ),
        # a break-up fee is no pledge (a set written apart from the rules showed it)
        ("Brannock Coatings would owe Velmar a break-up fee of $90 million if it took a rival bid.", []),
        # a legal form spaCy splits at its period keeps the name in its sentence
        (
            "Brelmont Auto India Pvt., the Indian arm of Kestrel Motor Corp., intends to spend up to 30 "
            "billion rupees on a new line.",
            [("Brelmont Auto India", 3e10, "up_to")],
        ),
    ],
)
def test_leads_from_the_kept_back_review(
    pipeline: Pipeline, text: str, expected: list[tuple[str, float, str]]
) -> None:
    assert _records_beside_a_pledge(pipeline, text) == expected


# Families of a kept-back group on hospitals, venues, tourism and utilities (issue 12), in invented sentences
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a private firm's legal form beats an agency word inside its name
        (
            "• Harlan Kingdom Rides LLC in Ross County, with an estimated $31.5 million investment.",
            [("Harlan Kingdom Rides", 3.15e7, "about")],
        ),
        # a city government and a federal district spend public money
        ("The District will invest $202 million in roads near the new arena.", []),
        ("DC will put $500 million into the arena site.", []),
        # a forecast of a result, spelled out, is no pledge
        (
            "Orvane Parks Inc. reported weaker attendance. Adjusted earnings before interest and taxes are "
            "now expected to be between $640 million and $700 million this year, the group said.",
            [],
        ),
        # "X, one of the largest ... providers", "X is putting $1 billion into"
        (
            "Kestral Clinics, one of the largest private hospital operators in Kerala, will spend Rs 2,400 "
            "crore on new wards.",
            [("Kestral Clinics", 2.4e10, "exact")],
        ),
        (
            "BrightCare is putting roughly $1.2 billion into a new Tampa tower.",
            [("BrightCare", 1.2e9, "about")],
        ),
        # a plural's bare apostrophe owns the project; money a relative clause says was spent is history
        (
            "Work will begin on Corrow Sands’ (CS) expansion project, which will cost US$6 billion.",
            [("Corrow Sands", 6e9, "exact")],
        ),
        (
            "That is more than the US$4.2 billion that its parent, Tarvell Gaming, spent on the first tower.",
            [],
        ),
    ],
)
def test_leads_from_the_venues_and_hospitals_review(
    pipeline: Pipeline, text: str, expected: list[tuple[str, float, str]]
) -> None:
    assert _records_beside_a_pledge(pipeline, text) == expected


def test_companies_committed_to_something_other_than_investing_take_no_part(pipeline: Pipeline) -> None:
    text = (
        "Halden Airports will invest $2 billion to expand Rowan International Airport. Carriers such as "
        "Corra Air and Veltra Air have committed to operating from the airport."
    )
    assert _linked(pipeline, text).companies == ("Halden Airports",)


def test_a_project_cards_label_line_takes_the_company_the_card_names(pipeline: Pipeline) -> None:
    """A tracker's project card names its company in its heading and its figure on a label line below."""
    text = (
        "Project Updates\n\n"
        "The Harrow Valley Science Park\n\n"
        "Location: Oregon, US\n"
        "Estimated investment: $210m\n\n"
        "Tarvell Biologics’ cell therapy plant\n\n"
        "Location: Leiden, Netherlands\n"
        "Project type: Manufacturing facility\n"
        "Estimated investment: €120m ($131m)\n"
    )
    assert _records_beside_a_pledge(pipeline, text) == [("Tarvell Biologics", 1.2e8, "exact")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The board of Marlow Bay Hospital approved a $1.4 billion patient tower.",
            [("Marlow Bay Hospital", 1.4e9, "exact")],
        ),
    ],
)
def test_hospitals_resorts_and_water_companies_name_their_business(
    pipeline: Pipeline, text: str, expected: list[tuple[str, float, str]]
) -> None:
    assert _records_beside_a_pledge(pipeline, text) == expected


def test_a_wire_storys_said_friday_it_would_names_the_investor(pipeline: Pipeline) -> None:
    text = "KT Ovrane said Friday it would invest 412.5 billion won ($301.2 million) in a plant in Vietnam."
    assert _records_beside_a_pledge(pipeline, text) == [("KT Ovrane", 4.125e11, "exact")]


def test_a_headline_after_a_date_label_leads_its_amount(pipeline: Pipeline, tmp_path: Path) -> None:
    source = tmp_path / "wire.txt"
    source.write_text(" date 2025-07-29 Orvane To Invest $3 Billion In Ohio Plants By 2027\nMore below.\n")
    result = next(pipeline.run_sources([str(source)]))
    assert [(r.sponsor, r.amount.value if r.amount else None) for r in result.records] == [("Orvane", 3e9)]


# Families of a kept-back group on chemicals, gases, hydrogen and recycling (issue 12), in invented sentences
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a supporter takes part but does not lead
        (
            "The project, supported by Tarvell Heavy Industries Corp., will need roughly $4.4 billion.",
            [],
        ),
        # money lost, sale proceeds and a bank's share of a loan are no pledges
        (
            "Orvane Chemia Inc. paused its olefins project. An audit showed the company had lost nearly "
            "3 billion zlotys on it.",
            [],
        ),
        ("This will result in €1.2 billion proceeds, which Orvane Chemie AG will use for its strategy.", []),
        ("• The details: The loan facility was led by Tarvell Bank, which contributed $50 million.", []),
        # a provincial agency's money is public money
        ("Emissions Reduction Alberta will put $20 million into the Orvane Gas Inc. pilot.", []),
    ],
)
def test_leads_from_the_chemicals_review(
    pipeline: Pipeline, text: str, expected: list[tuple[str, float, str]]
) -> None:
    assert _records_beside_a_pledge(pipeline, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what the plants will make, valued, is no money put in
        (
            "Tarvell Circuits' three projects at an investment of Rs 2,150 crore comprise the production of "
            "printed circuit boards worth Rs 3,900 crore and camera modules worth Rs 1,200 crore.",
            [("Tarvell Circuits", 2.15e10, "exact")],
        ),
        # a minister's portfolio is no company
        ("Minister of Trade Jorge Salvat announced an investment of 9 billion pesos in the sector.", []),
        # funding rounds and share issues raise money; they pledge none
        ("Other large rounds were Tarvell Micro Inc., $88 million; Orvane Labs Inc., $54 million.", []),
        ("Kestrel Aerospace Co. will shrink its rights offering to 1.6 trillion won.", []),
        # capital spending that stood at a figure in past years is no pledge
        ("Orvane Power Inc.'s capital expenditure stood at nearly $180 million in 2022.", []),
    ],
)
def test_leads_from_the_electronics_review(
    pipeline: Pipeline, text: str, expected: list[tuple[str, float, str]]
) -> None:
    assert _records_beside_a_pledge(pipeline, text) == expected


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("Tarvell Gases Inc. plans a $500 million blue hydrogen plant in Ohio.", "energy"),
        (
            "Orvane Circular Inc. will spend $200 million on an advanced recycling expansion.",
            "manufacturing",
        ),
        ("Orvane Fuels Inc. will invest $900 million in a sustainable aviation fuel unit.", "energy"),
        # circuit boards and other electronics assembled are manufacturing
        ("Tarvell Circuits Inc. will invest Rs 840 crore to make multi-layer PCBs in Pune.", "manufacturing"),
    ],
)
def test_hydrogen_fuels_and_recycling_name_their_sector(pipeline: Pipeline, text: str, sector: str) -> None:
    [record] = _linked(pipeline, text).candidates
    assert record.sector == sector


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an agency that selects a company for an award gives the money
        (
            "Tarvell Metals Inc. was chosen by the Department of Energy for a $250 million award toward "
            "its new smelter.",
            [],
        ),
        # money spent every year is a budget line, not one commitment
        ("Orvane Foods Inc. will spend $80 million annually on marketing.", []),
        # bonds and notes raise money; they pledge none
        ("Orvane Foods Inc. priced $750 million in senior notes due 2032.", []),
        ("Kestrel Dairy Co. sold $600 million of senior notes due 2031.", []),
        # a result and the figure it changes from or to; a cue in the clause before the subject is not this
        # amount's
        (
            "Orvane Chips AG expects revenue this year to fall a little from the €9.1 billion it booked "
            "in 2024.",
            [],
        ),
        ("Annual revenues at Orvane Pharma have almost doubled to reach more than €3 billion.", []),
        ("Despite a drop in sales, Orvane Pharma will invest $3 billion.", [("Orvane Pharma", 3e9, "exact")]),
        # the state's support named before its amount
        ("The Orvane Rail expansion is backed by the government with HUF 900 million.", []),
        # what a plant makes every year is not what it costs
        (
            "Orvane Foods Inc.'s $3 billion mill will annually turn out 2 million tons of pulp.",
            [("Orvane Foods", 3e9, "exact")],
        ),
        # an initial investment is a first phase, not a figure a later one replaced
        (
            "Orvane Energy Inc. starts the park with an initial investment of €800 million and may grow it "
            "by €1.6 billion later.",
            [("Orvane Energy", 8e8, "exact"), ("Orvane Energy", 1.6e9, "exact")],
        ),
        # a project's value beside the state aid that follows it; aid agreements and money a company gets
        (
            "Orvane Cables Inc. will expand its plant. The plan, costing RON 410.5 million and an extra "
            "state aid of RON 150 million, will add 300 jobs.",
            [("Orvane Cables", 4.105e8, "exact")],
        ),
        (
            "The ministry concluded financing agreements totalling RON 90 million with Orvane Cables Inc.",
            [],
        ),
        ("Kestrel Motors Inc., which will get RON 20 million for a paint shop, plans more.", []),
        ("Kestrel Retail AG's market capitalisation is now around 1.9 billion euros.", []),
        # a company its own project: still a pledge
        (
            "Tarvell Metals Inc. was selected by Hollis County for its $500 million smelter.",
            [("Tarvell Metals", 5e8, "exact")],
        ),
    ],
)
def test_leads_from_the_pool_review(
    pipeline: Pipeline, text: str, expected: list[tuple[str, float, str]]
) -> None:
    assert _records_beside_a_pledge(pipeline, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a company named after a doctor: the title and the possessive stay in the name
        ("Dr Halvorsen's Laboratories will invest $70 million in a plant.", ["Dr Halvorsen's Laboratories"]),
        # laboratories are a line of business, never a company alone
        ("Halvorsen's Laboratories will invest $70 million in a plant.", ["Halvorsen's Laboratories"]),
        # a project's head word left alone by a generic first word names nothing
        (
            "The first building of Start Campus opened, and Orvane Labs will invest $70 million.",
            ["Orvane Labs"],
        ),
        # a nationality before a descriptor is no name
        (
            "Kestrel Energy and Slovak partner Orvane Bat will invest €1.2 billion.",
            ["Orvane Bat", "Kestrel Energy"],
        ),
        # a doctor is still a person
        ("Dr Jane Halvorsen said Orvane Labs will invest $70 million.", ["Orvane Labs"]),
    ],
)
def test_a_company_named_after_a_person_keeps_its_title(
    pipeline: Pipeline, text: str, expected: list[str]
) -> None:
    assert _companies(pipeline, text) == expected


def test_a_pledges_new_total_and_a_reference_back_keep_their_company(pipeline: Pipeline) -> None:
    # "the move" goes on about the company before; a pledge's new total is a record, not a sum to date
    text = (
        "Orvane Capital Inc. will add €2.1 billion to its server campus plans. The move follows an earlier "
        "€5 billion pledge, bringing its total planned investment to about €7.1 billion."
    )
    assert _records(pipeline, text) == [
        ("Orvane Capital", 2.1e9, "exact"),
        ("Orvane Capital", 7.1e9, "about"),
    ]
    # on a page about many companies, "the ... giant" and "the €3.2 billion project" refer to the one before
    text = (
        "The Commission approved aid to support Orvane Box in building a packaging plant in Novara. "
        "The EUR 2.4 billion project will serve carmakers. The largest investment is Kestrel "
        "Chips' testing facility. The Texan giant will invest USD 1.9 billion in Wroclaw."
    )
    assert _records(pipeline, text) == [("Orvane Box", 2.4e9, "exact"), ("Kestrel Chips", 1.9e9, "exact")]


def test_a_document_about_takeovers_lists_no_companies(pipeline: Pipeline) -> None:
    text = (
        "Foreign takeovers of Mittelstand firms rise\n"
        "Kestrel Holdings Inc. now controls Orvane Electronics AG, a retailer of appliances with 800 "
        "stores, and plans to build new warehouses."
    )
    assert _companies(pipeline, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the company after each item's project names its own money
        (
            "Active projects include an $11 billion fab by Orvane Group, and a $2.7 billion packaging "
            "unit by Kestrel Semiconductor.",
            [("Orvane Group", 1.1e10, "exact"), ("Kestrel Semiconductor", 2.7e9, "exact")],
        ),
        # a sum many business leaders pledged is nobody's own
        ("The summit's first day saw business leaders pledging investments of over $40 billion.", []),
        # "the X group" with a lower-case group names the business
        (
            "Jane Orvane, who chairs the Orvane group, said the business will invest over Rs 2 lakh crore "
            "across the state.",
            [("Orvane", 2e12, "at_least")],
        ),
    ],
)
def test_leads_from_the_india_review(
    pipeline: Pipeline, text: str, expected: list[tuple[str, float, str]]
) -> None:
    assert _records(pipeline, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # two runs joined by "and" whose initials spell the abbreviation after them are one name
        (
            "Orvane Ports and Kestrel Shipping (OPKS) will invest $1 billion.",
            ["Orvane Ports and Kestrel Shipping"],
        ),
        # a ministry's "X of Y and Z (abbreviation)" is one agency, not a company Z
        (
            "An official of the Ministry of Ports and Inland Waterways (MoPIW) said Orvane Labs will "
            "invest $5 million.",
            ["Orvane Labs"],
        ),
        # "Corporation of India" goes on; "the Sino-European group X" is an appositive, not "the X group"
        (
            "The Nuclear Power Corporation of India will invest Rs 420 billion.",
            ["Nuclear Power Corporation of India"],
        ),
        (
            "The state signed an agreement with the Sino-European group Kestrel High-Tech, which will invest "
            "$1 billion.",
            ["Kestrel High-Tech"],
        ),
        # a person named after a company's legal form is not part of its name
        (
            "Chairman of Orvane Industries Limited Jane Doe said the group will invest Rs 500 crore in a "
            "mill.",
            ["Orvane Industries"],
        ),
    ],
)
def test_names_from_the_india_review(pipeline: Pipeline, text: str, expected: list[str]) -> None:
    assert _companies(pipeline, text) == expected


def test_a_headline_over_figure_is_the_bodys_converted_amount(pipeline: Pipeline, tmp_path: Path) -> None:
    source = tmp_path / "wire.txt"
    source.write_text(
        "Orvane Motor to Invest Over $3 Billion in a New Plant\n"
        "Orvane Motor Corp. has pledged an investment of 260 billion rupees, an approximate $3.12 billion, "
        "to build a second plant.\n"
    )
    result = next(pipeline.run_sources([str(source)]))
    assert [(r.sponsor, r.amount.value if r.amount else None) for r in result.records] == [
        ("Orvane Motor", 2.6e11)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a result in a headline's shape ("posts R$18B Q2 EBITDA") and segments' results
        ("Orvane Mining posts R$18.2B Q2 EBITDA on strong cash.", []),
        (
            "Adjusted EBITDA totaled R$18,210 million, led by Kestrel Ore at R$16,400 million.",
            [],
        ),
        # a project's price tag is what it costs
        (
            "Orvane Group began the Kestrel terminal at a price tag of VND120 trillion.",
            [("Orvane Group", 1.2e14, "exact")],
        ),
        # a year that dates the first predicate does not date the second
        (
            "LIMA, March 4, 2025 - Orvane Terminals Inc. has invested about $6 billion in the region since "
            "2011 and plans to invest a further $900 million by 2029.",
            [("Orvane Terminals", 9e8, "exact")],
        ),
    ],
)
def test_leads_from_the_latin_america_review(
    pipeline: Pipeline, text: str, expected: list[tuple[str, float, str]]
) -> None:
    assert _records(pipeline, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Portuguese "do"/"da" inside a name; a Brazilian state is a place
        (
            "The mill will be built by Orvane Celulose do Brasil, a unit of Orvane, in Mato Grosso do Sul.",
            ["Orvane Celulose do Brasil"],
        ),
        # funds a sovereign owns are agencies; an industrial estate is a place for projects
        (
            "Sovereign wealth funds Orvane Indonesia and Kestrel Authority are investing in Tarvell "
            "Chemicals Ltd.'s $800 million plant.",
            ["Tarvell Chemicals"],
        ),
        (
            "The smelter in the Orvane Integrated Industrial and Ports Estate cost Kestrel Copper Ltd $3.7 "
            "billion.",
            ["Kestrel Copper"],
        ),
        # Portuguese and Spanish "and" inside a name
        ("Orvane Engenharia e Construção will build the line.", ["Orvane Engenharia e Construção"]),
        # "X Industrial and Port Complex" names one project; a forum is an event
        (
            "The Kestrel Industrial and Port Complex was chosen for Orvane Metals Ltd.'s plant.",
            ["Orvane Metals"],
        ),
        (
            "Speaking at the Orvane Automotive Forum, an official said Kestrel Motors Inc. will invest.",
            ["Kestrel Motors"],
        ),
    ],
)
def test_names_from_the_latin_america_review(pipeline: Pipeline, text: str, expected: list[str]) -> None:
    parsed = ParsedDocument(doc_id="0" * 16, source="t.txt", sha256="0", media_type="text/plain", text=text)
    assert sorted({c.name for c in pipeline.extractor.extract(parsed).companies}) == expected


def test_the_partners_named_in_a_pledges_sentence_take_part(pipeline: Pipeline) -> None:
    # 'produce' is no investment word, but the sentence holds the record: its legal-form names take part
    text = (
        "Orvane Systems plans to produce as much as $20 billion worth of servers in Ohio by 2029 together "
        "with Delmont Labs Inc., Tarvell Packaging Corp. and Kestrel Semiconductor Inc."
    )
    assert _companies(pipeline, text) == [
        "Orvane Systems",
        "Delmont Labs",
        "Tarvell Packaging",
        "Kestrel Semiconductor",
    ]


@pytest.mark.parametrize(
    "text",
    [
        # a takeover offer is no pledge
        "A consortium led by Orvane Capital has withdrawn its US$18 billion (A$27 billion) indicative "
        "offer to acquire all of Kestrel Energy.",
        # a contractor's backlog and a construction job are the project owner's contracts, no pledge
        "Kestrel Energy gave two contracts to Tarvell Offshore, which add $2.9 billion to that company's "
        "backlog of hull work.",
        "Delmont Builders is also building the first phase, a $12 billion job that includes three units.",
        # a country's running tally of several companies' pledges
        "Orvane Energy's go-ahead brings total oil and gas commitments in the country to over $6 billion "
        "this term.",
    ],
)
def test_offers_backlogs_jobs_and_running_tallies_are_no_pledges(pipeline: Pipeline, text: str) -> None:
    assert _records_beside_a_pledge(pipeline, text) == []


def test_a_bid_to_build_withdrawn_is_a_pledge_not_a_takeover(pipeline: Pipeline) -> None:
    # a bid for a site is the bidder's project ('bid' is no takeover word)
    text = "Orvane Resorts has withdrawn its $4 billion casino complex bid for the harbour site."
    assert _records(pipeline, text) == [("Orvane Resorts", 4e9, "exact")]


@pytest.mark.parametrize(
    "text",
    [
        "Orvane Energy and two partners took the final decision on the Kestrel North field.\nWith a total "
        "investment of US$5.4 billion, the field will supply a floating plant.",
        "Orvane Energy approved the third stage of its Kestrel field.\nThe total investments are estimated "
        "at US$5.4 billion, with first oil in 2028.",
    ],
)
def test_a_projects_cost_in_an_opening_phrase_is_the_company_before(pipeline: Pipeline, text: str) -> None:
    assert _records(pipeline, text) == [("Orvane Energy", 5.4e9, "exact")]


@pytest.mark.parametrize(
    "text",
    [
        # the words after an amount's second currency in brackets say what it is
        "The deal is a $240 million (about Dh881 million) equity bridge loan for Orvane Power's plant.",
        # money disbursed, investment a project is to draw from others, a raise
        "The agreement should release some $1.8 billion in disbursements next year.",
        "Orvane Holding says the new free zone is expected to attract $90 billion of investments by 2035.",
        "Orvane Global closed a $15 billion equity raise led by Kestrel Capital.",
    ],
)
def test_loans_after_a_gloss_broader_pledges_disbursements_and_raises_are_no_pledges(
    pipeline: Pipeline, text: str
) -> None:
    assert _records_beside_a_pledge(pipeline, text) == []


def test_a_fund_in_the_subjects_appositive_does_not_make_the_pledge_a_total(pipeline: Pipeline) -> None:
    text = (
        "Orvane Diar, the property arm of Orvane Capital's investment fund, will invest $9.7 billion in a "
        "resort."
    )
    assert _records(pipeline, text) == [("Orvane Diar", 9.7e9, "exact")]


@pytest.mark.parametrize(
    "text",
    [
        "Orvane Ports is building a container quay in Ghana.\nA first investment of $830 million goes into "
        "the quay and its cranes.",
        "Orvane Chips will build a wafer line in Penang.\nThe overall cost of the first stage is expected "
        "to be $830 million.",
        "Orvane Data will build six halls near Reno.\nTo build the new server halls in Nevada will cost "
        "$830 million.",
        "Orvane Gas Corp. approved its second train.\nProject capital expenditures for the second train "
        "are put at $830 million.",
    ],
)
def test_a_sentence_about_what_the_project_costs_takes_the_company_before(
    pipeline: Pipeline, text: str
) -> None:
    company = " ".join(text.split()[:2])
    assert [(lead, value) for lead, value, _ in _records(pipeline, text)] == [(company, 8.3e8)]


def test_a_funds_size_in_an_appositive_is_no_pledge(pipeline: Pipeline) -> None:
    text = "Orvane Capital, a $60 billion fund manager, also takes part in the campus."
    assert _records_beside_a_pledge(pipeline, text) == []


def test_jobs_after_an_amount_and_a_transaction(pipeline: Pipeline) -> None:
    # a 'job' right after the amount is a contract; job opportunities created later in the sentence are not
    text = "Orvane Steel will invest 2.2 billion euros in the mill, creating 3,000 job opportunities."
    assert _records(pipeline, text) == [("Orvane Steel", 2.2e9, "exact")]
    merger = "Orvane Cement agreed to merge with Kestrel Concrete in a $3.2 billion transaction."
    assert _records_beside_a_pledge(pipeline, merger) == []


def test_what_analysts_projected_is_no_pledge(pipeline: Pipeline) -> None:
    text = "Nucor expects winter sales of $3.1 billion, below analyst projections for $3.4 billion."
    assert _records_beside_a_pledge(pipeline, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Since purchasing Kestrel Resources for $41 billion last year, the driller has sold two fields.",
        "Orvane Holdings is preparing a $310 million IPO in New York next spring.",
    ],
)
def test_a_purchase_price_and_a_listing_are_no_pledges(pipeline: Pipeline, text: str) -> None:
    assert _records_beside_a_pledge(pipeline, text) == []


def test_the_parties_of_a_sale_beside_a_pledge_take_part_in_no_investment(pipeline: Pipeline) -> None:
    text = (
        "Orvane Power will invest $2 billion in a gas plant in Ohio.\n"
        "Separately, the fund Tarvell Partners agreed to sell its stake in Kestrel Bank Inc. to Delmont "
        "Financial Corp. in a deal that values the lender at $7 billion."
    )
    assert _companies(pipeline, text) == ["Orvane Power"]


@pytest.mark.parametrize(
    "text",
    [
        "Tarvell Cobalt Corp. has agreed terms for $12.5 million in funding from a provincial agency.",
        "Tarvell Cobalt Corp. plans a refinery. Tarvell may secure about $48 million in government support.",
    ],
)
def test_funding_from_others_is_no_pledge_of_the_company(pipeline: Pipeline, text: str) -> None:
    assert _records_beside_a_pledge(pipeline, text) == []


def test_a_fiscal_year_before_a_name_is_no_part_of_it(pipeline: Pipeline) -> None:
    text = "Since FY2021 Tarrow Mining has spent about $2 billion on mines. The firm will spend $250 million."
    assert _companies(pipeline, text) == ["Tarrow Mining"]


def test_a_common_noun_opening_a_sentence_is_no_company(pipeline: Pipeline) -> None:
    text = (
        "Orvane Battery Metals will invest $90 million in a cobalt refinery in Ontario.\n"
        "Construction was paused in 2024 due to supply chain issues and inflation."
    )
    assert _companies(pipeline, text) == ["Orvane Battery Metals"]


def test_a_wire_copy_with_a_blank_line_after_every_line_is_read_as_prose(pipeline: Pipeline) -> None:
    text = (
        "OSLO, May 4 (Wire) - Kestrel Kobber ASA,\n\nthe copper smelting group, said on Monday it\n\n"
        "would build a recycling plant in Ohio to cut the\n\nneed for imported metal.\n\n"
        "With an investment of about $600 million, the plant\n\nwill treat 90,000 tons of scrap a year."
    )
    assert _records(pipeline, text) == [("Kestrel Kobber", 6e8, "about")]


def test_new_investments_announced_by_a_list_of_parties_are_their_sum(pipeline: Pipeline) -> None:
    text = (
        "Britain said the summit brought some £2 billion in new investments made this week by "
        "Orvane Ports Ltd, Kestrel Shipping Ltd and a university."
    )
    assert _records_beside_a_pledge(pipeline, text) == []


@pytest.mark.parametrize(
    "programme",
    [
        "The state is aiming at factories with roughly $80 million for a new Transforming "
        "Coastal Manufacturing program, opening new routes for export.",
        "Ohio will spend $40 million on its new Southern Ohio Manufacturing initiative.",
    ],
)
def test_a_governments_programme_is_no_company(pipeline: Pipeline, programme: str) -> None:
    text = programme + "\nOrvane Foods will invest $50 million in a bakery."
    assert _companies(pipeline, text) == ["Orvane Foods"]


@pytest.mark.parametrize(
    "text",
    [
        "Orvane Foods will invest $50 million in a bakery.\nThere’s some debate about the investment.",
        "Orvane Foods will invest $50 million in a bakery.\nFull build-out of the plant will take two years.",
        "Orvane Foods will invest $50 million in a bakery, as per a report by Dawnline, the English service "
        "of a business daily.",
        "Orvane Foods will invest $50 million in a bakery. Primo Foods, a beverage maker with brands "
        "including Hillcrest Spring, Blue Fern and Crisp Valley, is building a new plant.",
        "Orvane Foods will invest $50 million in a bakery, while Gautam Adani pledged to build a port.",
    ],
)
def test_openers_sources_brands_and_well_known_people_are_no_companies(pipeline: Pipeline, text: str) -> None:
    assert [c for c in _companies(pipeline, text) if c != "Primo Foods"] == ["Orvane Foods"]


def test_a_listed_name_with_more_words_ending_in_a_line_of_business_is_a_company_of_its_own(
    pipeline: Pipeline,
) -> None:
    text = "Tata Power Renewable Energy will invest $500 million in a solar cell plant in Odisha."
    assert _records(pipeline, text) == [("Tata Power Renewable Energy", 5e8, "exact")]


def test_an_investment_told_without_its_investor_is_the_one_named_companys(pipeline: Pipeline) -> None:
    text = (
        "Orvane Optics will expand its camera module plant in Vietnam, the company said on Monday.\n"
        "Demand for phone cameras has grown for two years.\n"
        "The bold upgrade includes an investment of 900 billion won to lift output.\n"
    )
    assert _records(pipeline, text) == [("Orvane Optics", 9e11, "exact")]


def test_a_venture_named_after_two_listed_parents_keeps_its_whole_name(pipeline: Pipeline) -> None:
    text = "Hitachi Panasonic Storage will invest $1 billion in a new battery plant in Ohio."
    assert _records(pipeline, text) == [("Hitachi Panasonic Storage", 1e9, "exact")]


@pytest.mark.parametrize(
    "text",
    [
        "Orvane Energy said it invested 4.2 billion euros ($4.9 billion) in wind farms in Denmark over the "
        "past few years.",
        "Orvane Motors and Kestrel Cars have invested over $5 billion in upgrading their plants.",
        "Kestrel Retail has made investments of over £40 billion in Britain, it said.",
    ],
)
def test_money_already_put_in_is_history(pipeline: Pipeline, text: str) -> None:
    assert _records_beside_a_pledge(pipeline, text) == []


def test_money_a_fund_manages_is_no_pledge_and_a_partner_is_a_person(pipeline: Pipeline) -> None:
    fund = "Kestrel Capital, which currently manages 15bn reais (US$2.7bn) in investments, eyes mines."
    assert _records_beside_a_pledge(pipeline, fund) == []
    quote = (
        '"Investment is rising," José Carlos Vieira, a partner at Brazilian investment house '
        "Kestrel Capital, told a reporter."
    )
    assert "José Carlos Vieira" not in _companies(pipeline, quote + "\n" + CONTROL)


@pytest.mark.parametrize(
    "name",
    ["South32", "Venture Global", "PPL", "Equinix", "Lynas", "Sungrow", "Syensqo", "Agratas", "PowerCo"],
)
def test_well_known_companies_named_with_no_cue_are_found(pipeline: Pipeline, name: str) -> None:
    text = f"Orders keep rising. {name} outlined a $900 million build-out over three years on Monday."
    assert [lead for lead, _, _ in _records(pipeline, text)] == [name]


def test_a_listed_name_with_a_line_of_business_after_it_names_a_company_of_its_own(
    pipeline: Pipeline,
) -> None:
    text = "Coca-Cola Bottling Northfield will invest $90 million in a new warehouse."
    assert _records(pipeline, text) == [("Coca-Cola Bottling Northfield", 9e7, "exact")]


def test_investors_in_a_companys_own_project_leave_it_the_lead(pipeline: Pipeline) -> None:
    text = "Tarvell Partners and Kestrel Holdings are investing in Orvane Petrochem's $600 million cracker."
    assert [lead for lead, _, _ in _records(pipeline, text)] == ["Orvane Petrochem"]


@pytest.mark.parametrize("name", ["Lowe's", "Dr Reddy's"])
def test_a_name_ending_in_s_before_a_headlines_to_verb_keeps_it(pipeline: Pipeline, name: str) -> None:
    text = f"{name} to Invest $500 Million in New Sites\nThe company will spend $500 million over two years."
    assert {lead for lead, _, _ in _records(pipeline, text)} == {name}


@pytest.mark.parametrize(
    "text",
    [
        "Orvane Motors will invest $200 million in a factory making Megapack units for grid storage.",
        "Kestrel Group will invest Rs 9,000 crore in a 1.5 GW hybrid renewable project in Gujarat.",
        "Kestrel Group will invest $300 million in a 400 MWh BESS site in Texas.",
        "Kestrel Group will invest $300 million in pumped storage in Wales.",
    ],
)
def test_storage_and_hybrid_renewable_projects_are_energy(pipeline: Pipeline, text: str) -> None:
    assert [c.sector for c in _linked(pipeline, text).candidates] == ["energy"]


@pytest.mark.parametrize(
    "text",
    [
        "Kestrel Group will invest $500 million in a rare-earth magnet plant in Texas.",
        "Kestrel Group will invest $300 million to restart a uranium project in Wyoming.",
    ],
)
def test_magnets_and_uranium_are_critical_minerals(pipeline: Pipeline, text: str) -> None:
    assert [c.sector for c in _linked(pipeline, text).candidates] == ["critical_minerals"]


def test_a_listed_drugmakers_plant_is_pharmaceuticals(pipeline: Pipeline) -> None:
    text = "Lonza will invest CHF 300 million in a new manufacturing facility in Switzerland."
    assert [(c.sponsor, c.sector) for c in _linked(pipeline, text).candidates] == [
        ("Lonza", "pharmaceuticals")
    ]


def test_an_oil_majors_facility_is_energy(pipeline: Pipeline) -> None:
    text = "Equinor will invest NOK 9 billion in a new facility, with production due in 2028."
    assert [(c.sponsor, c.sector) for c in _linked(pipeline, text).candidates] == [("Equinor", "energy")]


def test_a_utility_that_will_power_a_facility_does_not_lead_its_money(pipeline: Pipeline) -> None:
    text = "Kestrel Power Louisiana to power $4B ammonia facility in Ascension\nThe utility signed a deal."
    assert _records(pipeline, text) == []


def test_a_name_a_stock_ticker_follows_keeps_its_common_first_word(pipeline: Pipeline) -> None:
    text = "Contact Power (NZE:CPW) plans to spend NZ$500 million on a geothermal plant, a filing shows."
    assert [lead for lead, _, _ in _records(pipeline, text)] == ["Contact Power"]


@pytest.mark.parametrize(
    "text",
    [
        # a company's size before a word for it is no pledge
        "A $19 billion MNC, Orvane Systems runs twelve centres in the country.",
        "The $40 billion conglomerate Orvane Systems opened an office in Pune.",
        # ... and with one descriptor between ("IT", "tech")
        "Meeting Harlowe Corp. staff, the governor urged the $21 billion software major to hire in Brill.",
        # money a project will add to an economy is no money put in
        "Orvane Systems said the tower would contribute nearly £9 billion to the UK economy over six years.",
    ],
)
def test_a_companys_size_and_its_economic_contribution_are_no_pledges(pipeline: Pipeline, text: str) -> None:
    assert _records_beside_a_pledge(pipeline, text) == []


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        # a name with no cue word is a company by what it does with the money
        (
            "\u201cHarlowe is going to invest Rs 900 crore to set up the campus,\u201d a release said.",
            "Harlowe",
        ),
        (
            "In the town of Brill, Tamsin Hardwoods is moving ahead on a $14 million sawmill expansion.",
            "Tamsin Hardwoods",
        ),
        (
            "Of the overall plan, OVRC is allocating about R$2 billion to build a rail spur to the mill.",
            "OVRC",
        ),
        # ... that opens or sets up a site, the next sentence's figure then its own
        (
            "- Harvik opened its first U.S. tray plant in Dover. The $80 million plant will make trays.",
            "Harvik",
        ),
        # ... that an opening phrase's amount belongs to, or whose possessive owns it (outlet word or no)
        (
            "With an investment cost of about $30 million, Velora Apparels will open a garment works.",
            "Velora Apparels",
        ),
        (
            "The biggest is Stone & Wire's R12 billion \u201cDune Fields\u201d project in the Cape.",
            "Stone & Wire",
        ),
    ],
)
def test_a_name_with_no_cue_word_that_goes_ahead_or_allocates_money_is_a_company(
    pipeline: Pipeline, text: str, lead: str
) -> None:
    assert [sponsor for sponsor, _, _ in _records(pipeline, text)] == [lead]


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        # a round-up's section: a name alone on its line over what it does
        ("Harvik\nThe tray maker has halted work on its $900 million plant in Ohio.\n", "Harvik"),
        # a site's own figure in the next sentence is the company's the sentence before names
        (
            "The zone authority licensed Orvane Yarns Limited to build a dye works. Set in the Brill park, "
            "the works would have an investment capital of US$12 million.",
            "Orvane Yarns",
        ),
    ],
)
def test_a_section_heading_and_a_sites_figure_lead_to_their_company(
    pipeline: Pipeline, text: str, lead: str
) -> None:
    assert [sponsor for sponsor, _, _ in _records(pipeline, text)] == [lead]


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        # the name before "plant by" says what is built; who builds it follows
        (
            "The minister said the new R300 million Jam Canning Manufacturing plant by Orvane Foods opened.",
            "Orvane Foods",
        ),
        # a person told by wealth or trade in an appositive leads nothing
        (
            "Tobi Adeyemi, Lagos's wealthiest businessman, unveiled plans to invest $200 million in a kiln.",
            None,
        ),
    ],
)
def test_who_builds_a_plant_and_who_is_a_person(pipeline: Pipeline, text: str, lead: str | None) -> None:
    assert [sponsor for sponsor, _, _ in _records(pipeline, text)] == ([lead] if lead else [])


def test_a_listed_companys_local_unit_keeps_its_own_name(pipeline: Pipeline) -> None:
    # a country in brackets and a legal form after the name: the unit invests, its parent is its owner
    text = (
        "The board approved a 9 billion baht bid by Haier Appliance Works (Vietnam) Co., Ltd., owned by "
        "Haier Smart Home Co., Ltd., for an air-conditioner plant."
    )
    linked = _linked(pipeline, text)
    assert [c.sponsor for c in linked.candidates] == ["Haier Appliance Works"]
    assert "Co." not in {c.name for c in linked.extracted.companies}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "In addition, an investment of ..." goes on about the one company the sentence before names
        (
            "Two makers grew. Kestrel Mills Inc. opened a plant in Ohio. Orvane Steel Corp. announced a "
            "$2 billion mill in Texas. In addition, an investment of $300 million for new lines.",
            [("Orvane Steel", 2e9), ("Orvane Steel", 3e8)],
        ),
        # the document's company: its total investment, its capital costs and expenditures to come
        (
            "Velora Hydrogen SAS will build a plant in Lyon. Total investment amounts to 900 million euros.",
            [("Velora Hydrogen", 9e8)],
        ),
        (
            "Kestrel Minerals Ltd. finished a study of its Brill plant. Initial capital costs were "
            "estimated at $80 million.",
            [("Kestrel Minerals", 8e7)],
        ),
        (
            "Orvane Aluminum Corp. will restart its smelter. Capital expenditures needed to restart "
            "the smelter will be $12 million.",
            [("Orvane Aluminum", 1.2e7)],
        ),
        # ... but not those of a quarter past
        (
            "Orvane Aluminum Corp. reported. Capital expenditures for Q2 2025 were about $900 million.",
            [],
        ),
    ],
)
def test_a_sentence_that_names_no_company_takes_the_one_it_goes_on_about(
    pipeline: Pipeline, text: str, expected: list[tuple[str, float]]
) -> None:
    assert [(sponsor, value) for sponsor, value, _ in _records(pipeline, text)] == expected


def test_a_listed_name_with_a_titles_word_in_it_is_the_company(pipeline: Pipeline) -> None:
    # "MP" is a title before a person's name, and the first word of a listed company's
    text = "MP Materials will invest $500 million in a magnet factory in Texas."
    assert [sponsor for sponsor, _, _ in _records(pipeline, text)] == ["MP Materials"]


def test_a_listed_companys_other_spellings_are_that_company(pipeline: Pipeline) -> None:
    text = (
        "BMS will invest $5 billion in a biologics plant. Bristol-Myers Squibb said the site opens in 2028."
    )
    linked = _linked(pipeline, text)
    assert {c.name for c in linked.extracted.companies} == {"Bristol-Myers Squibb"}
    assert [c.sponsor for c in linked.candidates] == ["Bristol-Myers Squibb"]


def test_a_managing_partner_is_a_person(pipeline: Pipeline) -> None:
    text = "\u201cWe are glad,\u201d said Brill managing partner Dana Whitlow, whose firm invests in clubs."
    assert [c.name for c in _linked(pipeline, text).extracted.companies] == []


@pytest.mark.parametrize(
    "text",
    [
        # common words in title case with an industry word are a heading or a phrase, not a name
        "Natural Gas\nOrvane Pipelines Corp. will invest $2 billion in a pipeline.",
        "Orvane Pipelines Corp. will invest $2 billion, a boost for American Manufacturing.",
        "Orvane Pipelines Corp. will invest $2 billion to help Small and Medium Enterprises.",
    ],
)
def test_common_words_with_an_industry_word_name_no_company(pipeline: Pipeline, text: str) -> None:
    assert {c.name for c in _linked(pipeline, text).extracted.companies} == {"Orvane Pipelines"}


@pytest.mark.parametrize(
    "text",
    [
        # a project's own name is no company, whatever its words
        "The Lakeside Water Collector is a $68 million project that the World Bank funds.",
        "Towns gain from the ministry's Lakeside Water Collector project. The scheme costs $68 million.",
    ],
)
def test_the_name_of_a_project_is_no_company(pipeline: Pipeline, text: str) -> None:
    linked = _linked(pipeline, text)
    assert [c.name for c in linked.extracted.companies] == []
    assert list(linked.candidates) == []


def test_a_list_of_names_each_with_its_amount_gives_each_its_own_record(pipeline: Pipeline) -> None:
    # the currency ends each name, and a name between a list's comma and its amount is a company
    text = (
        "Among the bidders, Trident proposed Rs 4,500 crore, Kestrel Cotspin Industries Rs 1,300 crore, "
        "Orvane Mills Rs 1,024 crore and Harlow Yarns Rs 800 crore."
    )
    assert [(lead, value) for lead, value, _ in _records(pipeline, text)] == [
        ("Trident", 4.5e10),
        ("Kestrel Cotspin Industries", 1.3e10),
        ("Orvane Mills", 1.024e10),
        ("Harlow Yarns", 8e9),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Orvane Mills will invest Rs 900 crore in a textile park with spinning and weaving units.",
        "Kestrel Fashion pledged $100 million for a garment and apparel hub near the port.",
    ],
)
def test_textile_and_apparel_works_are_manufacturing(pipeline: Pipeline, text: str) -> None:
    assert [c.sector for c in _linked(pipeline, text).candidates] == ["manufacturing"]


@pytest.mark.parametrize(
    "text",
    [
        # a loss whose noun a bracket puts far back from its amount
        "Orvane Metals expects to book a net loss (before tax and minority stakes) at the smelter of "
        "roughly $80 million this year.",
        # money a company asked a government for
        "However, Orvane Metals had requested at least £1bn from the government.",
        # a lender's facility for a company
        "Kestrel Bank signed off a US$150 million finance facility for Orvane Metals Limited.",
        # a nation's pledge, whatever company the sentence before named
        "The deal is a sign of Qatar’s ten-year commitment to invest $1.4 trillion here.",
    ],
)
def test_losses_asks_facilities_and_a_nations_pledge_are_no_company_pledges(
    pipeline: Pipeline, text: str
) -> None:
    records = _records(pipeline, "Orvane Metals will invest $50 million in a mill.\n" + text)
    assert records == [("Orvane Metals", 5e7, "exact")], records


def test_a_countrys_company_after_by_and_a_one_word_unit_with_a_legal_form(pipeline: Pipeline) -> None:
    text = (
        "Big ones include a $91.5 million project by Singapore’s Kestrel Safety Technology and a "
        "$47-million project by Taiwan’s JiaLun for melamine goods.\n"
        "Officials issued a licence to Tarnor (Hong Kong) Limited for a dyeing plant."
    )
    linked = _linked(pipeline, text)
    assert [(c.sponsor, c.value) for c in linked.candidates] == [
        ("Kestrel Safety Technology", 9.15e7),
        ("JiaLun", 4.7e7),
    ]
    assert any(c.name.startswith("Tarnor") for c in linked.extracted.companies)


def test_a_kgaa_keeps_its_form_and_a_nationality_after_the_describes_a_long_name(pipeline: Pipeline) -> None:
    text = (
        "Merck KGaA will spend more than $300 million on a new laboratory in Darmstadt.\n"
        "The zone signed with the Chinese Orvane Textile International Group for a $10 million garment "
        "factory."
    )
    assert [(c.sponsor, c.value, c.sector) for c in _linked(pipeline, text).candidates] == [
        ("Merck KGaA", 3e8, "pharmaceuticals"),
        ("Orvane Textile International Group", 1e7, "manufacturing"),
    ]


def test_a_ticker_after_the_legal_form_names_the_company_and_part_of_its_own_initiative(
    pipeline: Pipeline,
) -> None:
    text = (
        "Orvane Waste Inc. OWI, a leading recycler, opened four plants.\n"
        "Both sites are part of OWI’s $3 billion green expansion initiative.\n"
        "This spring OWI is unveiling more than $323 million in sorting plants."
    )
    assert [(lead, value) for lead, value, _ in _records(pipeline, text)] == [
        ("Orvane Waste", 3e9),
        ("Orvane Waste", 3.23e8),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Orvane Water said a group of international lenders agreed a facility of 2.76 billion riyals for it.",
        "Orvane Furniture expects a yearly production value of $115 million at the site by 2027.",
    ],
)
def test_a_lenders_facility_and_a_factorys_output_value_are_no_pledges(pipeline: Pipeline, text: str) -> None:
    assert _records_beside_a_pledge(pipeline, text) == []
