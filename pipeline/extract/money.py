"""Money: find amounts in text and normalize them (value, ISO currency, qualifier, range high, USD).

How a mention is found: every number (digits with an optional scale, or written words) is a candidate;
it becomes money when a currency sits right before it (symbol, code, a few words) or right after it
(symbol, code, word, sub-unit). Neighbouring amounts then merge into ranges, take qualifier cues, and get
a USD value from a parenthesised conversion or a rate stated in the text. The lexicon (symbols, codes,
words, scales, number words, cue words) is rules/money.json, read through the run's RuleSet and compiled
once per rule set (MoneyRules); without one, the bundled rules.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from pipeline.extract import literals
from pipeline.rules import RuleSet, bundled_rules
from pipeline.rules.models import Money, Places, SharedName
from schemas import MoneyMention, Qualifier

__all__ = [
    "MoneyRules",
    "find_exchange_rates",
    "find_money",
    "home_dollar",
    "is_local_dollar",
    "parse_number",
    "rehome_shared",
]

log = logging.getLogger(__name__)

_DIGITS = (
    r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?"  # Indian grouping: 1,23,45,678.90
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?"
    r"|\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+(?:[.,]\d+)?"  # thin or no-break spaces: 100 000 ₽
    # a decimal comma before a scale: "€1,5 billion", "EUR 12,5 bn" (never "1,500", a thousands group)
    r"|\d{1,3},\d{1,2}(?=[ \u00a0]?(?:billion|million|trillion|bn|mn|bln|mln)\b)"
    r"|\d+(?:\.\d+)?|(?<![A-Za-z])\.\d+"  # (not 'Rs.2,000', where the period is the symbol's)
)
_SP = r"[ \t\u00a0\u202f]"


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first so that prefixes never win; one that never
    matches when there are none (a user may remove every entry of a key)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"


def _spaced(symbol: str) -> str:
    """Tokenized newswire splits 'C$' into 'c $': letters before a dollar sign may stand apart."""
    if symbol.endswith("$") and len(symbol) > 1:
        return re.escape(symbol[:-1]) + r" ?\$"
    return re.escape(symbol)


@dataclass(frozen=True)
class MoneyRules:
    """money.json compiled: the lexicon and the patterns built from it."""

    spec: Money
    number: re.Pattern[str]
    prefix: re.Pattern[str]
    postfix: re.Pattern[str]
    post_scale: re.Pattern[str]
    qual_before: re.Pattern[str]
    qual_after: re.Pattern[str]
    qual_names: dict[str, Qualifier]
    pair_gap: re.Pattern[str]
    symbols: dict[str, str]
    home_places: dict[str, re.Pattern[str]]  # local dollar -> its places
    shared: dict[str, SharedCurrency]  # a currency others share a name with -> that name's uses
    any_home_place: re.Pattern[str]  # any local dollar's place, as a plain substring (_few_home_places)
    us_places: re.Pattern[str]
    # number words no shorter one begins (None: one _number_matches cannot look for)
    number_heads: re.Pattern[str] | None  # the number words' heads (_heads), found in one scan
    dollar_nationality: re.Pattern[str]  # '$15 billion Canadian'

    @classmethod
    def from_rules(cls, rules: RuleSet) -> MoneyRules:
        """The money rules of a rule set (compiled once per rule set: its digest names its content)."""
        compiled = _COMPILED.get(rules.digest)
        if compiled is None:
            compiled = _COMPILED[rules.digest] = _compile(rules.get(Money), rules.get(Places).us_states)
        return compiled


_COMPILED: dict[str, MoneyRules] = {}


def _bundled() -> MoneyRules:
    return MoneyRules.from_rules(bundled_rules())


def _symbols(symbols: Iterable[str]) -> str:
    return "|".join(_spaced(s) for s in sorted(symbols, key=len, reverse=True)) or "(?!)"


def _whole_words(phrases: Iterable[str]) -> re.Pattern[str]:
    """Any of the phrases as whole words, case-sensitive ('US' but not 'USB' or 'us')."""
    return re.compile(rf"(?<![\w.])(?:{_alternation(phrases)})(?!\w)")


def _compile(spec: Money, us_states: Iterable[str] = ()) -> MoneyRules:
    """Build the patterns of money.json (with places.json's U.S. states, which place a document too)."""
    symbols = {k.lower(): v for k, v in spec.symbols.items()}
    strict = set(spec.case_sensitive_symbols) & set(spec.symbols)  # a symbol a user removed stays out
    loose = [s for s in spec.symbols if s not in strict]
    sym_loose = _symbols(loose)
    # case-sensitive symbols stay glued: 'A $120 million plant' opens a sentence with an article, not A$
    sym_strict = "|".join(re.escape(s) for s in sorted(strict, key=len, reverse=True)) or "(?!)"
    before_only = _symbols(spec.symbols_before_only)
    codes = spec.codes
    upper_only = set(spec.codes_upper_only)
    code_loose = _alternation(c for c in codes if c not in upper_only)
    code_upper = _alternation(codes)
    mcode = f"(?:{_alternation(spec.scaled_code_prefixes)})(?:{code_upper})"
    words = _alternation(spec.words)
    words_before = _alternation(spec.words_before)
    subunits = _alternation(spec.subunits)
    glued_sub = _alternation(spec.glued_subunits)
    scales = _alternation(spec.scales)
    glued = _alternation(spec.glued_scales)
    number_words = [*spec.number_words, *spec.scales, *spec.fraction_words, "dozens"]
    wordnum = _alternation(number_words)
    word_number = (
        rf"\b(?:(?:a|an){_SP}+(?=(?:{wordnum})\b))?(?:{wordnum})"
        rf"(?:(?:{_SP}*-{_SP}*|{_SP}+)(?:and{_SP}+)?(?:a{_SP}+)?(?:{wordnum})\b)*\b"
    )
    number = re.compile(
        rf"(?<![\d,])(?<!\d\.)(?<![^A-Za-z]\.)(?P<digits>{_DIGITS})(?!\d)"
        # '$40+ billion' (more than), '$15.1-B' (a hyphen before a glued scale letter)
        rf"(?:(?:\+?[\s-]?(?P<scale>{scales})\b)|-?(?P<glued>{glued})(?![A-Za-z\d]))?"
        rf"|(?P<words>{word_number})",
        re.IGNORECASE,
    )
    cur = (
        rf"(?P<mcode>(?-i:{mcode}))(?![A-Za-z])|(?<![A-Za-z])(?P<sym>(?-i:{sym_strict})|{sym_loose})"
        rf"|(?<![A-Za-z])(?P<code>(?-i:{code_upper})|{code_loose})(?![A-Za-z])"
    )
    # one line break may part a code from its number in wrapped PDF text ("KRW\n600 billion")
    gap = rf"(?:{_SP}|\n(?!\n))"
    prefix = re.compile(rf"(?:{cur}|(?<![A-Za-z])(?P<word>{words_before})\b){gap}{{0,2}}\Z", re.IGNORECASE)
    postfix = re.compile(
        rf"(?P<gap>{_SP}{{0,2}})(?:(?!(?-i:{before_only}))(?:{cur})"
        rf"|(?<=\d)(?P<gsub>(?-i:{glued_sub}))(?![A-Za-z\d])"
        rf"|-?{_SP}?(?<![A-Za-z])(?:(?P<sub>{subunits})|(?P<word>{words}))\b)",
        re.IGNORECASE,
    )
    quals = [(cue.lower(), name) for name, cues in spec.qualifiers_before.items() for cue in cues]
    qual_before = re.compile(
        rf"(?:^|(?<=[\W]))(?P<cue>{_alternation(c for c, _ in quals)})[\s(]*\Z", re.IGNORECASE
    )
    after = [(cue.lower(), name) for name, cues in spec.qualifiers_after.items() for cue in cues]
    qual_after = re.compile(rf"{_SP}*(?P<cue>{_alternation(c for c, _ in after)})(?![A-Za-z])", re.IGNORECASE)
    pair_gap = re.compile(
        rf"\s*[(\[,;/]\s*(?:(?:{_alternation(spec.pair_cues)})\s+)?\Z|\s*\(?\s*(?:or|equivalent to)\s+\Z",
        re.IGNORECASE,
    )
    return MoneyRules(
        spec=spec,
        number=number,
        prefix=prefix,
        postfix=postfix,
        post_scale=re.compile(rf"{_SP}+(?P<scale>{scales})\b", re.IGNORECASE),
        qual_before=qual_before,
        qual_after=qual_after,
        qual_names=dict([*quals, *after]),
        pair_gap=pair_gap,
        symbols=symbols,
        home_places={code: _whole_words(places) for code, places in spec.dollar_homes.items() if places},
        shared={code: SharedCurrency.of(code, shared) for code, shared in spec.shared_names.items()},
        any_home_place=re.compile(_alternation(p for places in spec.dollar_homes.values() for p in places)),
        us_places=_whole_words([*spec.us_places, *us_states]),
        dollar_nationality=re.compile(rf"{_SP}+(?P<word>{_alternation(spec.dollar_nationalities)})\b"),
        number_heads=_heads(number_words),
    )


def _heads(words: list[str]) -> re.Pattern[str] | None:
    """One pattern for the words that no shorter word of the list begins ('four' finds 'fourteen' too),
    written as a trie (one alternative per first letter: re tries far fewer at each position than it would
    with one per word); None when a word is not lower-case letters, or a head holds a space (a head the
    scan steps over must lie inside a word: see _number_matches)."""
    if not all(re.fullmatch(r"[a-z]+(?: [a-z]+)*", w) for w in words):
        return None
    found = literals.heads(words)
    return None if any(" " in head for head in found) else re.compile(literals.trie(found))


# --- numbers -------------------------------------------------------------------------------------

_THOUSANDS = re.compile(r",\d{3}(?!\d)")
_GROUP_SPACE = re.compile(r"(?<=\d)[\u00a0\u202f\u2009](?=\d{3}(?!\d))")
_TOKEN = re.compile(r"\d[\d,]*(?:\.\d+)?|\.\d+|[a-z]+", re.IGNORECASE)


def _word_value(tok: str, spec: Money) -> tuple[str, float] | None:
    """The kind and value of one number token."""
    if tok[0].isdigit() or tok[0] == ".":
        return "num", float(tok.replace(",", ""))
    if tok in spec.number_words:
        return ("dozen", 12.0) if tok == "dozen" else ("num", float(spec.number_words[tok]))
    if tok == "dozens":
        return "dozen", 12.0
    if tok in spec.fraction_words:
        return "frac", float(spec.fraction_words[tok])
    if tok == "hundred":
        return "hundred", 100.0
    scale = spec.scales.get(tok) or spec.glued_scales.get(tok)
    return ("scale", float(scale)) if scale else None


def _decimals(tokens: list[str], spec: Money) -> float | None:
    """The part after 'point': single digits read one by one, else one number read whole."""
    values = [_word_value(t, spec) for t in tokens if t != "and"]
    if not values or any(v is None or v[0] != "num" for v in values):
        return None
    nums = [int(v[1]) for v in values if v is not None]
    digits = "".join(str(n) for n in nums) if all(n < 10 for n in nums) else str(sum(nums))
    return float("0." + digits)


def parse_number(text: str, rules: MoneyRules | None = None) -> float | None:
    """The value of a number written in digits and/or words ('twenty-five', '1,234.5', 'half a million')."""
    spec = (rules or _bundled()).spec
    text = _GROUP_SPACE.sub("", text)  # "100 000" is one number
    tokens = [t.lower() for t in _TOKEN.findall(text)]
    if not tokens:
        return None
    worded = tokens[0] in ("minus", "negative")
    sign = -1.0 if worded or text.lstrip().startswith(("-", "\u2212")) else 1.0
    tokens = tokens[1:] if worded else tokens
    if not tokens:
        return None
    total = current = 0.0
    joined = last_scale = False
    for i, tok in enumerate(tokens):
        if tok in ("and", "a", "an"):
            joined = True
            continue
        if tok == "point":
            decimals = _decimals(tokens[i + 1 :], spec)
            return None if decimals is None else sign * (total + current + decimals)
        kind_value = _word_value(tok, spec)
        if kind_value is None:
            return None
        kind, value = kind_value
        if kind == "num":
            current += value
        elif kind == "frac":
            current = current + value if current and joined else (current * value if current else value)
        elif kind in ("hundred", "dozen"):
            current = (current or 1.0) * value
        elif not current and last_scale:
            total *= value  # "three lakh crore"
        else:
            total += (current or 1.0) * value
            current = 0.0
        last_scale = kind == "scale"
        joined = False
    if not total and not current and tokens[-1] not in spec.number_words and tokens[-1] != "0":
        return None if not any(t[0].isdigit() for t in tokens) else 0.0
    return sign * (total + current)


# --- mentions ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Num:
    start: int
    end: int
    value: float
    scaled: bool
    unit: float  # the scale factor, 1.0 without one
    words: bool

    @property
    def year_like(self) -> bool:
        return not self.scaled and not self.words and self.value.is_integer() and 1900 <= self.value <= 2100


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    value: float
    currency: str
    num: _Num
    prefixed: bool
    high: float | None = None
    qualifier: Qualifier = "exact"
    usd: float | None = None


def _numbers(text: str, rules: MoneyRules) -> list[_Num]:
    """Every number in the text with its value (scale applied)."""
    found = []
    for m in _number_matches(text, rules):
        if m.group("digits"):
            digits = _GROUP_SPACE.sub("", m.group("digits"))
            # "1 000,5" groups with spaces and marks decimals with a comma
            base = float(
                digits.replace(
                    ",",
                    "."
                    if digits.count(",") == 1 and "." not in digits and not _THOUSANDS.search(digits)
                    else "",
                )
            )
            scale_word = (m.group("scale") or m.group("glued") or "").lower()
            unit = float(rules.spec.scales.get(scale_word) or rules.spec.glued_scales.get(scale_word) or 1)
            end = m.end()
            if m.group("glued") and (more := rules.post_scale.match(text, end)):
                # "Rs 40K crore": thousands of a larger scale word
                unit *= float(rules.spec.scales[more.group("scale").lower()])
                end = more.end()
            found.append(_Num(m.start(), end, base * unit, bool(scale_word), unit, False))
        else:
            value = parse_number(m.group("words"), rules)
            if value is not None and value > 0:
                unit = _last_scale(m.group("words"), rules.spec)
                found.append(_Num(m.start(), m.end(), value, unit > 1, unit, True))
    return found


_FOLDS_APART = ("\u0130", "\u0131", "\u017f")  # İ ı ſ: IGNORECASE matches them with an ASCII letter
_SPACES = frozenset(" \t\u00a0\u202f")  # _SP
_ZERO, _NINE, _POINT, _ASCII_END = ord("0"), ord("9"), ord("."), 128


def _digit_starts(text: str) -> list[int]:
    """Where rules.number's digits branch can start: each decimal digit (re's \\d: ASCII or not), and a point
    before one. Read from the text's code points in a few array operations: a regex scan for them walks the
    text a character at a time in Python's re, several times slower."""
    import numpy

    if len(text) < _SHORT_TEXT and _ANY_DIGIT.search(text) is None:
        return []  # a title without figures: a scan of a short text costs less than the arrays' set-up
    codes = numpy.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=numpy.uint32)
    digit = (codes >= _ZERO) & (codes <= _NINE)
    for at in numpy.flatnonzero(codes >= _ASCII_END).tolist():
        digit[at] = text[at].isdecimal()  # (few characters of a text are not ASCII)
    point = numpy.zeros_like(digit)
    point[:-1] = (codes[:-1] == _POINT) & digit[1:]
    return numpy.flatnonzero(digit | point).tolist()


