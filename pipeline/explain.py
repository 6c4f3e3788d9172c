"""`pledgeline explain`: every amount of a document, in text order, with the decision the pipeline took.

The decisions are the linker's own (LinkedDocument.decisions, filled where it decides), not a second
derivation: a record in records.jsonl is an amount whose verdict here is "record".
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from pipeline.worker import Explanation
from schemas import AmountDecision

_VERDICTS = {
    "record": "record",
    "duplicate": "not a record: the same commitment is stated again",
    "rejected": "not a record: it failed validation",
    "not_investment": "not a pledge",
    "umbrella": "not a record: an umbrella total",
    "superseded": "not a record: a figure a newer one replaced",
    "history": "not a record: history",
    "negated": "not a record: denied or withdrawn",
    "paired": "not a record: the same amount in a second currency",
    "too_small": "not a record: below the smallest pledge",
    "no_lead": "not a record: no company leads it",
    "government": "not a record: an agency's or a government's money",
    "purchase": "not a pledge: a price paid",
    "not_read": "not a record: not in a sentence or row the linker reads",
}


def _amount(decision: AmountDecision) -> str:
    high = f"-{decision.high:,.0f}" if decision.high is not None else ""
    return f"{decision.value:,.0f}{high} {decision.currency} ({decision.qualifier})"


def explain_lines(explanation: Explanation) -> Iterator[str]:
    """The plain-text explanation: one block per amount."""
    text = explanation.text
    source, records = explanation.result.document.source, len(explanation.result.records)
    yield f"{source}: {len(explanation.decisions)} amounts, {records} records"
    for decision in explanation.decisions:
        line_start = text.rfind("\n", 0, decision.start) + 1
        yield ""
        yield f"{decision.text!r} at {decision.start}: {_amount(decision)}"
        yield f"  -> {_VERDICTS.get(decision.verdict, decision.verdict)}"
        rule = decision.rule + (f" {decision.cue!r}" if decision.cue else "")
        if rule:
            yield f"  rule: {rule}"
        if decision.candidates:
            yield f"  companies considered: {', '.join(decision.candidates)}"
        if decision.sponsor:
            yield f"  lead: {decision.sponsor}; sector: {decision.sector}" + (
                f" (cue {decision.sector_cue!r})" if decision.sector_cue else ""
            )
        context = " ".join(text[max(line_start, decision.start - 80) : decision.end + 40].split())
        yield f"  text: …{context}…"


def explain_json(explanation: Explanation) -> str:
    """The explanation as one JSON object: the document line and its decisions."""
    return json.dumps(
        {
            "document": explanation.result.document.model_dump(mode="json"),
            "records": [r.model_dump(mode="json") for r in explanation.result.records],
            "decisions": [d.model_dump(mode="json") for d in explanation.decisions],
        },
        ensure_ascii=False,
        indent=2,
    )
