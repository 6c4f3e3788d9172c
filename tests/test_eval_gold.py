"""`pledgeline eval` on a bad gold file: one line that names the file, the line and what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.evaluate import load_gold
from tests.shared_paths import SAMPLES

GOOD = '{"doc": "a.txt", "companies": [["Acme"]], "amounts": [], "records": []}'


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("{not json", "is not JSON"),
        ('["a.txt"]', "the line: input should be a valid dictionary"),
        ('{"companies": []}', "doc: field required"),
        ('{"doc": "a.txt", "recrods": []}', "recrods: extra inputs are not permitted"),
        (
            '{"doc": "a.txt", "records": [{"companies": ["Acme"], "value": "2 bn", "currency": "USD"}]}',
            "records.0.value: input should be a valid number",
        ),
        ('{"doc": "a.txt", "amounts": [{"value": 5e9}]}', "amounts.0.currency: field required"),
    ],
)
def test_a_bad_gold_line_is_one_clear_line_and_exit_2(tmp_path: Path, line: str, says: str) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(f"{GOOD}\n{line}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(SAMPLES / "docs"), "--gold", str(gold)])
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith(f"error: {gold}, line 2")
    assert says in lines[0] and "docs/gold-format.md" in lines[0]
    assert "Traceback" not in result.output


def test_an_empty_gold_file_says_so(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(SAMPLES / "docs"), "--gold", str(gold)])
    assert result.exit_code == 2 and "has no lines" in result.output


def test_the_samples_gold_still_scores(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["eval", str(SAMPLES / "docs"), "--gold", str(SAMPLES / "gold.jsonl"), "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-4].startswith("companies ")


def test_the_example_of_the_gold_format_document_is_a_valid_gold_line(tmp_path: Path) -> None:
    doc = (Path(__file__).resolve().parents[1] / "docs" / "gold-format.md").read_text(encoding="utf-8")
    example = doc.split("```json", 1)[1].split("```", 1)[0]
    gold = tmp_path / "gold.jsonl"
    gold.write_text(" ".join(example.split()) + "\n", encoding="utf-8")
    [line] = load_gold(gold)
    assert line["doc"] == "wire-harbor-cobalt-pledges.txt" and len(line["records"]) == 2