# re's \d for a str pattern: a character of category Nd, as str.isdecimal reads it (_digit_starts' digits)
_ANY_DIGIT = re.compile(r"\d")
_SHORT_TEXT = 1000  # characters: the scan takes a few nanoseconds a character, the arrays ~10 us in all


def _is_word_character(character: str) -> bool:
    """re's \\w for a str pattern."""
    return character.isalnum() or character == "_"


def _number_matches(text: str, rules: MoneyRules) -> Iterator[re.Match[str]]:
    """The matches of rules.number.finditer(text), trying the pattern only where a number can start.

    The pattern is tried at every position of the text, and its number-word branch is a long alternation
    tried under IGNORECASE: most of a money search's time, though most text names no number. A match starts
    with a digit (or '.digit'), a number word at a word's start (the branch opens with \\b), or 'a'/'an' and
    spaces before one. The number words' heads are found in one scan of the lower-case text, which equals
    the text letter for letter but for three letters (then the whole pattern runs as before); a head the
    scan steps over lies inside another head's letters, so inside a word, where no match starts. Matching
    from each such start in order, resuming after each match, gives finditer's matches.
    """
    heads = rules.number_heads
    if heads is None or any(letter in text for letter in _FOLDS_APART):
        yield from rules.number.finditer(text)
        return
    starts = set(_digit_starts(text))
    for head in heads.finditer(text.lower()):
        at = head.start()
        if at and _is_word_character(text[at - 1]):
            continue  # inside a word: "one" in "someone", "ten" in "often"
        starts.add(at)
        before = at
        while before > 0 and text[before - 1] in _SPACES:
            before -= 1
        if before < at:  # 'a dozen', 'an eighth': the article starts the match (the word branch opens with
            # 'a' or 'an', letters no other one folds to; any other match there starts with a digit or a head)
            if before >= 1 and text[before - 1] in "aA":
                starts.add(before - 1)
            elif before >= 2 and text[before - 1] in "nN" and text[before - 2] in "aA":
                starts.add(before - 2)
    resume = 0
    for start in sorted(starts):
        if start < resume:
            continue
        m = rules.number.match(text, start)
        if m is not None:
            yield m
            resume = m.end()


