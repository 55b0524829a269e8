"""Hidden-fault scenario questions, built from the faults of :mod:`uclab.faults`: the fault's
symptom is the question; its description (the cause) and its fix are the model answer; the key
points are those of ``topics/faults.toml`` (one ``[[fault]]`` table per fault id, the same
schema as a question's ``key_points``), so the cause and the fix are matched like any answer.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache

from uclab.core.errors import ConfigError
from uclab.facts.entry import SEED
from uclab.facts.sources import cited
from uclab.faults import FAULTS, Fault
from uclab.interview.bank import FAULTS_FILE, bank_texts, key_points
from uclab.interview.model import KeyPoint, Question

#: the id prefix of a scenario question (``fault-<fault id>``)
PREFIX = "fault-"


def parse_points(text: str) -> dict[str, tuple[KeyPoint, ...]]:
    """fault id -> key points, from the text of ``faults.toml``; every fault of
    :data:`uclab.faults.FAULTS` must have an entry, and only those."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{FAULTS_FILE}: not valid TOML ({exc})") from None
    out: dict[str, tuple[KeyPoint, ...]] = {}
    tables = data.get("fault", [])
    if not isinstance(tables, list):
        raise ConfigError(f"{FAULTS_FILE}: 'fault' must be [[fault]] tables")
    for raw in tables:
        if not isinstance(raw, dict) or set(raw) != {"id", "key_points"}:
            raise ConfigError(f"{FAULTS_FILE}: each [[fault]] holds id and key_points only")
        fid = raw["id"]
        if not isinstance(fid, str) or fid not in FAULTS or fid in out:
            raise ConfigError(f"{FAULTS_FILE}: {fid!r} is unknown or repeated; faults: "
                              f"{', '.join(FAULTS)}")
        out[fid] = key_points(raw["key_points"], f"{FAULTS_FILE} {fid}")
    missing = sorted(set(FAULTS) - set(out))
    if missing:
        raise ConfigError(f"{FAULTS_FILE}: no key points for {', '.join(missing)}")
    return out


@lru_cache(maxsize=1)
def _points() -> dict[str, tuple[KeyPoint, ...]]:
    return parse_points(dict(bank_texts())[FAULTS_FILE])


def fault_sources(fault: Fault) -> tuple[str, ...]:
    """The fault's citations in the bank's grammar: its S-ids, and the seed article if it
    names it."""
    found = tuple(dict.fromkeys(cited(fault.source)))
    return ((SEED,) if "seed article" in fault.source else ()) + found


def scenario(fault_id: str) -> Question:
    """The scenario question of one fault (an unknown id names the known ones)."""
    fault = FAULTS.get(fault_id) if isinstance(fault_id, str) else None
    if fault is None:
        raise ConfigError(f"unknown fault {fault_id!r}; known faults: {', '.join(FAULTS)}")
    question = (f"Scenario (a hidden fault): {fault.symptom} What is wrong, how do you "
                "confirm it, and what is the fix?")
    answer = (f"What is wrong ({fault.component}): {fault.description} Fix: {fault.fix} "
              f"(Source: {fault.source}.)")
    return Question(PREFIX + fault.id, "troubleshooting", "senior", question, answer,
                    _points()[fault.id], fault_sources(fault))


def scenarios() -> list[Question]:
    """The scenario question of every fault, in catalogue order."""
    return [scenario(fid) for fid in FAULTS]
