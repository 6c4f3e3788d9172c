"""A spaCy Doc read once into plain lists: token texts, character offsets, the flags the rules ask about, and
sentence bounds.

The company rules look at tokens by index many times over (a name's run, its context, its sentence). Each
`doc[i]` builds a new Token object, and over an archive that cost more than any rule; a table built from
`Doc.to_array` and the text itself answers the same questions from lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

# The token attributes the sentence rules and the table read, in one Doc.to_array call (token_array), and
# their columns in it.
TOKEN_ATTRS: list[int | str] = [
    "ORTH",
    "IS_SPACE",
    "IS_PUNCT",
    "SENT_START",
    "IDX",
    "LENGTH",
    "IS_ALPHA",
    "IS_STOP",
]
ORTH, IS_SPACE, IS_PUNCT, SENT_START, IDX, LENGTH, IS_ALPHA, IS_STOP = range(len(TOKEN_ATTRS))
# the table's columns, in the order _build reads them
_TABLE_COLUMNS = [IDX, LENGTH, SENT_START, IS_ALPHA, IS_STOP, IS_SPACE, IS_PUNCT]
_ARRAY = "_token_array"


def token_array(doc: Doc) -> Any:
    """The doc's TOKEN_ATTRS as a (tokens, attributes) uint64 array, read on first use and kept in its
    user_data: every sentence rule and the table read it, and each Doc.to_array call costs more than the
    rules' own work on it. Sentence starts go in through set_sent_starts, which keeps it current."""
    array = doc.user_data.get(_ARRAY)
    if array is None or len(array) != len(doc):
        array = doc.user_data[_ARRAY] = doc.to_array(TOKEN_ATTRS).reshape(len(doc), len(TOKEN_ATTRS))
    return array


def set_sent_starts(doc: Doc, starts: Any) -> None:
    """Set the doc's sentence starts (1, -1 or 0 per token) and token_array's column of them."""
    import numpy

    column = starts.astype(numpy.uint64)
    doc.from_array(["SENT_START"], column)
    token_array(doc)[:, SENT_START] = column


@dataclass(frozen=True)
class TokenTable:
    """The tokens of one Doc: `words[i]` is `doc[i].text`, `starts[i]`/`ends[i]` its character offsets in
    `text`, `sentence_of[i]` the (start, end) token span of its sentence."""

    text: str
    words: list[str]
    starts: list[int]
    ends: list[int]
    sent_start: list[bool]  # Token.is_sent_start is True (not False, not unset)
    is_alpha: list[bool]
    is_stop: list[bool]
    is_space: list[bool]
    is_punct: list[bool]
    sentences: list[tuple[int, int]]
    sentence_of: list[tuple[int, int]]
    # per token, neither a space nor punctuation (a numpy bool array, for rules that combine flags in one go)
    plain: Any = None

    @classmethod
    def of(cls, doc: Doc) -> TokenTable:
        """The table of a Doc (its sentences set), built on first use and kept in its user_data."""
        table: TokenTable | None = doc.user_data.get("_token_table")
        if table is None:
            table = doc.user_data["_token_table"] = cls._build(doc)
        return table

    @classmethod
    def _build(cls, doc: Doc) -> TokenTable:
        import numpy

        text: str | None = doc.user_data.get("_text")
        if text is None:
            text = doc.user_data["_text"] = doc.text
        array = token_array(doc)[:, _TABLE_COLUMNS].astype("int64").T
        starts, ends = array[0].tolist(), (array[0] + array[1]).tolist()
        flags = array[3:] != 0
        is_alpha, is_stop, is_space, is_punct = flags.tolist()
        # Doc.sents: a sentence starts at token 0 and wherever SENT_START is 1
        first = [0, *(numpy.flatnonzero(array[2][1:] == 1) + 1).tolist()] if len(doc) else []
        sentences = list(zip(first, [*first[1:], len(doc)], strict=True)) if first else []
        sentence_of: list[tuple[int, int]] = []
        for bounds in sentences:
            sentence_of.extend([bounds] * (bounds[1] - bounds[0]))
        return cls(
            text=text,
            words=[text[a:b] for a, b in zip(starts, ends, strict=True)],
            starts=starts,
            ends=ends,
            sent_start=(array[2] > 0).tolist(),
            is_alpha=is_alpha,
            is_stop=is_stop,
            is_space=is_space,
            is_punct=is_punct,
            sentences=sentences,
            sentence_of=sentence_of,
            plain=~(flags[2] | flags[3]),
        )

    def __len__(self) -> int:
        return len(self.words)

    def span_text(self, start: int, end: int) -> str:
        """`doc[start:end].text`: the text from the first token's start to the last token's end."""
        if start < 0:
            start = 0
        if end > len(self.words):
            end = len(self.words)
        return self.text[self.starts[start] : self.ends[end - 1]] if start < end else ""

    def whitespace(self, i: int) -> str:
        """`doc[i].whitespace_`: the text between token i and the next one."""
        following = self.starts[i + 1] if i + 1 < len(self.words) else len(self.text)
        return self.text[self.ends[i] : following]