def _last_scale(words: str, spec: Money) -> float:
    """The scale word a written number ends with (1.0 if none), for ranges like 'two to three billion'."""
    tokens = _TOKEN.findall(words.lower())
    return float(spec.scales.get(tokens[-1], 1.0)) if tokens else 1.0


def _currency(m: re.Match[str], rules: MoneyRules) -> tuple[str, float]:
    """The ISO code and the factor (scale or sub-unit) of a matched currency."""
    spec = rules.spec
    if m.group("mcode"):
        code = m.group("mcode")
        for pre, factor in sorted(spec.scaled_code_prefixes.items(), key=lambda kv: -len(kv[0])):
            if code.startswith(pre) and code[len(pre) :] in spec.codes:
                return spec.code_alias.get(code[len(pre) :], code[len(pre) :]), float(factor)
    if m.group("sym"):
        return rules.symbols[re.sub(r"\s", "", m.group("sym")).lower()], 1.0
    if m.group("code"):
        code = m.group("code").upper()
        return spec.code_alias.get(code, code), 1.0
    groups = m.groupdict()
    if groups.get("gsub"):
        iso, factor = spec.glued_subunits[m.group("gsub")]
        return iso, float(factor)
    if groups.get("sub"):
        iso, factor = spec.subunits[m.group("sub").lower()]
        return iso, float(factor)
    word = re.sub(r"\s+", " ", m.group("word").lower())
    return spec.words[word], float(spec.unit_factor.get(word, 1.0))


