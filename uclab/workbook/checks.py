"""Predict-then-run exercises, checked without ``eval``: a learner's answer is data, compared
after normalising it, never executed (STYLE.md lesson 14; Qiskit's checks without ``eval()``).

Exercises live in TOML files, one per notebook, in ``uclab/workbook/exercises/NN.toml``
(package data), read with :mod:`tomllib`. Schema (one ``[[exercise]]`` table per exercise)::

    notebook = "06"                  # optional; defaults to the file name (06.toml -> "06")
    title = "XMPP SASL case study"   # optional

    [[exercise]]
    id = "06-advertised-mechanisms"  # unique; starts with "<notebook>-"
    question = "Which SASL mechanisms ...?"
    kind = "multi"                   # "choice" | "multi" | "number" | "text"
    choices = ["PLAIN", "CISCO-VTG-TOKEN", "OAUTHBEARER"]   # choice and multi only
    answer = ["CISCO-VTG-TOKEN"]     # choice: one of choices; multi: a list of choices;
                                     # number: int or float; text: a string
    tolerance = 0                    # number only: accepted absolute difference (default 0)
    accept = ["other spelling"]      # text only: further accepted answers (optional)
    hint = "..."                     # shown after a wrong answer
    explanation = "..."              # shown after a right answer
    source = "S2, S1"                # where the fact comes from (fact-sheet keys), optional
    probe = "function_name"          # optional: uclab.workbook.probes function that computes
                                     # the true answer from a fresh lab of ``seed``
    seed = 1                         # optional, default 1

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
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from uclab.core.errors import ConfigError

KINDS = ("choice", "multi", "number", "text")
_KEYS = {"id", "question", "kind", "choices", "answer", "hint", "explanation", "probe",
         "seed", "tolerance", "accept", "source"}
_REQUIRED = ("id", "question", "kind", "answer")
_NOTEBOOK = re.compile(r"^\d{2}$")
_NUMBER = re.compile(r"^\s*([-+]?(?:\d+(?:\.\d*)?|\.\d+))\s*([A-Za-z][A-Za-z ]*)?\s*$")
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def normalise(text: str) -> str:
    """Case-folded, whitespace collapsed, surrounding quotes and a final full stop removed."""
    text = " ".join(str(text).split()).strip("'\"` ")
    if text.endswith("."):
        text = text[:-1].rstrip()
    return text.casefold()


_norm = normalise


@dataclass(frozen=True)
class Exercise:
    """One exercise of a notebook, as loaded from its TOML file."""

    id: str
    notebook: str
    question: str
    kind: str
    choices: tuple[str, ...]
    answer: str | tuple[str, ...] | float
    hint: str = ""
    explanation: str = ""
    probe: str | None = None
    seed: int = 1
    tolerance: float = 0.0
    accept: tuple[str, ...] = ()
    source: str = ""

    def expects(self) -> str:
        """What kind of answer :func:`check` takes for this exercise, in words."""
        if self.kind == "choice":
            last = _LETTERS[len(self.choices) - 1]
            return (f"one of the choices as text (or its letter A-{last}): "
                    f"{', '.join(repr(c) for c in self.choices)}")
        if self.kind == "multi":
            return ("a list of the choices that apply, e.g. "
                    f"{[self.choices[0]]!r}; choices: {', '.join(repr(c) for c in self.choices)}")
        if self.kind == "number":
            return "a number, e.g. 42 or '42'"
        return "a short text answer"

    def __str__(self) -> str:
        lines = [f"[{self.id}] {self.question}"]
        if self.choices:
            lines += [f"  {_LETTERS[i]}. {c}" for i, c in enumerate(self.choices)]
        lines.append(f"Answer with checks.check({self.id!r}, ...): {self.expects()}")
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        items = "".join(f"<li>{html.escape(c)}</li>" for c in self.choices)
        choices = f"<ol type='A'>{items}</ol>" if items else ""
        return (f"<div><b>{html.escape(self.id)}</b>: {html.escape(self.question)}{choices}"
                f"<small>Answer with <code>checks.check({html.escape(repr(self.id))}, ...)"
                f"</code>: {html.escape(self.expects())}</small></div>")


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


# -- loading --------------------------------------------------------------------------------------
def _fail(where: str, what: str) -> ConfigError:
    return ConfigError(f"{where}: {what}")


def _str_list(value: Any, where: str, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(where, f"{key!r} must be a list of non-empty strings")
    return tuple(value)


def _exercise(raw: Any, notebook: str, where: str) -> Exercise:
    if not isinstance(raw, dict):
        raise _fail(where, "each [[exercise]] must be a table")
    unknown = set(raw) - _KEYS
    if unknown:
        raise _fail(where, f"unknown key(s) {sorted(unknown)}; allowed: {sorted(_KEYS)}")
    missing = [k for k in _REQUIRED if k not in raw]
    if missing:
        raise _fail(where, f"missing key(s) {missing}")
    ex_id = raw["id"]
    if not isinstance(ex_id, str) or not ex_id.startswith(f"{notebook}-"):
        raise _fail(where, f"id {ex_id!r} must be a string starting with '{notebook}-'")
    where = f"{where} [{ex_id}]"
    for key in ("question", "hint", "explanation", "source"):
        if not isinstance(raw.get(key, ""), str):
            raise _fail(where, f"{key!r} must be a string")
    kind = raw["kind"]
    if kind not in KINDS:
        raise _fail(where, f"kind {kind!r} is not one of {', '.join(KINDS)}")
    choices = _str_list(raw["choices"], where, "choices") if "choices" in raw else ()
    answer: Any = raw["answer"]
    normed = [_norm(c) for c in choices]
    if kind in ("choice", "multi"):
        if not choices or len(set(normed)) != len(normed) or len(choices) > len(_LETTERS):
            raise _fail(where, "a choice or multi exercise needs 1-26 distinct 'choices'")
        wanted = [answer] if kind == "choice" else answer
        if kind == "choice" and not isinstance(answer, str):
            raise _fail(where, "the answer of a choice exercise is one choice (a string)")
        wanted = list(_str_list(wanted, where, "answer"))
        strays = [a for a in wanted if _norm(a) not in normed]
        if strays:
            raise _fail(where, f"answer(s) {strays} are not among the choices")
        answer = answer if kind == "choice" else tuple(wanted)
    elif choices:
        raise _fail(where, f"a {kind} exercise has no 'choices'")
    elif kind == "number":
        if isinstance(answer, bool) or not isinstance(answer, int | float):
            raise _fail(where, "the answer of a number exercise is a number")
        answer = float(answer)
    elif not isinstance(answer, str) or not answer.strip():
        raise _fail(where, "the answer of a text exercise is a non-empty string")
    tolerance = raw.get("tolerance", 0)
    if kind != "number" and "tolerance" in raw:
        raise _fail(where, "'tolerance' applies to number exercises only")
    if isinstance(tolerance, bool) or not isinstance(tolerance, int | float) or tolerance < 0:
        raise _fail(where, "'tolerance' must be a number >= 0")
    if kind != "text" and "accept" in raw:
        raise _fail(where, "'accept' applies to text exercises only")
    accept = _str_list(raw["accept"], where, "accept") if "accept" in raw else ()
    probe = raw.get("probe")
    if probe is not None and (not isinstance(probe, str) or not probe.isidentifier()):
        raise _fail(where, "'probe' must name a function of uclab.workbook.probes")
    seed = raw.get("seed", 1)
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise _fail(where, "'seed' must be an integer")
    return Exercise(ex_id, notebook, raw["question"], kind, choices, answer,
                    raw.get("hint", ""), raw.get("explanation", ""), probe, seed,
                    float(tolerance), accept, raw.get("source", ""))


def parse_file(text: str, name: str) -> list[Exercise]:
    """The exercises of one TOML file (``name`` is the file name, e.g. ``06.toml``)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _fail(name, f"not valid TOML ({exc})") from None
    notebook = data.get("notebook", Path(name).stem)
    if not isinstance(notebook, str) or not _NOTEBOOK.match(notebook):
        raise _fail(name, f"notebook {notebook!r} must be two digits, like '06'")
    extra = set(data) - {"notebook", "title", "exercise"}
    if extra:
        raise _fail(name, f"unknown top-level key(s) {sorted(extra)}; use [[exercise]] tables")
    raw = data.get("exercise", [])
    if not isinstance(raw, list):
        raise _fail(name, "exercises are [[exercise]] tables")
    return [_exercise(r, notebook, f"{name} exercise {i + 1}") for i, r in enumerate(raw)]


