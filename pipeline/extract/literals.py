"""Many literal words found in one scan of a text: one regex shaped as a trie of the words."""

from __future__ import annotations

import re


def trie(words: list[str]) -> str:
    """A regex alternation of prefix-free words, its alternatives sharing their common first letters (re tries
    one alternative per first letter at each position, far fewer than one per word)."""
    by_first: dict[str, list[str]] = {}
    for word in words:
        by_first.setdefault(word[0], []).append(word[1:])
    alternatives = []
    for first, rests in sorted(by_first.items()):
        rest = "" if rests == [""] else trie(rests) if len(rests) > 1 else re.escape(rests[0])
        alternatives.append(re.escape(first) + rest)
    return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"


def heads(words: list[str]) -> list[str]:
    """The words that no shorter word of the list begins, sorted: each word of the list starts with one."""
    return sorted(w for w in set(words) if not any(v != w and w.startswith(v) for v in words))


def occurring(text: str, pattern: re.Pattern[str], by_head: dict[str, tuple[str, ...]]) -> set[str]:
    """The words that occur in `text` (as `word in text` finds them), where `pattern` is the trie of their
    heads and `by_head` the words beginning with each head: every place a head starts (overlapping places
    too: each search starts one character after the last match) is checked for the words of that head."""
    found: set[str] = set()
    position = 0
    while (match := pattern.search(text, position)) is not None:
        start = match.start()
        found.update(word for word in by_head[match.group()] if text.startswith(word, start))
        position = start + 1
    return found