def _post_ok(text: str, num: _Num, m: re.Match[str], rules: MoneyRules) -> bool:
    """Whether a currency after a number really belongs to it."""
    after = text[m.end() :]
    if m.group("sym") or m.group("code"):
        if re.match(r"\d", after):  # '1 $10': the sign belongs to the next number
            return False
        if num.year_like and re.match(rf"{_SP}*\d", after):  # 'in 2023 USD 5 billion'
            return False
    if m.groupdict().get("gsub") and num.value in rules.spec.not_pence:
        return False
    word = (m.groupdict().get("word") or "").lower()
    if word in rules.spec.words_need_scale and not num.scaled:
        return False
    if word.startswith("pound") and (of := _OF_NEXT.match(after)):
        # '40 pounds of flour', 'one billion pounds of dairy products': weight; '5 million pounds of
        # investment' stays money
        return num.scaled and of.group(1).lower() in rules.spec.pounds_of_money
    return True


_OF_NEXT = re.compile(r"\s+of\s+([A-Za-z']+)")


def _pair(text: str, num: _Num, floor: int, rules: MoneyRules) -> _Hit | None:
    """The money mention a number makes with a currency right before or after it, if any."""
    pre = rules.prefix.search(text[max(floor, num.start - 12) : num.start])
    if num.start > 0 and text[num.start - 1].isalpha() and pre is None:
        return None  # 'A380', 'FY2025': letters glued to a number that no currency claims
    if pre and not num.scaled and (pre.group("sym") or "") in rules.spec.symbols_need_scale:
        return None  # 'P5': a letter, not pesos, without 'billion' after it
    post = rules.postfix.match(text, num.end)
    if post and not _post_ok(text, num, post, rules):
        post = None
    if pre:
        currency, factor = _currency(pre, rules)
        end = num.end
        if post and not post.groupdict().get("sub") and _currency(post, rules)[0] == currency:
            end = post.end()  # '$10 dollars', 'USD 5 million USD'
        start = max(floor, num.start - 12) + pre.start()
        return _Hit(start, end, num.value * factor, currency, num, True)
    if post:
        currency, factor = _currency(post, rules)
        value, end = num.value * factor, post.end()
        scale = rules.post_scale.match(text, end) if not num.scaled and factor == 1.0 else None
        if scale and (post.group("code") or post.group("sym")):  # '75 USD million'
            value *= float(rules.spec.scales[scale.group("scale").lower()])
            end = scale.end()
        return _Hit(num.start, end, value, currency, num, False)
    return None


