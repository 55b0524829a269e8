"""uclab.sim.cucm.cluster: key replication, regen blast radius, outside copies, client
registration, the revoke API, grant flows and upgrades."""

import pytest

import uclab
from uclab.testing import make_app, make_lab


def test_keys_created_on_publisher_and_replicated():
    lab = make_lab(21)
    pub, sub = lab.cucm.nodes
    assert pub.keys is sub.keys
    assert pub.show_key("signing") == sub.show_key("signing")
    assert pub.show_key("signing") != pub.show_key("encryption")


@pytest.mark.parametrize("kind", ["signing", "encryption"])
def test_regen_invalidates_access_and_refresh_tokens(kind):
    lab = make_lab(23)
    app = make_app(lab)
    tok = app.tokens()
    listener = []
    lab.cucm.key_listeners.append(lambda k, keys: listener.append(k))
    lab.cucm.regen_key(kind)
    assert listener == [kind]
    assert not lab.cucm.validate(tok["access_token"]).ok
    assert app.refresh(tok["refresh_token"]).json()["error"] == "invalid_grant"
    assert all(r["state"] == "revoked" for r in lab.cucm.refresh_token_rows())
    assert app.tokens()["access_token"]  # a new login works


def test_outside_copy_stays_stale_until_fetched_again():
    lab = make_lab(24)
    copy = lab.cucm.fetch_keys()
    tok = make_app(lab).tokens()["access_token"]
    assert uclab.validate_access_token(tok, copy, now=lab.now).ok
    lab.cucm.regen_key("signing")
    new = make_app(lab, name="App 2").tokens()["access_token"]
    assert uclab.validate_access_token(new, copy, now=lab.now).failed.check == "signing key"
    assert uclab.validate_access_token(new, lab.cucm.fetch_keys(), now=lab.now).ok


def test_register_client_validates_input():
    lab = make_lab(25)
    cid, secret = lab.cucm.register_client("X", ["https://x.example/cb"])
    assert cid.startswith("C") and len(cid) == 65 and secret
    assert lab.cucm.store.client(cid).secret_hash != secret.encode()
    with pytest.raises(uclab.ConfigError, match="list of URIs"):
        lab.cucm.register_client("Y", "https://y.example/cb")
    with pytest.raises(uclab.ConfigError, match="unknown grant"):
        lab.cucm.register_client("Y", ["https://y.example/cb"], grant_types=("password",))
    with pytest.raises(uclab.ConfigError, match="fragment"):
        lab.cucm.register_client("Y", ["https://y.example/cb#x"])


def test_revoke_tokens_admin_api():
    lab = make_lab(28)
    app = make_app(lab)
    tok = app.tokens()
    assert lab.cucm.revoke_tokens("alice") == 1
    assert app.refresh(tok["refresh_token"]).json()["error"] == "invalid_grant"
    assert lab.cucm.validate(tok["access_token"]).ok  # self-contained: valid until exp (S2)
    with pytest.raises(uclab.ConfigError, match="no user"):
        lab.cucm.revoke_tokens("nobody")


def test_grant_flows_follow_release_and_parameter():
    lab = uclab.Lab(seed=29, cucm_version="11.5(1)SU2")
    assert lab.cucm.grant_flows() == []
    lab.cucm.enable_sso(lab.idp)
    assert lab.cucm.grant_flows() == ["implicit"]
    with pytest.raises(uclab.ConfigError, match="does not exist"):
        lab.cucm.enable_refresh_logins()


def test_upgrade_adds_the_refresh_flow_and_keeps_values():
    lab = uclab.Lab(seed=29, cucm_version="11.5(1)SU2")
    lab.cucm.set_parameter("OAuth Access Token Expiry Timer (minutes)", 30)
    lab.cucm.upgrade("12.5(1)")
    assert lab.cucm.params["OAuth Access Token Expiry Timer (minutes)"] == 30
    assert lab.cucm.params["OAuth with Refresh Login Flow"] == "Disabled"
    lab.cucm.enable_refresh_logins()
    assert "authorization_code" in lab.cucm.grant_flows()
    with pytest.raises(uclab.ConfigError, match="later release"):
        lab.cucm.upgrade("12.0(1)")

