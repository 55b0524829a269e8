"""Interop: a generic OAuth 2.0 client library runs the code flow and a refresh against the lab.

The client side is ``requests-oauthlib`` (on ``oauthlib``), knowing only three things: the RFC 8414
metadata URL, a client registered through the public API, and a lab user's credentials. PyJWT,
with nothing but the published JWKS, verifies the access token's outer RS256 signature.

Both libraries are dev dependencies: they are imported unconditionally, so a missing one fails
this module instead of skipping it.
"""

from __future__ import annotations

import base64
import json
import re
from urllib.parse import urljoin, urlsplit

import jwt
import pytest
from requests_oauthlib import OAuth2Session

import uclab
from uclab.testing import login_fields, make_lab, redirect_params

ISSUER = "https://cucm-pub.example.com:8443/ssosp"
REDIRECT_URI = "https://client.example.org/callback"
CLIENT_SRC = "generic-client"
BROWSER_SRC = "browser"


def metadata_url(issuer: str) -> str:
    """RFC 8414 §3: insert the well-known segment between the host and the issuer's path."""
    parts = urlsplit(issuer)
    return f"{parts.scheme}://{parts.netloc}/.well-known/oauth-authorization-server{parts.path}"


def _b64d(seg: str) -> bytes:
    return base64.urlsafe_b64decode(seg + "=" * (-len(seg) % 4))


