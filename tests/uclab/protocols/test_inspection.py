"""uclab.protocols.inspection: decode a CUCM token, verify it with AuthZ keys or a JWKS, and say
why it is rejected; bad input is a one-line TokenFormatError, never another exception."""

import ast
import base64
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jwcrypto import jwk

from uclab.core import defaults
from uclab.core.entropy import Entropy
from uclab.core.errors import ConfigError, UclabError
from uclab.protocols import inspection, tokens
from uclab.protocols.inspection import (
    SIGNATURE_ONLY_NOTE,
    TokenFormatError,
    TokenReport,
    b64url_json,
    compact_text,
    inspect_token,
    public_keys,
)
from uclab.protocols.keys import AuthzKeys, encryption_key_bytes, rsa_signing_key

CLUSTER = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"
NOW = 1_772_442_000  # 2026-03-02 09:00:00 UTC, the lab clock's start
KEYS = AuthzKeys(CLUSTER, rsa_signing_key("t-inspect", 0), encryption_key_bytes(Entropy("i")))
OTHER = AuthzKeys("bbbbbbbb-bbbb-4ccc-8ddd-eeeeeeeeeeee", rsa_signing_key("t-inspect", 1),
                  encryption_key_bytes(Entropy("o")))
ACCESS = tokens.mint_access_token(KEYS, tokens.access_claims(
    keys=KEYS, user_id="alice", client_id="Cx", token_id="t1", grant_id="g1", now=NOW,
    lifetime_s=3600, scope="UnifiedCommunications:readwrite", audience="UnifiedCommunications"),
    iv=bytes(16))
REFRESH = tokens.mint_refresh_token(KEYS, tokens.refresh_claims(
    keys=KEYS, token_id="g1", client_id="Cx", expires_at=NOW + 60 * 86400))
JWKS = KEYS.public_jwks()
QUICK = settings(max_examples=150, deadline=None, database=None,
                 suppress_health_check=[HealthCheck.too_slow])


def _b64(obj) -> str:
    return base64.urlsafe_b64encode(json.dumps(obj).encode()).rstrip(b"=").decode()


def _raises(token, keys=None, **kw) -> TokenFormatError:
    with pytest.raises(TokenFormatError) as err:
        inspect_token(token, keys, now=NOW, **kw)
    assert isinstance(err.value, UclabError) and "\n" not in str(err.value)
    assert err.value.report.error == str(err.value)
    return err.value


# -- with the AuthZ keys: full validation ---------------------------------------------------------
def test_an_access_token_decodes_validates_and_decrypts():
    report = inspect_token(ACCESS, KEYS, now=NOW, node="cucm-pub")
    assert isinstance(report, TokenReport) and report.ok and not report.error
    assert report.kind == "access" and report.validation.kind == "access"
    assert report.header["alg"] == "RS256" and report.inner_header["enc"] == "A128CBC-HS256"
    assert report.claims["sub"] == "alice" and report.claims["ctyp"] == "access"
    assert report.times["exp (inner claims)"] == ("2026-03-02 10:00:00 UTC (expires in 60 min "
                                                  "0 s, lab time)")
    text = report.text()
    assert text.startswith("access token\nOuter JWS header: ")
    assert "access token ACCEPTED by cucm-pub" in text and "Decrypted inner claims" in text
    assert ACCESS not in text and '"private": "<JWE, ' in text  # neither echoed nor inlined


def test_a_refresh_token_is_validated_as_one():
    report = inspect_token(REFRESH, KEYS, now=NOW)
    assert report.ok and report.kind == "refresh" and report.validation.kind == "refresh"
    assert report.payload["ctyp"] == "refresh" and report.claims is None
    assert report.times["exp (payload)"].startswith("2026-05-01 09:00:00 UTC")


def test_a_tampered_signature_is_rejected_and_its_claims_are_labelled_untrusted():
    header, payload, sig = ACCESS.split(".")
    flipped = sig[:40] + ("A" if sig[40] != "A" else "B") + sig[41:]
    report = inspect_token(".".join([header, payload, flipped]), KEYS, now=NOW)
    assert not report.ok and report.failed.check == "signature"
    assert "Failed check: signature" in report.text()
    assert report.claims is not None and any("REJECTED" in n for n in report.notes)


