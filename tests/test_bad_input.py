"""The robustness promise: bad input gets a clear, well-formed refusal, never a crash.

Two surfaces: the shared token validator (any Python value as a token: it returns a failed
:class:`~uclab.protocols.validation.Validation`, it never raises) and the lab's HTTP nodes (garbage,
repeated or oversized requests get an RFC-shaped 4xx whose ``error_description`` names what is
wrong; transport failures raise :class:`requests.ConnectionError` with a clear message). Every
HTTP case also checks that no 500 and no traceback reaches the client (checklist K1 included).
"""

from __future__ import annotations

import base64
import html
import random
import re
from typing import Any

import pytest
import requests

from uclab.core import defaults
from uclab.core.wire import Request, Response
from uclab.lab import LAB_PASSWORD, Lab
from uclab.protocols import validation as validation_mod
from uclab.protocols.validation import validate_access_token, validate_refresh_token
from uclab.testing import App, make_app, make_lab, redirect_params

SEED = 6749
PUB = "https://cucm-pub.example.com:8443"
TOKEN_URL = PUB + "/ssosp/oauth/token"
AUTHORIZE_URL = PUB + "/ssosp/oauth/authorize"
LOGIN_URL = PUB + "/ssosp/oauth/login"
REVOKE_URL = PUB + "/ssosp/token/revoke"
JWKS_URL = PUB + "/ssosp/oauth/jwks"
UDS = "https://cucm-sub1.example.com:8443/cucm-uds/user/alice/devices"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
FIVE_MB = 5 * 1024 * 1024
# RFC 6749 §4.1.2.1 / §5.2: error_description is limited to %x20-21 / %x23-5B / %x5D-7E.
RFC6749_DESCRIPTION = re.compile(r"[\x20\x21\x23-\x5b\x5d-\x7e]+")


# -- helpers -------------------------------------------------------------------------------------
def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def sane(resp: requests.Response) -> requests.Response:
    """Never a 500, never a traceback or exception name in what the client sees."""
    assert resp.status_code < 500, (resp.status_code, resp.text[:300])
    assert "Traceback" not in resp.text
    assert 'File "' not in resp.text
    return resp


def error_json(resp: requests.Response, status: int, error: str, *words: str) -> str:
    """An RFC 6749 §5.2-style JSON error naming what is wrong; returns the description."""
    sane(resp)
    assert resp.status_code == status, (resp.status_code, resp.text[:300])
    assert resp.headers["Content-Type"].startswith("application/json")
    body = resp.json()
    assert body["error"] == error, body
    desc = body["error_description"]
    assert isinstance(desc, str) and len(desc) >= 10, body
    assert RFC6749_DESCRIPTION.fullmatch(desc), desc
    for word in words:
        assert word in desc, (word, desc)
    return desc


def error_page(resp: requests.Response, status: int, error: str, *words: str) -> None:
    """An error shown to the user, not redirected (RFC 6749 §4.1.2.1): no Location."""
    sane(resp)
    assert resp.status_code == status, (resp.status_code, resp.text[:300])
    assert "Location" not in resp.headers
    text = html.unescape(resp.text)
    assert f"OAuth error: {error}" in text
    for word in words:
        assert word in text, (word, text[:400])


@pytest.fixture(scope="module")
def lab() -> Lab:
    return make_lab(seed=SEED)


@pytest.fixture(scope="module")
def app(lab) -> App:
    return make_app(lab, name="Bad Input App")


@pytest.fixture(scope="module")
def good_token(lab, app) -> str:
    return app.tokens()["access_token"]


def post_token(app: App, data: Any, headers: dict[str, str] | None = None,
               auth: bool = True) -> requests.Response:
    creds = (app.client_id, app.secret) if auth else None
    return sane(app.session.post(TOKEN_URL, data=data, headers=headers, auth=creds))


