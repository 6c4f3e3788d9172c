"""A spaCy Doc read once into plain lists: token texts, character offsets, the flags the rules ask about, and
sentence bounds.

The company rules look at tokens by index many times over (a name's run, its context, its sentence). Each
`doc[i]` builds a new Token object, and over an archive that cost more than any rule; a table built from
`Doc.to_array` and the text itself answers the same questions from lists.

A token's flags are its word's (its lexeme's): they are worked out once per word of the vocabulary and kept
by the word's id, and a document's tokens take them from its distinct words. Doc.to_array would read each
flag of each token anew, a column at a time (8 columns cost more than the rules' own work on them).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

# A word's flags, one bit each: spaCy's lexeme flags, the company finder's shapes, and what the sentence
# rules look for (the sentencizer's sentence-final characters, a line break, a legal form's period).
ALPHA, STOP, SPACE, PUNCT, NAME_SHAPE, CAMEL_SHAPE, SENTENCE_FINAL, LINE_BREAK, LEGAL_FORM_END = (
    1 << bit for bit in range(9)
)
_LENGTH_SHIFT = 16  # a word's length is kept above its flags, in the same integer

# Legal forms that spaCy's English tokenizer splits ("Pte" + "."; "A" + "/" + "S"), so that the sentencizer
# takes the period for a sentence's end ("Acme Pte. plans to invest ...") or the name loses its form: the
# extractor keeps them whole as special cases, like "Inc." is
KEPT_WHOLE_LEGAL_FORMS = frozenset(
    {
        "Bhd.",
        "Plc.",
        "Pte.",
        "Pty.",
        "Pvt.",
        "Sdn.",
        "Ltda.",
        "Kft.",
        "Tbk.",
        "S.p.A.",
        "S.r.l.",
        "INC.",
        "CORP.",
        "LTD.",
        "A/S",
    }
)
# Legal forms ending in a period: after one, a capitalized word may open a new sentence (the line-break rule).
LEGAL_FORM_ENDS = frozenset({"Inc.", "Corp.", "Co.", "Ltd.", "L.P.", "S.A.", "N.V.", "K.K."}) | frozenset(
    form for form in KEPT_WHOLE_LEGAL_FORMS if form.endswith(".")
)


def name_shape(text: str) -> bool:
    """Capitalized, or a "3M", "23andMe"-style name that starts with a digit but carries capitals."""
    return text[:1].isupper() or (
        text[:1].isdigit() and any(ch.isupper() for ch in text[1:]) and not text.isdigit()
    )


def camel_shape(text: str) -> bool:
    """A lower-case first letter and a capital after it ('xAI', 'eBay')."""
    return len(text) > 1 and text[0].islower() and any(ch.isupper() for ch in text[1:])


class _WordFlags:
    """The flags, length and text of each word of one vocabulary, by the word's id (its ORTH hash), worked out
    on first sight from spaCy's lexeme (a lexeme's flags are set when spaCy first makes it)."""

    def __init__(self, vocab: Vocab) -> None:
        from spacy.pipeline import Sentencizer

        self.vocab = vocab
        self.known: dict[int, int] = {}
        self.texts: dict[int, str] = {}
        self.sentence_final = frozenset(Sentencizer.default_punct_chars)

    def of(self, orths: Any) -> tuple[Any, list[int], Any]:
        """Per token (ORTH ids), its word's flags and length (an int64 array); and the distinct ids with,
        per token, the place of its own among them (for words())."""
        import numpy

        ids, where = numpy.unique(orths, return_inverse=True)
        known = self.known
        distinct: list[int] = ids.tolist()
        values = [known.get(orth, -1) for orth in distinct]
        if -1 in values:  # words not seen before
            values = [known[orth] if orth in known else self._learn(orth) for orth in distinct]
        where = where.reshape(-1)
        return numpy.array(values, dtype=numpy.int64)[where], distinct, where

    def words(self, distinct: list[int], where: Any) -> list[str]:
        """The tokens' texts, from their distinct ids and places (of())."""
        import numpy

        texts = self.texts
        return numpy.array([texts[orth] for orth in distinct], dtype=object)[where].tolist()  # type: ignore[no-any-return]

    def _learn(self, orth: int) -> int:
        lexeme = self.vocab[orth]
        text = lexeme.orth_
        value = (
            ALPHA * lexeme.is_alpha
            | STOP * lexeme.is_stop
            | SPACE * lexeme.is_space
            | PUNCT * lexeme.is_punct
            | NAME_SHAPE * name_shape(text)
            | CAMEL_SHAPE * camel_shape(text)
            | SENTENCE_FINAL * (text in self.sentence_final)
            | LINE_BREAK * ("\n" in text)
            | LEGAL_FORM_END * (text in LEGAL_FORM_ENDS)
            | len(text) << _LENGTH_SHIFT
        )
        self.known[orth] = value
        self.texts[orth] = text
        return value


# the word flags of the last few vocabularies (a process has one; tests make many): a Vocab takes no weak
# reference, so the oldest are let go
_WORD_FLAGS: OrderedDict[int, _WordFlags] = OrderedDict()
_VOCABS_KEPT = 4


