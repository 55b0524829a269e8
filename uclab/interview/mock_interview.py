"""A mock interview: questions drawn by seed across topics, then one hidden-fault scenario.

The draw is deterministic (:class:`random.Random` with the integer seed): topics are shuffled,
each topic's questions are shuffled, and questions are taken one topic at a time in turn, so
``n`` questions cover ``min(n, 10)`` topics. The scenario's fault is drawn from the same
generator; its title stays hidden until the scenario has been answered.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from uclab.core.errors import ConfigError
from uclab.drill.menu import POOL
from uclab.faults import FAULTS, Fault
from uclab.interview.bank import bank
from uclab.interview.fault_scenarios import scenario
from uclab.interview.grading import grade
from uclab.interview.model import LEVELS, TOPICS, Grade, Question

DEFAULT_QUESTIONS = 8


@dataclass
class MockInterview:
    """The drawn questions (the scenario last) and the grades given so far.

    ``answer(i, text)`` grades question ``i`` (0-based) and returns the :class:`Grade`, which
    shows the model answer: ask for it only after writing your answer. A self-check, not a
    judge (:data:`uclab.interview.model.SELF_CHECK`).
    """

    seed: int
    questions: tuple[Question, ...]
    _fault: Fault = field(repr=False)
    grades: dict[int, Grade] = field(default_factory=dict, repr=False)

    @property
    def scenario(self) -> Question:
        return self.questions[-1]

    def _index(self, index: int) -> int:
        if isinstance(index, bool) or not isinstance(index, int):
            raise ConfigError(f"a question number is an int, not {type(index).__name__}")
        if not 0 <= index < len(self.questions):
            raise ConfigError(f"no question {index}: this interview has questions 0.."
                              f"{len(self.questions) - 1}")
        return index

    def ask(self, index: int) -> str:
        """Question ``index`` as the interviewer asks it (no answer shown)."""
        i = self._index(index)
        q = self.questions[i]
        return f"Q{i + 1}/{len(self.questions)} ({q.topic_title}, {q.level}): {q.question}"

    def answer(self, index: int, text: str) -> Grade:
        """Grade the answer to question ``index``; the grade then shows the model answer."""
        result = grade(self.questions[self._index(index)], text)
        self.grades[index] = result
        return result

    def turn(self, index: int, text: str | None = None) -> str:
        """One turn, as a notebook cell prints it: the question, then, only if ``text`` holds
        an answer, its grade and the model answer; with no answer yet, a reminder instead."""
        asked = self.ask(index)
        if text is None or (isinstance(text, str) and not text.strip()):
            return (f"{asked}\n\n(No answer yet: write yours in the cell above and run both "
                    "cells again. The model answer appears only after you have answered.)")
        return f"{asked}\n\n{self.answer(index, text)}"

    @property
    def fault(self) -> Fault | None:
        """The scenario's fault, once the scenario has been answered (None before)."""
        return self._fault if len(self.questions) - 1 in self.grades else None

    def summary(self) -> str:
        """Key points hit per answered question, and the fault once the scenario is answered."""
        lines = [f"Mock interview, seed {self.seed}: {len(self.grades)} of "
                 f"{len(self.questions)} answered"]
        for i, q in enumerate(self.questions):
            g = self.grades.get(i)
            lines.append(f"  Q{i + 1:<2} {q.id:34} {g.score if g else 'not answered'}")
        if self.fault is not None:
            lines.append(f"The hidden fault was: {self.fault.title} ({self.fault.id})")
        return "\n".join(lines)

    def __str__(self) -> str:
        return "\n".join(self.ask(i) for i in range(len(self.questions)))


def mock(seed: int, n: int = DEFAULT_QUESTIONS, level: str | None = None) -> MockInterview:
    """A mock interview of ``n`` bank questions (optionally of one ``level``) drawn by ``seed``
    across topics, plus one hidden-fault scenario from :data:`uclab.faults.FAULTS`."""
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise ConfigError(f"seed must be an int, not {type(seed).__name__} {seed!r}")
    if level is not None and level not in LEVELS:
        raise ConfigError(f"unknown level {level!r}; levels: {', '.join(LEVELS)}")
    pool = [q for q in bank() if level is None or q.level == level]
    if isinstance(n, bool) or not isinstance(n, int):
        raise ConfigError(f"n must be an int, not {type(n).__name__} {n!r}")
    if not 1 <= n <= len(pool):
        raise ConfigError(f"n must be 1..{len(pool)} (the questions to draw from), not {n}")
    rng = random.Random(seed)
    topics = list(TOPICS)
    rng.shuffle(topics)
    queues = []
    for topic in topics:
        mine = [q for q in pool if q.topic == topic]
        rng.shuffle(mine)
        queues.append(mine)
    drawn: list[Question] = []
    while len(drawn) < n:
        for queue in queues:
            if queue and len(drawn) < n:
                drawn.append(queue.pop(0))
    fault = FAULTS[rng.choice(sorted(POOL))]  # the drill's faults: a seed keeps its scenario
    return MockInterview(seed, tuple(drawn) + (scenario(fault.id),), fault)