# -- the validator: any Python value as a token ------------------------------------------------
NOT_STRINGS = [None, 0, 123, -1, 1.5, True, b"eyJ.eyJ.sig", bytearray(b"a.b.c"), ["a.b.c"],
               {"token": "a.b.c"}, ("a", "b", "c"), object()]
FORMAT_GARBAGE = ["", ".", "..", "a", "a.b", "a.b.c.d", "a.b.c.d.e", "a..c", ".b.c", "a.b.c\n",
                  " a.b.c", "a.b.c ", "a b.c.d", "Bearer a.b.c", "ä.ö.ü", "\u202eabc.def.ghi",
                  "ｅｙＪ.ａ.ｂ", "😀.😀.😀", "\x00.\x00.\x00", "a.b.c\r\nX-Injected: 1",
                  "eyJ+/.eyJ=.sig", "A.AA.AAA", "%7B%7D.e30.e30"]


@pytest.mark.parametrize("token", NOT_STRINGS, ids=lambda t: type(t).__name__)
def test_bad_token_that_is_not_a_string(lab, token):
    for validate in (validate_access_token, validate_refresh_token):
        result = validate(token, lab.cucm.publisher.keys, now=lab.now)
        assert not result.ok and result.claims is None
        assert result.failed.check == "token format"
        assert f"got {type(token).__name__}" in result.failed.detail
        assert len(result.decisions) == 1


@pytest.mark.parametrize("token", FORMAT_GARBAGE)
def test_bad_token_format_garbage(lab, token):
    for validate in (validate_access_token, validate_refresh_token):
        result = validate(token, lab.cucm.publisher.keys, now=lab.now)
        assert not result.ok
        assert [d.check for d in result.decisions] == ["token format"], result.report()
        assert result.failed.detail


def test_bad_token_seeded_fuzz_never_raises_never_accepts(lab, good_token):
    """500 seeded random tokens in five families; each is refused by a named check."""
    rng = random.Random(SEED)
    keys = lab.cucm.publisher.keys
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    real_head = good_token.split(".")[0]

    def seg(n: int) -> str:
        return base64.urlsafe_b64encode(rng.randbytes(n)).rstrip(b"=").decode()

    families = {
        "printable": lambda: "".join(chr(rng.randrange(32, 127))
                                     for _ in range(rng.randrange(1, 300))),
        "unicode": lambda: "".join(chr(rng.randrange(0x80, 0x2FFFF))
                                   for _ in range(rng.randrange(1, 50))),
        "base64url parts": lambda: ".".join(seg(rng.randrange(1, 200)) for _ in range(3)),
        "real header": lambda: f"{real_head}.{seg(rng.randrange(1, 900))}.{seg(256)}",
        "mutated real": lambda: _mutate(good_token, rng, alphabet),
    }
    seen: dict[str, set[str]] = {name: set() for name in families}
    for i in range(500):
        name = list(families)[i % len(families)]
        token = families[name]()
        if token == good_token:
            continue
        for validate in (validate_access_token, validate_refresh_token):
            result = validate(token, keys, now=lab.now)
            assert not result.ok, (name, token[:80])
            assert result.failed is not None
            seen[name].add(result.failed.check)
    assert seen["printable"] == {"token format"}
    assert seen["unicode"] == {"token format"}
    assert "signature" in seen["real header"]
    assert len(seen["mutated real"]) >= 2  # the mutations reach past the format check


def _mutate(token: str, rng: random.Random, alphabet: str) -> str:
    chars = list(token)
    for _ in range(rng.randrange(1, 4)):
        i = rng.randrange(len(chars))
        if chars[i] != ".":
            chars[i] = rng.choice(alphabet.replace(chars[i], ""))
    return "".join(chars)


