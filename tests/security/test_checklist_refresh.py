"""Security checklist D1, D3, D5, D6, D7: refresh tokens.

RFC sections: RFC 6749 §6 (refresh: client authentication, token bound to its client, scope
MUST NOT exceed the scope originally granted and, if omitted, equals it), §5.2
(``invalid_grant``, ``invalid_scope``), §10.4; RFC 6819 §5.2.2.2; RFC 9700 §4.14
(refresh token protection); RFC 7515 §5.2
(JWS validation); RFC 7617 (Basic authentication of the revoke API).

Product model (deliberate, from fact sheet 1.3-1.5): a CUCM refresh token is an RS256 JWS that
is also a row of ``refreshtokendetails``, so it can be revoked; CUCM keeps the refresh token on
refresh (the response carries a new access token only); the admin revoke API is
``GET /ssosp/token/revoke?user_id=..[&client_id=..]`` with AXL credentials (S2, S4), and the
access tokens already issued stay valid until they expire because they are self-contained (S2);
regenerating either AuthZ key makes every access and refresh token invalid (S2, S3, S1).
"""

from __future__ import annotations

import base64

import pytest
from _wire import assert_token_error

import uclab
from uclab.sim.cucm.authz import Client, Store
from uclab.testing import APP_REDIRECT, App, make_app, make_lab

PUB = "https://cucm-pub.example.com:8443"
SUB1 = "https://cucm-sub1.example.com:8443"
REVOKE = PUB + "/ssosp/token/revoke"
SCOPE = "UnifiedCommunications:readwrite"
ADMIN = (uclab.AXL_USER, uclab.LAB_PASSWORD)
B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def assert_refresh_ok(app: App, refresh_token: str, **form: str) -> dict:
    resp = app.refresh(refresh_token, **form)
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["token_type"] == "Bearer"
    return body


def b64d(seg: str) -> bytes:
    return base64.urlsafe_b64decode(seg + "=" * (-len(seg) % 4))


