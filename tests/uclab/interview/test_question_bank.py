"""uclab.interview's question bank: its size and coverage, the schema every question keeps, and
that every citation resolves (S-ids of uclab.facts.sources, well-formed RFC and standard refs)."""

import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from uclab import interview
from uclab.core.errors import ConfigError
from uclab.facts import citations
from uclab.facts.sources import SOURCES
from uclab.interview import bank, fault_scenarios

QUESTIONS = interview.questions()
ALL = QUESTIONS + interview.scenarios()
GOOD = '''topic = "mra"
[[question]]
id = "x-1"
level = "junior"
question = "Q?"
model_answer = "Refresh servers fetches the keys for Expressway-C."
key_points = ["Refresh servers", "keys", "Expressway-C"]
sources = ["S6"]
'''


def test_the_bank_has_at_least_80_questions_over_every_topic_and_level():
    assert len(QUESTIONS) >= 80
    assert {q.topic for q in QUESTIONS} == set(interview.TOPICS)
    assert {q.level for q in QUESTIONS} == set(interview.LEVELS)
    per_topic = Counter(q.topic for q in QUESTIONS)
    assert min(per_topic.values()) >= 6, per_topic


def test_ids_are_unique_including_the_scenarios():
    ids = [q.id for q in ALL]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("q", ALL, ids=lambda q: q.id)
def test_each_question_has_3_to_6_key_points_and_non_empty_text(q):
    assert 3 <= len(q.key_points) <= 6
    assert q.question.strip() and q.model_answer.strip() and q.sources
    assert len(set(q.key_points)) == len(q.key_points)
    for kp in q.key_points:
        assert all(phrase.strip() for phrase in kp.accept)


@pytest.mark.parametrize("q", ALL, ids=lambda q: q.id)
def test_every_source_resolves(q):
    for text in q.sources:
        cite = citations.parse(text)
        if cite.kind == "sid":
            assert text in SOURCES
        if cite.kind == "rfc":
            assert re.fullmatch(r"RFC \d{4}( §\d+(\.\d+)*)?", text), text
            assert cite.links[0].startswith("https://www.rfc-editor.org/rfc/rfc")


@pytest.mark.parametrize("q", ALL, ids=lambda q: q.id)
def test_s_ids_named_in_a_model_answer_are_among_its_sources(q):
    """An answer that says "(S12)" cites S12 in its sources too, so nothing is cited loosely."""
    named = set(re.findall(r"\bS\d+\b", q.model_answer)) & set(SOURCES)
    assert named <= set(q.sources), sorted(named - set(q.sources))


def test_every_fault_of_the_catalogue_has_a_scenario():
    from uclab.faults import FAULTS

    assert [q.id for q in interview.scenarios()] == [f"fault-{fid}" for fid in FAULTS]
    assert all(q.topic == "troubleshooting" for q in interview.scenarios())


@pytest.mark.parametrize("citation", ["S99", "S", "RFC 674", "RFC 6749 §", "RFC 6749 4.1",
                                      "RFC 1234", "rfc 6749", "OpenID Connect", "Wikipedia", 6])
def test_a_bad_citation_is_refused(citation):
    with pytest.raises(ConfigError):
        citations.parse(citation)


def test_a_good_file_loads_and_bad_files_name_the_problem():
    (q,) = bank.load([("x.toml", GOOD)])
    assert (q.id, q.topic, q.level, q.sources) == ("x-1", "mra", "junior", ("S6",))
    bad = {
        "unknown topic": GOOD.replace('"mra"', '"voip"', 1),
        "unknown level": GOOD.replace('"junior"', '"guru"'),
        "key points": GOOD.replace('["Refresh servers", "keys", "Expressway-C"]', '["a", "b"]'),
        "unknown source": GOOD.replace('["S6"]', '["S77"]'),
        "missing": GOOD.replace('sources = ["S6"]\n', ""),
        "not valid TOML": GOOD + "[[",
        "empty phrasing": GOOD.replace('"keys"', '"keys | "'),
    }
    for words, text in bad.items():
        with pytest.raises(ConfigError, match=words):
            bank.load([("x.toml", text)])
    with pytest.raises(ConfigError, match="already used"):
        bank.load([("x.toml", GOOD), ("y.toml", GOOD)])


def test_the_scenario_points_file_must_cover_exactly_the_faults():
    text = dict(bank.bank_texts())[bank.FAULTS_FILE]
    assert set(fault_scenarios.parse_points(text)) == {q.id[6:] for q in interview.scenarios()}
    with pytest.raises(ConfigError, match="no key points"):
        fault_scenarios.parse_points(text.split("[[fault]]", 2)[0] + "[[fault]]" +
                               text.split("[[fault]]", 2)[1])
    with pytest.raises(ConfigError, match="unknown or repeated"):
        fault_scenarios.parse_points(
            text + '\n[[fault]]\nid = "nope"\nkey_points = ["a","b","c"]\n')


_VALUES = {"str": '"x"', "topic": '"mra"', "level": '"junior"', "int": "3", "list": '["a"]',
           "points": '["a | b", "c", "d"]', "empty": "[]", "table": "{ a = 1 }",
           "source": '["S6"]', "bad source": '["RFC 1"]'}
_KEYS = ["topic", "id", "level", "question", "model_answer", "key_points", "sources", "other"]


@settings(max_examples=120, deadline=None)
@given(top=st.sampled_from(list(_VALUES)),
       fields=st.dictionaries(st.sampled_from(_KEYS[1:]), st.sampled_from(list(_VALUES)),
                              max_size=8),
       tail=st.text(max_size=20))
def test_loading_any_topic_file_raises_nothing_but_a_uclab_error(top, fields, tail):
    body = "".join(f"{k} = {_VALUES[v]}\n" for k, v in fields.items())
    for text in (f"topic = {_VALUES[top]}\n[[question]]\n{body}",
                 f"topic = {_VALUES[top]}\nquestion = {_VALUES[top]}\n", body + tail):
        try:
            bank.load([("x.toml", text)])
        except ConfigError:
            pass
        try:
            fault_scenarios.parse_points(text.replace("[[question]]", "[[fault]]"))
        except ConfigError:
            pass