def load(files: Iterable[tuple[str, str]]) -> dict[str, Exercise]:
    """Exercises by id from ``(name, text)`` pairs; duplicate ids are refused."""
    found: dict[str, Exercise] = {}
    for name, text in files:
        for ex in parse_file(text, name):
            if ex.id in found:
                raise _fail(name, f"exercise id {ex.id!r} is used twice")
            found[ex.id] = ex
    return found


@lru_cache(maxsize=1)
def _package_exercises() -> dict[str, Exercise]:
    folder = resources.files("uclab.workbook") / "exercises"
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".toml"))
    return load((n, (folder / n).read_text(encoding="utf-8")) for n in names)


def _notebook_id(notebook: str | int) -> str:
    if isinstance(notebook, int) and not isinstance(notebook, bool) and 0 <= notebook <= 99:
        return f"{notebook:02d}"
    if isinstance(notebook, str) and notebook.strip().isdigit() and len(notebook.strip()) <= 2:
        return notebook.strip().zfill(2)
    raise ConfigError(f"a notebook is named by its number, like '06' or 6 (got {notebook!r})")


def exercises(notebook: str | int | None = None) -> list[Exercise]:
    """All exercises, or those of one notebook (``"06"`` or ``6``), in file order."""
    every = list(_package_exercises().values())
    if notebook is None:
        return every
    nb = _notebook_id(notebook)
    return [ex for ex in every if ex.notebook == nb]


