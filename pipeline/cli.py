"""The pledgeline command line. Only this module prints, exits or configures logging."""

from __future__ import annotations

import atexit
import contextlib
import gc
import logging
import os
import re
import sys
import threading
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text
from typer.core import TyperGroup

from pipeline.config import ExtractSettings, FetchSettings, ParseSettings, RunSettings, Settings
from pipeline.errors import PledgelineError, StageError, UsageError
from pipeline.output.folder import OutputBusy, output_lock
from pipeline.version import __version__

if TYPE_CHECKING:
    from pipeline.output.diff import ProjectsDiff

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "docs"

_VERBOSITY_FLAGS = frozenset({"-q", "--quiet", "-v", "-vv", "-vvv", "--verbose"})


class _Group(TyperGroup):
    """The command group; -q/--quiet and -v/--verbose are taken after a command's name too."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Move verbosity flags written after the command (`pledgeline run -q ...`) before it."""
        return super().parse_args(ctx, _verbosity_first(args, set(self.commands)))


def _verbosity_first(args: list[str], commands: set[str]) -> list[str]:
    """The arguments with -q/-v flags that follow the command name moved in front of it (up to `--`)."""
    at = next((i for i, arg in enumerate(args) if arg in commands), None)
    if at is None:
        return args
    end = args.index("--", at) if "--" in args[at:] else len(args)
    moved = [arg for arg in args[at + 1 : end] if arg in _VERBOSITY_FLAGS]
    kept = [arg for arg in args[at + 1 : end] if arg not in _VERBOSITY_FLAGS]
    return [*args[:at], *moved, args[at], *kept, *args[end:]]


