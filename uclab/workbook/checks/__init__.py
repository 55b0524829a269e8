"""Predict-then-run exercises, checked without ``eval``: a learner's answer is data, compared
after normalising it, never executed (STYLE.md lesson 14; Qiskit's checks without ``eval()``).

The exercise files (TOML schema, loading, lookup) are :mod:`.exercise_files`; checking an
answer, and the true answer from a probe, :mod:`.answers`.

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

__all__ = ["KINDS", "CheckResult", "Exercise", "check", "exercises", "get", "load", "normalise",
           "parse_file", "true_answer"]
