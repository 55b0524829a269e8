"""uclab.lab: the deployment, determinism, and the recorded exchanges."""

import pytest
import requests

import uclab
from uclab import Lab
from uclab.testing import make_app, make_lab


def flow(seed):
    lab = make_lab(seed)
    app = make_app(lab)
    tok = app.tokens()
    lab.advance(minutes=61)
    app.refresh(tok["refresh_token"])
    return lab, app, tok


def test_same_seed_same_ids_codes_times_and_trace():
    (lab1, app1, t1), (lab2, app2, t2) = flow(11), flow(11)
    assert app1.client_id == app2.client_id
    assert lab1.cucm.cluster_id == lab2.cucm.cluster_id
    assert lab1.cucm.publisher.keys.signing_kid == lab2.cucm.publisher.keys.signing_kid
    assert t1 == t2  # byte-identical tokens, the JWE's IV included
    s1 = [(e.src, e.dst, e.request.method, e.request.url, e.started_ms,
           e.response.status) for e in lab1.exchanges]
    s2 = [(e.src, e.dst, e.request.method, e.request.url, e.started_ms,
           e.response.status) for e in lab2.exchanges]
    assert s1 == s2
    assert lab1.cucm.refresh_token_rows() == lab2.cucm.refresh_token_rows()


def test_different_seeds_differ():
    assert make_lab(1).cucm.cluster_id != make_lab(2).cucm.cluster_id


def test_unseeded_labs_never_accept_each_others_tokens():
    a, b = make_lab(None), make_lab(None)
    token = make_app(a).tokens()["access_token"]
    assert a.cucm.validate(token).ok
    assert not b.cucm.validate(token).ok


def test_session_records_every_exchange_and_hops():
    lab = make_lab(3)
    make_app(lab).tokens()
    assert lab.hops() == [
        "Test App -> cucm-pub: GET " + lab.exchanges[0].request.target + " -> 200",
        "Test App -> cucm-pub: POST /ssosp/oauth/login -> 302",
        "Test App -> cucm-pub: POST /ssosp/oauth/token -> 200",
    ]


def test_advance_moves_time():
    lab = make_lab(4)
    before = lab.now
    assert lab.advance(days=60).startswith("2026-05-01")
    assert lab.now == before + 60 * 86400


def test_bad_seed_type_refused():
    with pytest.raises(uclab.ConfigError, match="seed must be"):
        uclab.Lab(seed=1.5)


def test_default_deployment():
    lab = uclab.Lab(seed=5)
    assert [n.host for n in lab.cucm.nodes] == ["cucm-pub.example.com", "cucm-sub1.example.com"]
    assert lab.cucm.users.get("alice").source == "ldap"
    assert lab.cucm.store.client(str(uclab.facts.JABBER_CLIENT_ID)).name == "Cisco Jabber"
    assert "seed=5" in repr(lab)


def test_the_lab_names_its_metadata_and_jwks_urls_and_lends_its_adapter() -> None:
    """Third-party clients are pointed at the lab through public accessors only."""
    lab = Lab(seed="accessors")
    lab.configure_oauth()
    assert lab.metadata_url.startswith(f"https://{lab.cucm.publisher.host}:")
    client = requests.Session()
    client.mount("https://", lab.adapter("third-party"))
    meta = client.get(lab.metadata_url).json()
    assert meta["issuer"] == lab.issuer and meta["jwks_uri"] == lab.jwks_url
    jwks = client.get(lab.jwks_url).json()
    assert [k["kid"] for k in jwks["keys"]] == [lab.cucm.publisher.keys.signing_kid]
    assert lab.exchanges[-1].src == "third-party"
