"""Deterministic key-point matching: a phrasing counts when its words appear, in order and
contiguous, in the answer, ignoring case and punctuation and only at word boundaries.

Both texts are normalised the same way (:func:`normalise`): case-folded, every run of characters
that is neither a letter nor a digit becomes one space. ``"get_edge_sso"`` is then
``"get edge sso"``, ``"Refresh Servers."`` is ``"refresh servers"``, and the phrasing
``"token"`` does not match ``"tokens"`` (word boundary). No stemming, no fuzzy matching, no
model: the same answer always gets the same result.
"""

from __future__ import annotations

import re
import unicodedata

_NOT_WORD = re.compile(r"[^0-9a-z]+")


def normalise(text: str) -> str:
    """Case-folded, accents stripped, non-alphanumerics collapsed to single spaces."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return _NOT_WORD.sub(" ", folded).strip()


def contains(answer: str, phrase: str) -> bool:
    """Whether ``phrase`` occurs in ``answer`` as whole words (both normalised)."""
    needle = normalise(phrase)
    if not needle:
        return False
    return f" {needle} " in f" {normalise(answer)} "
