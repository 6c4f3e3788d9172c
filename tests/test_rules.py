"""Rule loading: every rule file checked against its model, user files that add and remove entries, every
bundled file read through the RuleSet (money, HTML and text boilerplate included), the rules' JSON Schema."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from pipeline.acquire.raw import raw_from_bytes
from pipeline.cli import app
from pipeline.config import ParseSettings
from pipeline.errors import UsageError
from pipeline.extract.money import MoneyRules, find_money
from pipeline.parse import parse
from pipeline.rules import load_rules, rules_json_schema
from pipeline.rules.models import GAZETTEER, RULE_FILES, Money, Roles, TextBoilerplate

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "pipeline" / "rules"
CODE = ROOT / "pipeline"


def _user_rules(tmp_path: Path, files: dict[str, object]) -> Path:
    folder = tmp_path / "my-rules"
    folder.mkdir(exist_ok=True)
    for name, content in files.items():
        text = content if isinstance(content, str) else json.dumps(content)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _usage_error(tmp_path: Path, files: dict[str, object]) -> str:
    with pytest.raises(UsageError) as caught:
        load_rules((_user_rules(tmp_path, files),))
    return str(caught.value)


# --- the bundled files --------------------------------------------------------------------------------


def test_every_bundled_rule_file_has_a_model_and_loads() -> None:
    names = {p.name for p in BUNDLED.iterdir() if p.suffix in {".json", ".jsonl"}}
    assert names == {f"{name}.json" for name in RULE_FILES} | {f"{GAZETTEER}.jsonl"}
    rules = load_rules()
    assert set(rules.files) == set(RULE_FILES)
    assert len(rules.companies) == len((BUNDLED / "companies.jsonl").read_text().splitlines())


def test_every_key_says_how_it_matches() -> None:
    for name, model in RULE_FILES.items():
        for key, info in model.model_fields.items():
            assert info.description and len(info.description) > 20, f"{name}.json {key}: no description"


def test_every_rule_key_is_read_by_the_code() -> None:
    # A key no code reads is a rule that silently does nothing (sectors.json's keys are read by iteration).
    code = "\n".join(
        p.read_text(encoding="utf-8") for p in CODE.rglob("*.py") if "rules/models" not in p.as_posix()
    )
    for name, model in RULE_FILES.items():
        if name == "sectors":
            continue
        for key in set(model.model_fields) - {"schema_url", "remove"}:
            assert re.search(rf"[\"'.]{key}\b", code), f"{name}.json {key} is read by no code: remove it"


def test_the_bundled_files_carry_every_key_of_their_model() -> None:
    for name, model in RULE_FILES.items():
        data = json.loads((BUNDLED / f"{name}.json").read_text(encoding="utf-8"))
        assert set(data) == set(model.model_fields) - {"schema_url", "remove"}, name


# --- user files: checked --------------------------------------------------------------------------------


def test_a_misspelt_key_is_a_usage_error_naming_file_and_key(tmp_path: Path) -> None:
    message = _usage_error(tmp_path, {"roles.json": {"not_record_befor": ["raised"]}})
    assert "roles.json" in message and "'not_record_befor'" in message
    assert "did you mean 'not_record_before'" in message


def test_a_wrong_shape_is_a_usage_error_naming_the_key(tmp_path: Path) -> None:
    message = _usage_error(tmp_path, {"sectors.json": {"energy": "reactor"}})
    assert "sectors.json" in message and "'energy'" in message and "list" in message


def test_a_phrase_in_a_single_word_key_is_refused(tmp_path: Path) -> None:
    message = _usage_error(tmp_path, {"roles.json": {"past_verbs": ["had invested"]}})
    assert "past_verbs" in message and "single words" in message


def test_a_sector_outside_the_contract_is_refused(tmp_path: Path) -> None:
    message = _usage_error(tmp_path, {"sectors.json": {"space_tourism": ["orbital hotel"]}})
    assert "'space_tourism'" in message


def test_a_currency_that_is_no_code_is_refused(tmp_path: Path) -> None:
    message = _usage_error(tmp_path, {"money.json": {"words": {"clams": "clam shells"}}})
    assert "money.json" in message and "words.clams" in message and "ISO 4217" in message


def test_a_file_of_no_known_name_is_refused(tmp_path: Path) -> None:
    message = _usage_error(tmp_path, {"role.json": {"umbrella": ["all told"]}})
    assert "role.json" in message and "did you mean roles.json" in message


def test_a_bad_gazetteer_line_names_its_line(tmp_path: Path) -> None:
    lines = json.dumps({"name": "Qworbix"}) + "\n" + json.dumps({"name": "Zentiq", "alias": ["Z"]}) + "\n"
    message = _usage_error(tmp_path, {"companies.jsonl": lines})
    assert "companies.jsonl, line 2" in message and "'alias'" in message


# --- user files: add and remove -------------------------------------------------------------------------


def test_a_user_file_adds_entries(tmp_path: Path) -> None:
    rules = load_rules((_user_rules(tmp_path, {"roles.json": {"umbrella": ["all told"]}}),))
    umbrella = rules.get(Roles).umbrella
    assert umbrella[-1] == "all told" and len(umbrella) == len(load_rules().get(Roles).umbrella) + 1
    assert rules.digest != load_rules().digest


def test_a_user_file_removes_bundled_entries(tmp_path: Path) -> None:
    assert "revenue" in load_rules().get(Roles).not_record_before
    rules = load_rules(
        (_user_rules(tmp_path, {"roles.json": {"remove": {"not_record_before": ["revenue"]}}}),)
    )
    assert "revenue" not in rules.get(Roles).not_record_before
    assert rules.get(Roles).umbrella == load_rules().get(Roles).umbrella  # the other keys stay


def test_removing_an_entry_that_is_not_there_is_an_error(tmp_path: Path) -> None:
    message = _usage_error(tmp_path, {"roles.json": {"remove": {"not_record_before": ["raisd"]}}})
    assert "remove.not_record_before" in message and "'raisd'" in message


def test_removal_from_mappings_by_key_and_by_entry(tmp_path: Path) -> None:
    remove = {"symbols": ["RM"], "qualifiers_before": {"up_to": ["under"]}}
    money = load_rules((_user_rules(tmp_path, {"money.json": {"remove": remove}}),)).get(Money)
    assert "RM" not in money.symbols and "US$" in money.symbols
    assert "under" not in money.qualifiers_before["up_to"] and "up to" in money.qualifiers_before["up_to"]


def test_a_gazetteer_line_removes_a_bundled_company(tmp_path: Path) -> None:
    bundled = load_rules().companies[0].name
    lines = json.dumps({"remove": bundled}) + "\n" + json.dumps({"name": "Qworbix Turbines"}) + "\n"
    rules = load_rules((_user_rules(tmp_path, {"companies.jsonl": lines}),))
    names = [c.name for c in rules.companies]
    assert bundled not in names and names[-1] == "Qworbix Turbines"
    missing = _usage_error(tmp_path, {"companies.jsonl": json.dumps({"remove": "Nobody Ltd"}) + "\n"})
    assert "no company is named 'Nobody Ltd'" in missing


# --- every file through the RuleSet ---------------------------------------------------------------------


def test_a_user_money_file_takes_effect(tmp_path: Path) -> None:
    text = "The cooperative will spend 40 million clams and RM 5 million on the mill."
    bundled = [(m.value, m.currency) for m in find_money(text)]
    assert bundled == [(5e6, "MYR")]
    mine = {"words": {"clams": "XCL"}, "remove": {"symbols": ["RM"]}}
    rules = load_rules((_user_rules(tmp_path, {"money.json": mine}),))
    assert [(m.value, m.currency) for m in find_money(text, MoneyRules.from_rules(rules))] == [(4e7, "XCL")]


def test_a_user_boilerplate_file_takes_effect(tmp_path: Path) -> None:
    page = (
        b"<html><body><article><h1>Harbour works</h1>"
        b"<p>The port authority said dredging of the outer channel would start in the spring season.</p>"
        b'<div class="zq-teaser">Read our weekly shipping digest for more port news and views.</div>'
        b"<p>Crews will work in two shifts and the channel stays open to ferries during the works.</p>"
        b"</article></body></html>"
    )
    raw = raw_from_bytes("harbour.html", page, max_bytes=10**6)
    assert "weekly shipping digest" in parse(raw, ParseSettings()).text
    rules = load_rules((_user_rules(tmp_path, {"boilerplate.json": {"cue_words": ["zq"]}}),))
    text = parse(raw, ParseSettings(), rules).text
    assert "weekly shipping digest" not in text and "two shifts" in text


def test_a_user_text_boilerplate_file_takes_effect(tmp_path: Path) -> None:
    article = "Mill expands\n\nThe mill adds a second line.\n\nHOUSE NOTICE\nOur offices close on Friday.\n"
    raw = raw_from_bytes("mill.txt", article.encode(), max_bytes=10**6)
    assert "offices close" in parse(raw, ParseSettings()).text
    rules = load_rules((_user_rules(tmp_path, {"text_boilerplate.json": {"ad_labels": ["house notice"]}}),))
    assert rules.get(TextBoilerplate).ad_labels[-1] == "house notice"
    text = parse(raw, ParseSettings(), rules).text
    assert "offices close" not in text and "second line" in text


# --- the JSON Schema ------------------------------------------------------------------------------------


def test_the_schema_accepts_the_bundled_files_and_flags_a_misspelt_key() -> None:
    schema = rules_json_schema()
    for name in RULE_FILES:
        one = {**schema, "$ref": f"#/$defs/{name}.json"}
        one.pop("anyOf")
        data = json.loads((BUNDLED / f"{name}.json").read_text(encoding="utf-8"))
        jsonschema.validate(data, one)
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({"not_a_key": []}, one)
    line = {**schema, "$ref": "#/$defs/companies.jsonl"}
    line.pop("anyOf")
    jsonschema.validate({"name": "Qworbix", "aliases": ["QX"]}, line)
    jsonschema.validate({"remove": "Qworbix"}, line)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"name": "Qworbix", "alias": []}, line)
    jsonschema.validate({"$schema": "rules.schema.json", "remove": {"umbrella": ["total"]}}, schema)


def test_cli_prints_the_rules_schema() -> None:
    result = CliRunner().invoke(app, ["schema", "rules"])
    assert result.exit_code == 0
    printed = json.loads(result.stdout)
    assert printed == json.loads(json.dumps(rules_json_schema()))
    description = printed["$defs"]["roles.json"]["properties"]["not_record_before"]["description"]
    assert "last 5 words before the amount" in description


def test_a_run_with_a_misspelt_user_key_exits_2_naming_it(tmp_path: Path) -> None:
    rules = _user_rules(tmp_path, {"company_cues.json": {"legal_sufixes": ["Kft."]}})
    doc = tmp_path / "note.txt"
    doc.write_text("Plant news\n\nKestrel Power Corp. will invest $2 billion in a plant in Ohio.\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["-q", "run", str(doc), "--out", str(out), "--rules", str(rules)])
    assert result.exit_code == 2
    message = result.output.replace("\n", "")  # rich wraps long lines
    assert "company_cues.json" in message and "'legal_sufixes' (did you mean 'legal_suffixes'?)" in message
    assert not (out / "records.jsonl").exists()
