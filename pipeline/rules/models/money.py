"""money.json: how pipeline/extract/money.py reads amounts (symbols, codes, words, scales, cue words).

A number (digits with an optional scale, or written words) becomes money when a currency stands right
before it (within 12 characters: up to two spaces or one line break between) or right after it.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from pipeline.rules.models.base import CurrencyCode, Phrase, RuleFile, Word, cues, table
from schemas import Qualifier

_ISO = "an ISO 4217 code (or BTC, SAT, SEN for units without one)"


class SharedName(BaseModel):
    """A currency name several countries use: the name as written bare, and where each of them is."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    names: list[Phrase] = Field(
        description="The name and symbols as written without a country ('pesos', 'Sh'): whole words, "
        "any case."
    )
    homes: dict[CurrencyCode, list[Phrase]] = Field(
        description="Currency -> the places (country, cities, demonyms, in any script) that use it; "
        "case-sensitive, not inside a longer Latin word."
    )


class Money(RuleFile):
    """money.json: the money lexicon."""

    symbols: dict[Phrase, CurrencyCode] = table(
        f"Symbol -> {_ISO}: matched right before or after the number, case-insensitively unless listed in "
        "case_sensitive_symbols; a symbol ending in '$' also matches with a space before the '$' ('C $')."
    )
    case_sensitive_symbols: list[Phrase] = cues(
        "Symbols (keys of symbols) matched only as written: letter symbols that are words in lower case "
        "('A$' but not 'a $5 loan', 'RM', 'Rs')."
    )
    symbols_before_only: list[Phrase] = cues(
        "Symbols (keys of symbols) that count only before the number, never after it ('RM', 'Rs')."
    )
    symbols_need_scale: list[Phrase] = cues(
        "Symbols (keys of symbols) that are money only before a number with a scale ('P30 billion' is "
        "Philippine pesos, 'P5' a grade or a model)."
    )
    codes: list[CurrencyCode] = cues(
        "Currency codes matched before or after the number, not glued to other letters; case-insensitive "
        "unless listed in codes_upper_only."
    )
    code_alias: dict[CurrencyCode, CurrencyCode] = table(
        f"A code in use that is not ISO 4217 -> {_ISO} ('RMB' -> 'CNY')."
    )
    codes_upper_only: list[Word] = cues(
        "Codes (of codes) matched only in upper case: they are English words or file extensions in lower "
        "case ('TRY', 'PHP')."
    )
    scaled_code_prefixes: dict[Word, float] = table(
        "Finance shorthand: a prefix glued to an upper-case code -> its factor ('MEUR' is million euros, "
        "'KUSD' thousand dollars). Case-sensitive."
    )
    words: dict[Phrase, CurrencyCode] = table(
        f"Currency word -> {_ISO}: matched after the number (a hyphen may join them: '5-dollar'), "
        "whole words, case-insensitive ('us dollars')."
    )
    unit_factor: dict[Phrase, float] = table(
        "Currency words (keys of words) whose unit is a fraction of the currency's main unit -> the fraction."
    )
    words_need_scale: list[Phrase] = cues(
        "Currency words (keys of words) that are money only after a number with a scale ('5 million rand', "
        "not '5 rand'): too common as plain words."
    )
    words_before: list[Phrase] = cues(
        "Currency words that also count before the number ('dollar 22.5 million'), whole words, "
        "case-insensitive."
    )
    subunits: dict[Phrase, tuple[CurrencyCode, float]] = table(
        f"Sub-unit word -> [{_ISO}, its factor]: after the number ('50 cents'), or closing an amount of "
        "the main unit ('13 dollars and 45 cents'). Whole words, case-insensitive."
    )
    glued_subunits: dict[Word, tuple[CurrencyCode, float]] = table(
        "Sub-unit letters glued to the number ('50p') -> [code, factor]. Case-sensitive."
    )
    pounds_of_money: list[Word] = cues(
        "Words that keep 'N pounds of ...' money ('2 million pounds of investment'); before any other noun "
        "pounds are weight ('one billion pounds of dairy products')."
    )
    not_pence: list[int] = cues("Numbers that with a glued 'p' are video resolutions, not pence ('1080p').")
    scales: dict[Phrase, float] = table(
        "Scale word or phrase -> factor ('billion', 'lakh crore'): after a number (a space or hyphen "
        "between), in written numbers, or after the currency ('USD 75 million'). Whole words, "
        "case-insensitive."
    )
    glued_scales: dict[Word, float] = table(
        "Single letters that are scales only when glued to the number ('$25B', '$5m'). Case-insensitive."
    )
    number_words: dict[Word, float] = table(
        "Written numbers -> value ('twenty' -> 20), read with scales into one number ('twenty-five "
        "billion'). Case-insensitive."
    )
    fraction_words: dict[Word, float] = table(
        "Written fractions -> value ('half a billion'). Case-insensitive."
    )
    qualifiers_before: dict[Qualifier, list[Phrase]] = table(
        "Qualifier -> cue phrases ending right before the amount (within 40 characters, spaces or an "
        "opening bracket between; not glued to a preceding letter): 'up to' gives up_to. Case-insensitive."
    )
    qualifiers_after: dict[Qualifier, list[Phrase]] = table(
        "Qualifier -> cue phrases right after the amount ('or more' gives at_least). Case-insensitive."
    )
    range_openers: list[Phrase] = cues(
        "Words before a range (in the 25 characters before its first figure): after 'between', 'X and Y' is "
        "a range; after 'from', 'X to Y' lists two amounts (as in 'from $350 million to $100 billion'), "
        "other openers ('ranging from') make it a range. Whole words, case-insensitive."
    )
    shared_names: dict[CurrencyCode, SharedName] = table(
        f"A currency whose name other countries' currencies share ({_ISO}: the one the symbols and words "
        "give) -> its bare names and the places of each country that uses the name: an amount written with "
        "a bare name ('2 billion pesos', 'Sh50 billion', '72億ペソ') is in the currency of the country the "
        "document names most often (at least twice as often as any other of them, else the one the symbols "
        "give); one that names its country ('Mexican pesos', 'Kenyan shillings') keeps its own."
    )
    dollar_homes: dict[CurrencyCode, list[Phrase]] = table(
        f"A local dollar ({_ISO}) -> the places (country, provinces or states, cities, demonyms) that make "
        "a document that country's: named at least five times and more than twice as often as the United "
        "States (these words, us_places and places.json's us_states), a bare '$' or 'dollars' in it is the "
        "local dollar, unless the document writes that dollar's own symbol ('C$') or the amount is the "
        "converted figure beside another currency ('A$70 million ($47 million)'). Whole words, "
        "case-sensitive."
    )
    us_places: list[Phrase] = cues(
        "Words that place a document in the United States, counted with places.json's us_states against "
        "dollar_homes ('U.S.', 'American'). Whole words, case-sensitive."
    )
    dollar_nationalities: dict[Phrase, CurrencyCode] = table(
        f"A word right after a '$' amount that makes it another dollar ('$15 billion Canadian') -> {_ISO}. "
        "Whole words, case-sensitive."
    )
    pair_cues: list[Phrase] = cues(
        "Words between an amount and the same amount in US dollars that make it its conversion ('¥165 "
        "billion (about US$1.1 billion)'): after the bracket, comma, semicolon or slash. Case-insensitive."
    )
