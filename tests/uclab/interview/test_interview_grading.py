"""uclab.interview.grade: the matcher and the data agree (each model answer hits all its own
key points), off-topic and empty answers hit none, the matching rules (case, punctuation, word
boundaries), and bad input; hypothesis: grading arbitrary text never raises."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from uclab import interview
from uclab.core.errors import ConfigError
from uclab.interview.matching import contains, normalise

ALL = interview.questions() + interview.scenarios()
OFF_TOPIC = [
    "",
    "   \n\t ",
    "I like cooking pasta with tomatoes and basil on Sunday evenings.",
    "The weather in Lisbon was sunny and warm all week, so we walked along the river.",
    "My favourite football team won the cup final after extra time.",
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
    "I do not know, sorry. Could you repeat the question?",
]


@pytest.mark.parametrize("q", ALL, ids=lambda q: q.id)
def test_each_model_answer_hits_all_its_own_key_points(q):
    g = interview.grade(q, q.model_answer)
    assert g.missed == (), [str(kp) for kp in g.missed]
    assert g.score == f"{len(q.key_points)}/{len(q.key_points)}"


@pytest.mark.parametrize("text", OFF_TOPIC)
def test_an_empty_or_off_topic_answer_hits_no_key_point(text):
    for q in ALL:
        g = interview.grade(q, text)
        assert g.hit == (), (q.id, [str(kp) for kp in g.hit])
        assert len(g.missed) == len(q.key_points)


def test_matching_ignores_case_and_punctuation_but_keeps_word_boundaries():
    assert contains("Press REFRESH-servers!", "Refresh servers")
    assert contains("it asks get_edge_sso first", "get edge sso")
    assert contains("CUCM 11.5(1)SU3 and later", "11.5(1)SU3")
    assert not contains("the tokens expired", "token")
    assert not contains("a prefix", "pre")
    assert not contains("anything", "")
    assert normalise("Ça  va, ÉLAN!") == "ca va elan"


def test_a_grade_lists_hits_and_misses_then_the_model_answer_and_says_it_is_a_self_check():
    q = interview.get("of-roles")
    g = interview.grade(q, "The resource owner is the user; CUCM is the authorization server.")
    assert [kp.label for kp in g.hit] == ["resource owner", "authorization server", "CUCM"]
    assert [kp.label for kp in g.missed] == ["client", "resource server"]
    text = str(g)
    assert text.index("hit") < text.index("missed") < text.index("Model answer:")
    assert q.model_answer in text and interview.SELF_CHECK in text
    assert "self-check, not a judge" in g._repr_html_()
    assert interview.grade("of-roles", "x").question is q


@pytest.mark.parametrize("question, answer, words", [
    ("of-roles", None, "an answer is a str"),
    ("of-roles", 42, "an answer is a str"),
    ("no-such-id", "x", "unknown question id"),
    (3, "x", "takes a Question"),
    (None, "x", "takes a Question"),
])
def test_bad_input_to_grade_is_a_clear_uclab_error(question, answer, words):
    with pytest.raises(ConfigError, match=words):
        interview.grade(question, answer)


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=400), index=st.integers(min_value=0, max_value=len(ALL) - 1))
def test_grading_arbitrary_text_never_raises(text, index):
    g = interview.grade(ALL[index], text)
    assert len(g.hit) + len(g.missed) == len(ALL[index].key_points)
    assert str(g)


@settings(max_examples=60, deadline=None)
@given(words=st.lists(st.sampled_from(["token", "refresh", "CUCM", "keys", ",", "Sync", "(S1)",
                                       "§", "\x00", "é", "||", "\n"]), max_size=40))
def test_grading_is_deterministic_and_monotone_in_the_answer(words):
    """The same text always gets the same grade, and adding text never loses a point."""
    q = interview.get("tk-regen-impact")
    text = " ".join(words)
    first, again = interview.grade(q, text), interview.grade(q, text)
    assert first == again
    longer = interview.grade(q, text + " " + q.model_answer)
    assert set(first.hit) <= set(longer.hit)
