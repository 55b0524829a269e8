"""uclab.protocols.sasl.plain: RFC 4616 PLAIN."""

import pytest

from uclab.protocols.sasl import SaslError, encode_plain, from_base64, parse_plain


# --- PLAIN (RFC 4616) --------------------------------------------------------------------------
@pytest.mark.parametrize("raw, expected", [
    (b"\x00tim\x00tanstaaftanstaaf", (None, "tim", "tanstaaftanstaaf")),        # RFC 4616 §4
    (b"Ursel\x00Kurt\x00xipj3plmq", ("Ursel", "Kurt", "xipj3plmq")),           # RFC 4616 §4
    (from_base64("AGd3YXNoaW5ndG9uAFJUUCFhcHBz"), (None, "gwashington", "RTP!apps")),  # S27-era
])
def test_plain_vectors(raw, expected):
    creds = parse_plain(raw)
    assert (creds.authzid, creds.authcid, creds.password) == expected
    assert encode_plain(creds.authcid, creds.password, creds.authzid) == raw
    assert creds.password not in repr(creds)


@pytest.mark.parametrize("raw, error", [
    (b"tim\x00secret", "1 NUL separator"), (b"\x00a\x00b\x00c", "3 NUL separator"),
    (b"\x00\x00secret", "authcid is empty"), (b"\x00tim\x00", "password is empty"),
    (b"\x00tim\x00\xff", "not UTF-8")])
def test_plain_errors(raw, error):
    with pytest.raises(SaslError, match=error):
        parse_plain(raw)


def test_plain_encoder_refuses_nul_and_empty():
    for args in (("", "p"), ("a", ""), ("a\x00b", "p")):
        with pytest.raises(SaslError, match="RFC 4616"):
            encode_plain(*args)

