"""Status: where a pledge stands, from the cue words of status.json near the record's amount."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.errors import UsageError
from pipeline.link.linker import RoleRules, link
from pipeline.link.status import StatusRules, clause_scope, decide
from pipeline.rules import load_rules
from pipeline.run import Pipeline
from schemas import ParsedDocument, Span, Table, TableRow


def _statuses(
    pipeline: Pipeline, text: str, published: str | None = None, roles: RoleRules | None = None
) -> list[tuple[str | None, float | None, str]]:
    parsed = ParsedDocument(
        doc_id="0" * 16, source="t.txt", sha256="0", media_type="text/plain", text=text, published=published
    )
    linked = link(pipeline.extractor.extract(parsed), roles or pipeline.roles)
    return [(c.sponsor, c.value, c.status) for c in linked.candidates]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Harrow Cement Corp. will invest $2 billion in a kiln plant in Moberly, Missouri.", "announced"),
        ("Harrow Cement Corp. is considering a $2 billion kiln plant in Moberly, Missouri.", "candidate"),
        ("Harrow Cement Corp. put forward a $2 billion kiln plant for the candidate list.", "candidate"),
        ("Harrow Cement Corp.'s $2 billion kiln plant was selected for funding on Monday.", "selected"),
        ("Harrow Cement Corp. reached a final investment decision on its $2 billion kiln plant.", "selected"),
        (
            "Harrow Cement Corp. broke ground on its $2 billion kiln plant in Moberly, Missouri.",
            "under_construction",
        ),
        (
            "Harrow Cement Corp. has a $2 billion kiln plant under construction in Missouri.",
            "under_construction",
        ),
        ("Harrow Cement Corp. began production at its $2 billion kiln plant in Missouri.", "operating"),
        ("Harrow Cement Corp. said it had cancelled plans for a $1.3 billion kiln plant.", "cancelled"),
        ("Harrow Cement Corp., which had put forward a $3 billion plant in Texas, withdrew it.", "cancelled"),
        ("Harrow Cement Corp. has shelved its $2 billion kiln plant, citing weak demand.", "cancelled"),
        # a project on hold or paused is not cancelled (it may restart); "remains" tells its state, not money
        ("Harrow Cement Corp. said its $2 billion kiln plant remains on hold.", "announced"),
        (
            "Harrow Cement Corp. said its $2 billion kiln plant in Missouri, paused last spring, will "
            "restart.",
            "announced",
        ),
        # a guard before the cue: the stage is not reached
        ("Harrow Cement Corp. has not yet broken ground on its $2 billion kiln plant.", "announced"),
        ("Harrow Cement Corp. will invest $2 billion in a kiln plant if selected for funding.", "announced"),
        (
            "Harrow Cement Corp. will invest $2 billion in a kiln that will be in production by 2028.",
            "announced",
        ),
        ("Harrow Cement Corp. said it would not cancel its $2 billion kiln plant.", "announced"),
        # a proposed plant is described, not proposed
        (
            "Harrow Cement Corp. will invest $2 billion, including a proposed kiln plant in Missouri.",
            "announced",
        ),
        # the later stage wins where two meet
        (
            "Harrow Cement Corp., whose $2 billion kiln was approved in March, broke ground.",
            "under_construction",
        ),
    ],
)
def test_status_from_the_words_about_the_project(pipeline: Pipeline, text: str, status: str) -> None:
    assert [s for _, _, s in _statuses(pipeline, text, "2026-04-01")] == [status]


@pytest.mark.parametrize(
    "text",
    [
        "Harrow Cement Corp. scrapped a $1.3 billion kiln plant in 2019 after a dispute.",
        "Harrow Cement Corp. scrapped a $1.3 billion kiln plant years ago.",
        "A $1.3 billion kiln plant of Harrow Cement Corp. had been cancelled before the merger.",
        "Harrow Cement Corp. denied a report that it planned to invest $4 billion in a kiln plant.",
    ],
)
def test_cancellations_cited_as_history_and_denials_are_no_records(pipeline: Pipeline, text: str) -> None:
    assert _statuses(pipeline, text, "2026-04-01") == []


def test_a_cancellation_in_the_documents_own_year_is_news(pipeline: Pipeline) -> None:
    text = "Harrow Cement Corp. scrapped a $1.3 billion kiln plant in March 2026, it said on Tuesday."
    assert _statuses(pipeline, text, "2026-04-01") == [("Harrow Cement", 1.3e9, "cancelled")]


def test_each_company_keeps_the_status_of_its_own_clause(pipeline: Pipeline) -> None:
    text = (
        "Harrow Cement Corp. broke ground on its $2 billion kiln plant in Missouri, "
        "while Petrel Mining Inc. cancelled a $1 billion copper mine in Nevada."
    )
    assert _statuses(pipeline, text, "2026-04-01") == [
        ("Harrow Cement", 2e9, "under_construction"),
        ("Petrel Mining", 1e9, "cancelled"),
    ]


def test_clause_scope_widens_over_clauses_without_another_company() -> None:
    text = (
        "Harrow said it would build a $2 billion plant, but scrapped the plan, while Petrel cancelled a mine."
    )
    amount = text.index("$2")
    petrel = text.index("Petrel")
    scope = clause_scope(text, Span(start=0, end=len(text)), [amount, 0], [petrel])
    assert (
        text[scope.start : scope.end]
        == "Harrow said it would build a $2 billion plant, but scrapped the plan,"
    )


def test_a_table_row_and_its_caption_decide(pipeline: Pipeline) -> None:
    lines = [
        "Table 2. Candidate projects by company",
        "Company | Project | Scale",
        "Harrow Cement Corp. | Kiln plant in Missouri | $2 billion",
        "Petrel Mining Inc. | Copper mine. WITHDRAWN in May | $1 billion",
    ]
    text = "\n".join(lines) + "\n"
    rows, offset = [], len(lines[0]) + 1
    for line in lines[1:]:
        rows.append(
            TableRow(cells=tuple(c.strip() for c in line.split("|")), start=offset, end=offset + len(line))
        )
        offset += len(line) + 1
    table = Table(header=rows[0].cells, rows=tuple(rows[1:]))
    parsed = ParsedDocument(
        doc_id="0" * 16, source="t.pdf", sha256="0", media_type="application/pdf", text=text, tables=(table,)
    )
    linked = link(pipeline.extractor.extract(parsed), pipeline.roles)
    assert [(c.sponsor, c.status) for c in linked.candidates] == [
        ("Harrow Cement", "candidate"),
        ("Petrel Mining", "cancelled"),
    ]


def test_decide_prefers_the_nearest_scope_with_a_cue() -> None:
    rules = StatusRules.from_rules(load_rules())
    assert decide(["Kiln plant | $2 billion", "Candidate projects"], rules) == "candidate"
    assert decide(["Kiln plant, under construction | $2 billion", "Candidate projects"], rules) == (
        "under_construction"
    )
    assert decide(["Kiln plant | $2 billion"], rules) == "announced"


def _user_rules(tmp_path: Path, content: object) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "status.json").write_text(json.dumps(content), encoding="utf-8")
    return folder


def test_a_misspelt_status_key_is_an_error_naming_the_file_and_key(tmp_path: Path) -> None:
    folder = _user_rules(tmp_path, {"canceled": ["binned"]})
    with pytest.raises(
        UsageError, match=r"status\.json: unknown key 'canceled' \(did you mean 'cancelled'\?\)"
    ):
        load_rules((folder,))


def test_a_status_value_of_the_wrong_kind_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"status\.json: 'cancelled'"):
        load_rules((_user_rules(tmp_path, {"cancelled": "binned"}),))


def test_an_upper_case_status_cue_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"status\.json: 'cancelled.0'.*lower case"):
        load_rules((_user_rules(tmp_path, {"cancelled": ["Binned"]}),))


def test_user_rules_add_status_cues(pipeline: Pipeline, tmp_path: Path) -> None:
    text = "Harrow Cement Corp. binned its $2 billion kiln plant in Missouri."
    assert _statuses(pipeline, text) == [("Harrow Cement", 2e9, "announced")]
    roles = RoleRules.from_rules(load_rules((_user_rules(tmp_path, {"cancelled": ["binned"]}),)))
    assert _statuses(pipeline, text, roles=roles) == [("Harrow Cement", 2e9, "cancelled")]


def test_explain_says_why_a_cancellation_is_no_record_and_keeps_the_others(pipeline: Pipeline) -> None:
    text = (
        "Harrow Cement Corp. scrapped a $1.3 billion kiln plant years ago. "
        "Harrow Cement Corp. broke ground on a $2 billion kiln plant in Missouri."
    )
    parsed = ParsedDocument(doc_id="0" * 16, source="t.txt", sha256="0", media_type="text/plain", text=text)
    linked = link(pipeline.extractor.extract(parsed), pipeline.roles)
    assert [(c.value, c.status) for c in linked.candidates] == [(2e9, "under_construction")]
    assert [(d.value, d.verdict, d.rule, d.cue) for d in linked.decisions] == [
        (1.3e9, "history", "status.json history", "scrapped"),
        (2e9, "record", "roles.json: no cue says otherwise", ""),
    ]
