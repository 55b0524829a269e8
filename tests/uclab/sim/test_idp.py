"""uclab.sim.idp: the lab IdP's assertion checks."""

import pytest

from uclab.core.errors import AccessDenied
from uclab.testing import make_lab


def idp_and_assertion():
    lab = make_lab(41)
    idp = lab.idp
    acs = "https://cucm-pub.example.com:8443/ssosp/saml/SSO/alias/cucm-pub.example.com"
    return lab, idp, acs, idp.issue("alice", "req1", acs, "sp")


def test_valid_assertion_once_only():
    lab, idp, acs, resp = idp_and_assertion()
    a = idp.verify(resp, acs=acs, audience="sp")
    assert (a.user_id, a.in_response_to) == ("alice", "req1")
    with pytest.raises(AccessDenied, match="already used"):
        idp.verify(resp, acs=acs, audience="sp")


def test_wrong_audience_expired_and_tampered():
    lab, idp, acs, resp = idp_and_assertion()
    with pytest.raises(AccessDenied, match="another service provider"):
        idp.verify(resp, acs=acs, audience="other")
    lab.advance(minutes=6)
    with pytest.raises(AccessDenied, match="expired"):
        idp.verify(resp, acs=acs, audience="sp")
    with pytest.raises(AccessDenied, match="base64"):
        idp.verify("%%%", acs=acs, audience="sp")
    import base64

    xml = base64.b64decode(resp).decode().replace("alice", "mallory")
    with pytest.raises(AccessDenied, match="signature"):
        idp.verify(base64.b64encode(xml.encode()).decode(), acs=acs, audience="sp")