def _continue(text: str, hit: _Hit, nums: list[_Num], i: int, rules: MoneyRules) -> tuple[_Hit, int]:
    """Extend '13 dollars and 45 cents', '15 dollars 50', 'one kuai and five mao five'; returns next index."""
    if hit.prefixed or hit.num.scaled or hit.value >= 1e5 or i >= len(nums):
        return hit, i
    nxt = nums[i]
    gap = text[hit.end : nxt.start]
    if not re.fullmatch(rf"{_SP}+(?:and{_SP}+)?", gap) or nxt.scaled or not nxt.value.is_integer():
        return hit, i
    sub = rules.postfix.match(text, nxt.end)
    if sub and sub.groupdict().get("sub"):
        currency, factor = _currency(sub, rules)
        if currency != hit.currency:
            return hit, i
        hit = replace(hit, end=sub.end(), value=hit.value + nxt.value * factor)
        if i + 1 < len(nums) and re.fullmatch(rf"{_SP}+", text[sub.end() : nums[i + 1].start]):
            last = nums[i + 1]
            if last.value < 10 and not rules.postfix.match(text, last.end) and factor < 0.5:
                return replace(hit, end=last.end, value=hit.value + last.value * factor / 10), i + 2
        return hit, i + 1
    tail = text[nxt.end : nxt.end + 2]
    if "and" in gap or nxt.value >= 100 or sub or re.match(r"[%\w]|\s?%", tail):
        return hit, i
    return replace(hit, end=nxt.end, value=hit.value + nxt.value / 100), i + 1


def _mentions(text: str, rules: MoneyRules) -> tuple[list[_Hit], list[_Num]]:
    """Money mentions and the bare numbers left over, in text order."""
    nums = _numbers(text, rules)
    hits: list[_Hit] = []
    bare: list[_Num] = []
    floor, i = 0, 0
    while i < len(nums):
        num = nums[i]
        i += 1
        if num.start < floor:
            continue
        hit = _pair(text, num, floor, rules)
        if hit is None:
            bare.append(num)
            continue
        hit, i = _continue(text, hit, nums, i, rules)
        if hit.value > 0:
            hits.append(hit)
            floor = hit.end
    return hits, bare


# --- ranges, qualifiers, conversions -------------------------------------------------------------

# ("$10- to $12-million": a hyphen before 'to' carries the scale written after the high end)
_CONNECT = re.compile(
    rf"{_SP}*(?:-|–|—|~){_SP}*|\s+(?:to|through|and)\s+|-\s+(?:to|through)\s+", re.IGNORECASE
)


def _opener(text: str, start: int, rules: MoneyRules) -> str | None:
    """The range opener ('between', 'from', ...) right before a position, if any."""
    before = text[max(0, start - 25) : start].lower().rstrip()
    for opener in sorted(rules.spec.range_openers, key=len, reverse=True):
        if re.search(rf"(?:^|\W){re.escape(opener)}\Z", before):
            return str(opener)
    return None


def _connects(text: str, start: int, a_end: int, b_start: int, rules: MoneyRules) -> bool:
    """Whether the text between two amounts joins them into one range."""
    gap = text[a_end:b_start]
    if not _CONNECT.fullmatch(gap):
        return False
    word = gap.strip().lower()
    opener = _opener(text, start, rules)
    if word == "and":
        return opener == "between"
    # 'from $350 million to $100 billion' lists two amounts; 'ranging from X to Y' is one range
    return not (word in ("to", "through") and opener == "from")


