"""README.md: the fault catalogue is the registry's, and the two commands are the ones CI runs."""

from pathlib import Path

from uclab.cli import fault_table, main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_fault_catalogue_is_generated_from_the_registry():
    block = README.split("<!-- faults:start -->\n", 1)[1].split("\n<!-- faults:end -->", 1)[0]
    assert block == fault_table()


def test_ci_runs_the_readme_test_command():
    assert "python3 dev.py test" in README
    assert "exec python3 dev.py test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_cli_usage_and_login(capsys):
    assert main(["nonsense"]) == 2
    assert main(["login"]) == 0
    assert "OK at xmpp" in capsys.readouterr().out
