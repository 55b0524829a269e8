"""uclab.trace.redact: the one redaction (RFC 9700 §4.9.3 / security checklist F9: no token in
a log or a saved trace), keeping the products' own masks (seed article, FORMATS.md §2)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from uclab.trace import logline
from uclab.trace.redact import (
    CONCEALED,
    HIDDEN,
    MASKS,
    XCP_MASK,
    is_masked,
    redact,
    redact_header,
)

JWS = ("eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSJ9."
       "c2lnbmF0dXJlLWJ5dGVzLWhlcmU")
JWE = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0..aXY.Y2lwaGVydGV4dA.dGFn"


def test_concealed_is_the_one_mask_logline_exports():
    assert logline.CONCEALED is CONCEALED == "<CONCEALED>"
    assert {CONCEALED, "<concealed>", str(HIDDEN), str(XCP_MASK)} == MASKS


@pytest.mark.parametrize("text, shown", [
    # credential header lines, as Expressway prints them (seed; T225746)
    ("Authorization: Bearer " + JWS, "Authorization: <CONCEALED>"),
    ("GET / HTTP/1.1\nX-Credentials: YWxpY2U6cHc=\nAccept: */*",
     "GET / HTTP/1.1\nX-Credentials: <CONCEALED>\nAccept: */*"),
    ("Proxy-Authorization: Basic dTpw", "Proxy-Authorization: <CONCEALED>"),
    ("cookie: JSESSIONID=abc", "cookie: <CONCEALED>"),
    ("Set-Cookie: X-Auth=0f1e; Secure", "Set-Cookie: <CONCEALED>"),
    ("Cookie:<CONCEALED>", "Cookie:<CONCEALED>"),
    # compact JWS and JWE anywhere (RFC 7515 §7.1, RFC 7516 §7.1)
    (f"Token={JWS} rest", "Token=<CONCEALED> rest"),
    (f"saw {JWE}.", "saw <CONCEALED>."),
    # query strings, fragments and forms (RFC 6749 §4.1.2, §4.1.3, §6)
    ("Location: /OAuthcb#code=2PMlY3_hCO8Y", "Location: /OAuthcb#code=<CONCEALED>"),
    ("/cb?code=abc&state=s-123", "/cb?code=<CONCEALED>&state=s-123"),
    ("grant_type=refresh_token&refresh_token=r1&client_id=c",
     "grant_type=refresh_token&refresh_token=<CONCEALED>&client_id=c"),
    ("username=alice&password=Lab-Passw0rd%21", "username=alice&password=<CONCEALED>"),
    ("j_username=alice&j_password=pw&csrf_token=t", "j_username=alice&j_password=<CONCEALED>&"
                                                    "csrf_token=t"),
    ("client_secret=s3&Code=x", "client_secret=<CONCEALED>&Code=<CONCEALED>"),
    # JSON members (RFC 6749 §5.1)
    ('{"access_token": "a.b", "expires_in": 3600, "refresh_token": "r"}',
     '{"access_token": "<CONCEALED>", "expires_in": 3600, "refresh_token": "<CONCEALED>"}'),
    ('{"code": "a\\"b"}', '{"code": "<CONCEALED>"}'),
    # XMPP SASL payloads (RFC 6120 §6.4.2); a 3-byte one such as RFC 7628's AQ== stays
    ("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGFsaWNlAHB3</auth>",
     "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'><CONCEALED></auth>"),
    ("<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>AQ==</response>",
     "<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>AQ==</response>"),
    # SAML
    ("SAMLResponse=PHNhbWxwOlJlc3BvbnNl&RelayState=r",
     "SAMLResponse=<CONCEALED>&RelayState=r"),
    ("<input type='hidden' name='SAMLResponse' value='PHNhbWw+'>",
     "<input type='hidden' name='SAMLResponse' value='<CONCEALED>'>"),
    ('<saml:Assertion ID="a1"><saml:NameID>alice</saml:NameID></saml:Assertion>',
     '<saml:Assertion ID="a1"><CONCEALED></saml:Assertion>'),
])
def test_recognised_secrets_are_masked(text, shown):
    assert redact(text) == shown


@pytest.mark.parametrize("text", [
    'Redirect="/OAuthcb#code=Hidden"',                     # the seed's event line
    'Location: /OAuthcb#code=<CONCEALED>',                 # the seed's HTTPMSG block
    '{"token": "<concealed>"}',                            # the seed's OAuthvalidator body
    "<auth mechanism='OAUTHBEARER' xmlns='x'>XXXXXXX</auth>",  # the seed's XCP line
    'Response-code="200" Detail="Receive Request"',        # no secret here
    "code=&state=",                                        # empty: nothing to hide
    "Hidden until MRA is enabled; the code is sent",       # prose
    "ServiceDiscoveryHandlerResult return code SUCCESS",
    "WWW-Authenticate: Bearer error=\"invalid_token\"",
])
def test_product_masks_and_plain_text_stay_as_they_are(text):
    assert redact(text) == text


def test_given_secrets_take_their_mask_longest_first():
    text = "token abcdef and abcdefgh and payload ZZZZZZZZ"
    assert redact(text, ["abcdef", "abcdefgh", ("ZZZZZZZZ", str(XCP_MASK))]) == (
        "token <CONCEALED> and <CONCEALED> and payload XXXXXXX")
    assert redact("Redirect=x1y2z3", [("x1y2z3", str(HIDDEN))]) == "Redirect=Hidden"
    assert redact("keep", [""]) == "keep"


def test_reveal_returns_the_text():
    text = f"Authorization: Bearer {JWS}\npassword=pw"
    assert redact(text, [JWS], reveal=True) == text


@pytest.mark.parametrize("name, value, kept", [
    ("Authorization", "Bearer " + JWS, "Bearer <CONCEALED>"),
    ("authorization", "Basic YXhsYWRtaW46cHc=", "Basic <CONCEALED>"),
    ("Authorization", "Bearer <CONCEALED>", "Bearer <CONCEALED>"),
    ("Authorization", "opaque-credential", CONCEALED),
    ("X-Credentials", "YWxpY2U6cHc=", CONCEALED),
    ("Cookie", "JSESSIONIDSSO=1; X-Auth=2", CONCEALED),
    ("Set-Cookie", "X-Auth=0f1e", CONCEALED),
    ("Location", "/OAuthcb#code=abc", "/OAuthcb#code=<CONCEALED>"),
    ("Content-Type", "application/json", "application/json"),
    ("Cookie", "", ""),
])
def test_header_values_keep_the_auth_scheme(name, value, kept):
    assert redact_header(name, value) == kept
    assert redact_header(name, value, reveal=True) == value


def test_a_header_line_hides_the_scheme_a_saved_value_keeps():
    """The saved value keeps ``Bearer`` (roles read it); a view of the message masks the
    whole value, as Expressway does."""
    saved = redact_header("Authorization", "Bearer " + JWS)
    assert redact(f"Authorization: {saved}") == "Authorization: <CONCEALED>"


def test_is_masked():
    assert is_masked(" <CONCEALED> ") and is_masked("Hidden") and not is_masked("hidden!")


# -- properties --------------------------------------------------------------------------------
# A secret that holds '<' or '>' could be spelt again across a bracketed mask's edge, and one
# that is part of the mask cannot be hidden by it: real secrets (tokens, codes, passwords in
# base64 or URL encoding) are neither.
_secret = st.text(min_size=1, max_size=40).filter(
    lambda s: "<" not in s and ">" not in s and s not in CONCEALED)


@given(st.text(), _secret, st.text())
def test_a_given_secret_never_shows(before, secret, after):
    text = before + secret + after
    assert secret not in redact(text, [secret])


@given(st.text(), st.lists(_secret, max_size=3))
def test_redaction_is_idempotent(text, secrets):
    once = redact(text, secrets)
    assert redact(once, secrets) == once


_PIECES = st.sampled_from([*"ab=&#:\n \"'<>{}/.eyJXQ_-", "code", "token", "Cookie",
                          "Authorization", "<auth>", "</auth>", "Bearer ", "eyJhbGciOi",
                          "<CONCEALED>", "Hidden", "SAMLResponse", "<Assertion>",
                          "</Assertion>", "name='SAMLResponse' value='"])


@given(st.lists(_PIECES, max_size=40).map("".join))
def test_idempotent_on_secret_shaped_text(text):
    once = redact(text)
    assert redact(once) == once


@given(st.text(), st.lists(st.text(), max_size=3))
def test_reveal_changes_nothing(text, secrets):
    assert redact(text, secrets, reveal=True) == text
