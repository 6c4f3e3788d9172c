"""spaCy's sentencizer rule computed on the Doc's arrays: the same sentence starts, without a Token object per
token (spacy.pipeline.Sentencizer walks the doc in Python, `token.text` and `token.is_punct` for each).

The rule (Sentencizer.predict): a sentence starts at the first token, and at each token that is neither
punctuation nor one of the sentence-final characters when such a character came after the previous start;
only tokens whose start is still unset take it (Sentencizer.set_annotations without `overwrite`).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from thinc.types import Ints2d


@lru_cache(maxsize=1)
def _final_characters() -> frozenset[str]:
    """The sentencizer's sentence-final characters (each one character long)."""
    from spacy.pipeline import Sentencizer

    return frozenset(Sentencizer.default_punct_chars)


def set_sentence_starts(doc: Doc) -> Doc:
    """Set the sentence starts the sentencizer would set (tokens already decided keep their value)."""
    import numpy

    if len(doc) == 0:
        return doc
    array = doc.to_array(["IDX", "LENGTH", "IS_PUNCT", "SENT_START"])
    text: str = doc.user_data.get("_text") or doc.text
    final = _final_characters()
    ends_sentence = numpy.zeros(len(doc), dtype=bool)
    for i in numpy.flatnonzero(array[:, 1] == 1).tolist():  # the final characters are one character long
        ends_sentence[i] = text[array[i, 0]] in final  # the token is a sentence-final character
    plain = (array[:, 2] == 0) & ~ends_sentence
    # a plain token starts a sentence when a sentence-final character lies between it and the plain token
    # before it (or the doc's start): no plain token between them could have taken the start
    seen = numpy.cumsum(ends_sentence)
    plain_at = numpy.flatnonzero(plain)
    before = numpy.concatenate(([0], seen[plain_at[:-1]]))[: len(plain_at)]
    guesses = numpy.zeros(len(doc), dtype=bool)
    guesses[0] = True
    guesses[plain_at[seen[plain_at] > before]] = True
    starts = array[:, 3].astype(numpy.int64)
    unset = starts == 0
    starts[unset] = numpy.where(guesses[unset], 1, -1)
    doc.from_array(["SENT_START"], cast("Ints2d", starts.astype(numpy.uint64)))
    return doc
