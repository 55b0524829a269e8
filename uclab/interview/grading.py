"""Grading one answer against a question's key points (:mod:`uclab.interview.matching`): which
points it hit and which it missed, then the model answer. A self-check, not a judge."""

from __future__ import annotations

from uclab.core.errors import ConfigError
from uclab.interview.lookup import get
from uclab.interview.matching import normalise
from uclab.interview.model import Grade, Question

#: answers longer than this are graded on their first this-many characters
MAX_ANSWER = 20_000


def grade(question: Question | str, answer_text: str) -> Grade:
    """Which key points of ``question`` the answer makes (deterministic, case- and
    punctuation-insensitive, whole words), and the model answer. ``question`` is a
    :class:`Question` or its id. Any text can be graded; an unknown id, another type of
    question or an answer that is not a ``str`` is a :class:`~uclab.core.errors.ConfigError`."""
    if isinstance(question, str):
        question = get(question)
    if not isinstance(question, Question):
        raise ConfigError(f"grade() takes a Question (from uclab.interview.questions() or "
                          f"get()), not {type(question).__name__}")
    if not isinstance(answer_text, str):
        raise ConfigError(f"an answer is a str, not {type(answer_text).__name__}")
    text = normalise(answer_text[:MAX_ANSWER])
    hit = tuple(kp for kp in question.key_points if kp.hit_by(text))
    missed = tuple(kp for kp in question.key_points if kp not in hit)
    return Grade(question, answer_text, hit, missed)