def test_a_refresh_token_with_a_later_exp_fails_at_the_signature():
    h, p, s = REFRESH.split(".")
    claims = json.loads(base64.urlsafe_b64decode(p + "=" * (-len(p) % 4)))
    claims["exp"] += 365 * 86400
    forged = inspect_token(".".join([h, _b64(claims), s]), KEYS, now=NOW)
    assert forged.kind == "refresh" and forged.failed.check == "signature"


def test_expiry_is_told_in_the_given_time():
    report = inspect_token(ACCESS, KEYS, now=NOW + 3600 + 120)
    assert report.failed.check == "expiry"
    assert "expired 2 min 0 s ago, lab time" in report.times["exp (inner claims)"]
    named = inspect_token(ACCESS, KEYS, now=NOW, clock="the node's clock")
    assert named.times["exp (inner claims)"].endswith("the node's clock)")


def test_without_now_the_system_clock_is_used():
    report = inspect_token(ACCESS, KEYS)  # issued in 2026-03: long expired by any real clock
    assert report.times["exp (inner claims)"].endswith("system clock)")


def test_another_clusters_keys_fail_at_the_signing_key():
    report = inspect_token(ACCESS, OTHER, now=NOW)
    assert report.failed.check == "signing key" and "unknown kid" in report.failed.detail
    assert report.claims is None  # the other key cannot decrypt either


def test_an_inactive_user_is_the_reason_given():
    report = inspect_token(ACCESS, KEYS, now=NOW, user_active=lambda user: False)
    assert report.failed.check == "user active" and "inactive" in report.failed.detail


# -- with a JWKS: the signature only ---------------------------------------------------------------
@pytest.mark.parametrize("jwks", [JWKS, JWKS["keys"], [KEYS.verify_jwk]],
                         ids=["jwks", "list of dicts", "list of JWK"])
def test_a_jwks_checks_the_signature_only(jwks):
    report = inspect_token(ACCESS, jwks, now=NOW)
    assert report.ok and report.kind == "access" and report.claims is None
    assert [d.check for d in report.validation.decisions] == [
        "token format", "header", "signing key", "signature"]
    assert "ACCEPTED by public keys (signature only)" in report.text()
    assert report.notes == [SIGNATURE_ONLY_NOTE]


def test_a_jwkset_works_too():
    keyset = jwk.JWKSet()
    keyset.add(KEYS.verify_jwk)
    assert inspect_token(REFRESH, keyset, now=NOW).ok


def test_a_jwks_still_names_the_failed_check():
    assert inspect_token(ACCESS, OTHER.public_jwks(), now=NOW).failed.check == "signing key"
    h, p, s = REFRESH.split(".")
    claims = json.loads(base64.urlsafe_b64decode(p + "=" * (-len(p) % 4)))
    tampered = ".".join([h, _b64({**claims, "ccid": "Cmallory"}), s])
    assert inspect_token(tampered, JWKS, now=NOW).failed.check == "signature"


def test_the_public_keys_of_a_jwks_cannot_sign():
    (key,) = public_keys(JWKS)
    assert key.signing_kid == KEYS.signing_kid
    assert not hasattr(key.public, "sign") and key.signing_private.public_key() is key.public


@pytest.mark.parametrize(("jwks", "expected"), [
    ({"kty": "RSA"}, "a JWKS is a JSON object with a 'keys' list"),
    ({"keys": "x"}, "'keys' is a list of JWKs"),
    ({"keys": [{"kty": "nope"}]}, "JWK 0 of the JWKS is not a usable key"),
    ({"keys": [{"kty": "oct", "k": "AAAA", "kid": "x"}]}, "holds no RSA signing key"),
    ([], "holds no RSA signing key"),
    (42, "'keys' is a list of JWKs"),
])
def test_a_bad_jwks_is_a_config_error(jwks, expected):
    with pytest.raises(ConfigError, match=expected):
        inspect_token(ACCESS, jwks, now=NOW)


# -- decoding without keys, and bad input ---------------------------------------------------------
def test_without_keys_it_decodes_only():
    spread = "Bearer " + ACCESS[:700] + "\n  " + ACCESS[700:]
    report = inspect_token(spread)
    assert report.kind == "access" and report.validation is None and report.claims is None
    assert not report.ok and report.times == {} and compact_text(spread) == ACCESS


