"""uclab.workbook.checks.answers: answers checked as data (never executed), and every answer
key proven against the lab by its probe."""

import builtins

import pytest

from uclab.core.errors import ConfigError
from uclab.workbook import checks
from uclab.workbook import probes as exercise_probes
from uclab.workbook.checks import CheckResult, check, exercise_files

ALL = checks.exercises()


PROBED = [ex for ex in ALL if ex.probe]


@pytest.mark.parametrize("exercise", PROBED, ids=[ex.id for ex in PROBED])
def test_answer_key_equals_what_the_lab_says(exercise):
    truth = exercise_probes.run(exercise.probe, exercise.seed)
    result = check(exercise.id, truth)
    assert result.ok, f"{exercise.id}: the lab says {truth!r}, the key says {exercise.answer!r}"
    assert result.message == exercise.explanation


def test_seed_answers():
    assert check("06-advertised-mechanisms", ["CISCO-VTG-TOKEN"])
    assert check("06-failing-stage", "xmpp")
    assert check("07-first-refresh-minute", "the use at minute 61")
    assert check("07-access-after-revoke", "yes")
    assert check("07-days-until-sign-in", 60)
    assert check("06-seed-fix", "Restart (reboot) Expressway-C")


def test_normalisation():
    assert check("06-failing-stage", "  XMPP. ")
    assert check("06-advertised-mechanisms", " cisco-vtg-token ")  # comma-separated string
    assert check("06-imp-offers", ["oauthbearer", "PLAIN", "Cisco-VTG-Token", "PLAIN"])
    assert check("06-imp-offers", "OAUTHBEARER, PLAIN,CISCO-VTG-TOKEN")
    assert check("06-seed-fix", "d") and check("06-seed-fix", "restart  (reboot)  expressway-c")
    assert check("07-access-after-revoke", True) and not check("07-access-after-revoke", False)
    assert check("07-days-until-sign-in", "60 days") and check("07-days-until-sign-in", 60.0)
    assert check("07-prt-refresh-failure", "handlerefreshtokenfailure")
    assert check("07-prt-refresh-failure", "CSFUnified::SingleSignOn::Impl::"
                                           "handleRefreshTokenFailure")


def test_wrong_answers_get_a_message_and_the_hint():
    ex = checks.get("06-advertised-mechanisms")
    result = check(ex.id, ["CISCO-VTG-TOKEN", "OAUTHBEARER"])
    assert not result and "1 of your 2 choice(s) is right" in result.message
    assert result.hint == ex.hint_for("OAUTHBEARER") != ex.hint
    missing = check("06-imp-offers", ["PLAIN"])  # nothing wrong picked, two missing
    assert not missing and missing.hint == checks.get("06-imp-offers").hint
    low = check("07-days-until-sign-in", 30)
    assert not low and "too low" in low.message
    assert "too high" in check("07-days-until-sign-in", 90).message
    assert "not among the choices" in check("06-advertised-mechanisms", ["SCRAM-SHA-1"]).message
    assert "not one of the choices" in check("06-failing-stage", "login").message
    assert not check("06-failing-stage", "E")  # the letter of "get_edge_config"


@pytest.mark.parametrize(("exercise_id", "answer", "expected"), [
    ("06-failing-stage", 3, "one of the choices as text"),
    ("06-failing-stage", None, "one of the choices as text"),
    ("06-advertised-mechanisms", {"a": 1}, "a list of the choices"),
    ("06-advertised-mechanisms", [1, 2], "a list of the choices"),
    ("07-days-until-sign-in", "sixty", "a number"),
    ("07-days-until-sign-in", True, "a number"),
    ("07-days-until-sign-in", float("nan"), "a number"),
    ("07-days-until-sign-in", "1e999", "a number"),
    ("07-prt-refresh-failure", 42, "a short text answer"),
])
def test_a_wrong_type_says_what_was_expected(exercise_id, answer, expected):
    result = check(exercise_id, answer)
    assert isinstance(result, CheckResult) and not result.ok
    assert expected in result.message and exercise_id in result.message


def test_unknown_id_is_a_result_not_a_traceback():
    result = check("06-no-such-exercise", "xmpp")
    assert not result and "unknown exercise" in result.message
    assert "06-seed-fix" in result.message  # names the notebook's exercises
    assert not check(None, "x") and not check(["06-seed-fix"], "x")
    with pytest.raises(ConfigError, match="unknown exercise"):
        checks.get("nope")
    with pytest.raises(ConfigError, match="like '06' or 6"):
        checks.exercises("six")


def test_answers_are_never_executed(monkeypatch):
    def forbidden(*args, **kwargs):
        raise AssertionError("a learner answer was executed")

    monkeypatch.setattr(builtins, "eval", forbidden)
    monkeypatch.setattr(builtins, "exec", forbidden)
    payload = "__import__('os').system('echo pwned')"
    for ex in ALL:
        assert not check(ex.id, payload)
        assert not check(ex.id, [payload])


def test_result_reprs_are_readable():
    good = check("06-failing-stage", "xmpp")
    bad = check("06-failing-stage", "discovery")
    assert repr(good).startswith("Correct!") and "Hint" not in repr(good)
    assert repr(bad).startswith("Not yet.") and "\nHint: " in repr(bad)
    assert "<b" in good._repr_html_() and "Hint" in bad._repr_html_()
    assert "&lt;" in check("06-failing-stage", "<script>")._repr_html_()


GOOD = """
[[exercise]]
id = "99-x"
question = "q?"
kind = "choice"
choices = ["a", "b"]
answer = "a"
"""


def test_true_answer_needs_a_probe(monkeypatch):
    monkeypatch.setattr(exercise_files, "_package_exercises",
                        lambda: checks.load([("99.toml", GOOD)]))
    with pytest.raises(ConfigError, match="'99-x' has no probe"):
        checks.true_answer("99-x")
    assert check("99-x", "A") and [ex.id for ex in checks.exercises()] == ["99-x"]


def test_true_answer_runs_the_probe():
    assert checks.true_answer("06-failing-stage") == "xmpp"
