"""Finding questions: by topic and level (:func:`questions`) or by id (:func:`get`, which also
knows the hidden-fault scenario ids ``fault-<fault id>``); and which uncertainty marks a model
answer carries (:func:`hedges`)."""

from __future__ import annotations

from uclab.core.errors import ConfigError
from uclab.interview.bank import bank
from uclab.interview.fault_scenarios import PREFIX, scenario
from uclab.interview.matching import contains, normalise
from uclab.interview.model import LEVELS, TOPICS, Question


def topic_id(topic: str) -> str:
    """A topic id from its id or its title, any case (``"MRA"``, ``"im&p and xmpp"``)."""
    if not isinstance(topic, str):
        raise ConfigError(f"a topic is a str, not {type(topic).__name__}")
    for key, title in TOPICS.items():
        if normalise(topic) in (normalise(key), normalise(title)):
            return key
    raise ConfigError(f"unknown topic {topic!r}; topics: {', '.join(TOPICS)}")


def questions(topic: str | None = None, level: str | None = None) -> list[Question]:
    """The bank's questions, optionally of one topic (id or title) and one level
    (``junior``, ``senior``, ``architect``), in topic order. Scenario questions built from
    faults are not in the bank: see :func:`uclab.interview.fault_scenarios.scenarios`."""
    wanted = None if topic is None else topic_id(topic)
    if level is not None:
        if not isinstance(level, str):
            raise ConfigError(f"a level is a str, not {type(level).__name__}")
        if level.strip().lower() not in LEVELS:
            raise ConfigError(f"unknown level {level!r}; levels: {', '.join(LEVELS)}")
        level = level.strip().lower()
    return [q for q in bank() if (wanted is None or q.topic == wanted)
            and (level is None or q.level == level)]


def get(question_id: str) -> Question:
    """The question with this id: a bank question, or a scenario ``fault-<fault id>``."""
    if not isinstance(question_id, str):
        raise ConfigError(f"a question id is a str, not {type(question_id).__name__}")
    for q in bank():
        if q.id == question_id:
            return q
    if question_id.startswith(PREFIX):
        return scenario(question_id[len(PREFIX):])
    raise ConfigError(f"unknown question id {question_id!r} (uclab.interview.questions() lists "
                      "them)")


#: the phrases a model answer uses to mark a fact as uncertain, release- or source-dependent,
#: or not Cisco-documented (the fact sheet's [U] items and disagreements)
HEDGES: tuple[str, ...] = (
    "not documented", "not confirmed", "not found", "not known", "not described",
    "inference", "field observation", "third-party code", "third-party mirror", "is third-party",
    "sources differ", "differ by", "differs by", "disagree", "depends on the release", "is likely",
)


def hedges(question: Question) -> list[str]:
    """The :data:`HEDGES` phrases ``question``'s model answer uses (whole words, any case)."""
    if not isinstance(question, Question):
        raise ConfigError(f"hedges() takes a Question, not {type(question).__name__}")
    return [h for h in HEDGES if contains(question.model_answer, h)]
