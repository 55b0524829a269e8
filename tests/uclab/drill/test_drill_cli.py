"""``uclab drill``: scripted and interactive, exit codes, one-line errors."""

import io

import pytest

from uclab.cli import main
from uclab.drill import console, start


def test_scripted_drill_prints_the_report_outputs_and_the_card(capsys):
    assert main(["drill", "--seed", "3", "--herring", "no", "--do", "test-login",
                 "--do", "diaglog:expc", "--answer", "expc-not-refreshed", "F3"]) == 0
    out = capsys.readouterr().out
    assert "The user says" in out and "--- diaglog expc (15 min, 20 so far) ---" in out
    assert "Report card (seed 3)" in out and "right" in out


@pytest.mark.parametrize("argv, word", [
    (["drill", "--do", "nope"], "unknown action"),
    (["drill", "--do", "diaglog"], "needs a node"),
    (["drill", "--answer", "nope", "F1"], "unknown cause"),
    (["drill", "--answer", "expc-not-refreshed"], "expected 2 arguments"),
    (["drill", "--seed", "x"], "a seed is a whole number"),
    (["drill", "--herring", "nope", "--do", "prt"], "unknown red herring"),
])
def test_bad_input_is_one_line_and_exit_2(capsys, argv, word):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert word in err and len(err.strip().splitlines()) == 1


def test_interactive_session_goes_on_after_an_error_and_ends_with_the_card():
    stdin = io.StringIO("help\nbogus\n\nntp expc\nanswer keys-regen F3\n")
    stdout = io.StringIO()
    card = console.run(3, herring="no", stdin=stdin, stdout=stdout)
    text = stdout.getvalue()
    assert "error: unknown action 'bogus'" in text and "System > Time" in text
    assert card.startswith("Report card (seed 3)") and "keys-regen-expc-stale" in card


def test_interactive_session_without_an_answer_keeps_the_cause_hidden():
    out = io.StringIO()
    card = console.run(3, stdin=io.StringIO("menu\nquit\n"), stdout=out)
    assert "hidden" in card and start(3).report in out.getvalue()
