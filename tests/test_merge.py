"""Merge: records from several sources become one project per real project."""

from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path
from typing import Any

import pytest

from pipeline import run
from pipeline.errors import UsageError
from pipeline.extract.companies import CompanyLexicon
from pipeline.output.merge import PROJECTS, CompanyResolver, amounts_agree, leads_overlap, merge, merge_file
from pipeline.rules import load_rules
from schemas import Amount, Evidence, Project, ProjectRecord
from tests.shared_paths import DEV_DOCS, skip_without_shared

# The fact sheet and the articles that report its nuclear and SoftBank projects.
SAME_PROJECT_DOCS = (
    "factsheet-japan-us-candidate-projects.pdf",
    "news-pacificledger-factsheet-energy.html",
    "wire-nuclear-mhi-westinghouse.txt",
    "wire-yen-softbank-toshiba-bechtel.txt",
    "analysis-pledge-arithmetic.txt",
)


def _hex(*parts: object) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def make_record(
    sponsor: str,
    value: float | None,
    currency: str = "USD",
    *,
    doc: str = "a.txt",
    sector: str = "energy",
    qualifier: str = "exact",
    usd: float | None = None,
    partners: tuple[str, ...] = (),
    participants: tuple[str, ...] = (),
    start: int = 0,
    text: str | None = None,
    published: str | None = None,
    status: str = "announced",
) -> ProjectRecord:
    """A record as validate would build it, for merge tests."""
    amount = None
    if value is not None:
        usd = usd if usd is not None else (value if currency == "USD" else None)
        amount = Amount(value=value, currency=currency, qualifier=qualifier, usd=usd)  # type: ignore[arg-type]
    return ProjectRecord(
        record_id=_hex(doc, sponsor, value, currency, start),
        doc_id=_hex(doc),
        source=doc,
        sponsor=sponsor,
        partners=list(partners),
        participants=list(participants),
        sector=sector,  # type: ignore[arg-type]
        amount=amount,
        evidence=Evidence(text=text or f"{sponsor} will invest.", start=start, end=start + 10),
        published=published,
        status=status,  # type: ignore[arg-type]
    )


@pytest.fixture(scope="module")
def resolver() -> CompanyResolver:
    return CompanyResolver(CompanyLexicon.from_rules(load_rules()))


def test_legal_forms_group_and_possessive_are_one_company(resolver: CompanyResolver) -> None:
    keys = {resolver.key(n) for n in ("Toshiba Corp.", "Toshiba Group", "Toshiba's", "TOSHIBA", "Toshiba")}
    assert len(keys) == 1
    assert resolver.display(keys.pop()) == "Toshiba"


def test_gazetteer_alias_resolves_to_canonical_name(resolver: CompanyResolver) -> None:
    assert resolver.key("MHI") == resolver.key("Mitsubishi Heavy Industries, Ltd.")


def test_fuzzy_match_joins_spelling_variants_but_not_short_names(resolver: CompanyResolver) -> None:
    resolver.prepare(["Corvalis Microsystems"])
    assert resolver.key("Corvalis Microsytems") == resolver.key("Corvalis Microsystems")
    assert resolver.key("LG") != resolver.key("SK")


def test_leads_overlap_by_whole_words_only() -> None:
    assert leads_overlap(["hitachi"], ["ge vernova hitachi nuclear energy"])
    assert not leads_overlap(["westinghouse"], ["ge vernova hitachi nuclear energy"])
    assert not leads_overlap(["ion"], ["union pacific"])


def test_amounts_agree_within_tolerance_and_in_usd() -> None:
    usd = Amount(value=25e9, currency="USD", qualifier="up_to", usd=25e9)
    assert amounts_agree(usd, Amount(value=25.2e9, currency="USD", qualifier="exact", usd=25.2e9))
    assert not amounts_agree(usd, Amount(value=26e9, currency="USD", qualifier="exact", usd=26e9))
    yen = Amount(value=3.7e12, currency="JPY", qualifier="up_to", usd=25e9)
    assert amounts_agree(usd, yen)
    assert not amounts_agree(usd, Amount(value=3.7e12, currency="JPY", qualifier="up_to"))


