"""Whole processes as a user pays for them: the `pledgeline` command, a child process's wall and CPU time."""

from __future__ import annotations

import compileall
import functools
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def pledgeline_command() -> list[str]:
    """The installed `pledgeline` script beside this Python, as a user runs it (else `python -m pipeline`),
    with the package's bytecode written first (compile_package)."""
    compile_package()
    script = Path(sys.executable).with_name("pledgeline")
    return [str(script)] if script.exists() else [sys.executable, "-m", "pipeline"]


def process_seconds(command: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of a whole child process; a failing one raises with its last errors."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {done.returncode}: {done.stderr.strip()[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


@functools.cache
def compile_package() -> None:
    """Write the bytecode of pipeline/ and schemas/ (their __pycache__), as `pip install` does for an
    installed package and as the references' installed packages have it: in an editable install under
    PYTHONDONTWRITEBYTECODE=1 (so set on the machine these figures come from) every pledgeline process
    would otherwise compile every module of the package again, about 0.17 s of each start-up."""
    for package in ("pipeline", "schemas"):
        compileall.compile_dir(ROOT / package, quiet=1)
