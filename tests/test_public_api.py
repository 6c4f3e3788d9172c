"""The installed names: `pledgeline` is the public API; a user's own `schemas` or `pipeline` package that
would shadow the implementation's is refused on import with a message saying what to do."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pledgeline

ROOT = Path(__file__).resolve().parents[1]


def _python(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    # run from a folder of the user's, as a user's script would; the package is found where pip put it
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_the_public_api_runs_the_pipeline_from_a_users_folder(tmp_path: Path) -> None:
    (tmp_path / "note.txt").write_text(
        "Mill news\n\nOrvane Steel Corp. will invest $2 billion in a mill in Ohio.\n"
    )
    code = (
        "from pathlib import Path\n"
        "from pledgeline import Settings, run\n"
        "result = run(['note.txt'], out=Path('out'), settings=Settings())\n"
        "print([(r.sponsor, r.amount.value) for r in result.records])\n"
    )
    done = _python(code, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[('Orvane Steel', 2000000000.0)]"
    assert (tmp_path / "out" / "records.jsonl").is_file()


def test_a_users_own_schemas_package_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "__init__.py").write_text("USER_MODELS = True\n")
    done = _python("import pledgeline", tmp_path)
    assert done.returncode == 1
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("ImportError: pledgeline needs its own top-level package 'schemas'")
    assert str(tmp_path / "schemas") in last and "rename your 'schemas' package" in last


def test_no_module_is_importable_under_two_names() -> None:
    # `pledgeline` re-exports objects; it holds no modules of its own that alias pipeline's or schemas'
    assert sorted(p.name for p in (ROOT / "pledgeline").iterdir() if p.suffix == ".py") == ["__init__.py"]
    assert not [name for name in sys.modules if name.startswith("pledgeline.")]
    assert pledgeline.run is sys.modules["pipeline.run"].run
    assert pledgeline.ProjectRecord is sys.modules["schemas.contract"].ProjectRecord
