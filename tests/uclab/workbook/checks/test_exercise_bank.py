"""The whole exercise bank, one case per exercise: the key passes in every form a learner may
write it (text, letter, node alias, letters list), each listed wrong answer fails with its own
hint, the format each notebook cell suggests is understood, and every exercise has its cell."""

import ast
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from uclab.workbook import checks
from uclab.workbook.checks import check
from uclab.workbook.checks.exercise_files import LETTERS
from uclab.workbook.checks.node_names import NODE_NAMES, names_of, node_of, nodes_named

ROOT = Path(__file__).resolve().parents[4]
SRC = ROOT / "notebooks" / "src"
SOURCES = sorted(SRC.rglob("*.py"))  # a notebook in parts is a folder NN-topic/ of .py files
ALL = checks.exercises()
IDS = [ex.id for ex in ALL]
_CHECK_CALL = re.compile(r"""checks\.check\(\s*["']([^"']+)["']""")


def _answers(ex):
    return [ex.answer] if isinstance(ex.answer, str) else list(ex.answer)


@pytest.mark.parametrize("ex", ALL, ids=IDS)
def test_the_key_passes(ex):
    assert check(ex.id, list(ex.answer) if ex.kind == "multi" else ex.answer).ok


@pytest.mark.parametrize("ex", [e for e in ALL if e.kind in ("choice", "multi")],
                         ids=[e.id for e in ALL if e.kind in ("choice", "multi")])
def test_every_wrong_choice_fails_with_its_own_hint(ex):
    rights = {checks.normalise(a) for a in _answers(ex)}
    wrongs = [c for c in ex.choices if checks.normalise(c) not in rights]
    own = {ex.hint_for(c) for c in wrongs}
    for choice in wrongs:
        hint = ex.hint_for(choice)
        assert hint, f"{ex.id}: no hint of its own for the wrong choice {choice!r}"
        answer = choice if ex.kind == "choice" else [*_answers(ex), choice]
        result = check(ex.id, answer)
        assert not result.ok and result.understood
        assert hint in result.hint and result.hint != ex.hint
    assert len(own) == len(wrongs), f"{ex.id}: two wrong choices share one hint"


@pytest.mark.parametrize("ex", [e for e in ALL if e.kind in ("number", "text") and e.wrong],
                         ids=[e.id for e in ALL if e.kind in ("number", "text") and e.wrong])
def test_listed_wrong_numbers_and_texts_fail_with_their_own_hint(ex):
    for wrong, hint in ex.wrong:
        result = check(ex.id, wrong)
        assert not result.ok and result.understood and result.hint == hint != ex.hint


@pytest.mark.parametrize("ex", [e for e in ALL if e.kind in ("choice", "multi")],
                         ids=[e.id for e in ALL if e.kind in ("choice", "multi")])
def test_letters_and_letter_lists_pass(ex):
    letters = [LETTERS[[checks.normalise(c) for c in ex.choices].index(checks.normalise(a))]
               for a in _answers(ex)]
    if ex.kind == "choice":
        forms = [letters[0], letters[0].lower(), f"({letters[0].lower()})", f"{letters[0]})"]
    else:
        low = [x.lower() for x in letters]
        forms = [letters, low, ", ".join(low), " and ".join(letters), " ".join(low),
                 f"[{', '.join(low)}]", str(letters), ", ".join(reversed(_answers(ex)))]
    for form in forms:
        assert check(ex.id, form).ok, (ex.id, form)


def _node_exercises():
    found = []
    for ex in ALL:
        if ex.kind in ("choice", "multi"):
            for answer in _answers(ex):
                if (node := node_of(answer)) is not None:
                    found.append((ex, answer, node))
        elif ex.kind == "text" and (node := node_of(str(ex.answer))) is not None:
            found.append((ex, ex.answer, node))
    return found


NODE_CASES = _node_exercises()


@pytest.mark.parametrize(("ex", "answer", "node"), NODE_CASES,
                         ids=[f"{ex.id}:{node}" for ex, _, node in NODE_CASES])
def test_every_name_of_the_right_node_passes(ex, answer, node):
    for name in names_of(node):
        if ex.kind == "multi":
            given_ = [name if a == answer else a for a in _answers(ex)]
        else:
            given_ = name
        assert check(ex.id, given_).ok, (ex.id, given_)


