"""The repository stands alone: without ../shared the tests that need it skip with a reason, except under
CI=true, where their absence fails the session; and the contract and gold format are the repository's own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.shared_paths import ROOT, SHARED_REASON

# Tests that need ../shared: decorator skips (needs_shared) and a fixture that calls skip_without_shared.
NEEDY = [
    "tests/test_extract.py",
    "tests/test_merge.py::test_factsheet_and_articles_merge_into_one_project_each",
]


def _pytest(tmp_path: Path, ci: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["PLEDGELINE_SHARED"] = str(tmp_path / "no-shared-here")
    if ci is not None:
        env["CI"] = ci
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", *NEEDY],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_without_shared_the_tests_that_need_it_skip_with_a_reason(tmp_path: Path) -> None:
    done = _pytest(tmp_path, ci=None)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{SHARED_REASON}: {tmp_path / 'no-shared-here'}" in done.stdout
    assert " skipped" in done.stdout and " failed" not in done.stdout


def test_under_ci_the_absence_of_shared_fails_the_session(tmp_path: Path) -> None:
    done = _pytest(tmp_path, ci="true")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "CI=true:" in done.stdout and "their absence is a failure" in done.stdout


def test_the_readme_links_the_repository_own_contract_and_gold_format() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for doc in ("docs/contract.md", "docs/gold-format.md"):
        assert f"]({doc})" in readme and (ROOT / doc).is_file()
    assert "../shared/CONTRACT.md" not in readme and "GOLD-FORMAT.md" not in readme
