"""What every rule file shares: unknown keys refused, an optional "$schema" and "remove", entry types."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("an empty entry matches nothing")
    return value


def _one_word(value: str) -> str:
    _not_blank(value)
    if any(ch.isspace() for ch in value):
        raise ValueError(f"{value!r}: this key matches single words, so an entry with a space never matches")
    return value


def _lower_case(value: str) -> str:
    _not_blank(value)
    if value != value.lower():
        raise ValueError(
            f"{value!r}: this key is matched against lower-cased text, so write it in lower case"
        )
    return value


def _currency_code(value: str) -> str:
    if len(value) != 3 or not value.isascii() or not value.isalpha() or not value.isupper():
        raise ValueError(f"{value!r}: a currency is an ISO 4217 code of three capital letters, such as USD")
    return value


# A phrase: matched as written, or lower-cased by the code that reads it (each key's description says which).
Phrase = Annotated[str, AfterValidator(_not_blank)]
# One word (or token) with no space: the code compares single words, so a phrase would never match.
Word = Annotated[str, AfterValidator(_one_word)]
# Compared with lower-cased text as written: an entry with a capital letter would never match.
LowerPhrase = Annotated[str, AfterValidator(_lower_case)]
LowerWord = Annotated[str, AfterValidator(_one_word), AfterValidator(_lower_case)]
# What an amount's currency becomes: the contract's three capital letters.
CurrencyCode = Annotated[str, AfterValidator(_currency_code)]


def cues(description: str) -> Any:
    """A list-of-entries key (empty by default, so a user file may name only the keys it extends)."""
    return Field(default_factory=list, description=description)


def table(description: str) -> Any:
    """A mapping key (empty by default)."""
    return Field(default_factory=dict, description=description)


class RuleFile(BaseModel):
    """A .json rule file: its keys and how each matches. Unknown keys are an error."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    schema_url: str | None = Field(
        None,
        alias="$schema",
        description="Where an editor finds this file's JSON Schema (`pledgeline schema rules`); ignored.",
    )
    remove: dict[str, list[Any] | dict[str, list[Any]]] = Field(
        default_factory=dict,
        description=(
            "In a user's file (--rules DIR): bundled entries to take out, by key: "
            '{"not_record_before": ["raised"]}. For a mapping key, list the mapping\'s keys to drop '
            '({"symbols": ["RM"]}), or, where its values are lists, give the entries to drop per key '
            '({"qualifiers_before": {"up_to": ["under"]}}).'
        ),
    )
