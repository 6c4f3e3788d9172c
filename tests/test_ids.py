"""Ids as the contract has them: doc_id from the document's identity (however its path was typed, from any
working folder), record_id from the record's own content (never offsets); one document per identity."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fetch_site import FetchSite
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.config import RunSettings, Settings
from pipeline.errors import ExtractError
from pipeline.executors import InlineExecutor
from pipeline.run import run
from pipeline.worker import Pipeline

runner = CliRunner()
TEXT_A = (
    "Three plants announced\n\n"
    "Kestrel Power Corp. will invest $2 billion in a battery plant in Ohio, it said on Monday. "
    "Harbor Steel Inc. plans a $1 billion steel mill in Texas.\n\n"
    "Northwind Cable Systems Inc. will invest $500 million to build a cable factory in Texas.\n"
)
TEXT_B = (
    "A transformer plant\n\n"
    "Example Heavy Industries Corp. plans to invest up to $2 billion in a transformer plant in Ohio.\n"
)


def _lines(out: Path, name: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in (out / name).read_text(encoding="utf-8").splitlines()]


def _ids(out: Path) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """doc_id by file name; record_id by (file name, sponsor)."""
    documents = {Path(str(d["source"])).name: str(d["doc_id"]) for d in _lines(out, "documents.jsonl")}
    records = {
        (Path(str(r["source"])).name, str(r["sponsor"])): str(r["record_id"])
        for r in _lines(out, "records.jsonl")
    }
    return documents, records


def _run(*args: str) -> None:
    result = runner.invoke(app, ["-q", "run", *args])
    assert result.exit_code == 0, result.output


@pytest.fixture
def mydocs(tmp_path: Path) -> Path:
    folder = tmp_path / "mydocs"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT_A, encoding="utf-8")
    (folder / "b.txt").write_text(TEXT_B, encoding="utf-8")
    return folder


def test_ids_do_not_depend_on_how_the_path_was_typed(
    mydocs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _run("mydocs", "--out", "relative")
    _run(str(mydocs.resolve()), "--out", "absolute")
    monkeypatch.chdir(mydocs)
    _run(".", "--out", "../inside")
    _run("./a.txt", "b.txt", "--out", "../dotted")
    monkeypatch.chdir(tmp_path)
    relative = _ids(tmp_path / "relative")
    assert len(relative[0]) == 2 and len(relative[1]) == 4
    for out in ("absolute", "inside", "dotted"):
        assert _ids(tmp_path / out) == relative, out
    # the source stays the path as found
    assert {d["source"] for d in _lines(tmp_path / "inside", "documents.jsonl")} == {"a.txt", "b.txt"}
    assert {d["source"] for d in _lines(tmp_path / "relative", "documents.jsonl")} == {
        "mydocs/a.txt",
        "mydocs/b.txt",
    }
    for out in ("absolute", "inside"):
        diff = runner.invoke(app, ["diff", "relative", out])
        assert diff.exit_code == 0, diff.output
        assert "0 added, 0 removed, 0 changed, 4 unchanged" in diff.output


def test_an_edit_elsewhere_in_a_document_keeps_the_other_records_ids(mydocs: Path, tmp_path: Path) -> None:
    _run(str(mydocs), "--out", str(tmp_path / "before"))
    edited = TEXT_A.replace("in a battery plant in Ohio", "in a large new battery plant near Columbus, Ohio")
    (mydocs / "a.txt").write_text(edited, encoding="utf-8")
    _run(str(mydocs), "--out", str(tmp_path / "after"))
    before, after = _ids(tmp_path / "before"), _ids(tmp_path / "after")
    assert before[0] == after[0]  # same documents, same ids
    assert before[1] == after[1]  # the edited record too: same sponsor and amount
    moved = {r["sponsor"]: r["evidence"] for r in _lines(tmp_path / "after", "records.jsonl")}
    assert moved["Harbor Steel"]["start"] > TEXT_A.index("Harbor Steel")  # its offsets did move
    diff = runner.invoke(app, ["diff", str(tmp_path / "before"), str(tmp_path / "after"), "--json"])
    changes = json.loads(diff.stdout)
    # only the edited sentence's record changed; the ones whose offsets merely moved did not
    assert (len(changes["added"]), len(changes["removed"]), changes["unchanged"]) == (0, 0, 3)
    assert [c["after"]["sponsor"] for c in changes["changed"]] == ["Kestrel Power"]


def test_an_edited_file_is_redone_in_the_same_output(mydocs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _run(str(mydocs), "--out", str(out))
    (mydocs / "a.txt").write_text(TEXT_A.replace("$1 billion", "$3 billion"), encoding="utf-8")
    _run(str(mydocs), "--out", str(out))
    amounts = {r["sponsor"]: r["amount"]["value"] for r in _lines(out, "records.jsonl")}  # type: ignore[index]
    assert amounts["Harbor Steel"] == 3e9


def test_one_sponsor_and_amount_twice_in_a_document_are_two_ids(tmp_path: Path) -> None:
    twice = tmp_path / "twice.txt"
    twice.write_text(
        "Two plants\n\n"
        "Harbor Steel Inc. plans to invest $1 billion to $2 billion in a steel mill in Texas.\n\n"
        "Harbor Steel Inc. plans to invest $1 billion to $3 billion in a battery factory in Ohio.\n",
        encoding="utf-8",
    )
    _run(str(twice), "--out", str(tmp_path / "out"))
    records = _lines(tmp_path / "out", "records.jsonl")
    assert [r["amount"]["high"] for r in records] == [2e9, 3e9]  # type: ignore[index]
    assert len({r["record_id"] for r in records}) == 2  # the occurrence number tells them apart


def test_one_file_given_by_two_spellings_is_one_document(
    mydocs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _run("mydocs/a.txt", "./mydocs/a.txt", str(mydocs / "a.txt"), "mydocs", "--out", "out")
    sources = [d["source"] for d in _lines(tmp_path / "out", "documents.jsonl")]
    assert sources == ["mydocs/a.txt", "mydocs/b.txt"]
    assert len(_lines(tmp_path / "out", "records.jsonl")) == 4


def test_one_url_given_twice_is_one_document(fetch_site: FetchSite, tmp_path: Path) -> None:
    url = fetch_site.url("/press/2025-03-02-cable-plant.html")
    hits = fetch_site.hits[url.removeprefix(fetch_site.base)]
    _run(url, url, "--allow-private", "--rate", "0", "--out", str(tmp_path / "out"))
    assert [d["source"] for d in _lines(tmp_path / "out", "documents.jsonl")] == [url]
    assert fetch_site.hits[url.removeprefix(fetch_site.base)] == hits + 1  # fetched once


def test_archive_articles_without_a_url_keep_their_ids_across_spellings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "articles.jsonl"
    archive.write_text(
        json.dumps({"title": "One", "text": TEXT_A})
        + "\n"
        + json.dumps({"title": "Two", "text": TEXT_B})
        + "\n"
    )
    monkeypatch.chdir(tmp_path)
    _run("articles.jsonl", "--out", "relative")
    _run(str(archive), "--out", "absolute")
    relative = [d["doc_id"] for d in _lines(tmp_path / "relative", "documents.jsonl")]
    assert relative == [d["doc_id"] for d in _lines(tmp_path / "absolute", "documents.jsonl")]
    assert len(set(relative)) == 2
    assert [d["source"] for d in _lines(tmp_path / "relative", "documents.jsonl")] == [
        "articles.jsonl#1",
        "articles.jsonl#2",
    ]


class _FailingExtractor:
    def extract(self, parsed: object) -> None:
        raise ExtractError(
            "rules_failed", "the rules failed on this text", str(getattr(parsed, "source", ""))
        )


def test_a_document_that_fails_after_parse_keeps_its_id(tmp_path: Path) -> None:
    archive = tmp_path / "articles.jsonl"
    archive.write_text(json.dumps({"title": "One", "text": TEXT_A}) + "\n")
    _run(str(archive), "--out", str(tmp_path / "ok"))
    failing = Pipeline(Settings(run=RunSettings(workers=1)))
    failing.__dict__["extractor"] = _FailingExtractor()  # the cached_property, filled in advance
    run([str(archive)], tmp_path / "failed", executor=InlineExecutor(failing))
    [ok] = _lines(tmp_path / "ok", "documents.jsonl")
    [failed] = _lines(tmp_path / "failed", "documents.jsonl")
    assert failed["status"] == "failed" and failed["error"]["kind"] == "rules_failed"  # type: ignore[index]
    assert (failed["doc_id"], failed["sha256"]) == (ok["doc_id"], ok["sha256"])