def test_the_aliases_the_issue_lists():
    for name, node in [("cucm-pub", "cucm-pub"), ("CUCM publisher", "cucm-pub"),
                       ("expc", "expc"), ("Exp-C", "expc"), ("Expressway C", "expc"),
                       ("expe", "expe"), ("IM&P", "imp-pub"), ("IMP", "imp-pub"),
                       ("IM and Presence", "imp-pub"), ("CUC", "cuc-pub"),
                       ("Unity Connection", "cuc-pub"), ("https://cuc-pub.example.com:443/",
                                                          "cuc-pub")]:
        assert node_of(name) == node, name
    assert check("05-proxied-host", "Unity Connection")
    assert check("05-oauthcb-server", "expe") and check("05-token-validator", "Exp-C")
    assert check("01-token-issuer", "CUCM")  # one CUCM among the choices: the publisher
    assert node_of("CUCM") is None and nodes_named("CUCM") == {"cucm-pub", "cucm-sub1"}
    assert not check("05-proxied-host", "IM&P") and not check("05-token-validator", "expe")


def test_the_alias_table_names_the_lab_s_hosts():
    import uclab

    lab = uclab.Lab(seed=1)
    hosts = {lab.cucm.publisher.host: "cucm-pub", lab.cucm.subscribers[0].host: "cucm-sub1",
             lab.expc.host: "expc", lab.edge.host: "expe", lab.imp.host: "imp-pub",
             lab.unity.host: "cuc-pub", lab.idp.host: "idp",
             lab.public_dns.host: "public-dns", lab.client.host: "jabber-alice"}
    for host, node in hosts.items():
        assert node_of(host) == node and node_of(host.split(".")[0]) == node, host
    assert set(hosts.values()) == set(NODE_NAMES)
    for node, names in NODE_NAMES.items():
        for name in names:
            assert node_of(name) == node, (name, node)


def test_every_exercise_has_exactly_one_cell_and_every_cell_a_known_exercise():
    asked: dict[str, list[str]] = {}
    for src in SOURCES:
        for ex_id in _CHECK_CALL.findall(src.read_text(encoding="utf-8")):
            asked.setdefault(ex_id, []).append(src.relative_to(SRC).parts[0])
    missing = [i for i in IDS if i not in asked]
    assert not missing, f"exercises no notebook cell asks: {missing}"
    assert set(asked) <= set(IDS), set(asked) - set(IDS)
    twice = {k: v for k, v in asked.items() if len(v) > 1}
    assert not twice, twice
    for ex_id, (name,) in asked.items():
        assert name.startswith(ex_id[:2]), (ex_id, name)


_SUGGESTION = re.compile(r"^answer = None\s*#\s*your prediction[^,:]*[,:]?\s*(.*)$", re.M)


def _suggestions():
    """(exercise id, suggested answer) from each ``answer = None  # ..., e.g. X`` cell and
    the check cell that follows it."""
    found = []
    for src in SOURCES:
        text = src.read_text(encoding="utf-8")
        for m in _SUGGESTION.finditer(text):
            after = _CHECK_CALL.search(text, m.end())
            tail = m[1].split("e.g.", 1)[-1]
            for piece in re.split(r"\s+or\s+", tail):
                try:
                    value = ast.literal_eval(piece.strip().rstrip(","))
                except (ValueError, SyntaxError):
                    continue
                found.append((after[1], value))
    return found


SUGGESTED = _suggestions()


@pytest.mark.parametrize(("ex_id", "value"), SUGGESTED,
                         ids=[f"{i}:{v!r}" for i, v in SUGGESTED])
def test_the_format_each_cell_suggests_is_understood(ex_id, value):
    result = check(ex_id, value)
    assert result.understood, (ex_id, value, result.message)


def test_every_answer_cell_suggests_a_format():
    asked = {i for i, _ in SUGGESTED}
    assert asked == set(IDS), set(IDS) - asked


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(IDS),
       st.one_of(st.text(max_size=80), st.lists(st.text(max_size=20), max_size=5),
                 st.integers(), st.floats(allow_nan=True), st.none(), st.booleans()))
def test_any_answer_gives_a_verdict_never_a_traceback(ex_id, answer):
    result = check(ex_id, answer)
    assert isinstance(result.ok, bool) and isinstance(result.message, str)
    if not result.understood:
        assert not result.ok and result.message
