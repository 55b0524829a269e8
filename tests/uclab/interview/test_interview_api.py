"""uclab.interview's public API: questions() filters, get(), mock() (deterministic per seed,
different across seeds, spread over topics, ending in a hidden-fault scenario), and bad input."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from uclab import interview
from uclab.core.errors import ConfigError, UclabError
from uclab.faults import FAULTS


def test_questions_filter_by_topic_id_or_title_and_by_level():
    assert len(interview.questions()) == sum(len(interview.questions(t))
                                             for t in interview.TOPICS)
    mra = interview.questions("mra")
    assert mra and all(q.topic == "mra" for q in mra)
    assert interview.questions("IM&P and XMPP") == interview.questions("imp-xmpp")
    seniors = interview.questions(level="senior")
    assert seniors and all(q.level == "senior" for q in seniors)
    both = interview.questions("security", "architect")
    assert both and all((q.topic, q.level) == ("security", "architect") for q in both)


@pytest.mark.parametrize("kwargs, words", [
    ({"topic": "voip"}, "unknown topic"),
    ({"topic": 7}, "a topic is a str"),
    ({"level": "guru"}, "unknown level"),
    ({"level": 2}, "a level is a str"),
])
def test_bad_filters_are_clear_uclab_errors(kwargs, words):
    with pytest.raises(ConfigError, match=words):
        interview.questions(**kwargs)


def test_get_finds_bank_and_scenario_questions():
    assert interview.get("of-pkce").topic == "oauth-fundamentals"
    q = interview.get("fault-imp-stale-keys")
    assert q.question.startswith("Scenario") and FAULTS["imp-stale-keys"].symptom in q.question
    assert FAULTS["imp-stale-keys"].fix in q.model_answer
    with pytest.raises(ConfigError, match="unknown fault"):
        interview.get("fault-nope")


def test_mock_is_deterministic_per_seed_and_differs_across_seeds():
    a, b = interview.mock(7), interview.mock(7)
    assert [q.id for q in a.questions] == [q.id for q in b.questions]
    draws = {tuple(q.id for q in interview.mock(s).questions) for s in range(6)}
    assert len(draws) == 6


def test_mock_spreads_over_topics_and_ends_with_a_hidden_fault_scenario():
    m = interview.mock(3, n=10)
    assert len(m.questions) == 11
    assert len({q.topic for q in m.questions[:10]}) == 10
    assert m.scenario.id.startswith("fault-") and m.scenario is m.questions[-1]
    assert m.fault is None  # hidden until the scenario is answered
    fault_title = FAULTS[m.scenario.id[len("fault-"):]].title
    assert fault_title not in str(m) and fault_title not in repr(m)
    assert "not answered" in m.summary()
    g = m.answer(10, "no idea")
    assert g.question is m.scenario and m.fault.title == fault_title
    assert fault_title in m.summary()


def test_mock_answers_are_graded_and_recorded():
    m = interview.mock(1, n=2)
    q = m.questions[0]
    assert m.ask(0).startswith("Q1/3") and q.question in m.ask(0)
    g = m.answer(0, q.model_answer)
    assert not g.missed and m.grades[0] is g
    assert f"{len(q.key_points)}/{len(q.key_points)}" in m.summary()


def test_mock_of_one_level():
    m = interview.mock(5, n=4, level="architect")
    assert all(q.level == "architect" for q in m.questions[:-1])


@pytest.mark.parametrize("args, kwargs, words", [
    (("1",), {}, "seed must be an int"),
    ((1.5,), {}, "seed must be an int"),
    ((True,), {}, "seed must be an int"),
    ((None,), {}, "seed must be an int"),
    ((1,), {"n": 0}, "n must be 1.."),
    ((1,), {"n": 10_000}, "n must be 1.."),
    ((1,), {"n": "3"}, "n must be an int"),
    ((1,), {"level": "guru"}, "unknown level"),
])
def test_bad_mock_input_is_a_clear_uclab_error(args, kwargs, words):
    with pytest.raises(ConfigError, match=words):
        interview.mock(*args, **kwargs)


@pytest.mark.parametrize("index", [-1, 99, "0", 1.0, True])
def test_a_bad_question_number_is_a_clear_uclab_error(index):
    with pytest.raises(ConfigError):
        interview.mock(1, n=2).answer(index, "x")


@settings(max_examples=40, deadline=None)
@given(seed=st.one_of(st.integers(), st.text(max_size=5), st.floats(), st.none(), st.booleans()),
       n=st.one_of(st.integers(min_value=-5, max_value=200), st.text(max_size=3)))
def test_mock_never_raises_anything_but_a_uclab_error(seed, n):
    try:
        m = interview.mock(seed, n=n)
    except UclabError:
        return
    assert isinstance(seed, int) and len(m.questions) == n + 1


def test_a_turn_hides_the_model_answer_until_there_is_an_answer():
    m = interview.mock(2, n=1)
    q = m.questions[0]
    for empty in (None, "", "  \n"):
        shown = m.turn(0, empty)
        assert q.question in shown and q.model_answer not in shown and "No answer yet" in shown
    assert m.grades == {}
    shown = m.turn(0, "my answer")
    assert q.model_answer in shown and 0 in m.grades
    with pytest.raises(ConfigError, match="an answer is a str"):
        m.turn(0, 5)


def test_hedges_name_the_uncertainty_marks_of_a_model_answer():
    assert "sources differ" in interview.hedges(interview.get("tk-regen-impact"))
    assert "field observation" in interview.hedges(interview.get("imp-sasl-mechs"))
    assert interview.hedges(interview.get("cuc-errors")) == []
    with pytest.raises(ConfigError, match="takes a Question"):
        interview.hedges("tk-regen-impact")


@pytest.mark.parametrize("qid", ["authz-timers", "tk-regen-impact", "imp-sasl-mechs",
                                 "authz-where-runs", "tk-access-format", "authz-webex-cucm15",
                                 "tk-key-rotation", "sso-entra-role", "imp-centralized"])
def test_answers_built_on_uncertain_facts_say_so(qid):
    """The fact sheet marks these facts [U] or conflicting: the model answer must say it."""
    q = interview.get(qid)
    assert interview.hedges(q) or "not on the project's fact sheet" in q.model_answer, qid
