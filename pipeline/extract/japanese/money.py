"""Japanese money: 億/兆/万 with ドル, 円, ウォン, ユーロ ..., full-width and kanji numerals, ranges and
qualifiers.

A number run (digits, kanji numerals, 千百十 and the big units 兆億万) becomes money when a currency
follows it (1000億ドル, 45百万USドル) or a symbol precedes it (US$5億). 数 before a run (数十億ドル)
states no value. Neighbouring runs join into ranges (700〜800億円, 15億〜20億ドル); a figure glossed in
another currency (5500億ドル(約84兆円)) pairs with it, and a bare 億 figure glossed in dollars is yen
(700億(4.4億ドル)). Qualifiers: 最大, 約, 以上, 超 ... The lexicon is rules/ja_money.json.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, cast, get_args

from pipeline.extract.japanese.script import KANJI, fold_width
from pipeline.rules import RuleSet
from schemas import MoneyMention, Qualifier


def _alternation(words: Any) -> str:
    return "|".join(re.escape(str(w)) for w in sorted(words, key=len, reverse=True))


def _qualifier(name: str) -> Qualifier:
    for known in get_args(Qualifier):
        if name == known:
            return cast(Qualifier, known)
    raise ValueError(f"rules/ja_money.json names an unknown qualifier {name!r}")


@dataclass(frozen=True)
class JapaneseMoneyRules:
    """rules/ja_money.json, compiled."""

    after: dict[str, str]
    before: dict[str, str]
    big: dict[str, float]
    small: dict[str, float]
    digits: dict[str, int]
    run: re.Pattern[str]
    after_currency: re.Pattern[str]
    before_currency: re.Pattern[str]
    unspecified: re.Pattern[str]
    separator: re.Pattern[str]
    change_after: re.Pattern[str]
    qual_before: re.Pattern[str]
    qual_before_names: dict[str, Qualifier]
    qual_after: re.Pattern[str]
    qual_after_names: dict[str, Qualifier]
    pair_gap: re.Pattern[str]
    bare_currency: str

    @classmethod
    def from_rules(cls, rules: RuleSet) -> JapaneseMoneyRules:
        """Compile the Japanese money lexicon."""
        data = rules.mapping("ja_money")
        big = {str(k): float(v) for k, v in data["big_units"].items()}
        small = {str(k): float(v) for k, v in data["small_units"].items()}
        digits = {str(k): int(v) for k, v in data["kanji_digits"].items()}
        numerals = "".join(digits) + "".join(small)
        # (a space may group thousands, as a comma does: '約4 700億円')
        run = re.compile(
            rf"[0-9{numerals}](?:(?:[0-9,.{numerals}{''.join(big)}]|[ \u2009\u202f](?=[0-9]{{3}}(?![0-9])))*"
            rf"[0-9{numerals}{''.join(big)}])?"
        )
        before_names = {str(c): _qualifier(q) for q, cues in data["qualifiers_before"].items() for c in cues}
        after_names = {str(c): _qualifier(q) for q, cues in data["qualifiers_after"].items() for c in cues}
        fillers = _alternation(data["qualifiers_before_fillers"])
        return cls(
            after={str(k): str(v) for k, v in data["currencies_after"].items()},
            before={str(k): str(v) for k, v in data["currencies_before"].items()},
            big=big,
            small=small,
            digits=digits,
            run=run,
            after_currency=re.compile(rf"[ \u3000]?({_alternation(data['currencies_after'])})"),
            before_currency=re.compile(rf"({_alternation(data['currencies_before'])})[ \u3000]?$"),
            unspecified=re.compile(rf"(?:{_alternation(data['unspecified_before'])})$"),
            separator=re.compile(rf"^[ \u3000]?(?:{_alternation(data['range_separators'])})[ \u3000]?$"),
            change_after=re.compile(rf"[ \u3000]?(?:{_alternation(data['change_after'])})"),
            qual_before=re.compile(
                rf"((?:(?:{_alternation(before_names)})(?:{fillers})?)+)[ \u3000(（【「]*$"
            ),
            qual_before_names=before_names,
            qual_after=re.compile(rf"[ \u3000]?({_alternation(after_names)})"),
            qual_after_names=after_names,
            pair_gap=re.compile(
                rf"^[ \u3000]?(?:{_alternation(data['pair_openers'])})[ \u3000]?"
                rf"(?:{_alternation(data['pair_fillers'])})?[ \u3000]?$"
            ),
            bare_currency=str(data["bare_unit_before_gloss"]),
        )


@dataclass(frozen=True)
class _Run:
    start: int
    end: int
    value: float
    big: float  # the largest big unit written in the run (1 when none)
    currency: str | None = None
    end_with_currency: int = 0


def parse_japanese_number(run: str, rules: JapaneseMoneyRules) -> tuple[float, float] | None:
    """The value of a number run ('12兆6000億', '五千五百億', '3.5億', '45百万') and its largest big unit."""
    text = fold_width(run).replace(",", "").replace(" ", "").replace("\u2009", "").replace("\u202f", "")
    total = 0.0
    largest = 1.0
    group = ""
    for ch in text:
        if ch in rules.big:
            value = _group_value(group, rules)
            if value is None:
                return None
            total += value * rules.big[ch]
            largest = max(largest, rules.big[ch])
            group = ""
        else:
            group += ch
    if group:
        rest = _group_value(group, rules)
        if rest is None:
            return None
        total += rest
    return (total, largest) if total > 0 else None


_TOKEN = re.compile(r"[0-9]+(?:\.[0-9]+)?|.")


def _group_value(group: str, rules: JapaneseMoneyRules) -> float | None:
    """A group between big units: '4000', '1千', '五千五百', '二〇二五'."""
    if not group:
        return None
    value = 0.0
    current: float | None = None
    for token in _TOKEN.findall(group):
        if token[0].isdigit():
            if current is not None:
                return None  # two figures in a row: not one number
            current = float(token)
        elif token in rules.digits:
            digit = rules.digits[token]
            current = digit if current is None else current * 10 + digit  # 二〇二五: positional
        elif token in rules.small:
            value += (1.0 if current is None else current) * rules.small[token]
            current = None
        else:
            return None
    return value + (current or 0.0)


_KANJI_CHAR = re.compile(f"[{KANJI}]")
_NUMBER_PREFIX_OK = set("約計額大高低超で")  # kanji that may stand right before a kanji numeral


def _runs(text: str, rules: JapaneseMoneyRules) -> list[_Run]:
    """Every number run of the text with the currency after it or the symbol before it, if any."""
    runs: list[_Run] = []
    for match in rules.run.finditer(text):
        start, end = match.span()
        before = text[max(0, start - 4) : start]
        if rules.unspecified.search(before):
            continue  # 数十億ドル: no figure
        first = text[start]
        if (
            not first.isdigit()
            and before
            and _KANJI_CHAR.match(before[-1])
            and before[-1] not in _NUMBER_PREFIX_OK
        ):
            continue  # a kanji numeral inside a word (三菱, 統一)
        if first.isdigit() and before[-1:].isalpha() and before[-1:].isascii():
            continue  # 'CR-V2', 'A380': part of a name
        parsed = parse_japanese_number(match.group(), rules)
        if parsed is None:
            continue
        value, big = parsed
        currency: str | None = None
        end_with_currency = end
        after = rules.after_currency.match(text, end)
        if after:
            currency = rules.after[after.group(1)]
            end_with_currency = after.end()
        else:
            symbol = rules.before_currency.search(text[max(0, start - 4) : start])
            if symbol:
                currency = rules.before[symbol.group(1)]
                start -= len(symbol.group(0))
        runs.append(_Run(start, end, value, big, currency, end_with_currency))
    return runs


def find_japanese_money(text: str, rules: JapaneseMoneyRules) -> list[MoneyMention]:
    """Money amounts of a Japanese text, with document offsets."""
    folded = fold_width(text)
    runs = _runs(folded, rules)
    mentions: list[MoneyMention] = []
    lows = {i: _range_low(folded, runs, i, rules) for i, run in enumerate(runs) if run.currency is not None}
    used = {low[0] for low in lows.values() if low is not None}
    for i, run in enumerate(runs):
        if run.currency is None or i in used:
            continue
        start, value, high, qualifier = run.start, run.value, None, "exact"
        low = lows[i]
        if low is not None:
            start, value, high, qualifier = runs[low[0]].start, low[1], run.value, "range"
            if high <= value:
                value, high, qualifier = run.value, None, "exact"
        mentions.append(
            MoneyMention(
                text=text[start : run.end_with_currency],
                start=start,
                end=run.end_with_currency,
                value=value,
                currency=run.currency,
                qualifier=cast(Qualifier, qualifier),
                high=high,
            )
        )
    mentions = _bare_before_gloss(text, folded, runs, mentions, rules)
    mentions = _pairs(folded, mentions, rules)
    return [_qualified(folded, m, mentions, rules) for m in mentions]


def _range_low(text: str, runs: list[_Run], i: int, rules: JapaneseMoneyRules) -> tuple[int, float] | None:
    """The lower end of a range ending with run i: 700〜800億円 (the unit carries over), 15億〜20億ドル."""
    if i == 0:
        return None
    prev, run = runs[i - 1], runs[i]
    gap_start = prev.end_with_currency if prev.currency else prev.end
    if not rules.separator.match(text[gap_start : run.start]):
        return None
    if prev.currency is not None and rules.change_after.match(text, run.end_with_currency):
        return None  # '50億ドルから100億ドルに倍増': a change from one level to another, two amounts
    if prev.currency is not None and prev.currency != run.currency:
        return None
    value = prev.value
    if prev.big == 1.0 and run.big > 1.0:
        value *= run.big  # 700〜800億: the 億 of the upper end applies to both
    return i - 1, value


def _bare_before_gloss(
    text: str, folded: str, runs: list[_Run], mentions: list[MoneyMention], rules: JapaneseMoneyRules
) -> list[MoneyMention]:
    """'300~400億(2億~2億6000万ドル)': a 億 figure without currency, glossed in another currency, is
    yen."""
    starts = {m.start for m in mentions}
    added: list[MoneyMention] = []
    for i, run in enumerate(runs):
        if run.currency is not None or run.big < 1e8:
            continue
        gloss = next((m for m in mentions if run.end < m.start <= run.end + 8), None)
        if gloss is None or not rules.pair_gap.match(folded[run.end : gloss.start]):
            continue
        if gloss.currency == rules.bare_currency:
            continue
        start, value, high = run.start, run.value, None
        if (
            i > 0
            and runs[i - 1].currency is None
            and rules.separator.match(folded[runs[i - 1].end : run.start])
        ):
            low = runs[i - 1].value * (run.big if runs[i - 1].big == 1.0 else 1.0)
            if low < run.value:
                start, value, high = runs[i - 1].start, low, run.value
        if start in starts:
            continue
        added.append(
            MoneyMention(
                text=text[start : run.end],
                start=start,
                end=run.end,
                value=value,
                currency=rules.bare_currency,
                qualifier="range" if high else "exact",
                high=high,
            )
        )
    return sorted([*mentions, *added], key=lambda m: m.start)


def _pairs(text: str, mentions: list[MoneyMention], rules: JapaneseMoneyRules) -> list[MoneyMention]:
    """USD values: the figure itself in dollars, or the dollar figure of a pair
    ('300億ドル(約4兆3000億円)')."""
    usd: list[float | None] = [m.value if m.currency == "USD" else None for m in mentions]
    for i in range(len(mentions) - 1):
        a, b = mentions[i], mentions[i + 1]
        if a.currency == b.currency or not rules.pair_gap.match(text[a.end : b.start]):
            continue
        if a.currency == "USD":
            usd[i + 1] = a.value
        elif b.currency == "USD":
            usd[i] = b.value
    return [
        m.model_copy(update={"usd": value}) if value is not None else m
        for m, value in zip(mentions, usd, strict=True)
    ]


def paired_with_previous(text: str, mentions: list[MoneyMention], rules: JapaneseMoneyRules) -> set[int]:
    """Indexes of the mentions that only gloss the figure before them in another currency."""
    folded = fold_width(text)
    return {
        i + 1
        for i in range(len(mentions) - 1)
        if mentions[i].currency != mentions[i + 1].currency
        and rules.pair_gap.match(folded[mentions[i].end : mentions[i + 1].start])
    }


_CLOSERS = re.compile(r"[^()（）]{0,30}[)）]")
_NOT_QUALIFIER_BEFORE_YAKU = set("契節規要集制公条予婚協")


def _qualified(
    text: str, mention: MoneyMention, mentions: list[MoneyMention], rules: JapaneseMoneyRules
) -> MoneyMention:
    """The qualifier cue before the figure (最大, 約) or after it (以上, 超, 程度), past a paired gloss."""
    if mention.qualifier == "range":
        return mention
    qualifier: Qualifier = "exact"
    before = text[max(0, mention.start - 14) : mention.start]
    match = rules.qual_before.search(before)
    if match:
        chain = match.group(1)
        cue = next(c for c in sorted(rules.qual_before_names, key=len, reverse=True) if chain.startswith(c))
        preceding = before[match.start(1) - 1 : match.start(1)]
        if not (cue == "約" and preceding in _NOT_QUALIFIER_BEFORE_YAKU):
            qualifier = rules.qual_before_names[cue]  # 契約 is no 約
    after_start = mention.end
    following = [m for m in mentions if m.start >= mention.end]
    if following and rules.pair_gap.match(text[mention.end : following[0].start]):
        closer = _CLOSERS.match(text, following[0].end)
        after_start = closer.end() if closer else following[0].end
    after = rules.qual_after.match(text, after_start)
    if after and qualifier == "exact":
        qualifier = rules.qual_after_names[after.group(1)]
    return mention.model_copy(update={"qualifier": qualifier}) if qualifier != mention.qualifier else mention