def _b64e(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _flip_signature_byte(token: str, index: int = 17) -> str:
    head, payload, sig = token.split(".")
    raw = bytearray(_b64d(sig))
    raw[index] ^= 0x01
    return f"{head}.{payload}.{_b64e(bytes(raw))}"


def test_generic_client_code_flow_refresh_and_pyjwt(monkeypatch: pytest.MonkeyPatch) -> None:
    # The lab's token endpoint answers with the scope that was asked for; should oauthlib ever
    # see a difference it must not turn it into an exception (no effect when scopes match).
    monkeypatch.setenv("OAUTHLIB_RELAX_TOKEN_SCOPE", "1")
    monkeypatch.delenv("OAUTHLIB_INSECURE_TRANSPORT", raising=False)  # https all the way

    lab = make_lab(seed=8414)
    client_id, secret = lab.cucm.register_client("Generic client", [REDIRECT_URI])
    assert secret is not None
    start = len(lab.exchanges)

    # -- discovery (RFC 8414): the only URL the client is given ---------------------------------
    url = metadata_url(ISSUER)
    assert url == ("https://cucm-pub.example.com:8443/.well-known/oauth-authorization-server"
                   "/ssosp")
    assert url == lab.metadata_url
    resp = lab.session(CLIENT_SRC).get(url)
    assert resp.status_code == 200, resp.text
    meta = resp.json()
    assert meta["issuer"] == ISSUER  # RFC 8414 §3.3: issuer equals the one the URL came from
    assert "code" in meta["response_types_supported"]
    assert {"authorization_code", "refresh_token"} <= set(meta["grant_types_supported"])
    assert "client_secret_basic" in meta["token_endpoint_auth_methods_supported"]
    authorization_endpoint = meta["authorization_endpoint"]
    token_endpoint = meta["token_endpoint"]
    jwks_uri = meta["jwks_uri"]
    assert jwks_uri == lab.jwks_url
    scopes = list(meta["scopes_supported"])
    assert scopes

    # -- the client: a stock OAuth2Session whose transport is the lab ---------------------------
    oauth = OAuth2Session(client_id, redirect_uri=REDIRECT_URI, scope=scopes)
    oauth.mount("https://", lab.adapter(CLIENT_SRC))  # the lab's public transport
    auth_url, state = oauth.authorization_url(authorization_endpoint)
    assert state and f"state={state}" in auth_url

    # -- the user agent: a separate session, the user signs in on CUCM's form -------------------
    browser = lab.session(BROWSER_SRC)
    form_page = browser.get(auth_url, allow_redirects=False)
    assert form_page.status_code == 200, form_page.text
    fields = login_fields(form_page.text)
    assert set(fields) == {"request_id", "csrf_token"}
    fields.update(j_username="alice", j_password=uclab.LAB_PASSWORD)
    action = re.search(r"<form method='post' action='([^']+)'>", form_page.text)
    assert action is not None, form_page.text
    login_action = urljoin(form_page.url, action.group(1))  # what a browser posts to
    assert urlsplit(login_action).netloc == urlsplit(authorization_endpoint).netloc
    login = browser.post(login_action, data=fields, allow_redirects=False)
    assert login.status_code == 302, login.text
    location = login.headers["Location"]
    assert location.startswith(REDIRECT_URI + "?")
    assert redirect_params(location)["state"] == state

    # -- code for tokens: oauthlib checks the state and parses the response ---------------------
    token = oauth.fetch_token(token_endpoint, authorization_response=location,
                              client_secret=secret)
    assert token["token_type"] == "Bearer"
    assert token["scope"] == scopes
    access_token = token["access_token"]
    refresh_token = token["refresh_token"]
    assert access_token.count(".") == 2 and refresh_token.count(".") == 2
    token_request = lab.exchanges[-1].request
    assert token_request.headers.get("authorization", "").startswith("Basic ")  # §2.3.1
    assert "client_secret" not in token_request.form().names()

    # -- PyJWT verifies the outer signature with the published JWKS -----------------------------
    jwks_resp = oauth.get(jwks_uri, withhold_token=True)
    assert jwks_resp.status_code == 200, jwks_resp.text
    jwks = jwks_resp.json()
    assert len(jwks["keys"]) == 1
    assert not {"d", "p", "q", "dp", "dq", "qi", "k"} & set(jwks["keys"][0])  # public only
    jwk_set = jwt.PyJWKSet.from_dict(jwks)
    header = jwt.get_unverified_header(access_token)
    assert header == {"alg": "RS256", "typ": "JWT", "kid": jwks["keys"][0]["kid"]}
    signing_key = jwk_set[header["kid"]]
    assert signing_key.key_id == jwks["keys"][0]["kid"]
    options = {"verify_aud": False, "verify_exp": False, "verify_iat": False,
               "verify_nbf": False, "verify_iss": False, "require": []}
    outer = jwt.decode(access_token, signing_key, algorithms=["RS256"], options=options)
    assert set(outer) == {"private"}
    jwe_parts = outer["private"].split(".")
    assert len(jwe_parts) == 5 and jwe_parts[1] == ""  # dir: no encrypted key
    assert json.loads(_b64d(jwe_parts[0]))["enc"] == "A128CBC-HS256"
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(_flip_signature_byte(access_token), signing_key, algorithms=["RS256"],
                   options=options)
    # the refresh token is signed by the same key and is a plain claims set
    rt_claims = jwt.decode(refresh_token, signing_key, algorithms=["RS256"], options=options)
    assert rt_claims["ctyp"] == "refresh" and rt_claims["ccid"] == client_id

    # -- past the access token's lifetime: refresh ------------------------------------------------
    assert token["expires_in"] < 61 * 60
    lab.advance(minutes=61)
    # past exp (the validator's 60 s clock-skew leeway aside, which is a separate policy)
    expired = uclab.validate_access_token(access_token, lab.cucm.publisher.keys, now=lab.now,
                                          leeway=0)
    assert not expired.ok and expired.failed is not None and expired.failed.check == "expiry"
    refreshed = oauth.refresh_token(token_endpoint, auth=(client_id, secret))
    new_access = refreshed["access_token"]
    assert new_access != access_token
    assert refreshed["refresh_token"] == refresh_token  # CUCM keeps the refresh token (S1, S2)
    refresh_response = lab.exchanges[-1].response
    assert refresh_response is not None and "refresh_token" not in refresh_response.json()
    assert jwt.get_unverified_header(new_access)["kid"] == header["kid"]
    assert set(jwt.decode(new_access, signing_key, algorithms=["RS256"],
                          options=options)) == {"private"}

    # -- the new access token at a resource server (UDS on the subscriber) ------------------------
    uds = oauth.get("https://cucm-sub1.example.com:8443/cucm-uds/user/alice/devices")
    assert uds.status_code == 200, uds.text
    assert "<userName>alice</userName>" in uds.text
    assert lab.exchanges[-1].request.headers.get("authorization") == f"Bearer {new_access}"

    # -- what the lab recorded ---------------------------------------------------------------------
    seen = [(ex.src, ex.dst, ex.request.method, ex.request.path,
             ex.response.status if ex.response else ex.error) for ex in lab.exchanges[start:]]
    assert seen == [
        (CLIENT_SRC, "cucm-pub", "GET", "/.well-known/oauth-authorization-server/ssosp", 200),
        (BROWSER_SRC, "cucm-pub", "GET", urlsplit(authorization_endpoint).path, 200),
        (BROWSER_SRC, "cucm-pub", "POST", urlsplit(login_action).path, 302),
        (CLIENT_SRC, "cucm-pub", "POST", urlsplit(token_endpoint).path, 200),
        (CLIENT_SRC, "cucm-pub", "GET", urlsplit(jwks_uri).path, 200),
        (CLIENT_SRC, "cucm-pub", "POST", urlsplit(token_endpoint).path, 200),
        (CLIENT_SRC, "cucm-sub1", "GET", "/cucm-uds/user/alice/devices", 200),
    ]
    assert [p for _, _, _, p, _ in seen[1:6]] == ["/ssosp/oauth/authorize", "/ssosp/oauth/login",
                                                   "/ssosp/oauth/token", "/ssosp/oauth/jwks",
                                                   "/ssosp/oauth/token"]
    hops = lab.hops(start)
    assert hops[0] == ("generic-client -> cucm-pub: GET "
                       "/.well-known/oauth-authorization-server/ssosp -> 200")
    assert hops[-1] == "generic-client -> cucm-sub1: GET /cucm-uds/user/alice/devices -> 200"