@pytest.mark.parametrize(("token", "expected"), [
    ("", "no token: the input is empty"),
    ("  \n ", "no token: the input is empty"),
    ("Bearer", "no token: the input is empty"),
    ("abc", "3 parts separated by '.', this has 1"),
    ("a.b", "this has 2"),
    ("a.b.c.d.e", "this has 5 parts: a JWE"),
    ("eyJ!.e30.sig", "header (part 1) is not base64url: character '!'"),
    ("a.e30.sig", "header (part 1) is not base64url: a length of 1"),
    ("bm90IGpzb24.e30.sig", "header (part 1) decodes, but not to JSON"),
    ("WzFd.e30.sig", "header (part 1) is JSON but not an object"),
    ("e30.e30.si+g", "signature (part 3) is not base64url"),
    ("e30." + _b64({"private": "a.b"}) + ".sig", "'private' should be a JWE of 5 parts"),
    ("x" * 9000, "over the 8192-character limit"),
    ("x" * 5_000_000, "5000000 characters is over the 8192-character limit"),
    (None, "a token is text (got NoneType)"),
    (b"e30.e30.e30", "a token is text (got bytes)"),
    (["e30"], "a token is text (got list)"),
])
def test_bad_input_is_one_line_naming_what_is_wrong(token, expected):
    for keys in (None, KEYS, JWKS):
        err = _raises(token, keys)
        assert expected in str(err)
        assert err.report.text().startswith(f"Cannot decode: {err}")


def test_an_undecodable_jws_still_carries_the_validators_verdict():
    err = _raises("eyJ!.e30.sig", KEYS)
    assert err.report.failed.check == "token format"
    assert "(validation" not in str(err) and "access token REJECTED" in err.report.text()


def test_json_nested_too_deeply_is_a_format_error_not_a_crash():
    deep = base64.urlsafe_b64encode(b"[" * 6000).rstrip(b"=").decode()
    assert len(deep) <= defaults.MAX_TOKEN_LENGTH - 10
    for keys in (None, KEYS, JWKS):
        err = _raises(deep + ".e30.AAAA", keys)
        assert "nested too deeply" in str(err) and err.report.validation is None


def test_b64url_json_decodes_one_segment():
    assert b64url_json(_b64({"a": 1}), "x") == {"a": 1}
    with pytest.raises(TokenFormatError, match="the x is not text"):
        b64url_json(None, "x")


def test_inspection_imports_only_core_facts_and_protocols():
    tree = ast.parse(Path(inspection.__file__).read_text())
    found = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    found |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    ours = {m for m in found if m.split(".")[0] == "uclab"}
    assert ours and all(m.split(".")[1] in ("core", "facts", "protocols") for m in ours), ours


# -- properties ----------------------------------------------------------------------------------
_B64_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_SEGMENTS = st.lists(st.text(alphabet=_B64_CHARS + "=+/!. ", max_size=40), min_size=1,
                     max_size=6).map(".".join)
_JSONISH = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=8),
                        lambda kids: st.lists(kids, max_size=3)
                        | st.dictionaries(st.text(max_size=5), kids, max_size=3), max_leaves=8)
_JSON_TOKENS = st.tuples(_JSONISH, _JSONISH, st.text(alphabet=_B64_CHARS, max_size=12)).map(
    lambda t: f"{_b64(t[0])}.{_b64(t[1])}.{t[2]}")
ANY_INPUT = st.one_of(st.text(), st.binary(), _SEGMENTS, _JSON_TOKENS, st.none(), st.integers(),
                      st.floats(), st.lists(st.text(max_size=5), max_size=3),
                      st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=3))


@QUICK
@given(token=ANY_INPUT, keys=st.sampled_from([None, KEYS, JWKS]))
def test_any_input_gives_a_report_or_a_token_format_error(token, keys):
    try:
        report = inspect_token(token, keys, now=NOW)
    except TokenFormatError as err:
        assert str(err) and "\n" not in str(err) and err.report.error == str(err)
    else:
        assert isinstance(report, TokenReport) and not report.error
        assert isinstance(report.text(), str)


@QUICK
@given(data=st.data(), token=st.sampled_from([ACCESS, REFRESH]),
       keys=st.sampled_from([KEYS, JWKS]))
def test_a_token_with_any_one_character_changed_is_never_valid(data, token, keys):
    i = data.draw(st.integers(0, len(token) - 1), label="position")
    new = data.draw(st.characters().filter(lambda c: c != token[i]), label="character")
    changed = token[:i] + new + token[i + 1:]
    assert inspect_token(token, keys, now=NOW).ok  # the original is valid
    try:
        report = inspect_token(changed, keys, now=NOW)
    except TokenFormatError:
        return
    assert not report.ok and report.validation is not None and not report.validation.ok
