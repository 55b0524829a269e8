"""RFC 7636: the S256 transform (Appendix B's vector), the verifier and challenge syntax."""

from __future__ import annotations

import base64
import hashlib

from hypothesis import given, settings
from hypothesis import strategies as st

from uclab.protocols.pkce import (
    is_valid_s256_challenge,
    is_valid_verifier,
    s256_challenge,
    verifier_matches,
)

#: RFC 7636 Appendix B
APPENDIX_B_VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
APPENDIX_B_CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"


def test_rfc7636_appendix_b_vector():
    assert s256_challenge(APPENDIX_B_VERIFIER) == APPENDIX_B_CHALLENGE
    assert verifier_matches(APPENDIX_B_VERIFIER, APPENDIX_B_CHALLENGE)
    assert is_valid_verifier(APPENDIX_B_VERIFIER)
    assert is_valid_s256_challenge(APPENDIX_B_CHALLENGE)


def test_a_changed_verifier_or_challenge_does_not_match():
    assert not verifier_matches(APPENDIX_B_VERIFIER[:-1] + "l", APPENDIX_B_CHALLENGE)
    assert not verifier_matches(APPENDIX_B_VERIFIER, APPENDIX_B_CHALLENGE[:-1] + "N")
    assert not verifier_matches(APPENDIX_B_VERIFIER, APPENDIX_B_VERIFIER)  # plain is not S256


def test_verifier_length_bounds_and_alphabet():
    assert is_valid_verifier("a" * 43) and is_valid_verifier("a" * 128)
    assert not is_valid_verifier("a" * 42) and not is_valid_verifier("a" * 129)
    for bad in "+/= \n%":
        assert not is_valid_verifier("a" * 42 + bad)
    assert not is_valid_verifier("a" * 43 + "\n")  # no trailing newline slips through $
    assert not is_valid_verifier(None) and not is_valid_verifier(b"a" * 43)


def test_challenge_must_be_canonical_unpadded_base64url():
    assert not is_valid_s256_challenge(APPENDIX_B_CHALLENGE + "=")
    assert not is_valid_s256_challenge(APPENDIX_B_CHALLENGE[:-1])
    assert not is_valid_s256_challenge(APPENDIX_B_CHALLENGE[:-1] + "N")  # non-zero pad bits
    assert not is_valid_s256_challenge(APPENDIX_B_CHALLENGE.replace("-", "+"))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=UNRESERVED, min_size=43, max_size=128))
def test_every_valid_verifier_matches_its_own_challenge(verifier):
    challenge = s256_challenge(verifier)
    expected = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
    assert challenge == expected.decode().rstrip("=")
    assert is_valid_s256_challenge(challenge)
    assert verifier_matches(verifier, challenge)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=140), st.text(max_size=60))
def test_arbitrary_text_never_raises(verifier, challenge):
    result = verifier_matches(verifier, challenge)
    assert isinstance(result, bool)
    assert isinstance(is_valid_verifier(verifier), bool)
    assert isinstance(is_valid_s256_challenge(challenge), bool)
    if result:
        assert challenge == s256_challenge(verifier)
