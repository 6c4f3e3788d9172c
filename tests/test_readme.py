"""The README's Python examples run as written (in a temporary output folder)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _python_blocks() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Python API", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, re.DOTALL)


def test_the_python_api_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = _python_blocks()
    assert len(blocks) == 2
    monkeypatch.chdir(ROOT)
    code = "\n".join(blocks).replace('Path("out")', f"Path({str(tmp_path)!r})")
    namespace: dict[str, object] = {}
    exec(compile(code, "README.md", "exec"), namespace)
    assert (tmp_path / "records.jsonl").is_file()
    assert (tmp_path / "export.sqlite").is_file() and (tmp_path / "report.html").is_file()