def _word_flags(vocab: Vocab) -> _WordFlags:
    flags = _WORD_FLAGS.get(id(vocab))
    if flags is None or flags.vocab is not vocab:
        flags = _WORD_FLAGS[id(vocab)] = _WordFlags(vocab)
        while len(_WORD_FLAGS) > _VOCABS_KEPT:
            _WORD_FLAGS.popitem(last=False)
    return flags


@dataclass
class TokenRead:
    """A doc's tokens as arrays (int64, one entry a token): character starts, lengths, word flags (the bits
    above) and sentence starts (1, -1, or 0 where unset)."""

    starts: Any
    lengths: Any
    flags: Any
    sent_starts: Any
    words: _WordFlags
    distinct: list[int]  # the doc's distinct word ids, and per token the place of its own among them
    where: Any

    def has(self, flag: int) -> Any:
        """Per token, whether its word has the flag (a bool array)."""
        return (self.flags & flag) != 0


_READ = "_token_read"


def token_read(doc: Doc) -> TokenRead:
    """The doc's tokens read in one Doc.to_array call (ORTH, IDX, SENT_START) and their words' flags, read
    on first use and kept in its user_data: every sentence rule and the table read it. Sentence starts go
    in through set_sent_starts, which keeps it current."""
    import numpy

    read: TokenRead | None = doc.user_data.get(_READ)
    if read is None or len(read.starts) != len(doc):
        array = doc.to_array(["ORTH", "IDX", "SENT_START"]).reshape(len(doc), 3)
        words = _word_flags(doc.vocab)
        values, distinct, where = words.of(array[:, 0])  # (ORTH ids are uint64 hashes: read before the cast)
        read = doc.user_data[_READ] = TokenRead(
            starts=array[:, 1].astype(numpy.int64),
            lengths=values >> _LENGTH_SHIFT,
            flags=values & ((1 << _LENGTH_SHIFT) - 1),
            sent_starts=array[:, 2].astype(numpy.int64),  # -1 is stored as 2**64 - 1
            words=words,
            distinct=distinct,
            where=where,
        )
    return read


def set_sent_starts(doc: Doc, starts: Any) -> None:
    """Set the doc's sentence starts (1, -1 or 0 per token) and token_read's copy of them."""
    import numpy

    doc.from_array(["SENT_START"], starts.astype(numpy.uint64))
    token_read(doc).sent_starts = starts.astype(numpy.int64)


@dataclass(frozen=True)
class TokenTable:
    """The tokens of one Doc: `words[i]` is `doc[i].text`, `starts[i]`/`ends[i]` its character offsets in
    `text`, `sentence_of[i]` the (start, end) token span of its sentence."""

    text: str
    words: list[str]
    starts: list[int]
    ends: list[int]
    sent_start: list[bool]  # Token.is_sent_start is True (not False, not unset)
    sentences: list[tuple[int, int]]
    sentence_of: list[tuple[int, int]]
    # per token, its word's flags (token_read's bits: an int64 array)
    flags: Any = None
    # per token, neither a space nor punctuation (a numpy bool array, for rules that combine flags in one go)
    plain: Any = None
    # per sentence (by its first token), whether it is written in Title Case (the company rules fill it)
    headline_case: dict[int, bool] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def sliced_lower(self) -> str | None:
        """The text in lower case, where a slice of it is the slice's lower case: None for a text holding
        one of the two characters str.lower does not map to one character on its own (İ becomes two, and
        Σ's lower case depends on the letters around it)."""
        text = self.text
        return None if "\u0130" in text or "\u03a3" in text else text.lower()

    def _has(self, flag: int) -> list[bool]:
        """Per token, whether its word carries the flag."""
        return ((self.flags & flag) != 0).tolist()  # type: ignore[no-any-return]

    # Token.is_alpha, is_stop, is_space and is_punct per token, made when a rule first asks (most ask few)
    @cached_property
    def is_alpha(self) -> list[bool]:
        """Per token, Token.is_alpha."""
        return self._has(ALPHA)

    @cached_property
    def is_stop(self) -> list[bool]:
        """Per token, Token.is_stop."""
        return self._has(STOP)

    @cached_property
    def is_space(self) -> list[bool]:
        """Per token, Token.is_space."""
        return self._has(SPACE)

    @cached_property
    def is_punct(self) -> list[bool]:
        """Per token, Token.is_punct."""
        return self._has(PUNCT)

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
        read = token_read(doc)
        starts, ends = read.starts.tolist(), (read.starts + read.lengths).tolist()
        flags = read.flags
        # Doc.sents: a sentence starts at token 0 and wherever SENT_START is 1
        sent_starts = read.sent_starts
        first = [0, *(numpy.flatnonzero(sent_starts[1:] == 1) + 1).tolist()] if len(doc) else []
        sentences = list(zip(first, [*first[1:], len(doc)], strict=True)) if first else []
        sentence_of: list[tuple[int, int]] = []
        for bounds in sentences:
            sentence_of.extend([bounds] * (bounds[1] - bounds[0]))
        return cls(
            text=text,
            # a token's text is its word's (doc.text is the tokens' texts and their whitespace)
            words=read.words.words(read.distinct, read.where),
            starts=starts,
            ends=ends,
            sent_start=(sent_starts > 0).tolist(),
            sentences=sentences,
            sentence_of=sentence_of,
            flags=flags,
            plain=(flags & (SPACE | PUNCT)) == 0,
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
