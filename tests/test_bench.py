"""The benchmark suite's smoke run: it runs end to end and prints its one table (no timing is checked)."""

from __future__ import annotations

import gzip
import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_run_all_quick_prints_one_table() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run_all.py"), "--quick"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    rows = [line for line in done.stdout.splitlines() if line.startswith("|")]
    assert rows[0] == "| benchmark | result | ratio |"
    names = " ".join(row.split("|")[1] for row in rows[2:])
    for measure in ("rules pipeline", "tokenizer", "PDF", "second run", "1 vs 2 workers", "peak RSS"):
        assert measure in names
    # issue 16's three ratios, the first on a pledge-dense and a realistic archive
    for ratio in ("(i) rules pipeline", "pledge-dense", "realistic (10% pledge)", "(ii) ", "(iii) "):
        assert ratio in names
    assert "OUTPUTS DIFFER" not in done.stdout


def test_long_text_bench_prints_seconds_per_mb() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench_long_text.py"), "--sizes", "0.02", "0.04"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    lines = done.stdout.splitlines()
    assert lines[1].split() == ["MB", "seconds", "cpu", "s", "cpu", "s/MB", "records", "status"]
    assert [line.split()[-1] for line in lines[2:]] == ["ok", "ok"]


def _bench_module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _article(headline: str, sentence: str) -> bytes:
    body = "".join(f"<p>{sentence} Paragraph {n} of the story adds detail for readers.</p>" for n in range(6))
    head = f"<html><head><title>{headline}</title></head>"
    return f"{head}<body><article><h1>{headline}</h1>{body}</article></body></html>".encode()


@pytest.mark.slow
def test_pages_ratio_times_both_whole_processes_over_plain_and_gzipped_pages(tmp_path: Path) -> None:
    bench_pages = _bench_module("bench_pages")
    pages = tmp_path / "pages"
    (pages / "more").mkdir(parents=True)
    (pages / "a.html").write_bytes(_article("Mill plan", "Orvane Steel will invest $2 billion in Toledo."))
    (pages / "b.htm").write_bytes(_article("Port deal", "Kestrel Ports plans a $300 million terminal."))
    gzipped = gzip.compress(_article("Grid line", "Tarrow Power will spend $1.1 billion on lines."))
    (pages / "more" / "c.html.gz").write_bytes(gzipped)
    (pages / "notes.txt").write_text("not a page")
    result = bench_pages.measure_pages_ratio(pages, repeat=1)
    assert result.pages == 3
    assert result.pledgeline_pages_per_s > 0 and result.trafilatura_pages_per_s > 0
    assert result.ratio == pytest.approx(result.pledgeline_pages_per_s / result.trafilatura_pages_per_s)
    (tmp_path / "empty").mkdir()
    with pytest.raises(ValueError, match=r"holds no \.html"):
        bench_pages.measure_pages_ratio(tmp_path / "empty", repeat=1)


@pytest.mark.slow
def test_factsheet_ratio_times_whole_processes_and_counts_rows_as_records() -> None:
    result = _bench_module("bench_pdf").measure_factsheet_ratio(pages=20)  # one ruled table of 12 rows
    assert (result.pages, result.table_rows, result.rows_as_records) == (20, 12, 12)
    assert min(result.pledgeline_s, result.pdfplumber_s, result.pypdfium2_s) > 0
    assert result.ratio == result.pdfplumber_s / result.pledgeline_s
    assert result.pledgeline_cpu_s > 0 and result.pdfplumber_cpu_s > 0


def test_pledgeline_command_writes_the_package_bytecode_first() -> None:
    # an installed package has its bytecode; the timed processes must not compile every module again
    processes = _bench_module("processes")
    source = ROOT / "pipeline" / "worker.py"
    compiled = Path(importlib.util.cache_from_source(str(source)))
    compiled.unlink(missing_ok=True)
    processes.compile_package.cache_clear()
    command = processes.pledgeline_command()
    assert compiled.is_file() and compiled.stat().st_size > 0
    assert command[0].endswith("pledgeline") or command[-1] == "pipeline"
