"""Loading the question bank: one TOML file per topic in ``uclab/interview/topics/`` (package
data, read with :mod:`tomllib`), checked against its schema when loaded.

Schema of a topic file::

    topic = "oauth-fundamentals"        # a key of uclab.interview.model.TOPICS

    [[question]]
    id = "of-roles"                     # unique in the bank
    level = "junior"                    # junior | senior | architect
    question = "Name the four OAuth roles ..."
    model_answer = \"\"\"...\"\"\"
    key_points = ["resource owner", "client | application", ...]   # 3 to 6; "|" separates
                                        # the phrasings that count for one point
    sources = ["RFC 6749 §1.1", "S1"]   # uclab.facts.citations grammar; at least one

``faults.toml`` is not a topic: it holds the key points of the hidden-fault scenarios
(:mod:`uclab.interview.fault_scenarios`).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from typing import Any

from uclab.core.errors import ConfigError
from uclab.facts import citations
from uclab.interview.model import LEVELS, TOPICS, KeyPoint, Question

_KEYS = {"id", "level", "question", "model_answer", "key_points", "sources"}
MIN_POINTS, MAX_POINTS = 3, 6
FAULTS_FILE = "faults.toml"


def key_points(raw: Any, where: str) -> tuple[KeyPoint, ...]:
    """Key points from their TOML form (a list of ``"a | b"`` strings), 3 to 6 of them."""
    if not isinstance(raw, list) or not all(isinstance(p, str) for p in raw):
        raise ConfigError(f"{where}: key_points must be a list of strings")
    if not MIN_POINTS <= len(raw) <= MAX_POINTS:
        raise ConfigError(f"{where}: {len(raw)} key points; a question has "
                          f"{MIN_POINTS} to {MAX_POINTS}")
    points = []
    for text in raw:
        accept = tuple(p.strip() for p in text.split("|"))
        if not all(accept):
            raise ConfigError(f"{where}: empty phrasing in key point {text!r}")
        points.append(KeyPoint(accept))
    return tuple(points)


def sources(raw: Any, where: str) -> tuple[str, ...]:
    """A question's citations, each checked by :func:`uclab.facts.citations.parse`."""
    if not isinstance(raw, list) or not raw or not all(isinstance(s, str) for s in raw):
        raise ConfigError(f"{where}: sources must be a non-empty list of strings")
    for text in raw:
        try:
            citations.parse(text)
        except ConfigError as exc:
            raise ConfigError(f"{where}: {exc}") from None
    return tuple(raw)


def _question(raw: Any, topic: str, where: str) -> Question:
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: a [[question]] must be a table")
    where = f"{where} {raw.get('id', '?')}"
    if set(raw) != _KEYS:
        missing, extra = sorted(_KEYS - set(raw)), sorted(set(raw) - _KEYS)
        raise ConfigError(f"{where}: missing {missing}, unknown {extra}")
    for key in ("id", "level", "question", "model_answer"):
        if not isinstance(raw[key], str) or not raw[key].strip():
            raise ConfigError(f"{where}: {key} must be a non-empty string")
    if raw["level"] not in LEVELS:
        raise ConfigError(f"{where}: unknown level {raw['level']!r}; levels: {', '.join(LEVELS)}")
    return Question(raw["id"], topic, raw["level"], raw["question"].strip(),
                    raw["model_answer"].strip(), key_points(raw["key_points"], where),
                    sources(raw["sources"], where))


def parse_file(name: str, text: str) -> list[Question]:
    """The questions of one topic file."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{name}: not valid TOML ({exc})") from None
    topic = data.get("topic")
    if not isinstance(topic, str) or topic not in TOPICS:
        raise ConfigError(f"{name}: unknown topic {topic!r}; topics: {', '.join(TOPICS)}")
    if set(data) != {"topic", "question"} or not isinstance(data["question"], list):
        raise ConfigError(f"{name}: a topic file holds 'topic' and [[question]] tables only")
    return [_question(q, topic, name) for q in data["question"]]


def load(files: Iterable[tuple[str, str]]) -> tuple[Question, ...]:
    """All questions of (name, text) topic files, ids unique across them."""
    seen: dict[str, str] = {}
    out: list[Question] = []
    for name, text in files:
        for q in parse_file(name, text):
            if q.id in seen:
                raise ConfigError(f"{name}: question id {q.id!r} already used in {seen[q.id]}")
            seen[q.id] = name
            out.append(q)
    return tuple(out)


def bank_texts() -> list[tuple[str, str]]:
    """(name, text) of every packaged file of the bank, sorted by name."""
    folder = resources.files("uclab.interview.topics")
    return sorted((f.name, f.read_text(encoding="utf-8")) for f in folder.iterdir()
                  if f.name.endswith(".toml"))


@lru_cache(maxsize=1)
def bank() -> tuple[Question, ...]:
    """Every question of the packaged bank, in topic order (:data:`TOPICS`), then file order."""
    loaded = load((n, t) for n, t in bank_texts() if n != FAULTS_FILE)
    order = list(TOPICS)
    return tuple(sorted(loaded, key=lambda q: order.index(q.topic)))
