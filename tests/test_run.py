"""The runner over archives: incremental, re-extracting on rule changes, resumable after SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

from articles import write_jsonl

from pipeline.config import RunSettings, Settings
from pipeline.output.state import STATE_FILE
from pipeline.run import run


def _records(out: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in (out / "records.jsonl").read_text().splitlines()]


def _settings(**run_fields: object) -> Settings:
    return Settings(run=RunSettings(**run_fields))  # type: ignore[arg-type]


def test_a_second_run_over_an_unchanged_archive_parses_nothing(tmp_path: Path) -> None:
    archive = write_jsonl(tmp_path / "a.jsonl", 40)
    first = run([str(archive)], tmp_path / "out", _settings(workers=1))
    assert (first.processed, first.skipped, first.ok) == (40, 0, 40)
    records = _records(tmp_path / "out")
    second = run([str(archive)], tmp_path / "out", _settings(workers=1))
    assert (second.processed, second.skipped, second.ok) == (0, 40, 40)
    assert _records(tmp_path / "out") == records
    assert len(second.records) == len(records) > 0


def test_a_changed_article_alone_is_redone(tmp_path: Path) -> None:
    archive = write_jsonl(tmp_path / "a.jsonl", 10)
    run([str(archive)], tmp_path / "out", _settings(workers=1))
    lines = archive.read_text().splitlines()
    changed = json.loads(lines[3])
    changed["text"] = changed["text"].replace("billion", "million")
    lines[3] = json.dumps(changed)
    archive.write_text("\n".join(lines) + "\n")
    again = run([str(archive)], tmp_path / "out", _settings(workers=1))
    assert (again.processed, again.skipped) == (1, 9)
    assert len((tmp_path / "out" / "documents.jsonl").read_text().splitlines()) == 10


def test_a_rule_change_re_extracts(tmp_path: Path) -> None:
    archive = tmp_path / "a.jsonl"
    text = "Qworbix will invest $3 billion in a new battery plant in Ohio, the company said on Monday."
    archive.write_text(json.dumps({"url": "https://a.test/1", "text": text}) + "\n")
    before = run([str(archive)], tmp_path / "out", _settings(workers=1))
    assert before.processed == 1
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "companies.jsonl").write_text(json.dumps({"name": "Qworbix", "aliases": []}) + "\n")
    settings = Settings(run=RunSettings(workers=1)).model_copy(
        update={"extract": Settings().extract.model_copy(update={"rules_dirs": (rules,)})}
    )
    after = run([str(archive)], tmp_path / "out", settings)
    assert (after.processed, after.skipped) == (1, 0)
    assert "Qworbix" in after.documents[0].companies
    assert run([str(archive)], tmp_path / "out", settings).skipped == 1


def _cli(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline", "-q", "run", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _stored(out: Path) -> int:
    db = out / STATE_FILE
    if not db.exists():
        return 0
    try:
        with closing(sqlite3.connect(db, timeout=5)) as conn:
            return int(conn.execute("SELECT count(*) FROM results").fetchone()[0])
    except sqlite3.OperationalError:  # the table is not created yet
        return 0


def test_resume_after_sigkill_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    archive = write_jsonl(tmp_path / "a.jsonl", 400, seed=11)
    whole = tmp_path / "whole"
    subprocess.run(
        [sys.executable, "-m", "pipeline", "-q", "run", str(archive), "--out", str(whole), "--workers", "1"],
        check=True,
    )

    out = tmp_path / "killed"
    proc = _cli(str(archive), "--out", str(out), "--workers", "1")
    while _stored(out) < 30 and proc.poll() is None:
        time.sleep(0.005)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    done_before = _stored(out)
    assert 0 < done_before < 400, "the run ended before it could be killed"
    assert not (out / "records.jsonl").exists()

    resumed = _cli(str(archive), "--out", str(out), "--workers", "1")
    assert resumed.wait() == 0
    finished = json.loads((out / "documents.jsonl").read_text().splitlines()[0])
    assert finished["status"] == "ok"
    records = _records(out)
    ids = [r["record_id"] for r in records]
    assert len(ids) == len(set(ids))
    assert records == _records(whole)
    assert len((out / "documents.jsonl").read_text().splitlines()) == 400


def test_two_workers_give_the_records_of_one(tmp_path: Path) -> None:
    archive = write_jsonl(tmp_path / "a.jsonl", 60, seed=3)
    run([str(archive)], tmp_path / "one", _settings(workers=1))
    result = run([str(archive)], tmp_path / "two", _settings(workers=2, batch_size=8))
    assert result.processed == 60
    assert _records(tmp_path / "two") == _records(tmp_path / "one")


def test_a_run_over_pages_and_texts_loads_no_fetcher_warc_or_pdf_code(tmp_path: Path) -> None:
    # Start-up is part of what a run costs (issue 16): the fetcher, its robots rules and its WARC archive are
    # for URLs, warcio for WARC files, the PDF layout code for PDFs. (httpx itself comes with spaCy.)
    docs = tmp_path / "docs"
    docs.mkdir()
    sentence = (
        "Orvane Steel Corp. will invest $2 billion in a new rolling mill near Toledo, the company said."
    )
    (docs / "mill.html").write_text(f"<html><body><article><h1>Mill plan</h1><p>{sentence}</p></article>")
    (docs / "mill.txt").write_text(sentence)
    write_jsonl(docs / "wire.jsonl", 2)
    code = (
        "import sys\n"
        "from pipeline.cli import main\n"
        f"sys.argv = ['pledgeline', '-q', 'run', {str(docs)!r}, '--out', {str(tmp_path / 'out')!r}]\n"
        "try:\n    main()\nexcept SystemExit as end:\n    assert not end.code, end.code\n"
        "unwanted = ('pipeline.acquire.fetch', 'pipeline.acquire.discover', 'warcio', 'pipeline.parse.pdf')\n"
        "print(sorted(name for name in unwanted if name in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
    assert len((tmp_path / "out" / "documents.jsonl").read_text().splitlines()) == 4
