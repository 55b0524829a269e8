"""uclab.sim.jabber.token_refresh: silent refresh and re-login (S2, S1)."""

import pytest
from _jabber_lines import REFRESH_FAILURE, prt_lines

from uclab.sim.jabber.client import Outcome, TokenStore
from uclab.testing import configured_lab


@pytest.fixture
def lab():
    return configured_lab(1)


# -- expiry behaviour (S2, S1) -----------------------------------------------------------------
def test_silent_refresh_when_the_access_token_expired(lab):
    client = lab.client
    client.sign_in(xmpp=False)
    first, refresh = client.tokens.access_token, client.tokens.refresh_token
    lab.advance(minutes=61)
    assert lab.now >= client.tokens.access_expires_at
    start = len(lab.exchanges)
    outcome = client.use_service("uds")
    assert outcome == Outcome(True, "uds", "HTTP 200")
    assert client.tokens.access_token != first
    assert client.tokens.refresh_token == refresh
    assert client.tokens.access_expires_at > lab.now
    assert client.state == "signed-in"
    sent = [(e.src, e.dst, e.request.path.rsplit("/", 1)[-1]) for e in lab.exchanges[start:]
            if e.src == client.name]
    assert sent == [(client.name, "expe", "access_token"), (client.name, "expe", "devices")]
    assert "handleRefreshTokenFailure" not in client.prt()


def test_relogin_needed_when_the_refresh_fails(lab):
    client = lab.client
    client.sign_in(xmpp=False)
    lab.advance(days=61)  # past the 60-day refresh token (S2)
    outcome = client.use_service("uds")
    assert not outcome and outcome.stage == "refresh"
    assert outcome.detail.startswith("HTTP 400 invalid_grant: refresh token rejected at check "
                                     "'expiry: expired ")
    assert client.state == "needs-login"
    assert client.tokens == TokenStore()
    assert prt_lines(client)[-1].endswith(REFRESH_FAILURE)
    assert " WARN  [" in prt_lines(client)[-1]  # S1's line is WARN, padded to 5
    again = client.use_service("uds")
    assert again == Outcome(False, "uds", "not signed in")
    assert client.sign_in().ok  # signing in again is the fix


def test_refresh_without_a_refresh_token(lab):
    client = lab.client
    assert client.refresh() == Outcome(False, "refresh", "no refresh token: sign in")
    assert client.prt() == ""

