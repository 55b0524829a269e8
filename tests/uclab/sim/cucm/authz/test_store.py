"""uclab.sim.cucm.authz.store: redirect URI rules, client secrets, the refreshtokendetails rows."""

import pytest

from uclab.core.entropy import Entropy
from uclab.core.errors import ConfigError
from uclab.sim.cucm.authz.store import (
    Client,
    RefreshTokenRow,
    Store,
    check_redirect_uri,
    redirect_matches,
)


@pytest.mark.parametrize("uri", ["https://a.example/cb", "http://127.0.0.1:5555/cb",
                                 "http://[::1]/cb", "com.example.app:/oauth"])
def test_allowed_redirect_uris(uri):
    check_redirect_uri(uri)


@pytest.mark.parametrize("uri, why", [
    ("http://app.example/cb", "cleartext"), ("/cb", "not absolute"),
    ("https://a.example/cb#f", "fragment"), ("javascript:alert(1)", "not allowed"),
    ("http://localhost/cb", "cleartext"),
])
def test_refused_redirect_uris(uri, why):
    with pytest.raises(ConfigError, match=why):
        check_redirect_uri(uri)


def test_exact_match_except_loopback_port():
    reg = ("https://a.example/cb", "http://127.0.0.1:5555/cb")
    assert redirect_matches(reg, "https://a.example/cb")
    assert not redirect_matches(reg, "https://a.example/cb/")
    assert not redirect_matches(reg, "https://A.example/cb")
    assert redirect_matches(reg, "http://127.0.0.1:6000/cb")
    assert not redirect_matches(reg, "http://127.0.0.1:6000/other")


def test_secret_comparison():
    c = Client("C1", "n", ("https://a/cb",), frozenset(), secret_hash=Store.secret_hash("s"))
    assert c.secret_matches("s") and not c.secret_matches("t") and not c.secret_matches(None)
    assert not Client("C2", "p", ("https://a/cb",), frozenset()).secret_matches("s")


def test_rows_revoke_and_purge():
    st = Store(Entropy(1))
    st.add_refresh(RefreshTokenRow("p1", "t1", "alice", "C1", validity=100))
    st.add_refresh(RefreshTokenRow("p2", "t2", "alice", "C2", validity=300))
    st.add_refresh(RefreshTokenRow("p3", "t3", "bob", "C1", validity=300))
    assert st.revoke("alice", "C2") == 1
    assert [r["state"] for r in st.rows()] == ["active", "revoked", "active"]
    assert set(st.rows()[0]) == {"pkid", "refreshtokenindex", "userid", "clientid",
                                 "validity", "state"}
    assert st.purge_expired(now=200) == 1 and len(st.rows()) == 2
    assert st.revoke_all() == 1
