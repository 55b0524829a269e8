"""Predict-then-run exercises, checked without ``eval``: a learner's answer is data, compared
after normalising it, never executed (STYLE.md lesson 14; Qiskit's checks without ``eval()``).

The exercise files (TOML schema, loading, lookup) are :mod:`.exercise_files`; checking an
answer, and the true answer from a probe, :mod:`.answers`; the forms an answer may take,
:mod:`.answer_forms`; the names people write for the lab's nodes, :mod:`.node_names`.

Used in: every notebook's Exercises section (``checks.check("06-...", answer)``).
"""

from uclab.workbook.checks.answers import CheckResult, check, true_answer
from uclab.workbook.checks.exercise_files import (
    KINDS,
    Exercise,
    exercises,
    get,
    load,
    normalise,
    parse_file,
)
from uclab.workbook.checks.node_names import NODE_NAMES, node_of

__all__ = ["KINDS", "NODE_NAMES", "CheckResult", "Exercise", "check", "exercises", "get", "load",
           "node_of", "normalise", "parse_file", "true_answer"]
