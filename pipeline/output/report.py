"""Report: one self-contained HTML page to review a run's projects and the text that supports them.

The page needs nothing at view time (CSS and JS inline, no fonts or scripts fetched). Each project's
evidence is shown with its companies, amounts and sector cues marked in the source sentence, computed
from the record itself. Every piece of text from the documents goes through html.escape.
"""

from __future__ import annotations

import html
import logging
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

from pipeline.errors import UsageError
from pipeline.extract.money import find_money
from pipeline.output.export import RunOutput, load_output
from pipeline.output.write import REJECTS, write_atomic
from pipeline.rules import RuleSet, load_rules
from schemas import (
    RECORD_STATUSES,
    SECTORS,
    Amount,
    DocumentOut,
    Project,
    ProjectRecord,
    RejectOut,
    TimelineStep,
)

log = logging.getLogger(__name__)

REPORT = "report.html"
TEMPLATE = "report_template.html"
LABELS = ("amount", "sponsor", "partner", "participant", "sector")
"""Highlight kinds, strongest first: where two overlap, the earlier one is shown."""
_AMOUNT_MATCH = 0.005
_MIN_NAME_LEN = 3


@dataclass(frozen=True)
class Mark:
    """A highlighted span of an evidence text."""

    start: int
    end: int
    label: str


def _name_forms(name: str) -> list[str]:
    # Sources shorten names ("Westinghouse Electric" -> "Westinghouse"): try the full name, then fewer words.
    words = name.split()
    forms = [" ".join(words[:n]) for n in range(len(words), 0, -1)]
    return [f for f in forms if len(f) >= _MIN_NAME_LEN]


def _find_words(text: str, phrase: str) -> list[tuple[int, int]]:
    pattern = re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)", re.IGNORECASE)
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def _name_marks(text: str, names: list[str], label: str) -> list[Mark]:
    marks: list[Mark] = []
    for name in names:
        for form in _name_forms(name):
            spans = _find_words(text, form)
            if spans:
                marks.extend(Mark(s, e, label) for s, e in spans)
                break
    return marks


