"""uclab/diagnose/rules/parsed.json: the rule and step TOML files parsed once (by
scripts/make_rules.py) so that ``uclab diagnose`` starts without ``tomllib``; the committed file
must say exactly what the TOML says, and a broken or missing one is a ConfigError."""

import json

import pytest
from repo_scripts import load_script

from uclab.core.errors import ConfigError
from uclab.diagnose import ruleset


@pytest.fixture(scope="module")
def script():
    return load_script("scripts/make_rules.py")


def test_the_committed_json_says_what_the_toml_says():
    committed = json.loads(ruleset.PARSED.read_text(encoding="utf-8"))["files"]
    assert committed == ruleset.parse_rule_files()
    assert set(committed) == {p.name for p in ruleset.RULES_FOLDER.glob("*.toml")}


def test_the_script_check_passes_and_catches_a_stale_file(script, monkeypatch, tmp_path, capsys):
    assert script.main(["--check"]) == 0
    stale = tmp_path / "parsed.json"
    stale.write_text(ruleset.PARSED.read_text(encoding="utf-8").replace("CISCO-VTG-TOKEN", "X"))
    monkeypatch.setattr(ruleset, "PARSED", stale)
    monkeypatch.setattr(script, "ROOT", tmp_path)
    assert script.main(["--check"]) == 1
    assert "out of date" in capsys.readouterr().out


def test_every_rule_file_in_json_is_loaded():
    loaded = {name for name in ruleset._rule_files()} | {"steps.toml"}
    assert loaded == {p.name for p in ruleset.RULES_FOLDER.glob("*.toml")}


@pytest.mark.parametrize("text", ["", "{not json", '{"files": 3}', '{"other": {}}'])
def test_a_broken_parsed_file_is_a_config_error(text, monkeypatch, tmp_path):
    broken = tmp_path / "parsed.json"
    broken.write_text(text)
    monkeypatch.setattr(ruleset, "PARSED", broken)
    ruleset._parsed.cache_clear()
    try:
        with pytest.raises(ConfigError, match="parsed.json"):
            ruleset._load("steps.toml")
    finally:
        ruleset._parsed.cache_clear()


def test_a_broken_toml_file_is_a_config_error_naming_it(tmp_path):
    (tmp_path / "bad.toml").write_text("[rule\n")
    with pytest.raises(ConfigError, match="bad.toml"):
        ruleset.parse_rule_files(tmp_path)