def test_same_company_and_amount_merge_across_sources_keeping_all_figures_and_sectors() -> None:
    records = [
        make_record("Toshiba Corp.", 25e9, doc="a.pdf", qualifier="up_to"),
        make_record("Toshiba's", 25e9, doc="b.html", sector="ai_infrastructure"),
        make_record("Toshiba Group", 3.7e12, "JPY", doc="c.txt", usd=25e9),
        make_record("Toshiba", 2e9, doc="c.txt", start=50),
    ]
    projects = merge(records)
    assert len(projects) == 2
    big = next(p for p in projects if len(p.sources) == 3)
    assert big.company == "Toshiba"
    assert big.sectors == ["energy", "ai_infrastructure"]
    assert {(a.value, a.currency, a.qualifier) for a in big.amounts} == {
        (25e9, "USD", "up_to"),
        (25e9, "USD", "exact"),
        (3.7e12, "JPY", "exact"),
    }
    assert {s.source for s in big.sources} == {"a.pdf", "b.html", "c.txt"}


def test_same_amount_of_different_companies_stay_apart() -> None:
    records = [
        make_record("Westinghouse", 100e9, doc="a.pdf"),
        make_record("GE Vernova Hitachi Nuclear Energy", 100e9, doc="a.pdf", start=40),
        make_record("Hitachi", 100e9, doc="b.html"),
        make_record("Westinghouse Electric", 100e9, doc="b.html", start=80),
    ]
    projects = merge(records)
    assert len(projects) == 2
    nuclear = next(p for p in projects if "GE Vernova Hitachi Nuclear Energy" in p.companies)
    assert {s.source for s in nuclear.sources} == {"a.pdf", "b.html"}
    assert "Hitachi" in nuclear.companies and "Westinghouse" not in nuclear.companies
    assert len({s for p in projects for s in p.sources}) == 4


def test_records_without_amount_merge_only_with_the_same_company_and_sector() -> None:
    records = [
        make_record("Acme Robotics", None, doc="a.txt"),
        make_record("Acme Robotics", None, doc="b.txt"),
        make_record("Acme Robotics", None, doc="c.txt", sector="automotive"),
        make_record("Acme Robotics", 1e9, doc="d.txt"),
    ]
    assert sorted(len(p.sources) for p in merge(records)) == [1, 1, 2]


def _without_run_order(project: Project) -> Project:
    steps = sorted(project.timeline, key=lambda s: s.record_id)
    return project.model_copy(update={"timeline": steps, "status": "announced"})


def test_project_ids_do_not_depend_on_input_order() -> None:
    records = [
        make_record("Toshiba Corp.", 25e9, doc="a.pdf"),
        make_record("Toshiba", 25e9, doc="b.html"),
        make_record("SoftBank", 25e9, doc="a.pdf", start=30),
        make_record("SoftBank Group", 3.7e12, "JPY", doc="c.txt", usd=25e9),
        make_record("Kestrel Grid Systems", 5e8, doc="c.txt", start=90),
        make_record("Kestrel Grid", 5.01e8, doc="d.txt"),
    ]
    first = merge(records)
    for seed in range(5):
        shuffled = records[:]
        random.Random(seed).shuffle(shuffled)
        # undated steps follow the run's order (and so may the status they end on); nothing else does
        assert [_without_run_order(p) for p in merge(shuffled)] == [_without_run_order(p) for p in first]
    assert len({p.project_id for p in first}) == len(first) == 3


def test_projects_sharing_company_and_bucket_get_distinct_ids() -> None:
    records = [
        make_record("Kestrel Grid", None, doc="a.txt"),
        make_record("Kestrel Grid", None, doc="b.txt", sector="other"),
    ]
    projects = merge(records)
    assert len(projects) == 2 and projects[0].project_id != projects[1].project_id


