"""The rule data: every rule cites a source that resolves; a published match's patterns are
verbatim in FORMATS.md (or the seed article); categories keep OAuth apart; the report's JSON
validates against the shipped JSON Schema."""

import json
from pathlib import Path

import jsonschema
import pytest

from uclab.diagnose import diagnose, render_json, rules, schema, steps
from uclab.diagnose import sources as src
from uclab.diagnose.ruleset import CATEGORIES_NOT_OAUTH

ROOT = Path(__file__).resolve().parents[3]
SHARED = next((p for p in (ROOT.parent / "shared", Path("/work/shared")) if p.is_dir()), None)


def test_every_rule_cites_a_source_that_resolves():
    for rule in rules():
        keys = src.keys(rule.source)
        assert keys or src.SIMULATOR in rule.source, rule.id
        for key in keys:
            title, _ = src.resolve(key)
            assert title, (rule.id, key)
        if rule.basis == "modelled":
            assert src.SIMULATOR in rule.source, rule.id


def test_the_catalogue_is_covered():
    sigs = {r.sig for r in rules()}
    expected = {f"SIG-{n:02d}" for n in range(1, 54) if n != 49} | {"SIG-18b"}
    assert expected <= sigs, sorted(expected - sigs)


def test_matches_have_patterns_and_hints_none():
    for rule in rules():
        assert (rule.kind == "match") == bool(rule.patterns), rule.id
        assert rule.step in {s.id for s in steps()}


def test_categories_name_what_broke():
    for rule in rules():
        assert rule.category == "oauth" or rule.category in CATEGORIES_NOT_OAUTH, rule.id
        cause = rule.cause.lower()
        if rule.category not in ("oauth", "intrusion-protection"):  # never blames tokens
            assert "token" not in cause or "not the token" in cause or (
                "not a key or token" in cause), rule.id


@pytest.mark.skipif(SHARED is None, reason="shared folder not present")
def test_published_patterns_are_verbatim_in_the_catalogue():
    formats = (SHARED / "real-logs" / "FORMATS.md").read_text(encoding="utf-8")
    seed = (SHARED / "seed" / "000_b163ef8d0ccd633a.txt").read_text(encoding="utf-8")
    samples = "".join(p.read_text(encoding="utf-8")
                      for p in (SHARED / "real-logs" / "samples").glob("*.log"))
    for rule in rules():
        if rule.basis != "published":
            continue
        for pattern in rule.patterns:
            assert pattern in formats or pattern in seed or pattern in samples, (rule.id,
                                                                                  pattern)


def test_the_json_report_validates_against_its_schema(tmp_path):
    log = tmp_path / "jabber.log"
    log.write_text("2021-03-30 14:21:49,631 WARN  [0x0000264c] [vices\\impl\\system\\SingleSi"
                   "gnOn.cpp(1186)] [Single-Sign-On-Logger] [CSFUnified::SingleSignOn::Impl::"
                   "handleRefreshTokenFailure] - Failed to get valid access token from refresh "
                   "token, maybe server issue.\n", encoding="utf-8")
    for report in (diagnose(log), diagnose(text="nothing to see\n")):
        data = json.loads(render_json(report))
        jsonschema.validate(data, schema(), cls=jsonschema.Draft202012Validator)
    assert data["findings"] == [] and data["version"].startswith("1.")
    bad = json.loads(render_json(diagnose(log)))
    bad["findings"][0]["kind"] = "guess"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema(), cls=jsonschema.Draft202012Validator)
