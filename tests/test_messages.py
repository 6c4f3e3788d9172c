"""Messages print file names and hints literally, and a file name that is not UTF-8 does not stop a run.

The command runs in a child process, as a user runs it: its stderr is a pipe, not a terminal.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

STORY = (
    "Kiln plant for Kansas\n\n"
    "Marrow Point Ceramics Corp. will invest $1 billion in a kiln plant in Kansas, it said on Monday.\n"
)


def pledgeline(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The command line in a child process; stdout and stderr as text (bytes that are not UTF-8 escaped)."""
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        capture_output=True,
        text=True,
        errors="backslashreplace",
        timeout=300,
        cwd=cwd,
        env={**os.environ, **(env or {}), "COLUMNS": "60"},  # narrow: long lines must not be broken either
    )


def test_file_names_with_square_brackets_print_as_they_are(tmp_path: Path) -> None:
    folder = tmp_path / "odd [" / "i] folder"  # the path holds "[/i]", a closing tag with nothing open
    folder.mkdir(parents=True)
    assert "[/i]" in str(folder)
    (folder / "Fact sheet [final].pdf").write_bytes(b"%PDF-1.4 not really a PDF [bold]")
    (folder / "Notes [red].txt").write_text(STORY)
    out = tmp_path / "out [v2]"
    done = pledgeline("run", str(folder), "--out", str(out), "--workers", "1")
    assert done.returncode == 0, done.stderr
    assert "MarkupError" not in done.stderr
    assert f"failed {folder}/Fact sheet [final].pdf: corrupt:" in done.stderr
    assert f"pledgeline run -> {out}" in done.stderr
    sources = [json.loads(line)["source"] for line in (out / "documents.jsonl").read_text().splitlines()]
    assert sources == [f"{folder}/Fact sheet [final].pdf", f"{folder}/Notes [red].txt"]


def test_an_install_hint_keeps_its_brackets(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "story.txt").write_text(STORY)
    assert pledgeline("-q", "run", str(tmp_path / "in"), "--out", str(tmp_path / "out")).returncode == 0
    # a site-packages folder that shadows pyarrow with a module that cannot be imported
    shadow = tmp_path / "shadow" / "pyarrow"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("raise ImportError('pyarrow is hidden for this test')\n")
    env = {"PYTHONPATH": os.pathsep.join([str(tmp_path / "shadow"), *sys.path])}
    done = pledgeline("export", str(tmp_path / "out"), "--format", "parquet", env=env)
    assert done.returncode == 2
    assert "error: Parquet export needs pyarrow: pip install 'pledgeline[export]'" in done.stderr


def test_an_error_message_with_a_closing_tag_prints_as_it_is(tmp_path: Path) -> None:
    done = pledgeline("export", str(tmp_path / "no run [/b] here"), "--format", "csv")
    assert done.returncode == 2
    assert f"error: {tmp_path / 'no run [/b] here' / 'documents.jsonl'} not found" in done.stderr
    assert "MarkupError" not in done.stderr and "Traceback" not in done.stderr


@pytest.mark.skipif(
    sys.platform in ("darwin", "win32"), reason="the file system must accept any bytes in a name"
)
def test_a_file_name_that_is_not_utf8_is_a_document_with_a_printable_source(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path / "in")
    os.mkdir(folder)
    with open(os.path.join(folder, b"caf\xe9 pledges.txt"), "wb") as handle:
        handle.write(STORY.encode())
    with open(os.path.join(folder, b"z-broken \xff.pdf"), "wb") as handle:
        handle.write(b"%PDF-1.4 not really a PDF")
    out = tmp_path / "out"
    done = pledgeline("run", str(tmp_path / "in"), "--out", str(out), "--workers", "1")
    assert done.returncode == 0, done.stderr
    documents = [json.loads(line) for line in (out / "documents.jsonl").read_text().splitlines()]
    assert [d["source"] for d in documents] == [
        f"{tmp_path}/in/caf\\xe9 pledges.txt",
        f"{tmp_path}/in/z-broken \\xff.pdf",
    ]
    assert [d["status"] for d in documents] == ["ok", "failed"]
    records = [json.loads(line) for line in (out / "records.jsonl").read_text().splitlines()]
    assert [r["sponsor"] for r in records] == ["Marrow Point Ceramics"]
    assert f"failed {tmp_path}/in/z-broken \\xff.pdf: corrupt" in done.stderr