@pytest.fixture(scope="module")
def dev_runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    skip_without_shared(DEV_DOCS)
    inputs = [str(DEV_DOCS / name) for name in SAME_PROJECT_DOCS]
    first, second = tmp_path_factory.mktemp("run1"), tmp_path_factory.mktemp("run2")
    run(inputs, out=first)
    run(inputs, out=second)
    return first, second


def _ids(path: Path, key: str) -> list[str]:
    return [json.loads(line)[key] for line in path.read_text(encoding="utf-8").splitlines()]


def test_same_input_gives_same_record_and_project_ids_in_two_folders(dev_runs: tuple[Path, Path]) -> None:
    first, second = dev_runs
    assert _ids(first / "records.jsonl", "record_id") == _ids(second / "records.jsonl", "record_id")
    assert _ids(first / PROJECTS, "project_id") == _ids(second / PROJECTS, "project_id")
    assert (first / PROJECTS).read_bytes() == (second / PROJECTS).read_bytes()


def _project_with(projects: list[Project], company: str, value: float) -> Project:
    hits = [p for p in projects if company in p.companies and p.amount and p.amount.usd == value]
    assert len(hits) == 1, f"expected one {company} project of {value:g}, got {hits}"
    return hits[0]


def test_factsheet_and_articles_merge_into_one_project_each(dev_runs: tuple[Path, Path]) -> None:
    projects = [
        Project.model_validate_json(line) for line in (dev_runs[0] / PROJECTS).read_bytes().splitlines()
    ]
    records = (dev_runs[0] / "records.jsonl").read_bytes().splitlines()
    assert len(projects) < len(records)
    factsheet = SAME_PROJECT_DOCS[0]
    for company, value in (
        ("Westinghouse", 100e9),
        ("GE Vernova Hitachi Nuclear Energy", 100e9),
        ("SoftBank Group", 25e9),
    ):
        project = _project_with(projects, company, value)
        names = {Path(s.source).name for s in project.sources}
        assert factsheet in names and len(names) >= 3, (company, names)


