"""Bad input end to end through the CLI: each bad document fails alone, with a stable kind and a clear
message, the good document beside it is still processed, and nothing prints a traceback."""

from __future__ import annotations

import io
import json
import os
import random
import zlib
from pathlib import Path
from typing import Any

import pytest
from reportlab.pdfgen import canvas
from test_archives import _warc
from test_parse_pdf import _TEXT, _handmade_pdf
from typer.testing import CliRunner

from pipeline.cli import app
from tests.shared_paths import SAMPLES

runner = CliRunner()
GOOD = SAMPLES / "docs" / "wire-harbor-cobalt-pledges.txt"
PLEDGE = "Kestrel Power Corp. will invest $2 billion in a battery plant in Ohio, it said on Monday."


def _run(tmp_path: Path, *inputs: Path | str, options: tuple[str, ...] = ()) -> dict[str, dict[str, Any]]:
    """Run the CLI over the inputs and the good sample; the documents by file name."""
    out = tmp_path / "out"
    result = runner.invoke(app, ["-q", "run", *map(str, inputs), str(GOOD), "--out", str(out), *options])
    assert result.exit_code == 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    lines = (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    documents = {
        Path(d["source"].split("#")[0]).name + _fragment(d["source"]): d for d in map(json.loads, lines)
    }
    good = documents[GOOD.name]
    assert good["status"] == "ok" and "Northbay Cobalt" in good["companies"]
    records = (out / "records.jsonl").read_text(encoding="utf-8")
    assert str(GOOD) in records  # the good document's records were written too
    return documents


def _fragment(source: str) -> str:
    return "#" + source.split("#")[1] if "#" in source else ""


def _failed(document: dict[str, Any], kind: str, *words: str) -> None:
    assert document["status"] == "failed"
    assert document["error"]["kind"] == kind, document["error"]
    message = document["error"]["message"]
    assert len(message) > 15 and all(w in message for w in words), message


def _write(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


# --- files that are not what they say ------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["txt", "html", "pdf"])
def test_an_empty_file(tmp_path: Path, suffix: str) -> None:
    path = _write(tmp_path, f"empty.{suffix}", b"")
    _failed(_run(tmp_path, path)[path.name], "empty", "empty")


@pytest.mark.parametrize("suffix", ["txt", "html", "pdf"])
def test_binary_junk_under_a_document_name(tmp_path: Path, suffix: str) -> None:
    rng = random.Random(suffix)
    path = _write(tmp_path, f"junk.{suffix}", bytes(rng.randrange(256) for _ in range(50_000)))
    _failed(_run(tmp_path, path)[path.name], "corrupt", "binary")


def test_a_truncated_pdf(tmp_path: Path) -> None:
    whole = _handmade_pdf([_TEXT] * 3)
    path = _write(tmp_path, "truncated.pdf", whole[: len(whole) // 2])
    _failed(_run(tmp_path, path)[path.name], "corrupt", "PDF")


def test_an_encrypted_pdf(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    locked = canvas.Canvas(buffer, encrypt="pw")
    locked.drawString(72, 720, "Kestrel Power Corp. will invest $2 billion.")
    locked.showPage()
    locked.save()
    path = _write(tmp_path, "locked.pdf", buffer.getvalue())
    _failed(_run(tmp_path, path)[path.name], "encrypted", "password")


def _pdf(stream: bytes, pages: int = 1) -> bytes:
    """A PDF of `pages` pages that all draw one shared Flate content stream (`stream`, compressed)."""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        4: b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    }
    kids = " ".join(f"{5 + i} 0 R" for i in range(pages)).encode()
    objects[2] = b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 800] /Contents 4 0 R "
    page += b"/Resources << /Font << /F1 3 0 R >> >> >>"
    objects.update({5 + i: page for i in range(pages)})
    out = bytearray(b"%PDF-1.4\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    xref, size = len(out), len(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    out += b"".join(b"%010d 00000 n \n" % offsets[n] for n in range(1, size))
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


def test_a_pdf_of_ten_thousand_pages_hits_the_page_limit(tmp_path: Path) -> None:
    path = _write(tmp_path, "huge.pdf", _pdf(zlib.compress(_TEXT), pages=10_000))
    assert path.stat().st_size < 2_000_000
    _failed(_run(tmp_path, path)[path.name], "too_large", "10000 pages", "--max-pages")


def _bomb(inflated_mb: int) -> bytes:
    """A one-page PDF whose content stream inflates to `inflated_mb` MB of blanks (a few hundred KB)."""
    deflate = zlib.compressobj(9)
    blanks = b" " * (1 << 20)
    data = deflate.compress(_TEXT) + b"".join(deflate.compress(blanks) for _ in range(inflated_mb))
    return _pdf(data + deflate.flush())


def test_a_decompression_bomb_is_refused_before_it_is_inflated(tmp_path: Path) -> None:
    content = _bomb(300)
    assert len(content) < 1_000_000
    path = _write(tmp_path, "bomb.pdf", content)
    _failed(_run(tmp_path, path)[path.name], "too_large", "inflates", "--max-bytes")


def test_ten_megabytes_of_nested_tags(tmp_path: Path) -> None:
    page = b"<html><body><p>" + PLEDGE.encode() + b"</p>" + b"<div><span>" * 900_000 + b"</body></html>"
    path = _write(tmp_path, "nested.html", page)
    assert path.stat().st_size > 9_000_000
    document = _run(tmp_path, path)[path.name]
    # The text above the too-deep part is kept; a page with none would fail as corrupt.
    assert document["status"] == "ok" and document["companies"] == ["Kestrel Power"]


# --- encodings -----------------------------------------------------------------------------------


def test_invalid_utf8_keeps_the_accents_around_it(tmp_path: Path) -> None:
    body = "<p>Café owner José Núñez said Kestrel Power Corp. will invest €2 billion in a plant.</p>" * 3
    page = f"<html><body><article>{body}</article></body></html>".encode().replace(
        b"plant.", b"plant \xff.", 1
    )
    path = _write(tmp_path, "broken-utf8.html", page)
    document = _run(tmp_path, path)[path.name]
    assert document["status"] == "ok" and {"value": 2e9, "currency": "EUR"} in document["amounts"]
    assert "José Núñez" in _text(path)


def test_a_shift_jis_text_keeps_its_yen_signs(tmp_path: Path) -> None:
    line = "トヨタ自動車は米国の新工場に¥1.5 trillionを投資すると発表した。\n"
    path = _write(tmp_path, "sjis.txt", (line * 5).encode("shift_jis"))
    document = _run(tmp_path, path)[path.name]
    assert document["status"] == "ok" and document["title"] == line.strip()
    assert [a["currency"] for a in document["amounts"]] == ["JPY"]
    assert "新工場に¥1.5 trillionを" in _text(path)


def test_a_cp1252_text_keeps_its_accented_names(tmp_path: Path) -> None:
    line = "José Núñez of Café Holdings said the company will invest €2 billion in a plant near Zürich.\n"
    path = _write(tmp_path, "cp1252.txt", (line * 3).encode("cp1252"))
    document = _run(tmp_path, path)[path.name]
    assert document["status"] == "ok" and document["title"] == line.strip()
    assert {"value": 2e9, "currency": "EUR"} in document["amounts"]


def _text(path: Path) -> str:
    result = runner.invoke(app, ["text", str(path)])
    assert result.exit_code == 0, result.output
    return result.stdout


# --- size ----------------------------------------------------------------------------------------


def test_a_five_megabyte_single_line_text_finishes(tmp_path: Path) -> None:
    rng = random.Random(5)
    words = ["the", "market", "report", "said", "analysts", "expect", "steady", "growth", "in", "demand"]
    filler = " ".join(rng.choice(words) for _ in range(850_000))
    content = f"{PLEDGE} {filler}. Harbor Steel Inc. plans a $1 billion steel mill in Texas.".encode()
    assert len(content) > 5_000_000 and b"\n" not in content
    path = _write(tmp_path, "one-line.txt", content)
    document = _run(tmp_path, path)[path.name]
    assert document["status"] == "ok" and "Kestrel Power" in document["companies"]


def test_the_end_of_a_very_long_text_is_read(tmp_path: Path) -> None:
    content = f"{PLEDGE} {'steady demand ' * 180_000}. Harbor Steel Inc. plans a $1 billion mill.".encode()
    path = _write(tmp_path, "long.txt", content)
    assert "Harbor Steel" in _run(tmp_path, path)[path.name]["companies"]


# --- archives with a broken record ---------------------------------------------------------------


def test_a_jsonl_archive_with_a_broken_record_in_the_middle(tmp_path: Path) -> None:
    lines = [
        json.dumps({"url": "https://a.test/1", "title": "One", "text": PLEDGE}),
        '{"url": "https://a.test/2", "text": "cut off',
        json.dumps({"url": "https://a.test/3", "html": f"<html><body><p>{PLEDGE}</p></body></html>"}),
    ]
    path = _write(tmp_path, "articles.jsonl", ("\n".join(lines) + "\n").encode())
    documents = _run(tmp_path, path)
    by_source = {d["source"]: d for d in documents.values()}
    assert by_source["https://a.test/1"]["status"] == by_source["https://a.test/3"]["status"] == "ok"
    _failed(by_source[f"{path}#2"], "corrupt", "record 2", "JSON")


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_warc_archive_with_a_broken_record_in_the_middle(tmp_path: Path) -> None:
    path = _warc(tmp_path / "crawl.warc", gzip=False, truncate_third=True)
    by_source = {d["source"]: d for d in _run(tmp_path, path).values()}
    assert by_source["https://news.example.test/1"]["status"] == "ok"
    assert by_source["https://news.example.test/3"]["status"] == "ok"
    assert "https://news.example.test/2" not in by_source
    _failed(by_source[f"{path}#5"], "corrupt", "broken")


# --- exit statuses -------------------------------------------------------------------------------


def _exit(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_a_run_with_failed_documents_exits_0_and_1_with_fail_on_error(tmp_path: Path) -> None:
    empty = _write(tmp_path, "empty.txt", b"")
    assert _exit("-q", "run", str(empty), str(GOOD), "--out", str(tmp_path / "a"))[0] == 0
    assert _exit("-q", "run", str(empty), "--out", str(tmp_path / "b"), "--fail-on-error")[0] == 1
    assert _exit("-q", "run", str(GOOD), "--out", str(tmp_path / "c"), "--fail-on-error")[0] == 0


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    not_rules = tmp_path / "not-rules"
    not_rules.mkdir()
    (not_rules / "companies.json").write_text("{oops")
    cases = [
        ("run", str(GOOD), "--no-such-flag"),
        ("eval", str(GOOD), "--gold", str(tmp_path / "missing-gold.jsonl")),
        ("-q", "run", str(GOOD), "--out", str(tmp_path / "o"), "--rules", str(tmp_path / "no-such-folder")),
        ("-q", "run", str(GOOD), "--out", str(tmp_path / "o"), "--rules", str(not_rules)),
        ("export", str(tmp_path / "o"), "--format", "xml"),
        ("run", str(GOOD), "--max-pages", "many"),
    ]
    for args in cases:
        code, output = _exit(*args)
        assert code == 2, (args, output)
        assert "rror" in output, (args, output)


def test_a_rule_file_of_the_wrong_shape_is_a_usage_error(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "sectors.json").write_text('{"energy": 1}')
    assert _exit("-q", "run", str(GOOD), "--out", str(tmp_path / "o"), "--rules", str(rules))[0] == 2


def test_an_output_path_that_is_a_file_exits_1_with_one_line(tmp_path: Path) -> None:
    a_file = _write(tmp_path, "taken", b"x")
    for out in (a_file, a_file / "below"):
        code, output = _exit("-q", "run", str(GOOD), "--out", str(out))
        assert code == 1
        assert output.strip().startswith("error:") and str(a_file.name) in output
        assert len(output.strip().splitlines()) <= 2  # one message (rich may wrap it)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_an_unwritable_output_folder_exits_1(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        code, output = _exit("-q", "run", str(GOOD), "--out", str(locked / "out"))
    finally:
        locked.chmod(0o755)
    assert code == 1 and output.startswith("error:")