def _merge(text: str, a: _Hit | _Num, b: _Hit | _Num, rules: MoneyRules) -> _Hit | None:
    """One range hit from two neighbouring items, or None when they are not a range."""
    if isinstance(a, _Num) and isinstance(b, _Num):
        return None
    if not _connects(text, a.start, a.end, b.start, rules):
        return None
    if isinstance(a, _Hit) and isinstance(b, _Num):
        if not a.prefixed or b.year_like or (a.num.scaled and not b.scaled):
            return None
        low = a.value * (b.unit if b.scaled and not a.num.scaled else 1.0)
        low_hit, high, end = a, b.value, b.end
    elif isinstance(a, _Num) and isinstance(b, _Hit):
        if b.prefixed or a.year_like or a.words != b.num.words:
            return None
        low = a.value * (b.num.unit if b.num.scaled and not a.scaled else 1.0)
        low_hit, high, end = b, b.value, b.end
    else:
        assert isinstance(a, _Hit) and isinstance(b, _Hit)
        if a.currency != b.currency:
            return None
        # "$3-$5 billion": the scale written once, at the end, is the low end's too
        low = a.value * (b.num.unit if b.num.scaled and not a.num.scaled else 1.0)
        low_hit, high, end = a, b.value, b.end
    if not 0 < low < high:
        return None
    return replace(low_hit, start=a.start, end=end, value=low, high=high, qualifier="range")


def _ranges(text: str, hits: list[_Hit], bare: list[_Num], rules: MoneyRules) -> list[_Hit]:
    """Merge neighbouring amounts joined by a range connector ('$2-3 billion', 'between X and Y')."""
    items: list[_Hit | _Num] = sorted([*hits, *bare], key=lambda item: item.start)
    out: list[_Hit] = []
    i = 0
    while i < len(items):
        item = items[i]
        merged = _merge(text, item, items[i + 1], rules) if i + 1 < len(items) else None
        if merged is not None:
            out.append(merged)
            i += 2
            continue
        if isinstance(item, _Hit):
            out.append(item)
        i += 1
    return out


def _qualify(text: str, hit: _Hit, rules: MoneyRules) -> _Hit:
    """The qualifier a cue word before ('up to', 'about') or after ('or more') gives an amount."""
    if hit.qualifier == "range":
        return hit
    window = text[max(0, hit.start - 40) : hit.start]
    before = rules.qual_before.search(window)
    if before:
        return replace(hit, qualifier=rules.qual_names[re.sub(r"\s+", " ", before.group("cue").lower())])
    after = rules.qual_after.match(text, hit.end)
    if after:
        return replace(hit, qualifier=rules.qual_names[after.group("cue").lower()])
    if re.search(r"\d\+", text[hit.start : hit.end]):
        return replace(hit, qualifier="at_least")  # '$40+ billion'
    return hit


_RATE_GAP = re.compile(r"\s*(?:=|:|equals|is|was|buys|bought|to|per)\s*", re.IGNORECASE)
_TO_DOLLAR = re.compile(
    r"\s*(?:(?:to|per|a|against|for)\s+(?:the|one|each|1|a)?\s*(?:us\s+|u\.s\.\s+|american\s+)?"
    r"(?:dollar|greenback)\b|/\s*(?:us)?(?:\$|usd)\b)",
    re.IGNORECASE,
)
_CODE_PAIR = re.compile(
    r"\b(USD/(?P<quote>[A-Z]{3})|(?P<base>[A-Z]{3})/USD)\b\D{0,15}?(?P<rate>\d+(?:\.\d+)?)"
)


def _rates(text: str, hits: list[_Hit]) -> tuple[dict[str, float], set[int]]:
    """USD per unit of each currency the text states a rate for, and the hits of 'US$1 = ¥150' equations."""
    rates: dict[str, float] = {}
    used: set[int] = set()
    for i, hit in enumerate(hits):
        if hit.currency != "USD" and _TO_DOLLAR.match(text, hit.end):
            # the price of a dollar is still a money amount (as newswire market reports give it)
            rates.setdefault(hit.currency, 1.0 / hit.value)
        if i + 1 < len(hits) and _RATE_GAP.fullmatch(text[hit.end : hits[i + 1].start]):
            usd, other = (hit, hits[i + 1]) if hit.currency == "USD" else (hits[i + 1], hit)
            if usd.currency == "USD" and other.currency != "USD" and usd.value in (1.0, 100.0, 1000.0):
                rates.setdefault(other.currency, usd.value / other.value)
                used.update((i, i + 1))
    for m in _CODE_PAIR.finditer(text) if "USD" in text else ():  # the pattern names USD: skip the scan
        value = float(m.group("rate"))
        if value > 0:
            quote = m.group("quote")
            rates.setdefault(quote or m.group("base"), 1.0 / value if quote else value)
    return rates, used


def find_exchange_rates(text: str, rules: MoneyRules | None = None) -> dict[str, float]:
    """USD per unit of each currency whose rate the text states ('US$1 = ¥150', '150 yen to the dollar')."""
    rules = rules or _bundled()
    hits, _ = _mentions(text, rules)
    return _rates(text, hits)[0]