@pytest.mark.parametrize("seed", range(3))
def test_merge_file_gives_the_projects_merge_gives(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    names = [
        "Harbor Energy",
        "Harbor Energy Holdings",
        "Cedar Steel",
        "Cedar Steel Corp.",
        "Kestrel",
        "Alder Power",
    ]
    figures = [
        (1e9, "USD", None),
        (1.005e9, "USD", None),
        (150e9, "JPY", 1e9),
        (2e9, "EUR", None),
        (None, "USD", None),
    ]
    places = ["", " in Ohio", " in Moberly, Missouri", " in Missouri", " in Ohio and Texas", " in Japan"]
    things = ["", " a battery plant", " a kiln plant", " a data center"]
    records = []
    for n in range(120):
        value, currency, usd = rng.choice(figures)
        sponsor = rng.choice(names)
        records.append(
            make_record(
                sponsor,
                value,
                currency,
                usd=usd,
                doc=f"doc{rng.randint(1, 30)}.txt",
                sector=rng.choice(["energy", "manufacturing"]),
                partners=tuple(rng.sample(names, rng.choice([0, 0, 1]))),
                participants=tuple(rng.sample(names, rng.choice([0, 1]))),
                start=n,
                text=f"{sponsor} will build{rng.choice(things)}{rng.choice(places)}.",
                published=rng.choice([None, "2025-10-01", "2026-01-15"]),
            )
        )
    path = tmp_path / "records.jsonl"
    path.write_bytes(b"".join(json.dumps(r.model_dump(mode="json")).encode() + b"\n" for r in records))
    records = [ProjectRecord.model_validate_json(line) for line in path.read_bytes().splitlines()]
    expected = b"".join(p.model_dump_json().encode() + b"\n" for p in merge(records))
    assert merge_file(path, tmp_path / PROJECTS) == len(merge(records))
    written = [Project.model_validate_json(line) for line in (tmp_path / PROJECTS).read_bytes().splitlines()]
    assert b"".join(p.model_dump_json().encode() + b"\n" for p in written) == expected


def test_a_shared_first_word_does_not_chain_companies() -> None:
    assert not leads_overlap(["alder"], ["alder batteries"])
    assert leads_overlap(["corvalis"], ["corvalis hoshikawa power systems"])


def _identity_record(
    sponsor: str, value: float, text: str, published: str | None = None, doc: str = "", **extra: Any
) -> ProjectRecord:
    return make_record(
        sponsor, value, text=text, published=published, doc=doc or f"{value:g}-{text}.txt", **extra
    )


def test_a_project_keeps_its_id_while_its_figure_moves() -> None:
    listed = _identity_record(
        "Brantwood Energy", 40e9, "Two AP1000 reactors in Georgia", "2025-10-14", qualifier="up_to"
    )
    selected = _identity_record(
        "Brantwood Energy Corp.", 33e9, "Brantwood's $33 billion reactor project in Georgia", "2026-02-10"
    )
    built = _identity_record(
        "Brantwood Energy", 35e9, "Brantwood broke ground on its Georgia reactors", "2026-05-04"
    )
    alone = merge([listed])
    projects = merge([built, selected, listed])
    assert len(projects) == 1
    assert projects[0].project_id == alone[0].project_id
    assert projects[0].amount is not None and projects[0].amount.value == 35e9  # the current figure
    assert [(s.date, s.amount.value if s.amount else None) for s in projects[0].timeline] == [
        ("2025-10-14", 40e9),
        ("2026-02-10", 33e9),
        ("2026-05-04", 35e9),
    ]


def test_different_projects_of_one_company_stay_apart() -> None:
    records = [
        _identity_record("Brantwood Energy", 40e9, "Two AP1000 reactors in Georgia"),
        _identity_record("Brantwood Energy", 3e9, "A nuclear fuel fabrication plant in South Carolina"),
        _identity_record("Brantwood Energy", 2e9, "A nuclear fuel fabrication plant in Georgia"),
        # the same figure at another site is another plant
        _identity_record("Brantwood Energy", 3e9, "A nuclear fuel fabrication plant in Ohio"),
    ]
    assert len(merge(records)) == 4


def test_a_total_over_two_states_is_not_the_plant_in_one_of_them() -> None:
    records = [
        _identity_record("Cedar Steel", 20e9, "Cedar Steel's $20 billion plan for mills in Ohio and Texas"),
        _identity_record("Cedar Steel", 5e9, "Cedar Steel's $5 billion steel mill in Ohio"),
        _identity_record("Cedar Steel", 5.5e9, "Cedar Steel now puts its steel mill in Ohio at $5.5 billion"),
    ]
    assert sorted(len(p.sources) for p in merge(records)) == [1, 2]


def test_without_a_place_only_the_same_kinds_in_one_currency_join() -> None:
    records = [
        _identity_record("Harbor Energy", 40e9, "AP1000 reactors"),
        _identity_record("Harbor Energy", 33e9, "its AP1000 reactor project"),
        _identity_record("Harbor Energy", 3e9, "a fuel plant"),
        make_record("Harbor Energy", 5e12, "JPY", text="AP1000 reactors"),
        _identity_record("Harbor Energy", 2e9, "reactors in Ohio"),
    ]
    assert sorted(len(p.sources) for p in merge(records)) == [1, 1, 1, 2]


def test_a_unit_named_in_the_text_joins_its_parents_project() -> None:
    records = [
        _identity_record("Brantwood Energy", 40e9, "Two AP1000 reactors in Georgia"),
        _identity_record(
            "Brantwood Nuclear",
            33e9,
            "Brantwood Nuclear LLC, a unit of Brantwood Energy Corp., will build reactors in Georgia",
        ),
        _identity_record("Brantwood Nuclear", 1e9, "Brantwood Nuclear will build a reactor in Georgia"),
    ]
    projects = merge(records)
    assert len(projects) == 1
    assert set(projects[0].companies) == {"Brantwood Energy", "Brantwood Nuclear"}


def test_a_parent_in_the_gazetteer_joins_its_units_project(tmp_path: Path) -> None:
    records = [
        _identity_record("Brantwood Energy", 40e9, "Two AP1000 reactors in Georgia"),
        _identity_record("Pelham Atomic", 33e9, "Pelham Atomic will build reactors in Georgia"),
    ]
    assert len(merge(records)) == 2
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "companies.jsonl").write_text(
        json.dumps({"name": "Pelham Atomic", "aliases": [], "parent": "Brantwood Energy"}) + "\n"
    )
    assert len(merge(records, rules=load_rules((folder,)))) == 1