def _close(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(a - b) <= _AMOUNT_MATCH * max(a, b)


def _amount_marks(text: str, amount: Amount | None) -> list[Mark]:
    if amount is None:
        return []
    marks = []
    for money in find_money(text):
        same = money.currency == amount.currency and (
            _close(money.value, amount.value) or _close(money.value, amount.high)
        )
        if same or _close(money.usd, amount.usd):
            marks.append(Mark(money.start, money.end, "amount"))
    return marks


def highlights(record: ProjectRecord, sector_cues: dict[str, list[str]]) -> list[Mark]:
    """Companies, amounts and sector cues of a record, located in its evidence text, without overlaps."""
    text = record.evidence.text
    found = [
        *_amount_marks(text, record.amount),
        *_name_marks(text, [record.sponsor], "sponsor"),
        *_name_marks(text, list(record.partners), "partner"),
        *_name_marks(text, list(record.participants), "participant"),
    ]
    for cue in sorted(sector_cues.get(record.sector, []), key=len, reverse=True):
        found.extend(Mark(s, e, "sector") for s, e in _find_words(text, cue))
    kept: list[Mark] = []
    for mark in sorted(found, key=lambda m: (LABELS.index(m.label), m.start, m.start - m.end)):
        if all(mark.end <= k.start or mark.start >= k.end for k in kept):
            kept.append(mark)
    return sorted(kept, key=lambda m: m.start)


def marked_html(text: str, marks: list[Mark]) -> str:
    """The text escaped, with each mark as a labelled <mark> (in the manner of displaCy)."""
    parts: list[str] = []
    pos = 0
    for mark in marks:
        parts.append(html.escape(text[pos : mark.start]))
        parts.append(
            f'<mark class="ent ent-{mark.label}">{html.escape(text[mark.start : mark.end])}'
            f'<span class="label">{mark.label}</span></mark>'
        )
        pos = mark.end
    parts.append(html.escape(text[pos:]))
    return "".join(parts)


def money_text(value: float, currency: str) -> str:
    """A figure for people: 1.5e10 USD -> 'USD 15.0B'."""
    for scale, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if value >= scale:
            return f"{currency} {value / scale:,.1f}{suffix}"
    return f"{currency} {value:,.0f}"


_QUALIFIER_WORDS = {"exact": "", "up_to": "up to ", "about": "about ", "at_least": "at least ", "range": ""}


def _figure(a: Amount) -> str:
    figure = money_text(a.value, a.currency)
    if a.high is not None:
        figure += f"–{money_text(a.high, a.currency).split(' ', 1)[1]}"
    if a.usd is not None and a.currency != "USD":
        figure += f" ({money_text(a.usd, 'USD')})"
    return _QUALIFIER_WORDS[a.qualifier] + figure


def _amount_cell(project: Project) -> str:
    return "<br>".join(html.escape(_figure(a)) for a in project.amounts) or "—"


def _status_label(status: str) -> str:
    return status.replace("_", " ")


def _step_html(step: TimelineStep) -> str:
    when = step.date if step.dated and step.date else "undated"
    why = "" if step.dated else ' title="the document states no date: placed last, in the order of the run"'
    figure = html.escape(_figure(step.amount)) if step.amount else "no figure"
    return (
        f'<li class="step status-{step.status}" data-status="{step.status}"{why}>'
        f'<span class="when">{html.escape(when)}</span>'
        f'<span class="stage">{_status_label(step.status)}</span>'
        f'<span class="fig">{figure}</span>'
        f'<span class="src">{html.escape(Path(step.source).name or step.source)}</span></li>'
    )


def timeline_html(project: Project) -> str:
    """The project's timeline as one row of steps: date, status and figure of each record, oldest first."""
    return f'<ol class="timeline">{"".join(_step_html(step) for step in project.timeline)}</ol>'


def _evidence_html(project: Project, records: dict[str, ProjectRecord], cues: dict[str, list[str]]) -> str:
    blocks = []
    for source in project.sources:
        record = records.get(source.record_id)
        if record is None:
            continue
        page = f", page {record.evidence.page}" if record.evidence.page else ""
        blocks.append(
            f'<div class="evidence"><div class="src">{html.escape(source.source)}{page}</div>'
            f"<p>{marked_html(record.evidence.text, highlights(record, cues))}</p></div>"
        )
    summary = f"{len(project.sources)} source{'s' if len(project.sources) != 1 else ''}"
    return f"<details><summary>{summary}</summary>{''.join(blocks)}</details>"


def _row(project: Project, records: dict[str, ProjectRecord], cues: dict[str, list[str]]) -> str:
    usd = project.amount.usd if project.amount and project.amount.usd is not None else 0.0
    others = ", ".join(project.companies[1:])
    names = " | ".join([*project.companies, *project.participants]).lower()
    other_sectors = [s for s in project.sectors if s != project.sector]
    return (
        f'<tr class="project" data-project-id="{project.project_id}"'
        f' data-company="{html.escape(project.company.lower())}" data-companies="{html.escape(names)}"'
        f' data-sector="{project.sector}" data-status="{project.status}" data-usd="{usd:.0f}"'
        f' data-sources="{len(project.sources)}">'
        f"<td><strong>{html.escape(project.company)}</strong>"
        + (f'<div class="others">with {html.escape(others)}</div>' if others else "")
        + f'</td><td><span class="sector-tag">{project.sector}</span>'
        + (f'<div class="sectors">also: {", ".join(other_sectors)}</div>' if other_sectors else "")
        + f'</td><td><span class="status-tag status-{project.status}">{_status_label(project.status)}</span>'
        + f'</td><td class="num">{_amount_cell(project)}</td><td>{timeline_html(project)}</td>'
        f'<td class="num">{len(project.sources)}</td>'
        f"<td>{_evidence_html(project, records, cues)}</td></tr>"
    )


def sector_totals(projects: list[Project]) -> dict[str, float]:
    """US-dollar total of each sector, one figure (the current one) per project; cancelled ones left out."""
    totals: dict[str, float] = defaultdict(float)
    for project in projects:
        if project.status == "cancelled":
            continue
        if project.amount is not None and project.amount.usd is not None:
            totals[project.sector] += project.amount.usd
    return {s: totals[s] for s in SECTORS if s in totals}


def left_out_of_totals(projects: list[Project]) -> str:
    """A sentence on the projects the totals leave out for want of a US-dollar value, or '' (cancelled
    projects are left out too, as the chart's heading says)."""
    currencies: dict[str, int] = defaultdict(int)
    for project in projects:
        if project.status != "cancelled" and project.amount is not None and project.amount.usd is None:
            currencies[project.amount.currency] += 1
    if not currencies:
        return ""
    count = sum(currencies.values())
    listed = ", ".join(
        f"{n} in {c}" for c, n in sorted(currencies.items(), key=lambda item: (-item[1], item[0]))
    )
    noun = "project is" if count == 1 else "projects are"
    return f"{count} {noun} not in these totals: no US-dollar value is known for their figures ({listed})."


def chart_svg(totals: dict[str, float]) -> str:
    """A horizontal bar chart as inline SVG."""
    if not totals:
        return "<p>No project has a figure in US dollars.</p>"
    bar_h, gap, label_w, bar_w = 22, 8, 160, 760
    top = max(totals.values())
    height = len(totals) * (bar_h + gap)
    parts = [f'<svg class="chart" role="img" width="{label_w + bar_w + 120}" height="{height}">']
    for i, (sector, total) in enumerate(totals.items()):
        y = i * (bar_h + gap)
        width = max(1.0, bar_w * total / top)
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end">{html.escape(sector)}</text>'
            f'<rect class="bar" x="{label_w}" y="{y}" width="{width:.1f}" height="{bar_h}" rx="3"/>'
            f'<text x="{label_w + width + 6:.1f}" y="{y + 15}">{html.escape(money_text(total, "USD"))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _legend() -> str:
    return "".join(f'<mark class="ent ent-{label}">{label}</mark>' for label in LABELS)


def check_statuses(statuses: tuple[str, ...]) -> tuple[str, ...]:
    """The statuses asked for, or a usage error naming the ones that exist."""
    unknown = [s for s in statuses if s not in RECORD_STATUSES]
    if unknown:
        raise UsageError(f"unknown status {', '.join(unknown)}; choose from {', '.join(RECORD_STATUSES)}")
    return statuses


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def summary_text(output: RunOutput, rejects: list[RejectOut]) -> str:
    """The page's one-line summary: projects, records, documents (how many ok and failed), rejects."""
    ok = sum(d.status == "ok" for d in output.documents)
    failed = len(output.documents) - ok
    return (
        f"{_plural(len(output.projects), 'project')} from {_plural(len(output.records), 'record')} in "
        f"{_plural(len(output.documents), 'document')} ({ok} ok, {failed} failed); "
        f"{_plural(len(rejects), 'rejected candidate')}."
    )


def failures_html(documents: list[DocumentOut]) -> str:
    """The failed documents as a table: source, kind and message."""
    failed = [d for d in documents if d.status != "ok"]
    if not failed:
        return "<p>No document failed.</p>"
    rows = "".join(
        f'<tr><td class="src">{html.escape(d.source)}</td>'
        f"<td>{html.escape(d.error.kind if d.error else '')}</td>"
        f"<td>{html.escape(d.error.message if d.error else '')}</td></tr>"
        for d in failed
    )
    return (
        '<table id="failures"><thead><tr><th>Document</th><th>Kind</th><th>What happened</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def rejects_html(rejects: list[RejectOut]) -> str:
    """The candidates that failed validation as a table: source, sponsor, amount and reasons."""
    if not rejects:
        return "<p>No candidate was rejected.</p>"
    rows = []
    for reject in rejects:
        candidate = reject.candidate
        value, currency = candidate.get("value"), candidate.get("currency")
        amount = (
            money_text(float(value), str(currency)) if isinstance(value, int | float) and currency else "—"
        )
        rows.append(
            f'<tr><td class="src">{html.escape(reject.source)}</td>'
            f"<td>{html.escape(str(candidate.get('sponsor') or '—'))}</td>"
            f'<td class="num">{html.escape(amount)}</td>'
            f"<td>{'<br>'.join(html.escape(r) for r in reject.reasons)}</td></tr>"
        )
    return (
        '<table id="rejects"><thead><tr><th>Document</th><th>Sponsor</th><th>Amount</th><th>Why rejected</th>'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def read_rejects(out: Path) -> list[RejectOut]:
    """OUT/rejects.jsonl (none if the file is missing)."""
    path = out / REJECTS
    if not path.is_file():
        return []
    with path.open("rb") as handle:
        return [RejectOut.model_validate_json(line) for line in handle if line.strip()]


def render_report(
    output: RunOutput,
    rules: RuleSet | None = None,
    title: str = "pledgeline projects",
    statuses: tuple[str, ...] = (),
    rejects: list[RejectOut] | None = None,
) -> str:
    """The review page of a run's output as one HTML string; with `statuses`, only projects in them."""
    if check_statuses(statuses):
        output = replace(output, projects=[p for p in output.projects if p.status in statuses])
    rules = rules if rules is not None else load_rules()
    rejects = rejects or []
    cues = {str(k): [str(c) for c in v] for k, v in rules.mapping("sectors").items() if isinstance(v, list)}
    records = {r.record_id: r for r in output.records}
    sectors = [s for s in SECTORS if any(p.sector == s for p in output.projects)]
    left_out = left_out_of_totals(output.projects)
    fills = {
        "@@TITLE@@": html.escape(title),
        "@@SUMMARY@@": html.escape(summary_text(output, rejects)),
        "@@CHART@@": chart_svg(sector_totals(output.projects))
        + (f'<p class="note" id="left-out">{html.escape(left_out)}</p>' if left_out else ""),
        "@@FAILURES@@": failures_html(output.documents),
        "@@REJECTS@@": rejects_html(rejects),
        "@@SECTOR_OPTIONS@@": "".join(f'<option value="{s}">{s}</option>' for s in sectors),
        "@@STATUS_OPTIONS@@": "".join(
            f'<option value="{s}">{_status_label(s)}</option>'
            for s in RECORD_STATUSES
            if any(p.status == s for p in output.projects)
        ),
        "@@LEGEND@@": _legend(),
        "@@ROWS@@": "\n".join(_row(p, records, cues) for p in output.projects),
    }
    page = resources.files("pipeline.output").joinpath(TEMPLATE).read_text(encoding="utf-8")
    # One pass, so text from documents that happens to contain a marker is never replaced again.
    return re.sub("|".join(re.escape(k) for k in fills), lambda m: fills[m.group(0)], page)


def write_report(out: Path, output_path: Path | None = None, statuses: tuple[str, ...] = ()) -> Path:
    """Write OUT/report.html (or `output_path`) from a run's output folder; returns the path.

    With `statuses`, the page shows only the projects whose status is one of them."""
    check_statuses(statuses)
    path = output_path if output_path is not None else out / REPORT
    write_atomic(
        path, render_report(load_output(out), statuses=statuses, rejects=read_rejects(out)).encode("utf-8")
    )
    log.info("wrote report to %s", path)
    return path