def get(exercise_id: str) -> Exercise:
    """The exercise with this id; an unknown id raises ConfigError naming the known ones."""
    known = _package_exercises()
    ex = known.get(exercise_id) if isinstance(exercise_id, str) else None
    if ex is None:
        raise ConfigError(_unknown(exercise_id, known))
    return ex


def _unknown(exercise_id: Any, known: dict[str, Exercise]) -> str:
    prefix = exercise_id.split("-", 1)[0] if isinstance(exercise_id, str) else ""
    near = [k for k in known if prefix and k.startswith(prefix + "-")] or list(known)
    return f"unknown exercise {exercise_id!r}; known exercises: {', '.join(near)}"


def true_answer(exercise_id: str) -> Any:
    """Run the exercise's probe on a fresh lab and return what the lab says the answer is."""
    ex = get(exercise_id)
    if ex.probe is None:
        raise ConfigError(f"exercise {ex.id!r} has no probe")
    from uclab.workbook import probes as exercise_probes

    return exercise_probes.run(ex.probe, ex.seed)


# -- checking -------------------------------------------------------------------------------------
def _choice_index(ex: Exercise, answer: Any) -> int | None:
    normed = [_norm(c) for c in ex.choices]
    if isinstance(answer, bool) and set(normed) >= {"yes", "no"}:
        return normed.index("yes" if answer else "no")
    if not isinstance(answer, str):
        return None
    a = _norm(answer)
    if a in normed:
        return normed.index(a)
    if len(a) == 1 and a.upper() in _LETTERS[:len(ex.choices)]:
        return _LETTERS.index(a.upper())
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
