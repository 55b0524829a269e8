"""The forms a learner writes an answer in, read as data (never executed): a choice by its text,
by its letter (``"B"``, ``"b)"``, ``"(b)"``) or, when it names a node, by any name of that node
(:mod:`.node_names`); a multi answer as a list, or as one string of choices or letters
(``"a, c"``, ``"A and C"``, ``"a c"``, ``"[a, c]"``, ``"['A', 'C']"``; words split on spaces
only when every word is a choice or a letter).

Used by :mod:`uclab.workbook.checks.answers`.
"""

from __future__ import annotations

import re
from typing import Any

from uclab.workbook.checks.exercise_files import LETTERS, Exercise
from uclab.workbook.checks.exercise_files import normalise as _norm
from uclab.workbook.checks.node_names import nodes_named

_BRACKETS = re.compile(r"^\s*[\[({]\s*(.*?)\s*[\])}]\s*$", re.S)
_LETTER = re.compile(r"^\(?([a-z])[).:]?$", re.I)
_LIST_SEP = re.compile(r"\s*[,;]\s*")
_WORD_SEP = re.compile(r"\s+(?:and|&|\+|plus)\s+", re.I)
#: longest answer text read at all (longer input is a stray, not parsed)
MAX_TEXT = 2000


def _unquote(text: str) -> str:
    return text.strip().strip("'\"`").strip()


def one_choice(ex: Exercise, text: str) -> int | None:
    """The index of the single choice ``text`` names, or None."""
    text = _unquote(text)
    normed = [_norm(c) for c in ex.choices]
    if _norm(text) in normed:
        return normed.index(_norm(text))
    if (m := _LETTER.match(text)) and m[1].upper() in LETTERS[:len(ex.choices)]:
        return LETTERS.index(m[1].upper())
    named = nodes_named(text)
    if named:
        hits = [i for i, c in enumerate(ex.choices) if nodes_named(c) & named]
        if len(hits) == 1:
            return hits[0]
    return None


def _pieces(ex: Exercise, text: str) -> list[int] | None:
    """The choices one string names: a choice, or several joined by commas, "and" or spaces
    (spaces only when every word is a choice or a letter)."""
    text = _unquote(text)
    if not text:
        return []
    if (single := one_choice(ex, text)) is not None:
        return [single]
    if (m := _BRACKETS.match(text)) and (inner := _pieces(ex, m[1])) is not None:
        return inner
    for splitter in (_LIST_SEP, _WORD_SEP):
        parts = [p for p in splitter.split(text) if p.strip()]
        if len(parts) > 1:
            found = [_pieces(ex, p) for p in parts]
            if all(f is not None for f in found):
                return [i for f in found for i in f]  # type: ignore[union-attr]
    words = text.split()
    if 1 < len(words) <= len(LETTERS):
        found = [one_choice(ex, _unquote(w).rstrip(",")) for w in words]
        if all(f is not None for f in found):
            return [f for f in found if f is not None]
    return None


def multi_choices(ex: Exercise, answer: Any) -> tuple[set[int], list[str]] | None:
    """The choices a multi answer picks, and the pieces that name none; None when the answer
    is not a string or a list of strings."""
    if isinstance(answer, str):
        items = [answer[:MAX_TEXT]]
    elif isinstance(answer, list | tuple | set | frozenset) and all(
            isinstance(a, str) for a in answer):
        items = [a[:MAX_TEXT] for a in answer]
    else:
        return None
    picked: set[int] = set()
    strays: list[str] = []
    for item in items:
        found = _pieces(ex, item)
        if found is None:
            strays.extend(p for p in _LIST_SEP.split(_unquote(item)) if p.strip()
                          and _pieces(ex, p) is None)
            picked.update(i for p in _LIST_SEP.split(_unquote(item))
                          for i in (_pieces(ex, p) or []))
        else:
            picked.update(found)
    return picked, sorted({_unquote(s) for s in strays})
