"""spaCy's sentencizer rule computed on the Doc's arrays: the same sentence starts, without a Token object per
token (spacy.pipeline.Sentencizer walks the doc in Python, `token.text` and `token.is_punct` for each).

The rule (Sentencizer.predict): a sentence starts at the first token, and at each token that is neither
punctuation nor one of the sentence-final characters when such a character came after the previous start;
only tokens whose start is still unset take it (Sentencizer.set_annotations without `overwrite`).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from pipeline.extract.tokens import IS_PUNCT, ORTH, SENT_START, set_sent_starts, token_array

if TYPE_CHECKING:
    from spacy.tokens import Doc


@lru_cache(maxsize=1)
def _final_characters() -> Any:
    """The ORTH ids of the sentencizer's sentence-final characters, sorted (a string's id is its hash)."""
    import numpy
    from spacy.pipeline import Sentencizer
    from spacy.strings import get_string_id

    ids = [get_string_id(c) for c in Sentencizer.default_punct_chars]
    return numpy.sort(numpy.array(ids, dtype=numpy.uint64))


def set_sentence_starts(doc: Doc) -> Doc:
    """Set the sentence starts the sentencizer would set (tokens already decided keep their value)."""
    import numpy

    if len(doc) == 0:
        return doc
    array = token_array(doc)
    orth = array[:, ORTH]
    final = _final_characters()
    # the token is a sentence-final character when its id is among theirs (found in the sorted ids)
    at = numpy.minimum(numpy.searchsorted(final, orth), len(final) - 1)
    ends_sentence = final[at] == orth
    plain = (array[:, IS_PUNCT] == 0) & ~ends_sentence
    # a plain token starts a sentence when a sentence-final character lies between it and the plain token
    # before it (or the doc's start): no plain token between them could have taken the start
    seen = numpy.cumsum(ends_sentence)
    plain_at = numpy.flatnonzero(plain)
    before = numpy.concatenate(([0], seen[plain_at[:-1]]))[: len(plain_at)]
    guesses = numpy.zeros(len(doc), dtype=bool)
    guesses[0] = True
    guesses[plain_at[seen[plain_at] > before]] = True
    starts = array[:, SENT_START].astype(numpy.int64)
    unset = starts == 0
    starts[unset] = numpy.where(guesses[unset], 1, -1)
    set_sent_starts(doc, starts)
    return doc
