"""Validate: candidate records become ProjectRecords, or rejects with their reasons."""

from __future__ import annotations

import hashlib

from pydantic import ValidationError

from schemas import CandidateRecord, ProjectRecord, RejectOut


def record_id(doc_id: str, sponsor: str, value: float | None, currency: str | None, occurrence: int) -> str:
    """The stable record id: doc_id, sponsor, amount value and currency, the pair's occurrence number."""
    # occurrence: 1 for the first record of this sponsor and amount in the document, 2 for the second...
    # Never character offsets: an edit anywhere above the record would shift them.
    key = "\x1f".join([doc_id, sponsor, repr(value), currency or "", str(occurrence)])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _reasons(exc: ValidationError) -> list[str]:
    return [f"{'.'.join(str(p) for p in err['loc']) or 'record'}: {err['msg']}" for err in exc.errors()]


def validate(
    candidate: CandidateRecord,
    *,
    doc_id: str,
    source: str,
    text: str,
    published: str | None = None,
    title: str | None = None,
    occurrence: int = 1,
) -> ProjectRecord | RejectOut:
    """A validated ProjectRecord, or a RejectOut saying why the candidate failed."""
    reasons: list[str] = []
    if not (0 <= candidate.evidence_start < candidate.evidence_end <= len(text)):
        reasons.append("evidence: offsets lie outside the document text")
    elif text[candidate.evidence_start : candidate.evidence_end] != candidate.evidence_text:
        reasons.append("evidence: text does not match the document at its offsets")
    # Validated as one nested dict, so that a reason names its field in full ("amount.currency").
    amount = None
    if candidate.value is not None:
        amount = dict(
            value=candidate.value,
            currency=candidate.currency or "",
            qualifier=candidate.qualifier,
            high=candidate.high,
            usd=candidate.usd,
        )
    try:
        record = ProjectRecord.model_validate(
            dict(
                record_id=record_id(
                    doc_id,
                    candidate.sponsor or "",
                    candidate.value,
                    candidate.currency,
                    occurrence,
                ),
                doc_id=doc_id,
                source=source,
                sponsor=candidate.sponsor or "",
                partners=list(candidate.partners),
                participants=list(candidate.participants),
                sector=candidate.sector,
                amount=amount,
                description=candidate.description,
                evidence=dict(
                    text=candidate.evidence_text,
                    start=candidate.evidence_start,
                    end=candidate.evidence_end,
                    page=candidate.page,
                ),
                location=candidate.location,
                program=candidate.program,
                country=candidate.country,
                status=candidate.status,
                published=published,
                title=title,
            )
        )
    except ValidationError as exc:
        reasons.extend(_reasons(exc))
        record = None
    if reasons or record is None:
        return RejectOut(
            doc_id=doc_id, source=source, candidate=candidate.model_dump(mode="json"), reasons=reasons
        )
    return record