def b64e(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def uds(app: App, access_token: str, host: str = SUB1):
    return app.session.get(host + "/cucm-uds/user/alice/devices",
                           headers={"Authorization": f"Bearer {access_token}"})


# -- D1 -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("auth", ["basic", "body"])
def test_D1_refresh_token_of_another_client_is_invalid_grant(auth):
    lab = make_lab(1)
    app_a = make_app(lab, name="App A")
    app_b = make_app(lab, name="App B")
    refresh_a = app_a.tokens()["refresh_token"]
    if auth == "basic":
        resp = app_b.refresh(refresh_a)
    else:
        resp = app_b.session.post(PUB + "/ssosp/oauth/token", data={
            "grant_type": "refresh_token", "refresh_token": refresh_a,
            "client_id": app_b.client_id, "client_secret": app_b.secret})
    body = assert_token_error(resp, 400, "invalid_grant")
    assert "another client" in body["error_description"]
    # Client A's own use is the control: the same token is good for A.
    assert_refresh_ok(app_a, refresh_a)


def test_D1_client_id_swap_with_a_wrong_secret_is_invalid_client():
    """Naming client A without A's secret does not get past client authentication."""
    lab = make_lab(1)
    app_a = make_app(lab, name="App A")
    app_b = make_app(lab, name="App B")
    refresh_a = app_a.tokens()["refresh_token"]
    resp = app_b.session.post(PUB + "/ssosp/oauth/token",
                              data={"grant_type": "refresh_token", "refresh_token": refresh_a},
                              auth=(app_a.client_id, app_b.secret))
    assert_token_error(resp, 401, "invalid_client")
    assert resp.headers["WWW-Authenticate"].startswith("Basic ")


# -- D3 -------------------------------------------------------------------------------------------
def test_D3_refresh_scope_broader_omitted_and_same():
    lab = make_lab(1)
    app = make_app(lab)
    tokens = app.tokens()
    assert tokens["scope"] == SCOPE
    rt = tokens["refresh_token"]
    for broader in (SCOPE + " UnifiedCommunications:admin", "UnifiedCommunications:admin"):
        assert_token_error(app.refresh(rt, scope=broader), 400, "invalid_scope")
    omitted = assert_refresh_ok(app, rt)
    assert omitted["scope"] == tokens["scope"]
    assert lab.cucm.validate(omitted["access_token"]).claims["scope"] == tokens["scope"]
    same = assert_refresh_ok(app, rt, scope=SCOPE)
    assert same["scope"] == tokens["scope"]
    # CUCM keeps the refresh token: no new one, and the original still works with its scope.
    assert "refresh_token" not in omitted and "refresh_token" not in same
    assert assert_refresh_ok(app, rt)["scope"] == tokens["scope"]


def test_D3_refresh_scope_is_bounded_by_the_grant_not_by_the_registration():
    """RFC 6749 §6: the scope originally granted, which may be narrower than what the client
    is registered for. (CUCM registers one scope; this client is built with two to see it.)"""
    lab = make_lab(1)
    extra = "lab:extra"
    secret = "d3-client-secret-0123456789"
    client = Client("C" + "d3" * 32, "Two-scope App", (APP_REDIRECT,),
                    frozenset({"authorization_code", "refresh_token"}),
                    scope=f"{SCOPE} {extra}", secret_hash=Store.secret_hash(secret))
    lab.cucm.store.add_client(client)
    app = App(lab, client.client_id, secret, APP_REDIRECT, lab.session(src="two-scope"))
    code = app.code(scope=SCOPE)  # the user grants the narrower scope only
    granted = app.token(grant_type="authorization_code", code=code,
                        redirect_uri=APP_REDIRECT).json()
    assert granted["scope"] == SCOPE
    rt = granted["refresh_token"]
    for broader in (f"{SCOPE} {extra}", extra):
        assert_token_error(app.refresh(rt, scope=broader), 400, "invalid_scope")
    omitted = assert_refresh_ok(app, rt)
    assert omitted["scope"] == SCOPE
    assert lab.cucm.validate(omitted["access_token"]).claims["scope"] == SCOPE


# -- D5 -------------------------------------------------------------------------------------------
def _d5_lab():
    lab = make_lab(1)
    app_a = make_app(lab, name="App A")
    app_b = make_app(lab, name="App B")
    tokens = {"alice-a": (app_a, app_a.tokens("alice")),
              "alice-b": (app_b, app_b.tokens("alice")),
              "bob-a": (app_a, app_a.tokens("bob"))}
    for app, t in tokens.values():
        assert_refresh_ok(app, t["refresh_token"])
    return lab, app_a, app_b, tokens


def test_D5_admin_revokes_all_of_a_users_refresh_tokens_over_http():
    lab, app_a, _, tokens = _d5_lab()
    resp = lab.session(src="admin").get(REVOKE, params={"user_id": "alice"}, auth=ADMIN)
    assert resp.status_code == 200
    assert resp.headers["Cache-Control"] == "no-store"
    assert resp.json() == {"user_id": "alice", "client_id": None, "revoked": 2}
    for name in ("alice-a", "alice-b"):
        app, t = tokens[name]
        body = assert_token_error(app.refresh(t["refresh_token"]), 400, "invalid_grant")
        assert "revoked" in body["error_description"]
    app, t = tokens["bob-a"]
    assert_refresh_ok(app, t["refresh_token"])  # another user is untouched
    # S2: the self-contained access token stays valid until it expires.
    alice_access = tokens["alice-a"][1]["access_token"]
    assert lab.cucm.validate(alice_access).ok
    assert uds(app_a, alice_access).status_code == 200
    # A fresh login after the revocation works.
    assert_refresh_ok(app_a, app_a.tokens("alice")["refresh_token"])


def test_D5_revoke_with_client_id_revokes_only_that_clients_tokens():
    lab, app_a, app_b, tokens = _d5_lab()
    resp = lab.session(src="admin").get(
        REVOKE, params={"user_id": "alice", "client_id": app_a.client_id}, auth=ADMIN)
    assert resp.status_code == 200
    assert resp.json() == {"user_id": "alice", "client_id": app_a.client_id, "revoked": 1}
    app, t = tokens["alice-a"]
    assert_token_error(app.refresh(t["refresh_token"]), 400, "invalid_grant")
    for name in ("alice-b", "bob-a"):
        app, t = tokens[name]
        assert_refresh_ok(app, t["refresh_token"])


@pytest.mark.parametrize("creds", [
    pytest.param(None, id="no-credentials"),
    pytest.param((uclab.AXL_USER, "wrong-password"), id="wrong-password"),
    pytest.param(("nobody", uclab.LAB_PASSWORD), id="unknown-admin"),
    pytest.param(("alice", uclab.LAB_PASSWORD), id="end-user-not-axl"),
])
def test_D5_revoke_api_requires_axl_credentials(creds):
    lab, _, _, tokens = _d5_lab()
    resp = lab.session(src="attacker").get(REVOKE, params={"user_id": "alice"}, auth=creds)
    assert resp.status_code == 401
    challenge = resp.headers["WWW-Authenticate"]
    assert challenge.split(" ", 1)[0] == "Basic" and 'realm="' in challenge
    assert "revoked" not in resp.json()
    assert {r["state"] for r in lab.cucm.refresh_token_rows()} == {"active"}
    for app, t in tokens.values():
        assert_refresh_ok(app, t["refresh_token"])


# -- D6 -------------------------------------------------------------------------------------------
def _flip_bit_variants(token: str):
    """For each of the three JWS segments: flip one bit of each decoded byte (bit i % 8)."""
    segs = token.split(".")
    for s, seg in enumerate(segs):
        raw = b64d(seg)
        assert b64e(raw) == seg
        for i in range(len(raw)):
            flipped = bytearray(raw)
            flipped[i] ^= 1 << (i % 8)
            out = list(segs)
            out[s] = b64e(bytes(flipped))
            yield f"segment {s} byte {i}", ".".join(out)


def _char_variants(token: str):
    """Every character position replaced by another base64url character, plus a few strays."""
    for i, c in enumerate(token):
        if c == ".":
            continue
        repl = "A" if c != "A" else "B"
        yield f"char {i} -> {repl}", token[:i] + repl + token[i + 1:]
    # The last character of a segment whose length is not a multiple of 4 carries unused low
    # bits: flipping one gives a different token that decodes to the very same bytes.
    segs = token.split(".")
    for s, seg in enumerate(segs):
        if len(seg) % 4 in (2, 3):
            last = B64URL[B64URL.index(seg[-1]) ^ 1]
            assert b64d(seg[:-1] + last) == b64d(seg)
            out = list(segs)
            out[s] = seg[:-1] + last
            yield f"segment {s} padding bit", ".".join(out)
    for stray in ("+", "/", "=", " ", "%", "\u00e9"):
        yield f"stray {stray!r}", token[:40] + stray + token[41:]
    yield "dropped last char", token[:-1]
    yield "extra char", token + "A"
    yield "extra segment", token + ".AAAA"
    yield "swapped segments", ".".join(token.split(".")[::-1])


@pytest.mark.parametrize("variants", [_flip_bit_variants, _char_variants],
                         ids=["bit-flip-decoded-bytes", "single-characters"])
def test_D6_tampered_refresh_token_is_invalid_grant_never_500(variants):
    lab = make_lab(1)
    app = make_app(lab)
    rt = app.tokens()["refresh_token"]
    seen_segments = set()
    count = 0
    for label, forged in variants(rt):
        assert forged != rt, label
        resp = app.refresh(forged)
        assert resp.status_code == 400, (label, resp.status_code, resp.text)
        assert resp.json()["error"] == "invalid_grant", (label, resp.text)
        assert resp.headers["Cache-Control"] == "no-store", label
        assert "access_token" not in resp.json(), label
        seen_segments.add(label.split()[1] if label.startswith("segment") else "chars")
        count += 1
    assert count > 100
    if variants is _flip_bit_variants:
        assert seen_segments == {"0", "1", "2"}
    assert not any(ex.response is not None and ex.response.status >= 500
                   for ex in lab.exchanges)
    assert not any("exception" in ex.metadata for ex in lab.exchanges)
    assert_refresh_ok(app, rt)  # the genuine token is unaffected by the attempts


# -- D7 -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["signing", "encryption"])
def test_D7_key_regeneration_invalidates_old_tokens(kind):
    lab = make_lab(1)
    app = make_app(lab)
    old = app.tokens()
    # Before: the tokens work everywhere (the control).
    assert lab.cucm.validate(old["access_token"]).ok
    assert lab.cucm.validate(old["access_token"], at="cucm-sub1.example.com").ok
    assert uds(app, old["access_token"]).status_code == 200
    assert_refresh_ok(app, old["refresh_token"])

    lab.cucm.regen_key(kind)

    failed = lab.cucm.validate(old["access_token"])
    assert not failed.ok
    expected_check = "signing key" if kind == "signing" else "inner header"
    assert failed.failed.check == expected_check
    assert not lab.cucm.validate(old["access_token"], at="cucm-sub1.example.com").ok
    for host in (SUB1, PUB):
        resp = uds(app, old["access_token"], host)
        assert resp.status_code == 401
        challenge = resp.headers["WWW-Authenticate"]
        assert challenge.startswith("Bearer ") and 'error="invalid_token"' in challenge
        assert resp.json()["error"] == "invalid_token"
    assert_token_error(app.refresh(old["refresh_token"]), 400, "invalid_grant")

    # A fresh login works again, on every node, and its refresh token is good.
    new = app.tokens()
    assert new["access_token"] != old["access_token"]
    assert lab.cucm.validate(new["access_token"]).ok
    assert uds(app, new["access_token"]).status_code == 200
    refreshed = assert_refresh_ok(app, new["refresh_token"])
    assert uds(app, refreshed["access_token"]).status_code == 200
    # The old ones stay dead.
    assert_token_error(app.refresh(old["refresh_token"]), 400, "invalid_grant")


def test_D7_cli_regen_has_the_same_effect():
    lab = make_lab(1)
    app = make_app(lab)
    old = app.tokens()
    out = lab.cucm.publisher.cli("set key regen authz signing", confirm=True)
    assert out.startswith("authz signing key regenerated")
    assert not lab.cucm.validate(old["access_token"]).ok
    assert_token_error(app.refresh(old["refresh_token"]), 400, "invalid_grant")