# -- K1: a 5 MB token fails at the format check before any crypto ------------------------------
class _CountingJose:
    """Stands in for jwcrypto's JWS/JWE classes in uclab.protocols.validation and counts
    constructions."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.calls = 0

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        return self.real(*args, **kwargs)


@pytest.mark.parametrize("token", ["a" * FIVE_MB, ("eyJhbGciOiJSUzI1NiJ9." * 250_000)[:-1],
                                   "\u00e9" * FIVE_MB])
def test_bad_token_5_mb_fails_at_the_format_check_before_any_crypto(lab, good_token,
                                                                     monkeypatch, token):
    """K1: the length cap comes first; no signature check runs and jwcrypto is never even
    instantiated."""
    jws_spy = _CountingJose(validation_mod.verify_rs256)
    jwe_spy = _CountingJose(validation_mod.decrypt_a128cbc_hs256)
    monkeypatch.setattr(validation_mod, "verify_rs256", jws_spy)
    monkeypatch.setattr(validation_mod, "decrypt_a128cbc_hs256", jwe_spy)
    keys = lab.cucm.publisher.keys
    for validate in (validate_access_token, validate_refresh_token):
        result = validate(token, keys, now=lab.now)
        assert [d.check for d in result.decisions] == ["token format"]
        assert f"{defaults.MAX_TOKEN_LENGTH}-character limit" in result.failed.detail
    assert jws_spy.calls == 0 and jwe_spy.calls == 0
    assert validate_access_token(good_token, keys, now=lab.now).ok  # control: the spies work
    assert jws_spy.calls == 1 and jwe_spy.calls == 1


def test_bad_token_5_mb_bearer_gets_401_over_http(lab):
    """K1 at the resource server: a 5 MB Authorization header is a plain invalid_token."""
    resp = sane(lab.session().get(UDS, headers={"Authorization": "Bearer " + "A" * FIVE_MB}))
    error_json(resp, 401, "invalid_token", "token format", "limit")
    challenge = resp.headers["WWW-Authenticate"]
    assert challenge.startswith("Bearer ") and 'error="invalid_token"' in challenge
    assert len(challenge) < 1000


@pytest.mark.parametrize("token", ["garbage", "ä.ö.ü", "a.b.c", "e30.e30.e30", "\u202e" * 10,
                                   "eyJhbGciOiJub25lIn0.e30."])
def test_bad_token_garbage_bearer_gets_401_invalid_token(lab, token):
    resp = sane(lab.session().get(UDS, headers={"Authorization": f"Bearer {token}"}))
    error_json(resp, 401, "invalid_token", "access token rejected at check")
    challenge = resp.headers["WWW-Authenticate"]
    challenge.encode("ascii")  # a header value stays ASCII whatever the token held
    assert 'error="invalid_token"' in challenge


# -- token endpoint: garbage and repeated form fields ------------------------------------------
@pytest.mark.parametrize("data, error, words", [
    (b"%%%", "invalid_request", ["not valid form encoding"]),
    (b"grant_type", "invalid_request", ["not valid form encoding"]),
    ("&".join(f"f{i}=1" for i in range(70)).encode(), "invalid_request", ["form encoding"]),
    ([("grant_type", "authorization_code"), ("grant_type", "refresh_token")],
     "invalid_request", ["'grant_type'", "2 times"]),
    ([("grant_type", "refresh_token"), ("refresh_token", "a"), ("refresh_token", "b")],
     "invalid_request", ["'refresh_token'", "2 times"]),
    ({"code": "x"}, "invalid_request", ["'grant_type'"]),
    ({"grant_type": "authorization_code"}, "invalid_request", ["'code'"]),
    ({"grant_type": "authorization_code", "code": "\u00e9\u00e8\x00"}, "invalid_grant",
     ["unknown"]),
    ({"grant_type": "refresh_token", "refresh_token": "not-a-token"}, "invalid_grant",
     ["token format"]),
    ({"grant_type": "refresh_token", "refresh_token": "x" * 9000}, "invalid_grant",
     ["token format", "limit"]),
    ({"grant_type": "\u6388\u6743\U0001F600"}, "unsupported_grant_type", ["grant_type"]),
    ({"grant_type": "password", "username": "alice", "password": LAB_PASSWORD},
     "unsupported_grant_type", ["'password'"]),
])
def test_bad_form_at_the_token_endpoint(app, data, error, words):
    headers = FORM if isinstance(data, bytes) else None
    error_json(post_token(app, data, headers), 400, error, *words)


def test_bad_form_duplicate_client_id_at_the_token_endpoint(app):
    data = [("grant_type", "authorization_code"), ("code", "x"), ("client_id", app.client_id),
            ("client_id", "Cevil")]
    error_json(post_token(app, data, auth=False), 400, "invalid_request", "'client_id'",
               "2 times")


def test_bad_form_random_bytes_at_the_token_endpoint(app):
    rng = random.Random(SEED)
    for _ in range(50):
        body = rng.randbytes(rng.randrange(1, 400))
        resp = post_token(app, body, FORM)
        error_json(resp, 400, resp.json()["error"])
        assert resp.json()["error"] in {"invalid_request", "unsupported_grant_type"}


@pytest.mark.parametrize("ctype, body, word", [
    ("application/json", b'{"grant_type": "authorization_code"}', "application/json"),
    ("text/plain", b"grant_type=authorization_code", "text/plain"),
    (None, b"grant_type=authorization_code", "no Content-Type"),
])
def test_bad_content_type_at_the_token_endpoint(app, ctype, body, word):
    headers = {"Content-Type": ctype} if ctype else {}
    resp = app.session.post(TOKEN_URL, data=body, headers=headers,
                            auth=(app.client_id, app.secret))
    error_json(sane(resp), 400, "invalid_request", "application/x-www-form-urlencoded", word)


def test_bad_non_utf8_body_at_the_token_endpoint(app):
    resp = post_token(app, b"grant_type=authorization_code&code=\xff\xfe\xfd", FORM)
    error_json(resp, 400, "invalid_request", "not UTF-8")


def test_bad_non_utf8_body_at_the_login_form(app):
    resp = sane(app.session.post(LOGIN_URL, data=b"request_id=\xff&j_username=\xfe", headers=FORM,
                                 allow_redirects=False))
    error_page(resp, 400, "invalid_request", "not UTF-8")


def test_bad_duplicate_request_id_at_the_login_form(app):
    data = [("request_id", "a"), ("request_id", "b"), ("csrf_token", "x")]
    resp = sane(app.session.post(LOGIN_URL, data=data, allow_redirects=False))
    error_page(resp, 400, "invalid_request", "request_id", "2 times")


# -- authorization endpoint ---------------------------------------------------------------------
def test_bad_duplicate_client_id_at_authorize_gets_an_error_page_and_no_redirect(app):
    params = [("response_type", "code"), ("client_id", app.client_id),
              ("client_id", app.client_id), ("redirect_uri", app.redirect_uri),
              ("state", "s-1")]
    resp = sane(app.session.get(AUTHORIZE_URL, params=params, allow_redirects=False))
    error_page(resp, 400, "invalid_request", "client_id", "2 times")
    assert resp.headers["Cache-Control"] == "no-store"


def test_bad_duplicate_scope_at_authorize_redirects_with_invalid_request(app):
    params = [("response_type", "code"), ("client_id", app.client_id),
              ("redirect_uri", app.redirect_uri), ("scope", "UnifiedCommunications:readwrite"),
              ("scope", "UnifiedCommunications:readwrite"), ("state", "s-dup")]
    resp = sane(app.session.get(AUTHORIZE_URL, params=params, allow_redirects=False))
    assert resp.status_code == 302
    location = resp.headers["Location"]
    assert location.startswith(app.redirect_uri + "?")
    got = redirect_params(location)
    assert got["error"] == "invalid_request" and got["state"] == "s-dup"
    assert "'scope'" in got["error_description"] and "2 times" in got["error_description"]
    assert RFC6749_DESCRIPTION.fullmatch(got["error_description"])
    assert "code" not in got


@pytest.mark.parametrize("query, words", [
    ("client_id", ["not valid form encoding"]),
    ("client_id=%E2%80%AEevil%00&response_type=code", ["unknown client_id"]),
    ("response_type=code", ["missing required parameter 'client_id'"]),
    ("&".join(f"p{i}=1" for i in range(70)), ["form encoding"]),
])
def test_bad_query_at_authorize_gets_an_error_page(app, query, words):
    resp = sane(app.session.get(f"{AUTHORIZE_URL}?{query}", allow_redirects=False))
    error_page(resp, 400, "invalid_request", *words)


def test_bad_redirect_uri_with_unicode_gets_an_error_page(app):
    params = {"response_type": "code", "client_id": app.client_id,
              "redirect_uri": "https://app.example.net/cb/\u00e9\u202e", "state": "s"}
    resp = sane(app.session.get(AUTHORIZE_URL, params=params, allow_redirects=False))
    error_page(resp, 400, "invalid_request", "is not registered")


# -- transport failures -------------------------------------------------------------------------
def test_bad_unknown_host_raises_connection_error_and_is_recorded(lab):
    session = lab.session()
    with pytest.raises(requests.ConnectionError, match="could not resolve host "
                                                       "'nowhere.example.com'"):
        session.get("https://nowhere.example.com/")
    ex = lab.exchanges[-1]
    assert ex.request.host == "nowhere.example.com" and ex.response is None
    assert ex.error == "could not resolve host 'nowhere.example.com': no such node in this lab"
    assert "could not resolve host" in ex.summary()


def test_bad_closed_port_raises_connection_error_and_is_recorded(lab):
    with pytest.raises(requests.ConnectionError, match="does not listen on port 9443"):
        lab.session().get("https://cucm-pub.example.com:9443/ssosp/oauth/jwks")
    ex = lab.exchanges[-1]
    assert ex.response is None and "connection refused" in ex.error and "8443" in ex.error


def test_bad_http_scheme_is_refused(lab):
    session = lab.session()
    with pytest.raises(requests.ConnectionError, match="does not speak http on port 8443"):
        session.get("http://cucm-pub.example.com:8443/ssosp/oauth/jwks")
    assert lab.exchanges[-1].error and lab.exchanges[-1].response is None
    with pytest.raises(requests.ConnectionError, match="does not listen on port 80"):
        session.get("http://cucm-pub.example.com/ssosp/oauth/jwks")


# -- wrong methods --------------------------------------------------------------------------------
@pytest.mark.parametrize("method", ["PUT", "GET", "DELETE", "PATCH"])
def test_bad_method_at_the_token_endpoint_is_invalid_request(app, method):
    resp = sane(app.session.request(method, TOKEN_URL, data={"grant_type": "x"}))
    error_json(resp, 400, "invalid_request", "takes POST", method)
    assert resp.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("method, url, allow", [
    ("DELETE", AUTHORIZE_URL, "GET"),
    ("PUT", AUTHORIZE_URL, "GET"),
    ("DELETE", JWKS_URL, "GET"),
    ("GET", LOGIN_URL, "POST"),
    ("PUT", REVOKE_URL, "GET, POST"),
])
def test_bad_method_elsewhere_gets_405_with_allow(app, method, url, allow):
    resp = sane(app.session.request(method, url, allow_redirects=False))
    error_json(resp, 405, "method_not_allowed", method)
    assert resp.headers["Allow"] == allow


# -- bad Basic credentials ----------------------------------------------------------------------
@pytest.mark.parametrize("value, word", [
    ("Basic !!!not-base64!!!", "not base64"),
    ("Basic " + b64(b"no-colon-here"), "no ':'"),
    ("Basic " + b64(b"\xff\xfe:\xfd"), "not base64"),
    ("Basic", "no ':'"),
])
def test_bad_basic_header_at_the_token_endpoint(app, value, word):
    resp = app.session.post(TOKEN_URL, data={"grant_type": "authorization_code", "code": "x"},
                            headers={"Authorization": value})
    error_json(sane(resp), 400, "invalid_request", "Basic", word)


def test_bad_basic_header_at_the_revoke_api(app):
    resp = app.session.get(REVOKE_URL, params={"user_id": "alice"},
                           headers={"Authorization": "Basic %%%"})
    error_json(sane(resp), 400, "invalid_request", "Basic", "not base64")


def test_bad_basic_header_at_uds_gets_the_basic_challenge(app):
    resp = sane(app.session.get(UDS, headers={"Authorization": "Basic %%%"}))
    assert resp.status_code == 401
    assert resp.headers["WWW-Authenticate"].startswith("Basic realm=")


# -- oversized bodies ---------------------------------------------------------------------------
def test_bad_huge_body_gets_413(lab, app):
    """K1: the network refuses a body over 64 KiB before any node parses it."""
    body = b"grant_type=authorization_code&code=" + b"A" * defaults.MAX_BODY_BYTES
    assert len(body) > 64 * 1024
    resp = post_token(app, body, FORM)
    error_json(resp, 413, "invalid_request", "too large")
    assert lab.exchanges[-1].response.status == 413
    resp = sane(app.session.post(LOGIN_URL, data=body, headers=FORM, allow_redirects=False))
    error_json(resp, 413, "invalid_request", "too large")


def test_bad_body_of_exactly_64_kib_reaches_the_node_which_refuses_it(app):
    body = b"grant_type=authorization_code&code="
    body += b"A" * (defaults.MAX_BODY_BYTES - len(body))
    assert len(body) == 64 * 1024
    error_json(post_token(app, body, FORM), 400, "invalid_request", "too large")


def test_bad_huge_refresh_token_in_a_huge_body_gets_413(app):
    """K1 at the AS: a 5 MB refresh_token never reaches the validator."""
    resp = post_token(app, {"grant_type": "refresh_token", "refresh_token": "A" * FIVE_MB})
    error_json(resp, 413, "invalid_request", "too large")


# -- a node that crashes --------------------------------------------------------------------------
class BrokenNode:
    """A node whose handler raises, to prove the network answers 500 without a traceback."""

    host = "broken.example.com"
    ports = (443,)

    def __init__(self) -> None:
        self.calls = 0

    def handle(self, req: Request) -> Response:
        self.calls += 1
        raise ZeroDivisionError(f"handler bug while serving {req.path}")


def test_bad_node_exception_becomes_500_without_traceback():
    lab = make_lab(seed=SEED)
    node = BrokenNode()
    lab.network.attach(node, "broken")
    resp = lab.session().get("https://broken.example.com/secret/path")
    assert node.calls == 1
    assert resp.status_code == 500
    assert "Traceback" not in resp.text and "ZeroDivisionError" not in resp.text
    assert "secret/path" not in resp.text
    assert resp.json() == {"error": "server_error", "error_description": "internal error"}
    ex = lab.exchanges[-1]
    assert ex.dst == "broken" and ex.error is None and ex.response.status == 500
    assert ex.metadata["exception"] == ("ZeroDivisionError: handler bug while serving "
                                        "/secret/path")
    # the lab keeps working for everyone else
    assert sane(lab.session().get(JWKS_URL)).status_code == 200


def test_deeply_nested_json_is_a_rejection_not_a_recursion_error(lab):
    """A header or inner payload nested 6000 deep is refused like any non-object JSON."""
    keys = lab.cucm.publisher.keys
    deep = base64.urlsafe_b64encode(b"[" * 6000).decode().rstrip("=")
    for validate in (validate_access_token, validate_refresh_token):
        result = validate(f"{deep}.e30.AAAA", keys, now=lab.now)
        assert not result.ok and result.failed.check in ("header", "token format")