def test_siblings_do_not_join_through_their_parent() -> None:
    records = [
        _identity_record(
            "Brantwood Nuclear", 33e9, "Brantwood Nuclear, a unit of Brantwood Energy, in Georgia"
        ),
        _identity_record("Brantwood Gas", 3e9, "Brantwood Gas, a unit of Brantwood Energy, in Georgia"),
    ]
    assert len(merge(records)) == 2


def test_undated_steps_come_last_in_run_order_and_say_so() -> None:
    records = [
        _identity_record("Cedar Steel", 6e9, "a steel mill in Ohio", None),
        _identity_record("Cedar Steel", 5e9, "a steel mill in Ohio", "2026-01-05"),
        _identity_record("Cedar Steel", 7e9, "a steel mill in Ohio", None),
        _identity_record("Cedar Steel", 4e9, "a steel mill in Ohio", "2025-06-01", status="candidate"),
    ]
    (project,) = merge(records)
    steps = [(s.date, s.dated, s.amount.value if s.amount else None) for s in project.timeline]
    assert steps == [
        ("2025-06-01", True, 4e9),
        ("2026-01-05", True, 5e9),
        (None, False, 6e9),
        (None, False, 7e9),
    ]
    assert project.status == "announced"  # the latest dated step's, not the last undated one's
    assert project.amount is not None and project.amount.value == 5e9  # so is the current figure
    undated = merge([r.model_copy(update={"published": None}) for r in reversed(records)])[0]
    assert undated.amount is not None and undated.amount.value == 6e9  # the last in run order


def test_a_misspelt_identity_key_is_an_error_naming_the_file_and_key(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "identity.json").write_text(json.dumps({"kind": {"tidal": ["tidal array"]}}), encoding="utf-8")
    with pytest.raises(UsageError, match=r"identity\.json: unknown key 'kind' \(did you mean 'kinds'\?\)"):
        load_rules((folder,))


def test_user_identity_rules_add_kinds_of_project(tmp_path: Path) -> None:
    records = [
        _identity_record("Harbor Energy", 4e9, "a tidal array"),
        _identity_record("Harbor Energy", 5e9, "its tidal array"),
    ]
    assert len(merge(records)) == 2
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "identity.json").write_text(json.dumps({"kinds": {"tidal": ["tidal array"]}}), encoding="utf-8")
    assert len(merge(records, rules=load_rules((folder,)))) == 1


def test_the_longest_kind_is_read_a_lithium_refinery_is_no_oil_refinery() -> None:
    records = [
        _identity_record("Cedar Chemicals", 2e9, "a lithium refinery in Nevada"),
        _identity_record("Cedar Chemicals", 3e9, "an oil refinery in Nevada"),
    ]
    assert len(merge(records)) == 2


def test_a_record_that_says_less_does_not_bridge_two_projects() -> None:
    battery = _identity_record("Cedar Power", 2e9, "a battery plant in Ohio")
    vague = _identity_record("Cedar Power", 3e9, "its plans in Ohio")
    fab = _identity_record("Cedar Power", 4e9, "a chip fab in Ohio")
    projects = merge([battery, vague, fab])
    assert sorted(len(p.sources) for p in projects) == [1, 2]
    assert not any({battery.record_id, fab.record_id} <= {s.record_id for s in p.sources} for p in projects)