def _convert(text: str, hits: list[_Hit], rates: dict[str, float], rules: MoneyRules) -> list[_Hit]:
    """Fill usd: the value itself for USD, a USD figure given alongside, else a rate the text states."""
    usd: list[float | None] = [h.value if h.currency == "USD" else None for h in hits]
    for i in range(len(hits) - 1):
        a, b = hits[i], hits[i + 1]
        if (a.currency == "USD") == (b.currency == "USD"):
            continue
        if rules.pair_gap.match(text[a.end : b.start]):
            if b.currency == "USD":
                usd[i] = usd[i] if usd[i] is not None else b.value
            else:
                usd[i + 1] = usd[i + 1] if usd[i + 1] is not None else a.value
    for i, hit in enumerate(hits):
        if usd[i] is None and hit.currency in rates:
            usd[i] = hit.value * rates[hit.currency]
    return [replace(hit, usd=value) for hit, value in zip(hits, usd, strict=True)]


_UNSTATED = re.compile(r"\b(?:multi-?|several|a\s+few|many|tens\s+of|hundreds\s+of)\s*$", re.IGNORECASE)


def home_dollar(text: str, rules: MoneyRules | None = None) -> str | None:
    """The local dollar a document's plain '$' means: the country its places name at least five times
    and more than twice as often as the United States, when it does not write that dollar's own symbol."""
    rules = rules or _bundled()
    if _few_home_places(text, rules):
        return None
    counts = {code: len(pattern.findall(text)) for code, pattern in rules.home_places.items()}
    if not counts:
        return None
    home = max(counts, key=lambda code: counts[code])
    us = len(rules.us_places.findall(_CONTINENTS.sub(" ", text)))  # 'North America' is no U.S. place
    if counts[home] < _HOME_MIN or counts[home] <= _HOME_LEAD * us:
        return None
    own = [s for s, code in rules.spec.symbols.items() if code == home and s.endswith("$")]
    # a writer who marks the local dollar ('C$1.8 billion') means U.S. dollars by a plain '$'; the mark is
    # glued to its sign, since spaced ('a $662 million') it would be an article before a plain '$'
    glued = "|".join(re.escape(s) for s in sorted(own, key=len, reverse=True))
    if own and re.search(rf"(?<![A-Za-z])(?:{glued})", text, re.IGNORECASE):
        return None
    return home


_HOME_MIN = 5
_CONTINENTS = re.compile(r"\b(?:North|South|Latin|Central)\s+America\b")


def _few_home_places(text: str, rules: MoneyRules) -> bool:
    """Whether no local dollar's places occur _HOME_MIN times: each match of a home_places pattern is an
    occurrence of one of its names, and str.count costs a fraction of the patterns' scan. Most texts name
    none: one search for any name (which finds one wherever a name occurs) answers for them."""
    if rules.any_home_place.search(text) is None:
        return True
    return all(sum(text.count(p) for p in places) < _HOME_MIN for places in rules.spec.dollar_homes.values())


_HOME_LEAD = 2


def is_local_dollar(code: str, rules: MoneyRules | None = None) -> bool:
    """Whether a currency is a local dollar a plain '$' can mean (see home_dollar)."""
    return code in (rules or _bundled()).home_places


def _local_dollars(text: str, hits: list[_Hit], home: str | None, rules: MoneyRules) -> list[_Hit]:
    """Plain '$' amounts in another dollar: '$15 billion Canadian', and every plain one in a document
    whose home dollar is local, except the converted figure beside another currency."""
    found: list[_Hit] = []
    for i, hit in enumerate(hits):
        plain = hit.currency == "USD" and _is_plain_dollar(text[hit.start : hit.end])
        if not plain:
            found.append(hit)
            continue
        named = rules.dollar_nationality.match(text, hit.end)
        if named:
            code = rules.spec.dollar_nationalities[named.group("word")]
            found.append(replace(hit, currency=code, end=named.end()))
            continue
        if home is None:
            found.append(hit)
            continue
        # the converted figure beside another currency ('A$70 million ($47 million)') stays U.S. dollars
        converted = any(
            hits[a].currency != hits[b].currency and rules.pair_gap.match(text[hits[a].end : hits[b].start])
            for a, b in ((i - 1, i), (i, i + 1))
            if a >= 0 and b < len(hits)
        )
        found.append(hit if converted else replace(hit, currency=home))
    return found


def rehome_shared(
    mentions: Iterable[MoneyMention], text: str, rules: MoneyRules | None = None
) -> list[MoneyMention]:
    """Amounts written with a name several currencies share ('pesos', 'Sh', 'dirhams') in the currency of
    the country the document is about (money.json shared_names); 'Mexican pesos' and 'MX$' stay."""
    rules = rules or _bundled()
    homes: dict[str, str] = {}  # each shared currency's home in this text, found once it is needed
    found = []
    for mention in mentions:
        shared = rules.shared.get(mention.currency)
        if shared is not None and shared.is_bare(mention.text):
            if mention.currency not in homes:
                homes[mention.currency] = shared.home(text)
            mention = mention.model_copy(update={"currency": homes[mention.currency]})
        found.append(mention)
    return found


