"""uclab.sim.transport: a requests.Session that talks to lab nodes in-process."""

import pytest
import requests

from uclab.testing import make_lab


def test_session_round_trip_and_headers():
    lab = make_lab(31)
    r = lab.session().get("https://cucm-pub.example.com:8443/ssosp/oauth/jwks")
    assert r.status_code == 200 and r.reason == "OK"
    assert r.headers["content-type"].startswith("application/json")
    assert r.json()["keys"][0]["kty"] == "RSA"


def test_unknown_host_raises_connection_error():
    lab = make_lab(32)
    with pytest.raises(requests.ConnectionError, match="could not resolve host"):
        lab.session().get("https://nowhere.example.com/")
    assert lab.exchanges[-1].error


def test_src_names_the_caller():
    lab = make_lab(33)
    lab.session("jabber").get("https://cucm-pub.example.com:8443/ssosp/oauth/jwks")
    assert lab.exchanges[-1].src == "jabber" and lab.exchanges[-1].dst == "cucm-pub"
