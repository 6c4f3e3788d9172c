"""Score parse_html on the html-benchmark set (Zyte article-extraction benchmark, developer half).

    .venv/bin/python bench/html_benchmark.py [--corpus DIR] [--pred-dir DIR]

Writes PRED_DIR/<id>.txt (the parsed text of each gunzipped page) and runs the team's shingle
scorer on it, printing its JSON line (pages, precision, recall, f1).
"""

from __future__ import annotations

import argparse
import gzip
import subprocess
import sys
import tempfile
from pathlib import Path

from pipeline.acquire.raw import raw_from_bytes
from pipeline.errors import ParseError
from pipeline.parse.dispatch import parse

SHARED = Path(__file__).resolve().parents[2] / "shared"


def write_predictions(corpus: Path, pred_dir: Path) -> int:
    """Parse every page of the corpus into PRED_DIR/<id>.txt; the number of pages that failed."""
    failures = 0
    for page in sorted((corpus / "html").glob("*.html.gz")):
        page_id = page.name.removesuffix(".html.gz")
        content = gzip.decompress(page.read_bytes())
        raw = raw_from_bytes(str(page), content, max_bytes=100_000_000)
        try:
            text = parse(raw).body  # the benchmark's truth is the article body, without its title
        except ParseError as exc:
            print(f"{page_id}: {exc}", file=sys.stderr)
            failures += 1
            text = ""
        (pred_dir / f"{page_id}.txt").write_text(text, encoding="utf-8")
    return failures


def main() -> None:
    """Write the predictions, then score them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus/wild/html-benchmark")
    parser.add_argument("--pred-dir", type=Path, default=None)
    args = parser.parse_args()
    pred_dir = args.pred_dir or Path(tempfile.mkdtemp(prefix="html-bench-"))
    pred_dir.mkdir(parents=True, exist_ok=True)
    failures = write_predictions(args.corpus, pred_dir)
    print(f"predictions in {pred_dir} ({failures} failed)", file=sys.stderr)
    scorer = SHARED / "eval/shingle_f1.py"
    truth = args.corpus / "ground-truth.dev.json"
    subprocess.run([sys.executable, str(scorer), str(truth), str(pred_dir)], check=True)


if __name__ == "__main__":
    main()