app = typer.Typer(
    cls=_Group,
    name="pledgeline",
    help=(
        "Turn investment-pledge documents (PDF fact sheets, press releases, news pages, wire text) into "
        "project records: company, amount, sector, and the text that supports them."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
# Markup off: messages carry file names, URLs and hints such as `pip install 'pledgeline[export]'`, which
# must print as they are; colour comes from styles (_error), never from [tags] in the text. Soft wrap: one
# line per message, since a wrapped path cannot be copied.
err = Console(stderr=True, soft_wrap=True, markup=False, highlight=False)


def _error(message: str) -> None:
    """One error line on stderr: 'error:' in red, then the message exactly as written."""
    err.print(Text.assemble(("error:", "red"), " ", message))


def _say(*parts: object) -> None:
    """A line of information on stderr, exactly as written."""
    err.print("".join(str(part) for part in parts))


def _version(value: bool) -> None:
    if value:
        typer.echo(f"pledgeline {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    verbose: Annotated[
        int,
        typer.Option(
            "--verbose", "-v", count=True, help="More logging (-vv for debug); before or after the command."
        ),
    ] = 0,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet", "-q", help="Only errors; no progress bar or summary; before or after the command."
        ),
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """pledgeline: investment pledges as typed project records."""
    _STATE["quiet"], _STATE["verbose"] = quiet, verbose
    _configure_logging()


_STATE: dict[str, int] = {"quiet": False, "verbose": 0}


def _configure_logging() -> None:
    level = (logging.WARNING, logging.INFO, logging.DEBUG)[min(_STATE["verbose"], 2)]
    logging.basicConfig(format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    logging.getLogger().setLevel(logging.ERROR if _STATE["quiet"] else level)


def _settings(
    rules: list[Path],
    max_bytes: int,
    max_pages: int,
    timeout: float,
    workers: int,
    executor: str = "local",
    scheduler: str | None = None,
) -> Settings:
    if executor not in ("local", "dask"):
        raise typer.BadParameter(f"--executor {executor}: use local or dask")
    return Settings(
        parse=ParseSettings(max_bytes=max_bytes, max_pages=max_pages, timeout=timeout),
        extract=ExtractSettings(rules_dirs=tuple(rules)),
        run=RunSettings(
            workers=workers,
            executor="dask" if executor == "dask" else "local",
            scheduler=scheduler,
            progress=not _STATE["quiet"],
        ),
    )


# -- fetch options (shared by `run` and `fetch`) --------------------------------------------------
UrlsOption = Annotated[
    str | None, typer.Option("--urls", help="A file of URLs, one a line ('-': standard input; # comments).")
]
ArchiveOption = Annotated[
    Path | None,
    typer.Option("--archive", help="Folder of the WARC archive and its index (run: OUT/archive)."),
]
FollowOption = Annotated[
    bool, typer.Option("--follow", "--discover", help="Follow links: index -> releases -> attached PDFs.")
]
SinceOption = Annotated[
    str | None, typer.Option("--since", help="When following, skip links dated before this day (YYYY-MM-DD).")
]
IncludeOption = Annotated[
    list[str], typer.Option("--include", help="When following, a link must match one of these regexes.")
]
ExcludeOption = Annotated[
    list[str], typer.Option("--exclude", help="When following, skip links matching this.")
]
AnyHostOption = Annotated[bool, typer.Option("--any-host", help="When following, leave the seed's site too.")]
PrivateOption = Annotated[
    bool, typer.Option("--allow-private", help="Allow hosts on loopback, private or link-local addresses.")
]
RobotsOption = Annotated[bool, typer.Option("--ignore-robots", help="Do not honour robots.txt.")]
EnvProxyOption = Annotated[
    bool,
    typer.Option(
        "--env-proxy",
        help="Fetch through the proxy of HTTP_PROXY/HTTPS_PROXY/ALL_PROXY (ignored unless this is given).",
    ),
]
RateOption = Annotated[float, typer.Option("--rate", help="Requests per second per host (0: no limit).")]


def _fetch_settings(
    *,
    archive: Path | None,
    follow: bool,
    max_pages: int,
    since: str | None,
    include: list[str],
    exclude: list[str],
    any_host: bool,
    allow_private: bool,
    ignore_robots: bool,
    rate: float,
    env_proxy: bool = False,
    timeout: float = 30.0,
    max_bytes: int = 50_000_000,
    **more: object,
) -> FetchSettings:
    try:
        since_day = date.fromisoformat(since) if since else None
    except ValueError as exc:
        raise typer.BadParameter(f"--since {since}: use YYYY-MM-DD") from exc
    for pattern in (*include, *exclude):
        try:
            re.compile(pattern)
        except re.error as exc:
            raise typer.BadParameter(f"bad regex {pattern!r}: {exc}") from exc
    return FetchSettings.model_validate(
        dict(
            archive=archive,
            follow=follow,
            max_pages=max_pages,
            since=since_day,
            include=tuple(include),
            exclude=tuple(exclude),
            same_site=not any_host,
            allow_private=allow_private,
            respect_robots=not ignore_robots,
            env_proxy=env_proxy,
            rate_per_host=rate,
            read_timeout=timeout,
            max_bytes=max_bytes,
            **more,
        )
    )


def _url_list(urls: str | None) -> list[str]:
    """The URLs of a --urls file (or stdin), one a line, without blanks and # comments."""
    if urls is None:
        return []
    try:
        text = sys.stdin.read() if urls == "-" else Path(urls).read_text(encoding="utf-8")
    except OSError as exc:
        _error(f"cannot read --urls {urls}: {exc.strerror}")
        raise typer.Exit(2) from exc
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


RulesOption = Annotated[
    list[Path],
    typer.Option(
        "--rules", help="A folder of extra rule files (companies.jsonl, sectors.json, ...); repeatable."
    ),
]


@app.command()
def run(
    inputs: Annotated[
        list[str] | None,
        typer.Argument(help="Files, folders (read recursively) or http(s) URLs. None: the bundled samples."),
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder for the JSONL files.")] = Path(
        "out"
    ),
    rules: RulesOption = [],  # noqa: B006 - typer reads the default, never mutates it
    max_bytes: Annotated[int, typer.Option(help="Largest input file accepted, in bytes.")] = 100_000_000,
    max_pages: Annotated[int, typer.Option(help="Largest PDF accepted, in pages.")] = 2_000,
    timeout: Annotated[
        float, typer.Option(help="Seconds one document may take (parse, extract, link, validate).")
    ] = 120.0,
    workers: Annotated[
        int, typer.Option(help="Processes extracting in parallel (0: all cores for big inputs, 1 for small).")
    ] = 0,
    executor: Annotated[str, typer.Option(help="local (a process pool) or dask.")] = "local",
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler address (tcp://HOST:PORT); none starts a LocalCluster.")
    ] = None,
    fail_on_error: Annotated[bool, typer.Option(help="Exit 1 if any document failed.")] = False,
    urls: UrlsOption = None,
    archive: ArchiveOption = None,
    follow: FollowOption = False,
    follow_max_pages: Annotated[int, typer.Option(help="When following, pages discovered at most.")] = 100,
    since: SinceOption = None,
    include: IncludeOption = [],  # noqa: B006 - typer reads the default, never mutates it
    exclude: ExcludeOption = [],  # noqa: B006
    any_host: AnyHostOption = False,
    allow_private: PrivateOption = False,
    ignore_robots: RobotsOption = False,
    env_proxy: EnvProxyOption = False,
    rate: RateOption = 1.0,
    fetch_timeout: Annotated[float, typer.Option(help="Seconds to wait for data from a server.")] = 30.0,
    fetch_max_bytes: Annotated[int, typer.Option(help="Largest response body accepted.")] = 50_000_000,
) -> None:
    """Extract project records from INPUTS into OUT/documents.jsonl, records.jsonl and rejects.jsonl."""
    from pipeline.acquire.inputs import check_inputs
    from pipeline.run import RunInterrupted
    from pipeline.run import run as run_pipeline

    if scheduler and executor != "dask":
        _error("--scheduler needs --executor dask")
        raise typer.Exit(2)
    settings = _settings(rules, max_bytes, max_pages, timeout, workers, executor, scheduler)
    fetch_settings = _fetch_settings(
        archive=archive, follow=follow, max_pages=follow_max_pages, since=since, include=include,
        exclude=exclude, any_host=any_host, allow_private=allow_private, ignore_robots=ignore_robots,
        env_proxy=env_proxy, rate=rate, timeout=fetch_timeout, max_bytes=fetch_max_bytes,
    )  # fmt: skip
    settings = settings.model_copy(update={"fetch": fetch_settings})
    url_lines = _url_list(urls)
    if out.exists() and not out.is_dir():
        _error(f"--out {out} is a file, not a folder; give a folder to write into")
        raise typer.Exit(1)
    sources = list(inputs or [])
    if not sources and not url_lines:
        sources = [_samples_for(out)]
    try:
        check_inputs(sources)  # here too, before the progress bar draws anything
    except UsageError as exc:
        _error(str(exc))
        raise typer.Exit(2) from exc
    try:
        with _progress_bar() as bar:
            task = bar.add_task("documents", total=None)

            def progress(done: int, total: int | None, source: str) -> None:
                bar.update(task, completed=done, total=total, description=Path(source).name[:40])

            result = run_pipeline(sources, out, settings, progress, urls=url_lines)
    except RunInterrupted as exc:
        err.print(_interrupted(exc))
        raise typer.Exit(130) from exc
    except KeyboardInterrupt as exc:  # before the run began its work
        err.print("interrupted: nothing was written")
        raise typer.Exit(130) from exc
    except UsageError as exc:
        _error(f"{exc}")
        raise typer.Exit(2) from exc
    except OutputBusy as exc:  # exit 1, not 2: the command is right, and works once the other one is done
        _error(str(exc))
        raise typer.Exit(1) from exc
    except PledgelineError as exc:
        _error(f"the run could not complete: {exc}")
        raise typer.Exit(1) from exc
    except OSError as exc:  # the output folder cannot be made or written: no document is to blame
        where = f" ({exc.filename})" if exc.filename else ""
        _error(f"the run could not complete: {exc.strerror or exc}{where}")
        raise typer.Exit(1) from exc
    if not _STATE["quiet"]:
        _summary(result, out)
    if fail_on_error and result.failed:
        raise typer.Exit(1)


def _interrupted(exc: object) -> str:
    """What a Ctrl-C left: the documents kept in the state store, and how to go on."""
    from pipeline.run import RunInterrupted

    assert isinstance(exc, RunInterrupted)
    if exc.out is None:
        return "interrupted: nothing was written"
    earlier = f" ({exc.skipped} more were kept from earlier runs)" if exc.skipped else ""
    return (
        f"interrupted: {exc.processed} documents finished by this run are saved in {exc.out}{earlier}, "
        "but its output files were not updated; run the same command again to resume "
        "(saved documents are not redone)"
    )


def _samples_for(out: Path) -> str:
    """The bundled samples, said out loud; never over the results of other inputs already in OUT."""
    from pipeline.run import other_documents

    if others := other_documents(out, [str(SAMPLES)]):
        _error(
            f"no INPUT given, which runs the bundled samples, but {out} holds the results "
            f"of other inputs ({others} documents) that they would replace: name your inputs "
            f"(pledgeline run INPUT... --out {out}) or give another --out",
        )
        raise typer.Exit(2)
    if not _STATE["quiet"]:
        err.print(
            f"no INPUT given: running the bundled samples ({SAMPLES}) into {out}; "
            "name files, folders or URLs to run your own",
        )
    return str(SAMPLES)


def _progress_bar() -> Progress:
    return Progress(
        TextColumn("{task.description}", markup=False),  # a file name, as it is
        BarColumn(),
        MofNCompleteColumn(),
        _RateColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=bool(_STATE["quiet"]),
    )


class _RateColumn(ProgressColumn):
    """Documents per second."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.1f} docs/s" if speed else "- docs/s", style="progress.data.speed")


def _summary(result: object, out: Path) -> None:
    from pipeline.run import RunResult

    assert isinstance(result, RunResult)
    _say(f"pledgeline run -> {out}")  # a line of its own: a title inside the table would wrap a long path
    table = Table(show_header=False)
    table.add_row("documents ok", str(result.ok))
    table.add_row("documents failed", str(result.failed))
    table.add_row("skipped (unchanged)", str(result.skipped))
    table.add_row("processed", str(result.processed))
    table.add_row("records", str(result.counts.records))
    table.add_row("rejects", str(result.counts.rejects))
    table.add_row("seconds", f"{result.seconds:.1f}")
    err.print(table)
    for doc in result.failures[:_MAX_FAILURES_SHOWN]:
        if doc.error is not None:
            line = f" {doc.source}: {doc.error.kind}: {doc.error.message}"
            err.print(Text.assemble(("failed", "yellow"), line))
    if len(result.failures) > _MAX_FAILURES_SHOWN:
        _say(
            f"... and {len(result.failures) - _MAX_FAILURES_SHOWN} more failed: see {out / 'documents.jsonl'}"
        )


_MAX_FAILURES_SHOWN = 50


@app.command("diff")
def diff_command(
    out_a: Annotated[Path, typer.Argument(help="The earlier run's output folder.")],
    out_b: Annotated[Path, typer.Argument(help="The later run's output folder.")],
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable JSON on stdout.")] = False,
) -> None:
    """Records added, removed and changed between two runs, and projects whose status or figure changed;
    exit 0 if the same, 1 if not (as diff does)."""
    import orjson

    from pipeline.output.diff import diff_runs

    try:
        result = diff_runs(out_a, out_b)
    except UsageError as exc:
        _error(f"{exc}")
        raise typer.Exit(2) from exc
    projects = result.projects
    differ = bool(result.added or result.removed or result.changed)
    differ = differ or bool(projects.added or projects.removed or projects.changed)
    if as_json:
        sys.stdout.write(orjson.dumps(result.as_json(), option=orjson.OPT_INDENT_2).decode() + "\n")
        raise typer.Exit(1 if differ else 0)
    out = Console(markup=False, highlight=False)
    table = Table(title=f"{out_a} -> {out_b}")
    for column in ("change", "source", "sponsor", "amount", "sector", "fields"):
        table.add_column(column)
    for label, records in (("added", result.added), ("removed", result.removed)):
        for record in records:
            table.add_row(label, *_diff_cells(record), "")
    for change in result.changed:
        table.add_row("changed", *_diff_cells(change.after), ", ".join(change.fields))
    out.print(table)
    out.print(
        f"{len(result.added)} added, {len(result.removed)} removed, {len(result.changed)} changed, "
        f"{result.unchanged} unchanged"
    )
    _print_project_changes(out, result.projects)
    if differ:  # as Unix diff: 0 the same, 1 different, 2 trouble
        raise typer.Exit(1)


def _print_project_changes(out: Console, projects: ProjectsDiff) -> None:
    """The projects whose status or figures moved between the two runs."""
    if projects.changed:
        table = Table(title="projects whose status or figure changed")
        for column in ("company", "project_id", "status", "figure", "figures added", "figures dropped"):
            table.add_column(column)
        for change in projects.changed:
            data = change.as_json()
            status = " -> ".join(data["status"]) if "status" in change.fields else data["status"][1]
            figure = " -> ".join(_figure_text(a) for a in data["amount"])
            table.add_row(
                str(data["company"]),
                str(data["project_id"]),
                status,
                figure if "amount" in change.fields else _figure_text(data["amount"][1]),
                ", ".join(_figure_text(f) for f in data["figures_added"]),
                ", ".join(_figure_text(f) for f in data["figures_removed"]),
            )
        out.print(table)
    out.print(
        f"projects: {len(projects.added)} new, {len(projects.removed)} gone, {len(projects.changed)} changed "
        f"(status or figure), {projects.unchanged} unchanged"
    )


def _figure_text(amount: object) -> str:
    from pipeline.output.report import money_text

    if not isinstance(amount, dict):
        return "-"
    words = {"up_to": "up to ", "about": "about ", "at_least": "at least "}
    return words.get(str(amount.get("qualifier")), "") + money_text(
        float(amount["value"]), str(amount["currency"])
    )


def _diff_cells(record: dict[str, object]) -> tuple[str, str, str, str]:
    amount = record.get("amount")
    shown = f"{amount['value']:,.0f} {amount['currency']}" if isinstance(amount, dict) else "-"
    return (
        str(record.get("source", "")),
        str(record.get("sponsor", "")),
        shown,
        str(record.get("sector", "")),
    )


@app.command()
def text(
    input: Annotated[str, typer.Argument(help="A file or URL.")],
    max_bytes: Annotated[int, typer.Option(help="Largest input accepted, in bytes.")] = 100_000_000,
    allow_private: PrivateOption = False,
    rules: RulesOption = [],  # noqa: B006 - typer reads the default, never mutates it
) -> None:
    """Print the document's text as the extractor sees it: title, blank line, body (a PDF's pages)."""
    from pipeline.acquire import acquire_one
    from pipeline.parse.dispatch import parse
    from pipeline.rules import load_rules

    settings = Settings(
        parse=ParseSettings(max_bytes=max_bytes), fetch=FetchSettings(allow_private=allow_private)
    )
    try:
        rule_set = load_rules(tuple(rules))
        parsed = parse(acquire_one(input, settings), settings.parse, rule_set)
    except UsageError as exc:
        _error(str(exc))
        raise typer.Exit(2) from exc
    except StageError as exc:
        _error(f"{exc}")
        raise typer.Exit(1) from exc
    sys.stdout.write(parsed.text)
    if not parsed.text.endswith("\n"):
        sys.stdout.write("\n")


@app.command()
def export(
    out: Annotated[Path, typer.Argument(help="The --out folder of `pledgeline run`.")],
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl, csv, parquet or sqlite.")] = "jsonl",
    output: Annotated[
        str | None, typer.Option(help="Where to write (default: OUT/export.<ext>; '-': standard output).")
    ] = None,
    excel: Annotated[
        bool, typer.Option("--excel", help="CSV for Excel: UTF-8 with a byte-order mark, CRLF line ends.")
    ] = False,
    allow_formulas: Annotated[
        bool,
        typer.Option(
            "--allow-formulas",
            help="CSV: write text cells as they are, even those starting with = + - @ that a spreadsheet "
            "runs as formulas (by default they get a leading apostrophe).",
        ),
    ] = False,
) -> None:
    """Export a run's records (and documents and projects, for sqlite) for downstream tools; the projects'
    timelines go in a project_events table (sqlite) or a file beside the export (NAME.project_events.csv)."""
    import shutil
    import tempfile

    from pipeline.output.export import export as export_output
    from pipeline.output.export import extension

    options = {"formulas": allow_formulas, "excel": excel}
    try:
        with output_lock(out, "export", create=False):
            if output == "-":
                # Written to a file first (SQLite and Parquet need one), then copied to standard output.
                with tempfile.TemporaryDirectory() as tmp:
                    path = export_output(out, format, Path(tmp) / f"export.{extension(format)}", **options)
                    with path.open("rb") as handle:
                        shutil.copyfileobj(handle, sys.stdout.buffer)
                    sys.stdout.buffer.flush()
                return
            path = export_output(out, format, Path(output) if output else None, **options)
    except UsageError as exc:
        _error(str(exc))
        raise typer.Exit(2) from exc
    except OutputBusy as exc:
        _error(str(exc))
        raise typer.Exit(1) from exc
    if not _STATE["quiet"]:
        _say("wrote ", path)


@app.command()
def report(
    out: Annotated[Path, typer.Argument(help="The --out folder of `pledgeline run`.")],
    output: Annotated[Path | None, typer.Option(help="Where to write (default: OUT/report.html).")] = None,
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status",
            help="Only projects whose status is this (repeat for several): candidate, announced, selected,"
            " under_construction, operating, cancelled.",
        ),
    ] = None,
) -> None:
    """Write one self-contained HTML page to review the projects, their timelines and their evidence."""
    from pipeline.output.report import write_report

    try:
        with output_lock(out, "report", create=False):
            path = write_report(out, output, tuple(status or ()))
    except UsageError as exc:
        _error(f"{exc}")
        raise typer.Exit(2) from exc
    except OutputBusy as exc:
        _error(str(exc))
        raise typer.Exit(1) from exc
    if not _STATE["quiet"]:
        _say("wrote ", path)


@app.command()
def schema(
    name: Annotated[
        str, typer.Argument(help="documents, records, projects, or rules (the rule files, for an editor).")
    ] = "records",
) -> None:
    """Print the JSON Schema of an output file, or of the rule files (`schema rules`)."""
    from pipeline.output.export import json_schema

    try:
        sys.stdout.write(json_schema(name))
    except UsageError as exc:
        _error(f"{exc}")
        raise typer.Exit(2) from exc


# Objects allocated between two collections of the youngest generation (Python's default: 700). A run
# allocates millions of small objects (words, tokens, mentions) that live until their document is done;
# collecting every 700 allocations walked them again and again: 5% of a 200-page fact sheet's run.
_GC_YOUNG_THRESHOLD = 10_000


def main() -> None:
    """The `pledgeline` command in this process; ends with SystemExit and the command's status."""
    app()


def entry() -> NoReturn:
    """The `pledgeline` script and `python -m pipeline`: the command as its own process, which leaves
    without the interpreter's teardown."""
    gc.set_threshold(_GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])
    try:
        main()
    except SystemExit as done:
        _leave(done.code)
    _leave(0)


