"""notebooks/REFERENCES.md (issue 10 item 7): every public source the workbook cites, generated
by scripts/make_references.py; the committed page is up to date and names every S-id and RFC
that a notebook source or an exercise file cites."""

import re
from pathlib import Path

import pytest
from repo_scripts import load_script

from uclab.core.errors import ConfigError
from uclab.facts import citations
from uclab.facts.sources import SOURCES

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "notebooks" / "REFERENCES.md"
CITING = sorted((ROOT / "notebooks" / "src").rglob("*.py")) + sorted(
    (ROOT / "uclab" / "workbook" / "exercises").glob("*.toml"))


@pytest.fixture(scope="module")
def script():
    return load_script("scripts/make_references.py")


def test_the_committed_page_is_up_to_date(script, capsys):
    assert script.main(["--check"]) == 0, capsys.readouterr().out


@pytest.mark.parametrize("path", CITING, ids=lambda p: p.name)
def test_every_s_id_and_rfc_a_notebook_or_exercise_cites_is_on_the_page(path):
    text = path.read_text(encoding="utf-8")
    page = PAGE.read_text(encoding="utf-8")
    sids = set(re.findall(r"\bS(\d{1,2})\b", text))
    for n in sids:
        assert f"S{n}" in SOURCES, f"{path.name} cites S{n}, which the fact sheet does not have"
        assert f"- **S{n}** — {SOURCES[f'S{n}']}" in page
    for n in set(re.findall(r"\bRFC ?(\d{3,5})\b", text)):
        assert f"- **RFC {n}** — " in page, f"{path.name} cites RFC {n}"
        assert f"<https://www.rfc-editor.org/rfc/rfc{n}>" in page


def test_every_fact_sheet_source_is_listed_with_its_links():
    page = PAGE.read_text(encoding="utf-8")
    for sid in SOURCES:
        assert f"- **{sid}** — " in page
        for url in citations.LINKS.get(sid, ()):
            assert f"<{url}>" in page


def test_the_page_is_built_from_what_is_cited(script):
    text = citations.references_markdown({"S6": ["notebook 05"], "RFC 7636": ["x"]})
    assert "cited in: notebook 05" in text and "- **RFC 7636** — Proof Key" in text
    assert "RFC 6749" not in text  # only the standards cited are listed
    with pytest.raises(ConfigError):
        citations.references_markdown({"S99": ["notebook 05"]})
    with pytest.raises(ConfigError):
        citations.references_markdown({"RFC 1": ["notebook 05"]})
    found = script.collect()
    assert "notebook 10" in found["RFC 7636"] and "interview bank" in found["S1"]
