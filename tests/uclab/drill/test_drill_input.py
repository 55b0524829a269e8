"""Bad input to the drill is a clear uclab error, never another exception (hypothesis)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from uclab import drill
from uclab.core.errors import ConfigError, UclabError

ACTIONS = st.one_of(st.sampled_from(list(drill.TOOLS)), st.text(max_size=12), st.integers(),
                    st.none(), st.lists(st.integers(), max_size=2))
NODES = st.one_of(st.none(), st.sampled_from(["expc", "expe", "cucm-pub", "imp-pub", "cuc-pub",
                                              "imp-central", ""]), st.text(max_size=8),
                  st.integers())
ANSWERS = st.one_of(st.sampled_from(list(drill.FIXES) + ["fix", "3", "expc-not-refreshed"]),
                    st.text(max_size=10), st.integers(), st.none())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 40), moves=st.lists(st.tuples(ACTIONS, NODES), max_size=4),
       cause=ANSWERS, fix=ANSWERS)
def test_any_actions_and_answer_end_in_output_or_a_uclab_error(seed, moves, cause, fix):
    d = drill.start(seed)
    for action, node in moves:
        try:
            step = d.do(action, node)
        except ConfigError as exc:
            assert str(exc)
        else:
            assert isinstance(step.output, str) and step.minutes > 0
    try:
        grade = d.answer(cause, fix)
    except ConfigError as exc:
        assert str(exc)
    else:
        assert isinstance(grade.card, str) and grade.solved == (grade.cause_right and
                                                                grade.login_works)


@pytest.mark.parametrize("call, message", [
    (lambda: drill.start(1.5), "seed"),
    (lambda: drill.start(True), "seed"),
    (lambda: drill.start(1, random_fault="yes"), "random_fault"),
    (lambda: drill.start(1, red_herring="nope"), "red herring"),
    (lambda: drill.start(1, red_herring=3), "red_herring"),
    (lambda: drill.drill_for("nope"), "unknown fault"),
    (lambda: drill.start(1).do("nope"), "unknown action"),
    (lambda: drill.start(1).do("diaglog"), "needs a node"),
    (lambda: drill.start(1).do("diaglog", "cucm-pub"), "unknown node"),
    (lambda: drill.start(1).do("prt", "expc"), "takes no node"),
    (lambda: drill.start(1).answer("nope", "F1"), "unknown cause"),
    (lambda: drill.start(1).answer("expc-not-refreshed", "F99"), "unknown fix"),
])
def test_bad_input_names_what_is_wrong(call, message):
    with pytest.raises(UclabError, match=message):
        call()


def test_an_answered_drill_takes_no_more_actions():
    d = drill.start(2)
    d.answer("expc-not-refreshed", "F3")
    with pytest.raises(ConfigError, match="answered"):
        d.do("prt")
    with pytest.raises(ConfigError, match="answered"):
        d.answer("expc-not-refreshed", "F3")


def test_random_fault_draws_from_the_catalogue():
    d = drill.start(1, random_fault=True)
    d.answer("expc-not-refreshed", "F3")
    assert d.fault.id in drill.session.FAULTS


def test_every_output_is_masked():
    d = drill.drill_for("expc-not-refreshed", 1)
    out = d.do("tcpdump", "expe").output + d.do("prt").output
    assert "eyJ" not in out and "Lab-Passw0rd!" not in out and "<CONCEALED>" in out
