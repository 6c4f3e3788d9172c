"""Mutation fuzzing of the parse stage: mangled sample and dev documents must end as text or a ParseError.

Seeds are the bundled samples and, if present, the team's dev documents. Each input is a seed mangled by
one to four mutations (flip, insert or delete bytes, truncate, splice in a piece of another seed, repeat a
piece), then acquired with `raw_from_bytes` and parsed. An exception other than ParseError (or an
AcquireError from inflating a gzip body) is a bug: the input is saved under --crashes with its traceback.

    .venv/bin/python bench/fuzz_parse.py --n 20000 --seed 1

Measured (2025-11-25, 2 shared cores, 24 seeds: 3 samples + 21 dev documents): 20,000 inputs in 321 s
(62/s): 7,792 text, 7,281 HTML, 4,927 PDF; 16,257 ok, 2,703 parse:corrupt, 1,036 parse:no_text,
4 parse:empty; no unexpected exception; slowest input 3.4 s.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import logging
import random
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.acquire.raw import raw_from_bytes  # noqa: E402
from pipeline.config import ParseSettings  # noqa: E402
from pipeline.errors import AcquireError, ParseError  # noqa: E402
from pipeline.parse.dispatch import parse  # noqa: E402

SEED_DIRS = (ROOT / "samples" / "docs", ROOT.parent / "shared" / "corpus" / "dev" / "docs")
LIMITS = ParseSettings(timeout=10.0, max_pages=200, max_bytes=20_000_000)


def seeds() -> list[bytes]:
    """Every sample and dev document's bytes."""
    files = [p for folder in SEED_DIRS if folder.is_dir() for p in sorted(folder.iterdir()) if p.is_file()]
    return [p.read_bytes() for p in files]


def mutate(data: bytes, pool: list[bytes], rng: random.Random) -> bytes:
    """One to four random mutations of `data`."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.choice(("flip", "insert", "delete", "truncate", "splice", "repeat", "zero"))
        at = rng.randrange(len(out) + 1)
        if op == "flip" and out:
            for _ in range(rng.randint(1, 16)):
                i = rng.randrange(len(out))
                out[i] ^= 1 << rng.randrange(8)
        elif op == "insert":
            out[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
        elif op == "delete":
            del out[at : at + rng.randint(1, 256)]
        elif op == "truncate":
            del out[at:]
        elif op == "splice":
            other = rng.choice(pool)
            start = rng.randrange(len(other) + 1)
            out[at:at] = other[start : start + rng.randint(1, 4096)]
        elif op == "repeat" and out:
            piece = out[at : at + rng.randint(1, 64)]
            out[at:at] = piece * rng.randint(2, 200)
        elif op == "zero":
            out[at : at + 64] = bytes(len(out[at : at + 64]))
    return bytes(out)


def main() -> int:
    """Run the fuzz loop and print its figures; exit 1 if any input raised an unexpected exception."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000, help="inputs to try")
    parser.add_argument("--seed", type=int, default=1, help="random seed (a run is reproducible)")
    parser.add_argument("--crashes", type=Path, default=Path("/tmp/pledgeline-fuzz"), help="where to save")
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # broken pages log warnings by the thousand
    pool = seeds()
    rng = random.Random(args.seed)
    outcomes: collections.Counter[str] = collections.Counter()
    by_media: collections.Counter[str] = collections.Counter()
    crashes: list[Path] = []
    slowest = (0.0, "")
    started = time.perf_counter()
    for number in range(1, args.n + 1):
        content = mutate(rng.choice(pool), pool, rng)
        begun = time.perf_counter()
        try:
            raw = raw_from_bytes(f"fuzz#{number}", content, max_bytes=LIMITS.max_bytes)
            by_media[raw.media_type] += 1
            parse(raw, LIMITS)
            outcomes["ok"] += 1
        except (ParseError, AcquireError) as exc:
            outcomes[f"{exc.stage}:{exc.kind}"] += 1
        except (Exception, RecursionError) as exc:
            outcomes[f"UNEXPECTED {type(exc).__name__}"] += 1
            args.crashes.mkdir(parents=True, exist_ok=True)
            name = hashlib.sha256(content).hexdigest()[:16]
            (args.crashes / f"{name}.bin").write_bytes(content)
            (args.crashes / f"{name}.txt").write_text(traceback.format_exc())
            crashes.append(args.crashes / f"{name}.bin")
        took = time.perf_counter() - begun
        if took > slowest[0]:
            slowest = (took, f"fuzz#{number}")
        if number % 1000 == 0:
            print(f"{number} tried, {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    seconds = time.perf_counter() - started
    print(f"tried {args.n} inputs from {len(pool)} seeds in {seconds:.0f} s ({args.n / seconds:.1f}/s)")
    print("media types: " + ", ".join(f"{k} {v}" for k, v in by_media.most_common()))
    for outcome, count in sorted(outcomes.items(), key=lambda kv: -kv[1]):
        print(f"  {outcome:32} {count}")
    print(f"slowest input: {slowest[1]} {slowest[0]:.1f} s")
    for path in crashes[:20]:
        print(f"saved {path} (traceback beside it)")
    return 1 if crashes else 0


if __name__ == "__main__":
    raise SystemExit(main())
