"""uclab.protocols.sasl.data: base64 as XMPP carries it (RFC 6120 §6.4.2) and the message limits."""

import pytest

from uclab.protocols.sasl import SaslError, from_base64, parse_oauthbearer, parse_plain, to_base64


# --- base64 as XMPP carries it (RFC 6120 §6.4.2) -----------------------------------------------
@pytest.mark.parametrize("text", ["", "AQ= =", "AQ==\n", "A*==", "AQ", "é"])
def test_base64_is_strict(text):
    with pytest.raises(SaslError):
        from_base64(text)


def test_base64_empty_is_equals_sign():
    assert from_base64("=") == b"" and to_base64(b"") == "="


def test_parsers_reject_non_bytes_and_huge_messages():
    with pytest.raises(SaslError, match="must be bytes"):
        parse_plain(12)  # type: ignore[arg-type]
    with pytest.raises(SaslError, match="limit"):
        parse_oauthbearer(b"n,,\x01auth=Bearer " + b"a" * 20000 + b"\x01\x01")

