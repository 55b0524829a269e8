"""E16/K1: no token string crashes the validators or the inspector, whatever each segment holds
(deep nesting, huge numbers, wrong types, non-canonical base64, duplicate keys)."""

from __future__ import annotations

import base64
import json

import pytest
from _fuzz import examples
from hypothesis import given
from hypothesis import strategies as st

from uclab import Lab
from uclab.core.errors import ConfigError
from uclab.protocols.inspect_any import inspect_any
from uclab.protocols.inspection import TokenFormatError, inspect_token
from uclab.protocols.validation import (
    Validation,
    validate_access_token,
    validate_refresh_token,
    verify_signature,
)


@pytest.fixture(scope="module")
def lab() -> Lab:
    lab = Lab(seed="fuzz-tokens")
    lab.configure_oauth()
    assert lab.jabber("alice").sign_in()
    return lab


PEM = (b"-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n"
       b"-----END PUBLIC KEY-----\n")  # an Ed25519 key: refused as not RSA, a ConfigError


def b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**80), 2**80) | st.floats(allow_nan=False)
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=12)


@st.composite
def json_texts(draw) -> bytes:
    """JSON-ish bytes: valid objects with CUCM-like members, nested past any recursion limit,
    duplicate keys, huge numbers, or not JSON at all."""
    kind = draw(st.sampled_from(["object", "deep", "duplicate", "huge", "value", "bytes"]))
    if kind == "object":
        members = draw(st.dictionaries(st.sampled_from(
            ["alg", "typ", "kid", "cty", "enc", "private", "exp", "iat", "iss", "aud", "sub",
             "ctyp", "tid", "ccid", "x"]), json_values, max_size=8))
        return json.dumps(members).encode()
    if kind == "deep":
        n = draw(st.integers(100, 100_000))
        return (b"[" * n) + (b"]" * n) if draw(st.booleans()) else b'{"a":' * n + b"1" + b"}" * n
    if kind == "duplicate":
        return b'{"alg":"RS256","alg":"none","typ":"JWT","kid":"x","kid":7}'
    if kind == "huge":
        return b'{"exp": 1' + b"0" * draw(st.integers(20, 5000)) + b', "iat": 1e999}'
    if kind == "value":
        return json.dumps(draw(json_values)).encode()
    return draw(st.binary(max_size=64))


@st.composite
def segments(draw) -> str:
    seg = b64(draw(json_texts()))
    trick = draw(st.sampled_from(["plain", "padded", "tail", "alphabet", "empty"]))
    if trick == "padded":
        return seg + "=="
    if trick == "tail" and seg:
        return seg[:-1] + ("B" if seg[-1] == "A" else "A")  # non-canonical last character
    if trick == "alphabet":
        return seg.replace("-", "+").replace("_", "/")
    if trick == "empty":
        return ""
    return seg


@st.composite
def tokens(draw) -> str:
    n = draw(st.sampled_from([1, 2, 3, 3, 3, 4, 5]))
    token = ".".join(draw(segments()) for _ in range(n))
    if n == 3 and draw(st.booleans()):  # an access-token shape: {"private": <5 parts>}
        inner = ".".join(draw(segments()) for _ in range(5))
        token = ".".join([draw(segments()), b64(json.dumps({"private": inner}).encode()),
                          draw(segments())])
    return token


@examples(150)
@given(tokens())
def test_any_token_is_a_rejection_never_a_crash(lab: Lab, token: str) -> None:
    keys = lab.cucm.publisher.keys
    for result in (validate_access_token(token, keys, now=lab.now),
                   validate_refresh_token(token, keys, now=lab.now),
                   verify_signature(token, [keys])):
        assert isinstance(result, Validation) and not result.ok
        assert result.reason


@examples(150)
@given(tokens(), st.sampled_from(["none", "keys", "jwks"]))
def test_any_token_inspects_to_a_report_or_a_format_error(lab: Lab, token: str,
                                                           keys: str) -> None:
    given_keys = {"none": None, "keys": lab.cucm.publisher.keys,
                  "jwks": lab.cucm.publisher.keys.public_jwks()}[keys]
    for inspect in (inspect_token, inspect_any):
        try:
            report = inspect(token, given_keys, now=lab.now)
        except TokenFormatError as exc:
            assert str(exc) and "\n" not in str(exc)
        else:
            assert report.text()
            assert report.validation is None or not report.validation.ok
    try:  # a PEM with any token: a report, a format error, never a crash
        inspect_any(token, pem=PEM, now=lab.now).text()
    except (TokenFormatError, ConfigError):
        pass


@examples(60)
@given(st.one_of(st.none(), st.integers(), st.binary(max_size=40), st.lists(st.text()),
                 st.dictionaries(st.text(), st.text())))
def test_a_token_of_the_wrong_type_is_rejected(lab: Lab, token: object) -> None:
    assert not validate_access_token(token, lab.cucm.publisher.keys, now=lab.now).ok
    with pytest.raises(TokenFormatError):
        inspect_token(token)
