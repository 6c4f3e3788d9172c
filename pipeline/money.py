"""Money: find amounts in text and normalize them (value, ISO currency, qualifier, range high).

First version; to be extended by the money rules in rules/money.json.
"""

from __future__ import annotations

import re

from schemas import MoneyMention

_SCALE = {
    "trillion": 1e12, "tn": 1e12, "t": 1e12,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "bln": 1e9,
    "million": 1e6, "mn": 1e6, "m": 1e6, "mln": 1e6,
    "thousand": 1e3, "k": 1e3,
}
_SYMBOL = {"us$": "USD", "$": "USD", "¥": "JPY", "₩": "KRW", "€": "EUR", "£": "GBP", "nt$": "TWD",
           "usd": "USD", "jpy": "JPY", "krw": "KRW", "eur": "EUR", "gbp": "GBP", "twd": "TWD"}
_WORD = {"dollars": "USD", "dollar": "USD", "yen": "JPY", "won": "KRW", "euros": "EUR", "euro": "EUR",
         "pounds": "GBP"}
_QUAL = [
    (r"up to|as much as|as high as|a maximum of|maximum of", "up_to"),
    (r"about|around|roughly|approximately|approx\.|some|nearly|almost|an estimated", "about"),
    (r"at least|more than|over|upwards of|in excess of", "at_least"),
]
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE_RE = r"trillion|billion|million|thousand|tn|bn|bln|mn|mln|[bBmMkKtT](?![a-zA-Z])"
_CUR_PRE = r"US\$|NT\$|\$|¥|₩|€|£|(?:USD|JPY|KRW|EUR|GBP|TWD)\s?"
_CUR_POST = r"dollars?|yen|won|euros?|pounds"

_AMOUNT = re.compile(
    rf"(?P<cur>{_CUR_PRE})\s?(?P<num>{_NUM})(?:\s?(?P<scale>{_SCALE_RE}))?"
    rf"(?:\s?(?:-|–|to)\s?(?:(?P<cur2>{_CUR_PRE})\s?)?(?P<num2>{_NUM})(?:\s?(?P<scale2>{_SCALE_RE}))?)?"
    rf"|(?P<wnum>{_NUM})(?:\s?(?P<wscale>{_SCALE_RE}))?\s(?P<wcur>{_CUR_POST})\b",
)
_QUAL_BEFORE = re.compile(rf"(?:{'|'.join(p for p, _ in _QUAL)})\s*$", re.IGNORECASE)
_BETWEEN = re.compile(r"between\s*$", re.IGNORECASE)


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _qualifier(before: str) -> str:
    tail = before[-30:]
    for pattern, name in _QUAL:
        if re.search(rf"(?:^|\W)(?:{pattern})\s*$", tail, re.IGNORECASE):
            return name
    return "exact"


def find_money(text: str) -> list[MoneyMention]:
    """Every money amount in the text, normalized, in order."""
    found: list[MoneyMention] = []
    for match in _AMOUNT.finditer(text):
        if match.group("cur"):
            currency = _SYMBOL[match.group("cur").strip().lower()]
            scale_word = (match.group("scale") or match.group("scale2") or "").lower()
            value = _number(match.group("num")) * _SCALE.get(scale_word, 1.0)
            high = None
            if match.group("num2"):
                scale2 = (match.group("scale2") or match.group("scale") or "").lower()
                high = _number(match.group("num2")) * _SCALE.get(scale2, 1.0)
                if match.group("scale") is None and match.group("scale2"):
                    value = _number(match.group("num")) * _SCALE.get(scale2, 1.0)
        else:
            currency = _WORD[match.group("wcur").lower()]
            value = _number(match.group("wnum")) * _SCALE.get((match.group("wscale") or "").lower(), 1.0)
            high = None
        if value <= 0:
            continue
        qualifier = "range" if high is not None else _qualifier(text[: match.start()])
        found.append(
            MoneyMention(
                text=match.group(0), start=match.start(), end=match.end(), value=value,
                currency=currency, qualifier=qualifier, high=high,  # type: ignore[arg-type]
                usd=value if currency == "USD" else None,
            )
        )
    return found
