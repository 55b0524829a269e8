"""Every notebook but 10 itself ends with its summary, then a link to its topics' questions in
notebook 10 "Interview preparation" (10-interview-preparation.ipynb). Topic anchors follow one
scheme: ``#topic-<id>`` with the interview bank's topic ids."""

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(p for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")
                   if not p.name.startswith("10-"))
TARGET = "10-interview-preparation.ipynb"
#: the topics of notebook 10 (the interview bank's topic ids)
TOPIC_IDS = {"oauth-fundamentals", "cucm-authz", "tokens-and-keys", "mra", "imp-xmpp", "unity",
             "sip-oauth", "sso-saml", "troubleshooting", "security"}
_LINK = re.compile(r"\]\(([^)#\s]+)(?:#([^)\s]+))?\)")


def test_every_notebook_but_10_is_checked():
    assert [p.name[:2] for p in NOTEBOOKS][:10] == [f"0{i}" for i in range(10)]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_a_notebook_ends_with_its_summary_and_the_link_to_its_questions(path):
    last = nbformat.read(path, as_version=4).cells[-1]
    assert last.cell_type == "markdown"
    assert last.source.startswith("## Summary\n"), last.source[:40]
    links = _LINK.findall(last.source)
    assert (TARGET, "") in links, "no link to notebook 10 itself"
    anchors = [a for target, a in links if target == TARGET and a]
    assert anchors, "no topic of notebook 10 named"
    assert all(a.startswith("topic-") and a[6:] in TOPIC_IDS for a in anchors), anchors
    assert all(target == TARGET for target, _ in links)
