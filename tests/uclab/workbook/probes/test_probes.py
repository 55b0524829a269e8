"""uclab.workbook.probes: the registry, one module per notebook, and the probes that try each
candidate fix. (That every answer key equals its probe's answer is tests/uclab/workbook/checks/
test_answers.py.)"""

import pytest

from uclab.core.errors import ConfigError
from uclab.workbook import checks
from uclab.workbook import probes as exercise_probes
from uclab.workbook.probes import nb06_xmpp_sasl_case


def test_every_exercise_of_06_and_07_has_a_registered_probe():
    for ex in checks.exercises("06") + checks.exercises("07"):
        assert ex.probe in exercise_probes.PROBES, ex.id


def test_probe_registry():
    with pytest.raises(ConfigError, match="no exercise probe called 'nope'"):
        exercise_probes.run("nope")
    with pytest.raises(ConfigError, match="already registered"):
        exercise_probes.probe(exercise_probes.PROBES["seed_fix"])


def test_seed_fix_probe_tries_every_candidate():
    choices = checks.get("06-seed-fix").choices
    assert set(choices) == set(exercise_probes.SEED_FIX_CANDIDATES)


def test_every_probe_is_registered_by_its_notebooks_module():
    """Each probe lives in the module of a notebook whose exercise names it."""
    users: dict[str, set[str]] = {}
    for ex in checks.exercises():
        if ex.probe:
            users.setdefault(ex.probe, set()).add(ex.notebook)
    for name, notebooks in users.items():
        module = exercise_probes.PROBES[name].__module__.rsplit(".", 1)[-1]
        assert module[2:4] in notebooks, (name, module, notebooks)
    assert exercise_probes.PROBES["seed_fix"] is nb06_xmpp_sasl_case.seed_fix


def test_every_registered_probe_is_used_by_an_exercise():
    used = {ex.probe for ex in checks.exercises() if ex.probe}
    assert set(exercise_probes.PROBES) == used


def test_the_registry_refuses_a_second_probe_of_the_same_name():
    def seed_fix(seed: int) -> str:
        return "x"

    with pytest.raises(ConfigError, match="'seed_fix' is already registered"):
        exercise_probes.probe(seed_fix)
    assert exercise_probes.PROBES["seed_fix"] is nb06_xmpp_sasl_case.seed_fix