@dataclass(frozen=True)
class SharedCurrency:
    """A currency name several countries use, compiled: when an amount is written with it bare, and which
    country's currency a text means by it."""

    default: str  # the currency the symbols and words give
    bare: re.Pattern[str]  # the name as written without a country
    explicit: re.Pattern[str]  # any of its countries' places, which an amount's text then names
    homes: dict[str, re.Pattern[str]]  # currency -> its places (not inside a longer Latin word)

    @classmethod
    def of(cls, default: str, shared: SharedName) -> SharedCurrency:
        """Compile one money.json shared_names entry."""
        homes = {
            code: re.compile(rf"(?<![A-Za-z])(?:{_alternation(places)})(?![A-Za-z])")
            for code, places in shared.homes.items()
            if places
        }
        every_place = [place for places in shared.homes.values() for place in places]
        return cls(
            default=default,
            bare=re.compile(rf"(?<![A-Za-z])(?:{_alternation(shared.names)})(?![A-Za-z])", re.IGNORECASE),
            explicit=re.compile(rf"(?<![A-Za-z])(?:{_alternation(every_place)})(?![A-Za-z])"),
            homes=homes,
        )

    def is_bare(self, written: str) -> bool:
        """Whether an amount is written with the shared name and no country ('Kenyan shillings' is not)."""
        return bool(self.bare.search(written)) and not self.explicit.search(written)

    def home(self, text: str) -> str:
        """The currency a text means: its country's, named at least twice as often as any other of them."""
        # ("Chilean buyers" is one mention of Chile, not two; "フィリピンの" counts, CJK having no spaces)
        counts = sorted(
            ((len(places.findall(text)), code) for code, places in self.homes.items()), reverse=True
        )
        if not counts or counts[0][0] == 0 or (len(counts) > 1 and counts[0][0] < 2 * counts[1][0]):
            return self.default
        return counts[0][1]


def _is_plain_dollar(written: str) -> bool:
    """'$5 billion', '5 billion dollars'; not 'US$5 billion', '5 billion U.S. dollars', 'USD 5 billion'."""
    if written.startswith("$"):
        return True
    return bool(_DOLLARS_END.search(written)) and not _US_DOLLARS_END.search(written)


_DOLLARS_END = re.compile(r"\bdollars?$", re.IGNORECASE)
_US_DOLLARS_END = re.compile(r"\b(?:us|u\.s\.|american)\s+dollars?$", re.IGNORECASE)


def find_money(text: str, rules: MoneyRules | None = None, home: str | None = None) -> list[MoneyMention]:
    """Every money amount in the text, normalized, in order (by `rules`, else the bundled money.json);
    `home` is the local dollar a plain '$' means (home_dollar), else U.S. dollars."""
    rules = rules or _bundled()
    hits, bare = _mentions(text, rules)
    # "a multi-billion dollar plant", "several billion dollars" name no figure; nor does a unit alone
    # ("figures in crore rupees", "Investment (US$ million)")
    hits = [
        h
        for h in hits
        if not _UNSTATED.search(text, max(0, h.start - 14), h.start) and not _unit_alone(text, h, rules)
    ]
    hits = [
        _qualify(text, hit, rules)
        for hit in _ranges(text, _scaled_after_gloss(text, hits, rules), bare, rules)
    ]
    hits = _local_dollars(text, hits, home, rules)
    rates, rate_only = _rates(text, hits)
    hits = [hit for i, hit in enumerate(hits) if i not in rate_only]
    hits = _convert(text, hits, rates, rules)
    return [
        MoneyMention(
            text=text[h.start : h.end],
            start=h.start,
            end=h.end,
            value=_tidy(h.value),
            currency=h.currency,
            qualifier=h.qualifier,
            high=None if h.high is None else _tidy(h.high),
            usd=None if h.usd is None else _tidy(h.usd),
        )
        for h in hits
    ]


def _scaled_after_gloss(text: str, hits: list[_Hit], rules: MoneyRules) -> list[_Hit]:
    """'$81 (€75) million': the scale after the bracket is both amounts' own."""
    out = list(hits)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.num.scaled or b.num.scaled or not _OPEN_GLOSS.fullmatch(text, a.end, b.start):
            continue
        scale = _SCALE_AFTER_GLOSS.match(text, b.end)
        unit = rules.spec.scales.get(scale.group(1).lower()) if scale else None
        if scale is None or unit is None:
            continue
        out[i] = replace(a, value=a.value * unit)
        out[i + 1] = replace(b, value=b.value * unit)
    return out


_OPEN_GLOSS = re.compile(r"\s*[(（]\s*")
_SCALE_AFTER_GLOSS = re.compile(r"\s*[)）]\s*([A-Za-z]+)\b")


def _unit_alone(text: str, hit: _Hit, rules: MoneyRules) -> bool:
    """A currency with a scale and no figure at all ('$ million', 'crore rupees'): a unit, not an amount."""
    said = text[hit.start : hit.end]
    if any(ch.isdigit() for ch in said):
        return False
    spec = rules.spec
    words = set(re.findall(r"[a-z]+", said.lower()))
    return not words & {"a", "an", *spec.number_words, *spec.fraction_words}


def _tidy(value: float) -> float:
    """A value without binary noise: 4.1 billion is 4100000000.0, not 4099999999.9999995."""
    return float(f"{value:.12g}")
