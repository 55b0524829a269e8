"""uclab.protocols.sasl.gs2: the RFC 5801 §4 gs2-header; no channel binding for OAUTHBEARER (J8)."""

import pytest

from uclab.protocols.sasl import Gs2Header, SaslError, parse_gs2_header, parse_oauthbearer


# --- J8: no channel binding for OAUTHBEARER ----------------------------------------------------
@pytest.mark.parametrize("header", [b"p=tls-unique,,", b"p=tls-server-end-point,a=u,"])
def test_J8_channel_binding_flag_is_rejected(header):
    with pytest.raises(SaslError, match="defines no channel-binding"):
        parse_oauthbearer(header + b"\x01auth=Bearer abc\x01\x01")


def test_J8_other_gs2_flags():
    with pytest.raises(SaslError, match="must start with 'n,', 'y,' or 'p=<cb-name>,'"):
        parse_gs2_header("x,,")
    assert parse_gs2_header("n,a=u,rest") == (Gs2Header("n", "u"), 6)

