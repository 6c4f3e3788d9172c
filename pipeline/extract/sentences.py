"""spaCy's sentencizer rule computed on the Doc's arrays: the same sentence starts, without a Token object per
token (spacy.pipeline.Sentencizer walks the doc in Python, `token.text` and `token.is_punct` for each).

The rule (Sentencizer.predict): a sentence starts at the first token, and at each token that is neither
punctuation nor one of the sentence-final characters when such a character came after the previous start;
only tokens whose start is still unset take it (Sentencizer.set_annotations without `overwrite`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.extract.tokens import PUNCT, SENTENCE_FINAL, set_sent_starts, token_read

if TYPE_CHECKING:
    from spacy.tokens import Doc


def set_sentence_starts(doc: Doc) -> Doc:
    """Set the sentence starts the sentencizer would set (tokens already decided keep their value)."""
    import numpy

    if len(doc) == 0:
        return doc
    read = token_read(doc)
    # a sentence-final character: its word is one of Sentencizer.default_punct_chars (token_read's flag)
    ends_sentence = read.has(SENTENCE_FINAL)
    plain = ~read.has(PUNCT) & ~ends_sentence
    # a plain token starts a sentence when a sentence-final character lies between it and the plain token
    # before it (or the doc's start): no plain token between them could have taken the start
    seen = numpy.cumsum(ends_sentence)
    plain_at = numpy.flatnonzero(plain)
    before = numpy.concatenate(([0], seen[plain_at[:-1]]))[: len(plain_at)]
    guesses = numpy.zeros(len(doc), dtype=bool)
    guesses[0] = True
    guesses[plain_at[seen[plain_at] > before]] = True
    starts = read.sent_starts.copy()
    unset = starts == 0
    starts[unset] = numpy.where(guesses[unset], 1, -1)
    set_sent_starts(doc, starts)
    return doc
