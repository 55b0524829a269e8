"""uclab.facts: every product string carries its source and label."""

from uclab import facts


def all_facts():
    return [v for v in vars(facts).values() if isinstance(v, facts.Fact)]


def test_every_fact_has_a_source():
    found = all_facts()
    assert len(found) > 20
    assert all(f.source for f in found)


def test_fact_is_its_text():
    assert facts.PARAM_REFRESH_FLOW == "OAuth with Refresh Login Flow"
    assert facts.PARAM_REFRESH_FLOW.label == "[C]"
    assert facts.SSOSP_TOKEN.label == "[U]" and "lab choice" in facts.SSOSP_TOKEN.cite()


def test_jabber_client_id_has_cisco_form():
    cid = str(facts.JABBER_CLIENT_ID)
    assert cid[0] == "C" and len(cid) == 65 and int(cid[1:], 16) >= 0