def _leave(code: str | int | None) -> NoReturn:
    """Exit as sys.exit(code) does, without the interpreter's teardown of every module and object: with
    spaCy loaded that took a quarter of a second and has nothing left to do. Exit handlers still run and
    output is flushed; while another thread runs, or output cannot be flushed, exit the ordinary way."""
    others = [t for t in threading.enumerate() if t is not threading.main_thread() and not t.daemon]
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        sys.exit(code)
    if any(t.is_alive() for t in others):
        sys.exit(code)
    status = code if isinstance(code, int) else 0 if code is None else 1
    if isinstance(code, str):
        print(code, file=sys.stderr)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(status)


@app.command("eval")
def eval_command(
    inputs: Annotated[
        list[str], typer.Argument(help="Files or folders to run, or an existing run's --out folder.")
    ],
    gold: Annotated[Path, typer.Option("--gold", help="Gold annotations (JSONL, docs/gold-format.md).")],
    details: Annotated[bool, typer.Option(help="Print what was missed and extra, per document.")] = False,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Keep the run's output here.")] = None,
    rules: RulesOption = [],  # noqa: B006 - typer reads the default, never mutates it
) -> None:
    """Run INPUTS and score them against GOLD (docs/gold-format.md says how)."""
    import json
    import tempfile

    from pipeline.evaluate import evaluate, load_gold, summary_lines
    from pipeline.run import run as run_pipeline

    if not gold.is_file():
        _error(f"no gold file at {gold}")
        raise typer.Exit(2)
    try:
        gold_lines = load_gold(gold)
    except UsageError as exc:
        _error(str(exc))
        raise typer.Exit(2) from exc
    already_run = len(inputs) == 1 and (Path(inputs[0]) / "documents.jsonl").is_file()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(inputs[0]) if already_run else (out or Path(tmp))
        if not already_run:
            with _progress_bar() as bar:
                task = bar.add_task("documents", total=None)
                run_pipeline(
                    inputs,
                    folder,
                    _settings(rules, 100_000_000, 2_000, 120.0, 1),
                    lambda done, total, source: bar.update(task, completed=done, total=total),
                )

        def read(name: str) -> list[dict[str, object]]:
            path = folder / name
            lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
            return [json.loads(line) for line in lines if line.strip()]

        result = evaluate(gold_lines, read("documents.jsonl"), read("records.jsonl"))
    if details:
        for row in result.details:
            if any(row[k] for k in row if k != "doc"):
                typer.echo(json.dumps(row, ensure_ascii=False))
    for line in summary_lines(result):
        typer.echo(line)


