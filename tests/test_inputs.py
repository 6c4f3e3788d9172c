"""Inputs are checked before the output folder is touched: a mistyped path or URL is a usage error that
leaves earlier results as they were; a file that exists but cannot be read and a bad line of a URL list are
failed documents; no INPUT runs the bundled samples, said out loud, and never over other results."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.errors import UsageError
from pipeline.run import run
from tests.shared_paths import SAMPLES

GOOD = SAMPLES / "docs" / "wire-harbor-cobalt-pledges.txt"
runner = CliRunner()


def _invoke(*args: str) -> tuple[int, str]:
    from pipeline.cli import app

    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def _snapshot(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


@pytest.mark.parametrize(
    ("typo", "hint"),
    [
        ("docs-typo", "no such file or folder; check the path"),
        ("htp://127.0.0.1:8765/x", "write https://127.0.0.1:8765/x or http://127.0.0.1:8765/x"),
        ("127.0.0.1:8765/x", "write it with its scheme: http://127.0.0.1:8765/x"),
        ("example.com/news/1", "write it with its scheme: http://example.com/news/1"),
        ("https://", "a web address needs a host"),
    ],
)
def test_a_mistyped_input_is_a_usage_error_that_keeps_earlier_results(
    tmp_path: Path, typo: str, hint: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out"
    assert _invoke("-q", "run", str(GOOD), "--out", str(out))[0] == 0
    before = _snapshot(out)
    assert before["records.jsonl"]
    code, output = _invoke("run", typo, str(GOOD), "--out", str(out))
    assert code == 2
    assert output.startswith(f"error: {typo}: ") and hint in output
    assert "nothing was read or written" in output and len(output.strip().splitlines()) == 1
    assert _snapshot(out) == before


def test_a_mistyped_input_creates_no_output_folder(tmp_path: Path) -> None:
    out = tmp_path / "new-out"
    assert _invoke("-q", "run", str(tmp_path / "no-such-folder"), "--out", str(out))[0] == 2
    assert not out.exists()
    with pytest.raises(UsageError, match="no such file or folder"):
        run([str(tmp_path / "no-such-folder")], out)  # the Python API checks the same way
    assert not out.exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file without read permission")
def test_a_file_without_read_permission_is_a_failed_document(tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text("Harbor Steel Inc. plans a $1 billion steel mill in Texas.")
    locked.chmod(0)
    assert _invoke("-q", "run", str(locked), "--out", str(tmp_path / "o"))[0] == 0
    document = json.loads((tmp_path / "o" / "documents.jsonl").read_text())
    assert (document["status"], document["error"]["kind"]) == ("failed", "unreadable")


def test_a_bad_line_of_a_url_list_is_a_failed_document(tmp_path: Path) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text("# two typos\nhtp://example.test/release\nexample.test/other\n")
    code, output = _invoke("-q", "run", str(GOOD), "--urls", str(listing), "--out", str(tmp_path / "o"))
    assert code == 0, output
    documents = [json.loads(line) for line in (tmp_path / "o" / "documents.jsonl").read_text().splitlines()]
    assert [d["status"] for d in documents] == ["ok", "failed", "failed"]
    assert [d["source"] for d in documents[1:]] == ["htp://example.test/release", "example.test/other"]
    assert {d["error"]["kind"] for d in documents[1:]} == {"bad_url"}
    assert "https://" in documents[1]["error"]["message"]


def test_no_input_runs_the_samples_and_says_so(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    code, output = _invoke("run", "--out", str(out))
    assert code == 0, output
    assert "no INPUT given: running the bundled samples" in output
    sources = [json.loads(line)["source"] for line in (out / "documents.jsonl").read_text().splitlines()]
    assert len(sources) == 3 and all(s.startswith(str(SAMPLES)) for s in sources)
    assert _invoke("-q", "run", "--out", str(out))[0] == 0  # the samples again over the samples: fine


def test_no_input_never_replaces_the_results_of_other_inputs(tmp_path: Path) -> None:
    own = tmp_path / "own.txt"
    own.write_text("A mill\n\nHarbor Steel Inc. plans a $1 billion steel mill in Texas.\n")
    out = tmp_path / "results"
    assert _invoke("-q", "run", str(own), "--out", str(out))[0] == 0
    before = _snapshot(out)
    code, output = _invoke("-q", "run", "--out", str(out))
    assert code == 2
    assert "holds the results of other inputs (1 documents)" in output and "name your inputs" in output
    assert _snapshot(out) == before
    assert _invoke("-q", "run", str(own), "--out", str(out))[0] == 0  # named inputs: the user's call
