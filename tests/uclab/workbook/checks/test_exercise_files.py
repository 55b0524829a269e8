"""uclab.workbook.checks.exercise_files: the exercise files, loaded from TOML and validated
against their schema, and looked up by id or notebook."""

from importlib import resources

import pytest

from uclab.core.errors import ConfigError
from uclab.workbook import checks

ALL = checks.exercises()


def test_the_exercise_files_are_package_data():
    folder = resources.files("uclab.workbook") / "exercises"
    names = {p.name for p in folder.iterdir()}
    assert {"06.toml", "07.toml"} <= names
    assert {ex.notebook for ex in ALL} >= {"06", "07"}


def test_notebooks_06_and_07_have_their_examples():
    ids = {ex.id for ex in ALL}
    assert {"06-advertised-mechanisms", "06-failing-stage", "06-seed-fix",
            "07-first-refresh-minute", "07-access-after-revoke", "07-days-until-sign-in"} <= ids
    assert checks.exercises("6") == checks.exercises("06") == checks.exercises(6)
    assert all(ex.notebook == "07" for ex in checks.exercises("07"))
    assert checks.exercises("99") == []  # a notebook without exercises (11 has some now)
    assert {ex.kind for ex in ALL} == set(checks.KINDS)


def test_exercise_reprs_are_readable():
    ex = checks.get("06-seed-fix")
    assert "D. Restart (reboot) Expressway-C" in str(ex)
    assert "<ol type='A'>" in ex._repr_html_()


GOOD = """
[[exercise]]
id = "99-x"
question = "q?"
kind = "choice"
choices = ["a", "b"]
answer = "a"
"""


@pytest.mark.parametrize(("text", "expected"), [
    ("[[exercise]\nid=", "not valid TOML"),
    (GOOD.replace('answer = "a"', 'answer = "c"'), "not among the choices"),
    (GOOD.replace('kind = "choice"', 'kind = "essay"'), "is not one of choice"),
    (GOOD.replace('id = "99-x"', 'id = "98-x"'), "must be a string starting with '99-'"),
    (GOOD + 'answers = "a"\n', "unknown key(s) ['answers']"),
    (GOOD.replace('question = "q?"\n', ""), "missing key(s) ['question']"),
    (GOOD + "tolerance = 1\n", "'tolerance' applies to number exercises only"),
    (GOOD.replace('choices = ["a", "b"]', 'choices = ["a", "A"]'), "distinct 'choices'"),
    (GOOD.replace('kind = "choice"\nchoices = ["a", "b"]\nanswer = "a"',
                  'kind = "number"\nanswer = "sixty"'), "is a number"),
    (GOOD + 'probe = "not a name"\n', "'probe' must name a function"),
    ('title = "t"\nexercises = []\n', "unknown top-level key(s) ['exercises']"),
    (GOOD + '[exercise.wrong]\n"c" = "no such choice"\n', "'c' is not among the choices"),
    (GOOD + '[exercise.wrong]\n"a" = "the key"\n', "'a' is the answer"),
    (GOOD + '[exercise.wrong]\n"b" = ""\n', "a table of wrong answer"),
    (GOOD + 'wrong = ["b"]\n', "a table of wrong answer"),
    (GOOD.replace('kind = "choice"\nchoices = ["a", "b"]\nanswer = "a"',
                  'kind = "number"\nanswer = 60') + '[exercise.wrong]\n"sixty" = "h"\n',
     "is not a number"),
    (GOOD.replace('kind = "choice"\nchoices = ["a", "b"]\nanswer = "a"',
                  'kind = "number"\nanswer = 60') + '[exercise.wrong]\n"60" = "h"\n',
     "'60' is the answer"),
    (GOOD + 'reveals = "x"\n', "'reveals' must be a list"),
])
def test_malformed_exercise_files_are_refused_with_the_reason(text, expected):
    with pytest.raises(ConfigError) as err:
        checks.parse_file(text, "99.toml")
    assert expected in str(err.value) and "99.toml" in str(err.value)


def test_duplicate_ids_are_refused():
    with pytest.raises(ConfigError, match="used twice"):
        checks.load([("99.toml", GOOD), ("99b.toml", 'notebook = "99"\n' + GOOD)])


def test_a_wrong_answer_has_its_own_hint():
    ex = checks.load([("99.toml", GOOD + 'hint = "general"\n[exercise.wrong]\n"B" = "own"\n')])
    assert ex["99-x"].hint_for("b") == "own" and ex["99-x"].hint_for("a") == ""


def test_a_new_notebook_file_loads():
    loaded = checks.load([("99.toml", GOOD)])
    assert loaded["99-x"].notebook == "99" and loaded["99-x"].choices == ("a", "b")
