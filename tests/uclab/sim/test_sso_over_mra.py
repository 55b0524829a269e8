"""SAML SSO over MRA end to end (lab.configure_sso): both IdP profiles sign in, CUCM issues the
tokens, the IdP session spares a second prompt, the three SAML faults fail where the products
fail and their fixes repair them, and no malformed SAML input gets a 5xx anywhere."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from uclab import facts, faults
from uclab.lab import LAB_PASSWORD, Lab
from uclab.protocols.edge_urls import edge_url


def _sso_lab(idp="adfs", seed=1):
    lab = Lab(seed=seed)
    lab.configure_sso(idp)
    return lab


@pytest.mark.parametrize("idp", ["adfs", "entra"])
def test_both_profiles_sign_in_over_mra_through_the_embedded_browser(idp):
    lab = _sso_lab(idp)
    start = len(lab.exchanges)
    assert lab.client.sign_in(xmpp=False)
    hops = lab.exchanges[start:]
    browser = {ex.src for ex in hops if "browser" in ex.src}
    assert browser == {"jabber-alice-embedded-browser"}
    to_idp = [ex for ex in hops if ex.dst == "idp"]
    assert to_idp and all(ex.src == "jabber-alice-embedded-browser" for ex in to_idp)
    assert lab.idp.saml.profile.sso_path in to_idp[0].request.path
    # the back channel is Jabber's own lane; CUCM answers the token request
    token = [ex for ex in hops if ex.request.path == str(facts.SSOSP_TOKEN)]
    assert token and token[0].dst == "cucm-pub" and token[0].response.status == 200
    assert all(ex.src == "jabber-alice" for ex in hops
               if "access_token" in ex.request.path and ex.dst == "expe")
    assert lab.idp.saml.prompts == 2  # password, then MFA


def test_entra_profile_names_entra_and_is_not_the_token_issuer():
    lab = _sso_lab("entra")
    assert lab.idp.saml.metadata().entity_id.startswith("https://sts.windows.net/")
    assert lab.client.sign_in(xmpp=False)
    idp_bodies = b"".join(ex.response.body for ex in lab.exchanges if ex.dst == "idp")
    assert b"access_token" not in idp_bodies and b"refresh_token" not in idp_bodies


def test_second_sign_in_within_the_idp_session_needs_no_prompt():
    lab = _sso_lab()
    assert lab.client.sign_in(xmpp=False)
    assert lab.client.sign_in(xmpp=False)
    assert lab.idp.saml.prompts == 2


def test_refreshes_never_reach_the_idp():
    lab = _sso_lab()
    assert lab.client.sign_in(xmpp=False)
    after = len(lab.exchanges)
    for _ in range(3):
        lab.advance(minutes=61)
        assert lab.client.use_service("uds")
    assert not any(ex.dst == "idp" for ex in lab.exchanges[after:])
    assert sum("grant_type=refresh_token" in ex.request.body.decode()
               for ex in lab.exchanges[after:] if ex.src == "jabber-alice") == 3


def test_wrong_mfa_code_is_refused_at_the_idp():
    lab = _sso_lab()
    lab.client.authenticator = lambda: "000000" if lab.idp.saml.authenticator_code(
        "alice") != "000000" else "111111"
    outcome = lab.client.sign_in(xmpp=False)
    assert not outcome and outcome.stage == "idp" and "401" in outcome.detail


@pytest.mark.parametrize("fault_id", ["sso-idp-cert-rollover", "sso-idp-clock-skew",
                                      "sso-no-uid-claim"])
def test_each_sso_fault_shows_and_its_fix_repairs_it(fault_id):
    check = faults.check(fault_id)
    assert check.proven, check


def test_no_uid_fault_shows_expressway_c_published_text():
    fault = faults.get("sso-no-uid-claim")
    lab = fault.build(1)
    outcome = fault.probe(lab)
    assert str(facts.EXPC_NO_UID) in outcome.detail
    expc = lab.render_logs(host=lab.expc.host)
    assert str(facts.EXPC_NO_UID) in expc


def test_asserted_user_needs_the_relays_axl_account():
    lab = _sso_lab()
    url = f"https://{lab.cucm.publisher.host}:{facts.CUCM_HTTPS_PORT}{facts.SSOSP_AUTHORIZE_PROXY}"
    s = lab.session("attacker")
    form = {"response_type": "code", "client_id": str(lab.jabber_client_id)}
    bare = s.post(url, data=form, headers={str(facts.HEADER_ASSERTED_USER): "alice"})
    assert bare.status_code == 401
    bob = s.post(url, data=form, headers={str(facts.HEADER_ASSERTED_USER): "alice"},
                 auth=("bob", LAB_PASSWORD))
    assert bob.status_code == 401
    nobody = s.post(url, data=form, headers={str(facts.HEADER_ASSERTED_USER): "nobody"},
                    auth=("axladmin", LAB_PASSWORD))
    assert nobody.status_code == 403


def test_default_lab_keeps_its_minimal_idp_and_local_form():
    lab = Lab(seed=1)
    lab.configure_oauth()
    assert lab.idp.saml is None and lab.cucm.saml_sp is None and lab.expc.saml_sp is None
    assert lab.client.sign_in(xmpp=False)
    assert not any("browser" in ex.src for ex in lab.exchanges)


_LAB = _sso_lab(seed=7)
_VALUES = st.one_of(st.text(max_size=200), st.binary(max_size=200).map(
    lambda b: __import__("base64").b64encode(b).decode()))


@settings(max_examples=60, deadline=None)
@given(saml=_VALUES, relay=st.text(max_size=60), where=st.sampled_from(["edge", "cucm", "idp"]))
def test_malformed_saml_posts_get_4xx_never_5xx(saml, relay, where):
    lab = _LAB
    if where == "edge":
        url = edge_url(lab.edge.host, lab.domain, str(facts.EDGE_ACS))
        data = {"SAMLResponse": saml, "RelayState": relay}
    elif where == "cucm":
        host = lab.cucm.publisher.host
        url = f"https://{host}:{facts.CUCM_HTTPS_PORT}{facts.SSOSP_SAML_ACS}{host}"
        data = {"SAMLResponse": saml, "RelayState": relay}
    else:
        url = lab.idp.saml.profile.sso_url
        data = {"stage": "password", "SAMLRequest": saml, "RelayState": relay,
                "username": "alice", "password": "x"}
    resp = lab.session("fuzzer").post(url, data=data, allow_redirects=False)
    assert 400 <= resp.status_code < 500, (resp.status_code, resp.text[:200])


@settings(max_examples=40, deadline=None)
@given(saml=_VALUES, relay=st.text(max_size=60))
def test_malformed_authn_requests_at_the_idp_get_4xx(saml, relay):
    resp = _LAB.session("fuzzer").get(_LAB.idp.saml.profile.sso_url,
                                      params={"SAMLRequest": saml, "RelayState": relay},
                                      allow_redirects=False)
    assert 400 <= resp.status_code < 500


@pytest.mark.parametrize("idp", ["adfs", "entra"])
def test_a_healthy_sso_login_gives_no_finding(idp, tmp_path):
    from uclab.diagnose import diagnose

    lab = _sso_lab(idp)
    assert faults.sign_in_and_use(lab)
    files = []
    for host in sorted({line.host for line in lab.logs}):
        path = tmp_path / f"{host}.log"
        path.write_text(lab.render_logs(host=host) + "\n", encoding="utf-8")
        files.append(path)
    report = diagnose(files)
    assert report.findings == [], [f.rule for f in report.findings]
