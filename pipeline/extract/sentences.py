"""spaCy's sentencizer rule computed on the Doc's arrays: the same sentence starts, without a Token object per
token (spacy.pipeline.Sentencizer walks the doc in Python, `token.text` and `token.is_punct` for each).

The rule (Sentencizer.predict): a sentence starts at the first token, and at each token that is neither
punctuation nor one of the sentence-final characters when such a character came after the previous start;
only tokens whose start is still unset take it (Sentencizer.set_annotations without `overwrite`).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from thinc.types import Ints2d


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
    array = doc.to_array(["ORTH", "IS_PUNCT", "SENT_START"]).reshape(len(doc), 3)
    final = _final_characters()
    # the token is a sentence-final character when its id is among theirs (found in the sorted ids)
    at = numpy.minimum(numpy.searchsorted(final, array[:, 0]), len(final) - 1)
    ends_sentence = final[at] == array[:, 0]
    plain = (array[:, 1] == 0) & ~ends_sentence
    # a plain token starts a sentence when a sentence-final character lies between it and the plain token
    # before it (or the doc's start): no plain token between them could have taken the start
    seen = numpy.cumsum(ends_sentence)
    plain_at = numpy.flatnonzero(plain)
    before = numpy.concatenate(([0], seen[plain_at[:-1]]))[: len(plain_at)]
    guesses = numpy.zeros(len(doc), dtype=bool)
    guesses[0] = True
    guesses[plain_at[seen[plain_at] > before]] = True
    starts = array[:, 2].astype(numpy.int64)
    unset = starts == 0
    starts[unset] = numpy.where(guesses[unset], 1, -1)
    doc.from_array(["SENT_START"], cast("Ints2d", starts.astype(numpy.uint64)))
    return doc
