"""The pledge lifecycle's rules: status.json (where a pledge stands) and identity.json (what a project is).

status.json is read by pipeline/link/status.py near each record's amount: the clauses of its sentence that
speak of its lead and amount, or its table row, then the table's caption. Tokens are lower-cased words
(letters and digits, joined by - ' . or ,); a cue matches a run of whole tokens. identity.json is read by
pipeline/output/identity.py on each record's evidence near its amount, when projects are merged.
"""

from __future__ import annotations

from pydantic import Field

from pipeline.rules.models.base import LowerPhrase, LowerWord, Phrase, RuleFile, cues, table

_STAGE = "A record is {status} when one of these phrases stands in its scope, whole tokens, not after a guard"


class Status(RuleFile):
    """status.json: the cues of each stage of a pledge's life, its guards and history markers."""

    candidate: list[LowerPhrase] = cues(
        _STAGE.format(status="'candidate'") + " ('considering', 'put forward')."
    )
    selected: list[LowerPhrase] = cues(
        _STAGE.format(status="'selected'") + " ('final investment decision', 'was selected')."
    )
    under_construction: list[LowerPhrase] = cues(
        _STAGE.format(status="'under_construction'") + " ('broke ground')."
    )
    operating: list[LowerPhrase] = cues(_STAGE.format(status="'operating'") + " ('began production').")
    cancelled: list[LowerPhrase] = cues(
        _STAGE.format(status="'cancelled'")
        + " ('scrapped'); with a history marker or an earlier year within 6 tokens, it is no record at all."
    )
    guards: list[LowerPhrase] = cues(
        "A cue says nothing when one of these phrases is among the 3 tokens before it, in its own clause "
        "('not', 'will', 'if'); so does a contraction in n't."
    )
    adjectives: list[LowerWord] = cues(
        "Cue words that say nothing right after a determiner (a, an, the, its, their ...): 'a proposed "
        "plant' describes the plant."
    )
    history: list[LowerPhrase] = cues(
        "A cancellation cited as history, not news (no record): one of these phrases within 6 tokens of its "
        "cue ('years ago', 'had been')."
    )


class ProjectIdentity(RuleFile):
    """identity.json: what a project is (the kind of thing built) and where, for merging records."""

    kinds: dict[str, list[Phrase]] = table(
        "Kinds of project, each with its phrases: whole words, case-insensitive, the longest phrase first "
        "and phrases not overlapping ('lithium refinery' is battery materials, not also a refinery)."
    )
    regions: list[Phrase] = cues(
        "Places that tell a project's site besides the U.S. states of places.json (provinces, states): whole "
        "words, as written (capitalised), accents ignored."
    )
    countries: list[Phrase] = cues(
        "Countries: whole words, as written; they tell projects apart but never join them, and a country "
        "before 's is the company's home, not a place of the project."
    )
    owner_nouns: list[LowerWord] = cues(
        "Words that make the next name a company's parent: 'X, a unit of Y', 'Y's battery unit X'."
    )
    owner_phrases: list[LowerPhrase] = cues("Phrases after a company that name its parent: 'X, part of Y'.")
    owned_suffixes: list[LowerWord] = Field(
        default_factory=list, description="Suffixes of a parent's name before its company: 'Y-owned X'."
    )
