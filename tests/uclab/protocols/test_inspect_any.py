"""inspect_any: a bare JWE, foreign JWTs and OIDC ID tokens, PEM keys, JWKS object/file/URL."""

from __future__ import annotations

import base64
import json

import pytest
from cryptography.hazmat.primitives import serialization
from hypothesis import given, settings
from hypothesis import strategies as st

from uclab import Lab
from uclab.core.clock import epoch_to_iso
from uclab.core.errors import ConfigError
from uclab.protocols.inspect_any import describe_foreign, inspect_any, load_jwks, load_pem
from uclab.protocols.inspection import TokenFormatError


@pytest.fixture(scope="module")
def lab() -> Lab:
    lab = Lab(seed="inspect-any")
    lab.configure_oauth()
    jabber = lab.jabber("alice")
    assert jabber.sign_in()
    lab.inspect_tokens = jabber.tokens  # type: ignore[attr-defined]
    return lab


def b64(obj: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(obj).encode()).rstrip(b"=").decode()


def private_of(token: str) -> str:
    return json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))["private"]


def pem_of(lab: Lab) -> bytes:
    return lab.cucm.publisher.keys.signing_private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def test_a_bare_jwe_opens_with_the_clusters_keys_and_says_it_is_unsigned(lab: Lab) -> None:
    jwe = private_of(lab.inspect_tokens.access_token)  # type: ignore[attr-defined]
    report = inspect_any(jwe, lab.cucm.publisher.keys, now=lab.now)
    assert report.kind == "JWE" and report.header["enc"] == "A128CBC-HS256"
    assert report.claims["sub"] == "alice" and report.claims["ctyp"] == "access"
    assert "not authenticated" in report.text()
    closed = inspect_any(jwe)
    assert closed.claims is None and "give the cluster's AuthZ keys" in closed.text()


def test_a_bare_jwes_times_are_readable(lab: Lab) -> None:
    jwe = private_of(lab.inspect_tokens.access_token)  # type: ignore[attr-defined]
    report = inspect_any(jwe, lab.cucm.publisher.keys, now=lab.now)
    claims = report.claims
    times = {k.split(" ")[0]: v for k, v in report.times.items()}
    assert "exp" in times and times["exp"].startswith(epoch_to_iso(claims["exp"]))
    assert times["exp"].endswith(", lab time)") and "expires in" in times["exp"]
    assert epoch_to_iso(claims["exp"]) in report.text()


def test_a_bare_jwe_under_another_key_does_not_open(lab: Lab) -> None:
    other = Lab(seed="inspect-any-other")
    jwe = private_of(lab.inspect_tokens.access_token)  # type: ignore[attr-defined]
    report = inspect_any(jwe, other.cucm.publisher.keys, now=lab.now)
    assert report.claims is None and "does not decrypt" in report.text()


def test_a_pem_key_verifies_the_signature_and_a_wrong_one_fails_it(lab: Lab) -> None:
    token = lab.inspect_tokens.access_token  # type: ignore[attr-defined]
    ok = inspect_any(token, pem=pem_of(lab), now=lab.now)
    assert ok.validation is not None and ok.validation.ok
    wrong = inspect_any(token, pem=pem_of(Lab(seed="inspect-any-other")), now=lab.now)
    assert wrong.failed is not None and wrong.failed.check == "signature"


def test_a_jwks_from_an_object_a_file_and_the_labs_url(lab: Lab, tmp_path) -> None:
    token = lab.inspect_tokens.refresh_token  # type: ignore[attr-defined]
    jwks = lab.cucm.publisher.keys.public_jwks()
    (tmp_path / "jwks.json").write_text(json.dumps(jwks))
    for source, session in ((jwks, None), (tmp_path / "jwks.json", None),
                            (lab.jwks_url, lab.session())):
        report = inspect_any(token, jwks=source, session=session, now=lab.now)
        assert report.kind == "refresh" and report.validation.ok, source
    with pytest.raises(ConfigError, match="needs a session"):
        load_jwks(lab.jwks_url)
    with pytest.raises(ConfigError, match="answered HTTP 404"):
        load_jwks(lab.jwks_url + "/nope", lab.session())
    with pytest.raises(ConfigError, match="cannot read"):
        load_jwks(tmp_path / "missing.json")


def test_an_oidc_id_token_is_named_as_such_and_not_a_cucm_token(lab: Lab) -> None:
    claims = {"iss": "https://idp.example.com", "sub": "alice", "aud": "jabber",
              "exp": lab.now + 60, "iat": lab.now, "nonce": "n-0S6"}
    report = inspect_any(f"{b64({'alg': 'RS256', 'kid': 'idp'})}.{b64(claims)}.c2ln",
                         now=lab.now)
    assert report.kind == "JWT"
    assert report.notes[0].startswith("Not a CUCM token: an OpenID Connect ID token")
    assert "'https://idp.example.com'" in report.notes[0] and "nonce" in report.notes[0]
    assert "exp (payload)" in report.text() and "expires in 1 min" in report.text()


def test_another_jwt_is_named_with_its_issuer() -> None:
    note = describe_foreign({"iss": "https://login.example", "scope": "x"}, {"alg": "HS256"})
    assert note.startswith("Not a CUCM token: a JWT (RFC 7519) issued by 'https://login.example'")
    assert "signed HS256" in note


@pytest.mark.parametrize(("token", "words"), [
    ("abc", "3 parts"), ("a!b.c.d", "character '!' at position 1"),
    ("eyJhIjoxfQ.x.y", "length of 1 characters"), ("e30.W10.c2ln", "not an object"),
])
def test_garbage_says_exactly_what_is_wrong(token: str, words: str) -> None:
    with pytest.raises(TokenFormatError, match=words.replace("(", r"\(")):
        inspect_any(token)


def test_unusable_pem_is_a_config_error(lab: Lab) -> None:
    with pytest.raises(ConfigError, match="neither a public key nor a certificate"):
        load_pem(b"-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----\n")
    with pytest.raises(ConfigError):
        inspect_any(lab.inspect_tokens.access_token, pem="garbage")  # type: ignore[attr-defined]


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=120))
def test_any_text_inspects_or_is_a_format_error(text: str) -> None:
    try:
        assert inspect_any(text).text()
    except TokenFormatError as exc:
        assert str(exc)
