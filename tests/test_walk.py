"""What a run reads: never its own outputs, its archive's index or version-control folders; formats it
cannot read fail as `unsupported` with their media type; an index page read by --follow for its links alone
is no failed document."""

from __future__ import annotations

import io
import json
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest
from fetch_site import FetchSite
from typer.testing import CliRunner

from pipeline.cli import app

runner = CliRunner()
PLEDGE = "A mill\n\nHarbor Steel Inc. plans a $1 billion steel mill in Texas.\n"


def _run(*args: str) -> None:
    result = runner.invoke(app, ["-q", "run", *args])
    assert result.exit_code == 0, result.output


def _documents(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "mill.txt").write_text(PLEDGE, encoding="utf-8")
    return folder


@pytest.mark.parametrize("inside", ["out", "nested/out", "."])
def test_an_output_folder_inside_the_input_is_never_read(docs: Path, inside: str) -> None:
    out = docs / inside
    for _ in range(3):  # each run sees the outputs (and the export, the report) of the one before
        _run(str(docs), "--out", str(out))
        assert runner.invoke(app, ["-q", "export", str(out), "--format", "jsonl"]).exit_code == 0
    assert [Path(d["source"]).name for d in _documents(out)] == ["mill.txt"]


def test_version_control_and_hidden_folders_are_not_documents(docs: Path, tmp_path: Path) -> None:
    for folder, name in ((".git", "config"), (".hg", "hgrc"), (".svn", "entries"), ("CVS", "Entries")):
        (docs / folder).mkdir()
        (docs / folder / name).write_text("[core]\n\trepositoryformatversion = 0\n")
    (docs / "sub").mkdir()
    (docs / "sub" / "mill-2.txt").write_text(PLEDGE.replace("Texas", "Ohio"))
    _run(str(docs), "--out", str(tmp_path / "out"))
    assert [d["source"] for d in _documents(tmp_path / "out")] == [
        str(docs / "mill.txt"),
        str(docs / "sub" / "mill-2.txt"),
    ]


def test_an_archive_folder_is_read_for_its_warc_files_not_its_index(
    fetch_site: FetchSite, tmp_path: Path
) -> None:
    archive = tmp_path / "archive"
    url = fetch_site.url("/press/2025-03-02-cable-plant.html")
    fetched = runner.invoke(
        app, ["-q", "fetch", url, "--archive", str(archive), "--allow-private", "--rate", "0"]
    )
    assert fetched.exit_code == 0, fetched.output
    assert (archive / "index.sqlite").is_file()
    _run(str(archive), "--out", str(tmp_path / "out"), "--fail-on-error")
    documents = _documents(tmp_path / "out")
    assert [(d["source"], d["status"]) for d in documents] == [(url, "ok")]


def _png() -> bytes:
    """A real 1x1 PNG: signature, IHDR, IDAT, IEND."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    header = (1).to_bytes(4, "big") * 2 + bytes([8, 2, 0, 0, 0])
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


def _zip(entries: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in entries.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def _docx() -> bytes:
    """A minimal Word document: the OOXML package parts a .docx holds, with a pledge in its body."""
    return _zip(
        {
            "[Content_Types].xml": (
                '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                'content-types"><Override PartName="/word/document.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
            ),
            "word/document.xml": (
                '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                "<w:body><w:p><w:r><w:t>Harbor Steel Inc. plans a $1 billion steel mill.</w:t></w:r></w:p>"
                "</w:body></w:document>"
            ),
        }
    )


@pytest.mark.parametrize(
    ("name", "content", "media_type"),
    [
        ("logo.png", _png(), "image/png"),
        ("bundle.zip", _zip({"mill.txt": PLEDGE}), "application/zip"),
        ("pledge.docx", _docx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("renamed.txt", _png(), "image/png"),  # by its content, not its name
    ],
    ids=["png", "zip", "docx", "png-named-txt"],
)
def test_a_format_pledgeline_cannot_read_is_unsupported_with_its_media_type(
    tmp_path: Path, name: str, content: bytes, media_type: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    _run(str(path), "--out", str(tmp_path / "out"))
    [document] = _documents(tmp_path / "out")
    assert (document["status"], document["error"]["kind"], document["media_type"]) == (
        "failed",
        "unsupported",
        media_type,
    )
    assert (
        media_type in document["error"]["message"] and "PDF, HTML, plain text" in document["error"]["message"]
    )


def test_a_text_beginning_like_a_signature_is_still_text(tmp_path: Path) -> None:
    path = tmp_path / "otto.txt"
    path.write_text("OTTO Group\n\nOTTO Group GmbH plans a $1 billion warehouse in Ohio.\n")
    _run(str(path), "--out", str(tmp_path / "out"))
    [document] = _documents(tmp_path / "out")
    assert (document["status"], document["media_type"]) == ("ok", "text/plain")


def test_an_index_page_read_for_its_links_is_no_failed_document(
    fetch_site: FetchSite, tmp_path: Path
) -> None:
    index = fetch_site.url("/bare/index.html")
    result = runner.invoke(
        app,
        ["-q", "run", index, "--follow", "--allow-private", "--rate", "0", "--out", str(tmp_path / "out"),
         "--fail-on-error", "--workers", "1"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    by_source = {d["source"]: d for d in _documents(tmp_path / "out")}
    assert by_source[index]["status"] == "ok" and by_source[index]["error"] is None
    assert by_source[fetch_site.url("/files/factsheet-cables.pdf")]["status"] == "ok"
    # the same page given without --follow has nothing to offer: it stays a failed document
    alone = runner.invoke(
        app, ["-q", "run", index, "--allow-private", "--rate", "0", "--out", str(tmp_path / "alone")]
    )
    assert alone.exit_code == 0
    assert _documents(tmp_path / "alone")[0]["error"]["kind"] == "no_text"
