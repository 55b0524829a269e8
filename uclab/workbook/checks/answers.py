"""Checking a learner's answer without ``eval``: the answer is data, compared after normalising
it, never executed (STYLE.md lesson 14; Qiskit's checks without ``eval()``); and the true answer
of an exercise, computed by its probe on a fresh lab.

Normalisation: case and runs of whitespace never matter; a choice may also be given by its
letter (``"B"``) and a yes/no choice by a bool; a multi answer is a list (or a comma-separated
string) and its order does not matter; a number may be a string such as ``"60"`` or
``"60 minutes"`` and counts when within ``tolerance``.

Used in: every notebook's Exercises section (``checks.check("06-...", answer)``).
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass
from typing import Any

from uclab.core.errors import ConfigError
from uclab.workbook.checks.exercise_files import LETTERS, Exercise, get
from uclab.workbook.checks.exercise_files import normalise as _norm

_NUMBER = re.compile(r"^\s*([-+]?(?:\d+(?:\.\d*)?|\.\d+))\s*([A-Za-z][A-Za-z ]*)?\s*$")


@dataclass(frozen=True)
class CheckResult:
    """The verdict on one answer: ok, a message, and a hint when it is wrong."""

    ok: bool
    message: str
    hint: str = ""

    def __bool__(self) -> bool:
        return self.ok

    def __repr__(self) -> str:
        head = "Correct!" if self.ok else "Not yet."
        text = f"{head} {self.message}".strip()
        return text + (f"\nHint: {self.hint}" if self.hint and not self.ok else "")

    __str__ = __repr__

    def _repr_html_(self) -> str:
        colour = "#1a7f37" if self.ok else "#b35900"
        head = "Correct!" if self.ok else "Not yet."
        hint = (f"<br><i>Hint:</i> {html.escape(self.hint)}"
                if self.hint and not self.ok else "")
        return (f"<div style='border-left:4px solid {colour};padding:4px 8px'>"
                f"<b style='color:{colour}'>{head}</b> {html.escape(self.message)}{hint}</div>")


def true_answer(exercise_id: str) -> Any:
    """Run the exercise's probe on a fresh lab and return what the lab says the answer is."""
    ex = get(exercise_id)
    if ex.probe is None:
        raise ConfigError(f"exercise {ex.id!r} has no probe")
    from uclab.workbook import probes as exercise_probes

    return exercise_probes.run(ex.probe, ex.seed)


def _choice_index(ex: Exercise, answer: Any) -> int | None:
    normed = [_norm(c) for c in ex.choices]
    if isinstance(answer, bool) and set(normed) >= {"yes", "no"}:
        return normed.index("yes" if answer else "no")
    if not isinstance(answer, str):
        return None
    a = _norm(answer)
    if a in normed:
        return normed.index(a)
    if len(a) == 1 and a.upper() in LETTERS[:len(ex.choices)]:
        return LETTERS.index(a.upper())
    return -1


def _wrong_type(ex: Exercise, answer: Any) -> CheckResult:
    shown = repr(answer)
    shown = shown if len(shown) <= 40 else shown[:39] + "…"
    return CheckResult(False, f"{ex.id} expects {ex.expects()} (got {type(answer).__name__} "
                              f"{shown})", ex.hint)


def _check_choice(ex: Exercise, answer: Any) -> CheckResult:
    index = _choice_index(ex, answer)
    if index is None:
        return _wrong_type(ex, answer)
    if index < 0:
        return CheckResult(False, f"{str(answer)[:60]!r} is not one of the choices: "
                                  f"{', '.join(repr(c) for c in ex.choices)}", ex.hint)
    if _norm(ex.choices[index]) == _norm(str(ex.answer)):
        return CheckResult(True, ex.explanation)
    return CheckResult(False, f"{ex.choices[index]!r} is not it.", ex.hint)


def _check_multi(ex: Exercise, answer: Any) -> CheckResult:
    if isinstance(answer, str):
        items = [a for a in answer.split(",") if a.strip()]
    elif isinstance(answer, list | tuple | set | frozenset) and all(
            isinstance(a, str) for a in answer):
        items = list(answer)
    else:
        return _wrong_type(ex, answer)
    normed = [_norm(c) for c in ex.choices]
    picked = {_norm(a) for a in items}
    strays = sorted(p for p in picked if p not in normed)
    if strays:
        return CheckResult(False, f"{', '.join(repr(s) for s in strays)} "
                                  f"{'is' if len(strays) == 1 else 'are'} not among the "
                                  f"choices: {', '.join(repr(c) for c in ex.choices)}", ex.hint)
    want = {_norm(a) for a in ex.answer}
    if picked == want:
        return CheckResult(True, ex.explanation)
    right, extra = len(picked & want), len(picked - want)
    return CheckResult(False, f"{right} of your {len(picked)} choice(s) "
                              f"{'is' if right == 1 else 'are'} right, {extra} "
                              f"{'is' if extra == 1 else 'are'} not, and "
                              f"{len(want - picked)} right one(s) are missing.", ex.hint)


def _number(answer: Any) -> float | None:
    if isinstance(answer, bool):
        return None
    if isinstance(answer, int | float):
        value = float(answer)
    elif isinstance(answer, str) and (m := _NUMBER.match(answer)):
        value = float(m[1])
    else:
        return None
    return value if math.isfinite(value) else None


def _check_number(ex: Exercise, answer: Any) -> CheckResult:
    value = _number(answer)
    if value is None:
        return _wrong_type(ex, answer)
    target = float(ex.answer)  # type: ignore[arg-type]
    if abs(value - target) <= ex.tolerance + 1e-9:
        return CheckResult(True, ex.explanation)
    return CheckResult(False, f"{value:g} is too {'high' if value > target else 'low'}.",
                       ex.hint)


def _check_text(ex: Exercise, answer: Any) -> CheckResult:
    if not isinstance(answer, str):
        return _wrong_type(ex, answer)
    if _norm(answer) in {_norm(a) for a in (str(ex.answer), *ex.accept)}:
        return CheckResult(True, ex.explanation)
    return CheckResult(False, f"{answer.strip()[:60]!r} is not it.", ex.hint)


_CHECKERS = {"choice": _check_choice, "multi": _check_multi, "number": _check_number,
             "text": _check_text}


def check(exercise_id: str, answer: Any) -> CheckResult:
    """Check a learner's answer; never raises and never executes the answer.

    An unknown id or an answer of the wrong type gives a failed :class:`CheckResult` whose
    message says what was expected.
    """
    try:
        ex = get(exercise_id)
    except ConfigError as exc:
        return CheckResult(False, str(exc))
    return _CHECKERS[ex.kind](ex, answer)
