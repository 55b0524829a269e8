"""uclab.protocols.sasl.vtg_token: CISCO-VTG-TOKEN (S28)."""

import pytest

from uclab.protocols.sasl import SaslError, encode_vtg_token, parse_vtg_token, to_base64


# --- CISCO-VTG-TOKEN (S28) ---------------------------------------------------------------------
def test_vtg_token_matches_the_third_party_vector():
    # XmppDotNet/Matrix unit test (S28): user "user", domain "server.com", token "foo"
    raw = encode_vtg_token("user", "server.com", "foo")
    assert raw == b"userid=user@server.com\x00token=foo"
    assert to_base64(raw) == "dXNlcmlkPXVzZXJAc2VydmVyLmNvbQB0b2tlbj1mb28="
    creds = parse_vtg_token(raw)
    assert (creds.user, creds.domain, creds.token) == ("user", "server.com", "foo")
    assert "foo" not in repr(creds)


@pytest.mark.parametrize("raw, error", [
    (b"userid=u@d.com", "0 NUL separator"), (b"userid=u@d.com\x00token=t\x00x", "2 NUL"),
    (b"user=u@d.com\x00token=t", "must start with 'userid='"),
    (b"userid=u@d.com\x00tok=t", "must start with 'token='"),
    (b"userid=u\x00token=t", "<user>@<presence domain>"),
    (b"userid=@d.com\x00token=t", "user must be non-empty"),
    (b"userid=u@\x00token=t", "domain must be non-empty"),
    (b"userid=u@d.com\x00token=", "token must be non-empty"),
    (b"userid=u@d.com\x00token=a\tb", "token must be non-empty, without NUL or control"),
    (b"userid=u@d.com\x00token=\xff", "not UTF-8")])
def test_vtg_token_errors(raw, error):
    with pytest.raises(SaslError, match=error):
        parse_vtg_token(raw)


def test_vtg_encoder_refuses_bad_fields():
    with pytest.raises(SaslError, match="must not contain '@'"):
        encode_vtg_token("u@x", "d.com", "t")
    with pytest.raises(SaslError, match="token must be non-empty"):
        encode_vtg_token("u", "d.com", "")

