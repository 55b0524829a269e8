"""Checking a learner's answer without ``eval``: the answer is data, compared after normalising
it, never executed (STYLE.md lesson 14; Qiskit's checks without ``eval()``); and the true answer
of an exercise, computed by its probe on a fresh lab.

Normalisation: case and runs of whitespace never matter; a choice may also be given by its
letter (``"B"``), by any name of the node it names (``"expc"``, "Exp-C", "Expressway C") and a
yes/no choice by a bool; a multi answer is a list, or one string of choices or letters
(``"a, c"``, ``"A and C"``, ``"[a, c]"``), and its order does not matter
(:mod:`.answer_forms`); a number may be a string such as ``"60"`` or ``"60 minutes"`` and
counts when within ``tolerance``; a text answer that is a node's host also counts when given
by another name of that node. A wrong answer gets its own hint when the exercise has one
(``[exercise.wrong]``), else the exercise's hint.

Used in: every notebook's Exercises section (``checks.check("06-...", answer)``).
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass
from typing import Any

from uclab.core.errors import ConfigError
from uclab.workbook.checks.answer_forms import MAX_TEXT, multi_choices, one_choice
from uclab.workbook.checks.exercise_files import LETTERS, Exercise, get
from uclab.workbook.checks.exercise_files import normalise as _norm
from uclab.workbook.checks.node_names import node_of

_NUMBER = re.compile(r"^\s*([-+]?(?:\d+(?:\.\d*)?|\.\d+))\s*([A-Za-z][A-Za-z ]*)?\s*$")


@dataclass(frozen=True)
class CheckResult:
    """The verdict on one answer: ok, a message, and a hint when it is wrong.

    ``understood`` says the answer was read as one of the exercise's forms (a choice, a list of
    choices, a number, a text), right or wrong; it is False for an answer of the wrong type or
    one that names no choice.
    """

    ok: bool
    message: str
    hint: str = ""
    understood: bool = True

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


def _shown(answer: Any) -> str:
    text = repr(answer)
    return text if len(text) <= 40 else text[:39] + "…"


def _wrong_type(ex: Exercise, answer: Any) -> CheckResult:
    return CheckResult(False, f"{ex.id} expects {ex.expects()} (got {type(answer).__name__} "
                              f"{_shown(answer)})", ex.hint, understood=False)


def _choices_text(ex: Exercise) -> str:
    return ", ".join(f"{LETTERS[i]}. {c!r}" for i, c in enumerate(ex.choices))


def _check_choice(ex: Exercise, answer: Any) -> CheckResult:
    normed = [_norm(c) for c in ex.choices]
    if isinstance(answer, bool) and set(normed) >= {"yes", "no"}:
        answer = "yes" if answer else "no"
    if not isinstance(answer, str):
        return _wrong_type(ex, answer)
    index = one_choice(ex, answer[:MAX_TEXT])
    if index is None:
        return CheckResult(False, f"{answer.strip()[:60]!r} is not one of the choices: "
                                  f"{_choices_text(ex)}", ex.hint, understood=False)
    choice = ex.choices[index]
    if _norm(choice) == _norm(str(ex.answer)):
        return CheckResult(True, ex.explanation)
    return CheckResult(False, f"{choice!r} is not it.", ex.hint_for(choice) or ex.hint)


def _check_multi(ex: Exercise, answer: Any) -> CheckResult:
    read = multi_choices(ex, answer)
    if read is None:
        return _wrong_type(ex, answer)
    picked_at, strays = read
    if strays:
        return CheckResult(False, f"{', '.join(repr(s[:60]) for s in strays)} "
                                  f"{'is' if len(strays) == 1 else 'are'} not among the "
                                  f"choices: {_choices_text(ex)}", ex.hint, understood=False)
    picked = {_norm(ex.choices[i]) for i in picked_at}
    want = {_norm(a) for a in ex.answer}
    if picked == want:
        return CheckResult(True, ex.explanation)
    right, extra = len(picked & want), len(picked - want)
    wrong_hints = [ex.hint_for(ex.choices[i]) for i in sorted(picked_at)
                   if _norm(ex.choices[i]) not in want]
    hint = " ".join(dict.fromkeys(h for h in wrong_hints if h)) or ex.hint
    return CheckResult(False, f"{right} of your {len(picked)} choice(s) "
                              f"{'is' if right == 1 else 'are'} right, {extra} "
                              f"{'is' if extra == 1 else 'are'} not, and "
                              f"{len(want - picked)} right one(s) are missing.", hint)


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
    own = next((h for k, h in ex.wrong if abs(float(k) - value) <= 1e-9), "")
    return CheckResult(False, f"{value:g} is too {'high' if value > target else 'low'}.",
                       own or ex.hint)


def _check_text(ex: Exercise, answer: Any) -> CheckResult:
    if not isinstance(answer, str):
        return _wrong_type(ex, answer)
    answer = answer[:MAX_TEXT]
    if _norm(answer) in {_norm(a) for a in (str(ex.answer), *ex.accept)}:
        return CheckResult(True, ex.explanation)
    node = node_of(str(ex.answer))
    if node is not None and node_of(answer) == node:
        return CheckResult(True, ex.explanation)
    return CheckResult(False, f"{answer.strip()[:60]!r} is not it.",
                       ex.hint_for(answer) or ex.hint)


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
