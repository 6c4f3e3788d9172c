"""The command line as a user meets it: help, version, text, exit statuses."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from pipeline import __version__
from pipeline.cli import app
from tests.shared_paths import SAMPLES

runner = CliRunner()


def test_help_lists_the_commands() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("run", "text", "eval"):
        assert command in result.output


def test_version() -> None:
    assert runner.invoke(app, ["--version"]).output.strip() == f"pledgeline {__version__}"


def test_text_prints_the_article_body_without_the_headline() -> None:
    result = runner.invoke(app, ["text", str(SAMPLES / "docs" / "news-rivergate-shipyard.html")])
    assert result.exit_code == 0
    assert "Halvorsen Marine ASA said on Tuesday" in result.stdout
    assert "Shop now" not in result.stdout and "Leave a Reply" not in result.stdout


def test_a_file_that_cannot_be_read_is_a_failed_document_and_the_run_goes_on(tmp_path: Path) -> None:
    good = SAMPLES / "docs" / "wire-harbor-cobalt-pledges.txt"
    dangling = tmp_path / "gone.pdf"
    dangling.symlink_to(tmp_path / "moved-away.pdf")  # it exists as a name, but there is nothing to read
    result = runner.invoke(app, ["-q", "run", str(good), str(dangling), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0
    documents = [json.loads(line) for line in (tmp_path / "o" / "documents.jsonl").read_text().splitlines()]
    assert [d["status"] for d in documents] == ["ok", "failed"]
    assert documents[1]["error"]["kind"] == "not_found"


def test_fail_on_error_exits_1(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["-q", "run", str(empty), "--out", str(tmp_path / "o"), "--fail-on-error"])
    assert result.exit_code == 1


def test_a_usage_error_exits_2() -> None:
    assert runner.invoke(app, ["run", "--no-such-flag"]).exit_code == 2


def test_binary_junk_named_txt_fails_cleanly(tmp_path: Path) -> None:
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 4)
    result = runner.invoke(app, ["-q", "run", str(junk), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0
    [line] = [json.loads(row) for row in (tmp_path / "o" / "documents.jsonl").read_text().splitlines()]
    assert line["status"] == "failed"
    assert line["error"]["kind"] == "corrupt" and "binary data" in line["error"]["message"]
    assert (tmp_path / "o" / "records.jsonl").read_text() == ""


def test_the_command_leaves_with_its_output_whole_and_its_status(tmp_path: Path) -> None:
    # The command skips the interpreter's teardown when it leaves (pipeline.cli._leave): what it printed
    # to a file must still be all there, and its exit status the command's own.
    sample = str(SAMPLES / "docs" / "news-rivergate-shipyard.html")
    printed = tmp_path / "text.txt"
    with printed.open("w", encoding="utf-8") as stdout:
        done = subprocess.run([sys.executable, "-m", "pipeline", "text", sample], stdout=stdout, timeout=300)
    assert done.returncode == 0
    assert printed.read_text(encoding="utf-8") == runner.invoke(app, ["text", sample]).output
    missing = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipeline",
            "run",
            str(tmp_path / "missing.pdf"),
            "--out",
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert missing.returncode == 2 and "missing.pdf" in missing.stderr