@app.command()
def fetch(
    inputs: Annotated[list[str] | None, typer.Argument(help="http(s) URLs to fetch.")] = None,
    archive: Annotated[
        Path, typer.Option("--archive", help="Folder of the WARC archive and its index.")
    ] = Path("archive"),
    urls: UrlsOption = None,
    follow: FollowOption = False,
    max_pages: Annotated[int, typer.Option(help="When following, pages discovered at most.")] = 100,
    since: SinceOption = None,
    include: IncludeOption = [],  # noqa: B006 - typer reads the default, never mutates it
    exclude: ExcludeOption = [],  # noqa: B006
    any_host: AnyHostOption = False,
    allow_private: PrivateOption = False,
    ignore_robots: RobotsOption = False,
    env_proxy: EnvProxyOption = False,
    rate: RateOption = 1.0,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for data from a server.")] = 30.0,
    connect_timeout: Annotated[float, typer.Option(help="Seconds to connect.")] = 10.0,
    max_bytes: Annotated[int, typer.Option(help="Largest response body accepted.")] = 50_000_000,
    retries: Annotated[int, typer.Option(help="Retries on 429, 5xx and connection errors.")] = 3,
    max_redirects: Annotated[int, typer.Option(help="Redirects followed before giving up.")] = 5,
    workers: Annotated[int, typer.Option(help="Fetches in flight at once (per host: at most 2).")] = 4,
    fail_on_error: Annotated[bool, typer.Option(help="Exit 1 if any URL failed.")] = False,
) -> None:
    """Fetch URLs into the WARC archive (no extraction); one line per URL on stdout."""
    from pipeline.acquire.discover import Crawler, fetch_all
    from pipeline.acquire.fetch import Fetcher
    from pipeline.acquire.raw import is_url

    settings = _fetch_settings(
        archive=archive, follow=follow, max_pages=max_pages, since=since, include=include, exclude=exclude,
        any_host=any_host, allow_private=allow_private, ignore_robots=ignore_robots, env_proxy=env_proxy,
        rate=rate, timeout=timeout, max_bytes=max_bytes, connect_timeout=connect_timeout, retries=retries,
        max_redirects=max_redirects, workers=workers,
    )  # fmt: skip
    sources = [*(inputs or []), *_url_list(urls)]
    if not sources:
        _error("no URLs; give them as arguments or with --urls FILE")
        raise typer.Exit(2)
    if bad := [s for s in sources if not is_url(s)]:
        _error(f"not http(s) URLs: {', '.join(bad[:5])}")
        raise typer.Exit(2)
    ok = failed = 0
    with Fetcher.open(settings) as fetcher:
        crawler = Crawler(sources, settings)
        for source, outcome in fetch_all(fetcher.fetch, crawler, settings.workers, follow=follow):
            if isinstance(outcome, StageError):
                failed += 1
                typer.echo(f"failed\t{outcome.kind}\t{source}\t{outcome.message}")
            else:
                ok += 1
                typer.echo(f"ok\t{outcome.media_type}\t{len(outcome.content)}\t{source}")
    if not _STATE["quiet"]:
        _say(f"fetched {ok} ok, {failed} failed into {archive}")
    if fail_on_error and failed:
        raise typer.Exit(1)


@app.command()
def explain(
    input: Annotated[str, typer.Argument(help="A file or URL.")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object, for tools.")] = False,
    rules: Annotated[
        list[Path] | None, typer.Option(help="A folder of extra rule files; repeatable.")
    ] = None,
    allow_private: PrivateOption = False,
) -> None:
    """Say, for every amount in a document, whether it became a record and which rule decided."""
    from pipeline.acquire import acquire_one
    from pipeline.explain import explain_json, explain_lines
    from pipeline.worker import Pipeline

    settings = Settings(
        extract=ExtractSettings(rules_dirs=tuple(rules or ())),
        fetch=FetchSettings(allow_private=allow_private),
    )
    pipeline = Pipeline(settings)
    try:
        raw = acquire_one(input, settings)
        explanation = pipeline.explain(raw)
    except UsageError as exc:
        _error(str(exc))
        raise typer.Exit(2) from exc
    except StageError as exc:
        _error(str(exc))
        raise typer.Exit(1) from exc
    if as_json:
        typer.echo(explain_json(explanation))
        return
    for line in explain_lines(explanation):
        typer.echo(line)
