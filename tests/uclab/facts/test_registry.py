"""uclab.facts as one registry: every entry named, sourced, labelled and findable (issue 8, item 3).

``main_facts_listing.txt`` is ``python -m uclab facts`` on main before the registry: the cite()
of those 39 facts must not change (notebooks print it).
"""

import ast
import copy
import json
import os
import pickle
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from uclab import facts
from uclab.core.errors import ConfigError
from uclab.facts import registry
from uclab.facts.entry import EVIDENCE, KINDS, LAB_SOURCES, SEED, Fact, Number
from uclab.facts.sources import LOG_SOURCES, SOURCES, cited, cited_logs

HERE = Path(__file__).parent
BEFORE = (HERE / "main_facts_listing.txt").read_text(encoding="utf-8").splitlines()
ENTRIES = facts.entries()


# --- every entry --------------------------------------------------------------------------------
def test_names_are_unique_and_reexported():
    names = [e.name for e in ENTRIES]
    assert len(names) == len(set(names)) and len(names) > 300
    for e in ENTRIES:
        assert getattr(facts, e.name) is e, e.name


def test_every_entry_has_product_evidence_kind_and_source():
    for e in ENTRIES:
        assert e.product in facts.PRODUCTS, e.name
        assert e.evidence in EVIDENCE, e.name
        assert e.kind in KINDS, e.name
        assert isinstance(e.source, str) and e.source.strip(), e.name


def test_every_product_has_entries():
    assert {e.product for e in ENTRIES} == set(facts.PRODUCTS)


#: Sources that are none of: an S-id, a FORMATS.md source key, an RFC, the seed article, a
#: labelled lab choice.
NAMED_ELSEWHERE = {"CUCM role name", "CUC role name", "not found"}


def test_every_source_is_an_s_id_an_rfc_the_seed_or_a_lab_choice():
    for e in ENTRIES:
        s = e.source
        known = cited(s) or cited_logs(s) or "RFC " in s or SEED in s or "seed" in s or \
            "FORMATS.md" in s or any(w in s for w in LAB_SOURCES)
        assert known or s in NAMED_ELSEWHERE, (e.name, s)
        if s in NAMED_ELSEWHERE:
            assert not e.confirmed and e.note, e.name


def test_every_cited_s_id_is_in_the_fact_sheet_sources():
    used = {sid for e in ENTRIES for sid in cited(e.source)}
    assert used and used <= set(SOURCES), used - set(SOURCES)


def _fact_sheet() -> Path | None:
    env = os.environ.get("UCLAB_FACT_SHEET")
    if env:
        return Path(env)
    for parent in [HERE, *HERE.parents]:
        for candidate in (parent / "shared", parent.parent / "shared"):
            sheet = candidate / "facts" / "cisco-uc-oauth.md"
            if sheet.is_file():
                return sheet
    return None


def test_every_log_source_key_is_cited_and_only_known_keys_are_read():
    used = {key for e in ENTRIES for key in cited_logs(e.source)}
    assert used == set(LOG_SOURCES)
    assert cited_logs("T217268, S21; T2172680 NTP3166570") == ["T217268", "NTP3166570"]


def test_the_source_keys_are_those_of_the_fact_sheet():
    sheet = _fact_sheet()
    if sheet is None:
        pytest.skip("shared/facts/cisco-uc-oauth.md not found (set UCLAB_FACT_SHEET)")
    table = re.findall(r"^\| (S\d+) \| ", sheet.read_text(encoding="utf-8"), re.M)
    assert table == list(SOURCES)


def test_evidence_follows_source_and_confirmed():
    for e in ENTRIES:
        if any(w in e.source for w in LAB_SOURCES):
            assert e.evidence == "lab-only" and not e.confirmed, e.name
        else:
            assert e.evidence == ("documented" if e.confirmed else "inferred"), e.name
    assert facts.SSOSP_TOKEN.evidence == "lab-only"
    assert facts.SSOSP_AUTHORIZE_PROXY.evidence == "inferred"
    assert facts.PARAM_REFRESH_FLOW.evidence == "documented"


def _defined_in(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.targets[0].id for node in tree.body
            if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
            and isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Name)
            and node.value.func.id in ("Fact", "Number")}


def test_each_entry_is_defined_once_in_a_module_of_its_product():
    owner: dict[str, str] = {}
    for module, product in registry.MODULES:
        for name in _defined_in(Path(module.__file__)):
            assert name not in owner, f"{name} defined twice"
            owner[name] = product
    assert owner == {e.name: e.product for e in ENTRIES}


def test_modules_stay_small():
    for path in Path(facts.__file__).parent.glob("*.py"):
        assert path.stat().st_size <= 15_500, path.name


def test_scanned_kinds_hold_only_their_kind_of_value():
    for e in facts.find(kind="port"):
        assert isinstance(e, Number) and 0 < e < 65536, e.name
    for e in facts.find(kind="path"):
        assert str(e).startswith(("/", "https://")), e.name
    for e in facts.find(kind="service"):
        assert str(e).startswith("Cisco "), e.name
    for e in facts.find(kind="format"):
        assert "{" in e, e.name


