"""The exercise files: their TOML schema, loading and validating them, and looking an
exercise up. Checking an answer is :mod:`uclab.workbook.checks.answers`.

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
    hint = "..."                     # shown after a wrong answer that has no hint of its own
    reveals = ["offered: CISCO-VTG-TOKEN"]  # optional: output phrases that would give the
                                     # answer away if a cell above the exercise printed them
                                     # (tests/test_predict_before_reveal.py)

    [exercise.wrong]                 # optional: a hint for each wrong answer, by the answer
    "PLAIN" = "..."                  # choice and multi: a choice that is not an answer;
                                     # number: the number as text ("61"); text: the text
    explanation = "..."              # shown after a right answer
    source = "S2, S1"                # where the fact comes from (fact-sheet keys), optional
    probe = "function_name"          # optional: uclab.workbook.probes function that computes
                                     # the true answer from a fresh lab of ``seed``
    seed = 1                         # optional, default 1
"""

from __future__ import annotations

import html
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
         "seed", "tolerance", "accept", "source", "wrong", "reveals"}
_REQUIRED = ("id", "question", "kind", "answer")
_NOTEBOOK = re.compile(r"^\d{2}$")
#: choice letters, in order
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


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
    #: a hint per wrong answer: choice text (choice, multi), number as text, or text
    wrong: tuple[tuple[str, str], ...] = ()
    reveals: tuple[str, ...] = ()

    def hint_for(self, wrong_answer: str) -> str:
        """The hint written for this wrong answer (matched like an answer), or ``""``."""
        key = _norm(wrong_answer)
        return next((h for k, h in self.wrong if _norm(k) == key), "")

    def expects(self) -> str:
        """What kind of answer :func:`check` takes for this exercise, in words."""
        if self.kind == "choice":
            last = LETTERS[len(self.choices) - 1]
            return (f"one of the choices as text (or its letter A-{last}): "
                    f"{', '.join(repr(c) for c in self.choices)}")
        if self.kind == "multi":
            return ("a list of the choices that apply, as text or letters, e.g. "
                    f"{[self.choices[0]]!r} or 'A, B'; choices: "
                    f"{', '.join(repr(c) for c in self.choices)}")
        if self.kind == "number":
            return "a number, e.g. 42 or '42'"
        return "a short text answer"

    def __str__(self) -> str:
        lines = [f"[{self.id}] {self.question}"]
        if self.choices:
            lines += [f"  {LETTERS[i]}. {c}" for i, c in enumerate(self.choices)]
        lines.append(f"Answer with checks.check({self.id!r}, ...): {self.expects()}")
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        items = "".join(f"<li>{html.escape(c)}</li>" for c in self.choices)
        choices = f"<ol type='A'>{items}</ol>" if items else ""
        return (f"<div><b>{html.escape(self.id)}</b>: {html.escape(self.question)}{choices}"
                f"<small>Answer with <code>checks.check({html.escape(repr(self.id))}, ...)"
                f"</code>: {html.escape(self.expects())}</small></div>")


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
        if not choices or len(set(normed)) != len(normed) or len(choices) > len(LETTERS):
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
    wrong = _wrong(raw.get("wrong", {}), kind, choices, answer, where)
    reveals = _str_list(raw["reveals"], where, "reveals") if "reveals" in raw else ()
    return Exercise(ex_id, notebook, raw["question"], kind, choices, answer,
                    raw.get("hint", ""), raw.get("explanation", ""), probe, seed,
                    float(tolerance), accept, raw.get("source", ""), wrong, reveals)


def _wrong(raw: Any, kind: str, choices: tuple[str, ...], answer: Any,
           where: str) -> tuple[tuple[str, str], ...]:
    """The ``[exercise.wrong]`` table: each key a wrong answer, each value its hint."""
    if not isinstance(raw, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in raw.items()):
        raise _fail(where, "'wrong' must be a table of wrong answer = \"hint\"")
    rights = {_norm(a) for a in ([answer] if isinstance(answer, str | float) else answer)}
    for key in raw:
        if kind in ("choice", "multi"):
            if _norm(key) not in {_norm(c) for c in choices}:
                raise _fail(where, f"wrong answer {key!r} is not among the choices")
        elif kind == "number":
            try:
                value = float(key)
            except ValueError:
                raise _fail(where, f"wrong answer {key!r} of a number exercise is not a "
                                   "number") from None
            if value == answer:
                raise _fail(where, f"wrong answer {key!r} is the answer")
            continue
        if _norm(key) in rights:
            raise _fail(where, f"wrong answer {key!r} is the answer")
    return tuple(raw.items())


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
