"""uclab.sim.saml_sp: the SP's checks in ssosp's order (certificate against the metadata,
signature, status, audience, time with the allowance, uid, one-time use)."""

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from uclab import facts
from uclab.core.clock import Clock
from uclab.protocols.saml import Assertion, public_cert, signed_response
from uclab.sim.saml_sp import IdpMetadata, ServiceProvider

KEY = Ed25519PrivateKey.from_private_bytes(bytes(32))
NEW = Ed25519PrivateKey.from_private_bytes(bytes([7]) * 32)
IDP = "http://adfs.example.com/adfs/services/trust"
ACS = "https://cucm-pub.example.com:8443/ssosp/saml/SSO/alias/cucm-pub.example.com"


def _sp():
    sp = ServiceProvider("cucm-pub.example.com", ACS, Clock())
    sp.import_idp_metadata(IdpMetadata(IDP, "https://adfs.example.com/adfs/ls/",
                                       public_cert(KEY)))
    return sp


def _response(sp, key=KEY, shift=0, attributes=None, rid="_r1", **kw):
    now = sp._clock.now() + shift
    a = Assertion(IDP, "s2x", ACS, sp.entity_id, "t", now, now + 3600,
                  {"uid": ["alice"]} if attributes is None else attributes, **kw)
    return signed_response(a, rid, now, key)


def test_a_good_response_names_the_user_once():
    sp = _sp()
    value = _response(sp)
    v = sp.check(value, "relay", {"s2x"})
    assert v.ok and v.user == "alice"
    assert [s.text for s in v.steps][-2:] == [facts.MSG_USERID.format(user="alice"),
                                             facts.MSG_RELAY_STATE.format(relay="relay")]
    again = sp.check(value, "relay", {"s2x"})
    assert again.failure == "replay"


@pytest.mark.parametrize(("kw", "failure"), [
    ({"key": NEW}, "signature-cert"),
    ({"shift": -3600 - int(facts.CLOCK_SKEW_ALLOWANCE) - 1}, "time"),
    ({"shift": int(facts.CLOCK_SKEW_ALLOWANCE) + 1}, "time"),
    ({"attributes": {}}, "uid"),
    ({"status": "urn:oasis:names:tc:SAML:2.0:status:Requester"}, "status"),
])
def test_each_failure_is_named_and_logged_as_ssosp_does(kw, failure):
    sp = _sp()
    v = sp.check(_response(sp, **kw), "relay", {"s2x"})
    assert v.failure == failure
    assert v.steps[-1].level == "ERROR" and v.steps[-1].block.startswith(
        str(facts.SAML2_EXCEPTION))
    if failure == "signature-cert":
        assert str(facts.ERR_SIGNING_CERT) in v.steps[-1].text
    if failure == "time":
        assert facts.MSG_TIME_VALID.format(valid="false") in [s.text for s in v.steps]


def test_skew_within_the_allowance_is_accepted():
    sp = _sp()
    ahead = _response(sp, shift=int(facts.CLOCK_SKEW_ALLOWANCE) - 5)
    assert sp.check(ahead, "r", {"s2x"}).ok


def test_a_response_to_no_pending_request_is_refused():
    sp = _sp()
    assert sp.check(_response(sp), "r", set()).failure == "unknown-request"