# --- today's facts keep their text and their cite() ---------------------------------------------
def test_cite_is_unchanged_for_the_facts_main_listed():
    assert len(BEFORE) == 39
    for line in BEFORE:
        name = line.split(": ", 1)[0]
        assert f"{name}: {getattr(facts, name).cite()}" == line


def test_old_api_keeps_working():
    from uclab.facts import SEED as seed
    from uclab.facts import Fact as OldFact

    f = OldFact("x", "S1", False, "n")
    assert (f, f.source, f.confirmed, f.note, f.label) == ("x", "S1", False, "n", "[U]")
    assert f.cite() == "'x' [U] (S1) — n" and isinstance(f, str)
    assert seed == SEED and facts.PARAM_REFRESH_FLOW.label == "[C]"
    assert facts.CUCM_HTTPS_PORT == 8443 and isinstance(facts.CUCM_HTTPS_PORT, int)
    assert f"{facts.CUCM_HTTPS_PORT}" == "8443" and repr(facts.CUCM_HTTPS_PORT) == "8443"


def test_entries_are_constants_that_survive_copy_pickle_and_json():
    for e in (facts.PARAM_SECTION, facts.CUCM_HTTPS_PORT):
        assert copy.copy(e) is e and copy.deepcopy({"x": e})["x"] is e
        back = pickle.loads(pickle.dumps(e))
        assert back == e and back.cite() == e.cite() and back.name == e.name
    assert json.loads(json.dumps([facts.PARAM_SECTION, facts.CUCM_HTTPS_PORT])) == \
        ["SSO and OAuth Configuration", 8443]


def test_a_bad_kind_is_refused():
    with pytest.raises(ValueError, match="unknown kind"):
        Fact("x", "S1", kind="nonsense")


# --- find and listing -----------------------------------------------------------------------------
def test_find_by_product_and_word():
    cucm = facts.find("cucm")
    assert cucm and all(e.product == "cucm" for e in cucm)
    assert facts.find("CUCM") == cucm
    by_name = facts.find(word="ssosp_revoke")
    assert facts.SSOSP_REVOKE in by_name
    assert facts.SSOSP_REVOKE in facts.find(word="/SSOSP/token")  # value, any case
    assert facts.ALARM_KEY_ROTATION in facts.find("unity", "s12")  # source
    assert facts.PARAM_REFRESH_EXPIRY in facts.find(word="inference [u]")  # note
    assert facts.find("imp", "ssosp/token/revoke") == []
    assert set(facts.find(word="")) == set(ENTRIES) == set(facts.find())


def test_find_by_evidence_and_kind():
    lab_only = facts.find(evidence="lab-only")
    assert facts.SSOSP_TOKEN in lab_only and facts.SSOSP_REVOKE not in lab_only
    assert facts.CUCM_HTTPS_PORT in facts.find("cucm", kind="port")


@pytest.mark.parametrize("call, message", [
    (lambda: facts.find("webex"), "unknown product 'webex'; products: cucm, expressway, imp"),
    (lambda: facts.listing("nope"), "unknown product 'nope'; products: cucm, expressway, imp"),
    (lambda: facts.find(evidence="maybe"), "unknown evidence 'maybe'; evidences: documented"),
    (lambda: facts.find(kind="colour"), "unknown kind 'colour'; kinds: port"),
    (lambda: facts.find(word=42), "the word to look for must be text (got 42)"),
    (lambda: facts.find(product=3), "unknown product 3"),
])
def test_bad_filters_raise_config_error(call, message):
    with pytest.raises(ConfigError) as exc:
        call()
    assert str(exc.value).startswith(message)
    assert "\n" not in str(exc.value)


@given(st.text(max_size=12))
def test_find_matches_exactly_the_entries_that_contain_the_word(word):
    got = facts.find(word=word)
    want = [e for e in ENTRIES if any(word.lower() in part.lower()
                                      for part in (e.name, str(e.value), e.source, e.note))]
    assert got == want


def test_listing_is_a_superset_of_the_old_output():
    lines = facts.listing().splitlines()
    assert set(BEFORE) <= set(lines)
    body = [line for line in lines if not line.startswith("# ")]
    assert len(body) == len(ENTRIES)
    assert body == [f"{e.name}: {e.cite()}" for p in facts.PRODUCTS
                    for e in ENTRIES if e.product == p]


def test_listing_groups_by_product():
    text = facts.listing()
    heads = [line for line in text.splitlines() if line.startswith("# ")]
    assert heads == [f"# {p} ({len(facts.find(p))})" for p in facts.PRODUCTS]
    one = facts.listing("unity", "sync keys").splitlines()
    assert one[0] == f"# unity ({len(one) - 1})"
    assert "ACTION_SYNC_KEYS: 'Sync Keys' [C] (S13, S12)" in one


def test_listing_says_when_nothing_matches():
    assert facts.listing("rfc", "ssosp") == "no fact matches 'ssosp' in rfc"
    assert facts.listing(word="zzz-no-such") == "no fact matches 'zzz-no-such'"


def test_entries_order_is_stable():
    assert facts.entries() is ENTRIES
    order = [m for m, _ in registry.MODULES]
    positions = [order.index(next(m for m, p in registry.MODULES if e.name in vars(m)))
                 for e in ENTRIES]
    assert positions == sorted(positions)
