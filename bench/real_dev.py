"""Score pledgeline on a folder of retrieved real excerpts against a manifest's annotations.

    .venv/bin/python bench/real_dev.py MANIFEST TEXTS_DIR [--lang en|ja|all] [--out OUT]

MANIFEST is ../shared/corpus/real-dev/manifest.json or one of bench/real-grown/*.json; TEXTS_DIR holds the
excerpts retrieved as their README says (never inside this repository). Gold is made by the team's to_gold.py
and scored by ../shared/eval/score.py, the scorers the independent evaluation uses.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def main() -> int:
    """Run, convert, score; print score.py's lines."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("manifest", type=Path)
    parser.add_argument("texts", type=Path)
    parser.add_argument("--lang", default="all")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="real-dev-"))
    gold = work / "gold.jsonl"
    to_gold = SHARED / "corpus" / "real-dev" / "to_gold.py"
    with gold.open("w", encoding="utf-8") as handle:
        subprocess.run(
            [sys.executable, str(to_gold), str(args.manifest), "--lang", args.lang], stdout=handle, check=True
        )
    docs = work / "docs"
    docs.mkdir()
    for line in gold.read_text(encoding="utf-8").splitlines():
        name = line.split('"doc": "', 1)[1].split('"', 1)[0]
        (docs / name).write_bytes((args.texts / name).read_bytes())
    out = args.out or work / "out"
    pledgeline = Path(sys.executable).with_name("pledgeline")
    subprocess.run([str(pledgeline), "-q", "run", str(docs), "--out", str(out), "--workers", "1"], check=True)
    return subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(gold), str(out)]).returncode


if __name__ == "__main__":
    sys.exit(main())
