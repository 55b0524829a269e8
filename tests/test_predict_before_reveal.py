"""Predict, then run: in the committed notebooks 00-07 no cell above an exercise prints its
answer. Checked on the saved outputs (what a learner sees before answering) in two ways:

* each exercise's ``reveals`` phrases (what the experiment that answers it prints, or the text
  that explains its result) appear in the notebook, and only after the exercise's check cell:
  no output and no text above the exercise contains them;
* the answer itself, as a whole phrase (not inside a longer word, identifier or URL
  parameter), is not printed by any cell of the same section above the exercise.

Cells that display the question itself (``checks.get``, ``checks.exercises``) and the check
cells are not reveals: they show every choice alike.
"""

import re
from pathlib import Path

import nbformat
import pytest

from uclab.workbook import checks

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("0[0-7]-*.ipynb"))
_CHECK_CALL = re.compile(r"""checks\.check\(\s*["']([^"']+)["']""")
_SECTION = re.compile(r"^## ", re.M)
_QUESTION = ("checks.get(", "checks.exercises(", "checks.check(")


def _output_text(cell) -> str:
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            parts.append(out.get("text", ""))
        for mime in ("text/plain", "text/html", "text/markdown"):
            if mime in out.get("data", {}):
                parts.append(out["data"][mime])
    return "\n".join(parts)


def _phrase(text: str) -> re.Pattern:
    return re.compile(r"(?<![\w=-])" + re.escape(text) + r"(?![\w=-])", re.IGNORECASE)


def _cases():
    for path in NOTEBOOKS:
        cells = nbformat.read(path, as_version=4).cells
        for at, cell in enumerate(cells):
            if cell.cell_type == "code" and (m := _CHECK_CALL.search(cell.source)):
                yield pytest.param(path.name, cells, at, checks.get(m[1]), id=m[1])


CASES = list(_cases())


def _shown_before(cells, at, start=0):
    return [(i, _output_text(c)) for i, c in enumerate(cells[start:at], start)
            if c.cell_type == "code" and not any(q in c.source for q in _QUESTION)]


def _seen(cells) -> list[str]:
    """What a learner reads of each cell: a text cell's text, a code cell's outputs."""
    return [c.source if c.cell_type == "markdown" else
            ("" if any(q in c.source for q in _QUESTION) else _output_text(c)) for c in cells]


def test_every_exercise_of_00_to_07_is_asked_in_a_notebook():
    assert {case.values[3].id for case in CASES} == {
        ex.id for ex in checks.exercises() if ex.notebook <= "07"}


@pytest.mark.parametrize(("name", "cells", "at", "ex"), CASES)
def test_what_reveals_the_answer_is_printed_only_after_the_exercise(name, cells, at, ex):
    assert ex.reveals, f"{ex.id}: name the output that reveals its answer (reveals = [...])"
    seen = _seen(cells)
    after = "\n".join(seen[at + 1:]).casefold()
    for phrase in ex.reveals:
        assert phrase.casefold() in after, (
            f"{ex.id}: {phrase!r} is shown nowhere after the exercise in {name}")
        early = [i for i, text in enumerate(seen[:at]) if phrase.casefold() in text.casefold()]
        assert not early, f"{ex.id}: cell(s) {early} of {name} show {phrase!r} before it is asked"


@pytest.mark.parametrize(("name", "cells", "at", "ex"), CASES)
def test_no_cell_of_the_section_prints_the_answer_before_it_is_asked(name, cells, at, ex):
    if ex.kind == "number" or checks.normalise(str(ex.answer)) in ("yes", "no"):
        return  # a bare number or a yes is no phrase; its reveals (above) name the output
    answers = [ex.answer] if isinstance(ex.answer, str) else list(ex.answer)
    if ex.kind == "multi":
        # a multi answer is revealed by the whole list, not by one familiar member of it
        answers = [repr(answers)] + ([", ".join(answers)] if len(answers) > 1 else [])
    start = max([i for i, c in enumerate(cells[:at])
                 if c.cell_type == "markdown" and _SECTION.search(c.source)] or [0])
    for answer in answers:
        pattern = _phrase(answer)
        early = [i for i, text in _shown_before(cells, at, start) if pattern.search(text)]
        assert not early, f"{ex.id}: cell(s) {early} of {name} print {answer!r} first"
