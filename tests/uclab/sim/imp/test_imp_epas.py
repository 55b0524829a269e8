"""uclab.sim.imp.epas: EPAS SOAP one-time tokens and their single use by CISCO-VTG-TOKEN
(S28)."""

from imp_helpers import IMP, imp_of, send

from uclab.lab import LAB_PASSWORD
from uclab.protocols.sasl import encode_vtg_token
from uclab.protocols.xmpp import auth_stanza
from uclab.sim.imp.epas import (
    EPAS_BAD_LOGIN,
    EPAS_INVALID,
    EPAS_PATH,
    EPAS_SOAPACTION_LOGIN,
    OTP_TTL_SECONDS,
    epas_login_body,
    epas_otp_body,
    epas_result,
)
from uclab.testing import make_lab


def epas(lab, body, **headers):
    s = lab.session("jabber")
    return s.post(f"https://{IMP}:8443{EPAS_PATH}", data=body,
                  headers={"Content-Type": "application/soap+xml; charset=utf-8", **headers})


def one_time_token(lab, user="alice"):
    login = epas(lab, epas_login_body(user, LAB_PASSWORD), SOAPAction=EPAS_SOAPACTION_LOGIN)
    assert login.status_code == 200
    key = epas_result(login.text)
    assert key and "<login-resp" in login.text
    otp = epas(lab, epas_otp_body(key))
    assert "<get-onetime-password-resp" in otp.text
    return epas_result(otp.text)


def vtg(user, token):
    return auth_stanza("CISCO-VTG-TOKEN", encode_vtg_token(user, "example.com", token))


def test_cisco_vtg_token_is_one_time():
    lab = make_lab(50, refresh=False)
    imp_of(lab)
    otp = one_time_token(lab)
    assert send(lab, vtg("alice", otp))[0].kind == "success"
    reply, _ = send(lab, vtg("alice", otp))
    assert reply.condition == "not-authorized" and "already used" in reply.text


def test_cisco_vtg_token_wrong_user_domain_or_expired():
    lab = make_lab(51, refresh=False)
    imp_of(lab)
    otp = one_time_token(lab, "alice")
    reply, _ = send(lab, vtg("bob", otp))
    assert "issued to another user" in reply.text
    assert "already used" in send(lab, vtg("alice", otp))[0].text  # burnt by the misuse
    other = auth_stanza("CISCO-VTG-TOKEN", encode_vtg_token("alice", "other.com", "t"))
    assert "presence domain 'other.com'" in send(lab, other)[0].text
    late = one_time_token(lab)
    lab.advance(seconds=OTP_TTL_SECONDS + 1)
    assert "expired" in send(lab, vtg("alice", late))[0].text


def test_epas_rejects_bad_login_session_and_requests():
    lab = make_lab(52, refresh=False)
    imp_of(lab)
    bad = epas(lab, epas_login_body("alice", "wrong"))
    assert bad.status_code == 200 and epas_result(bad.text) is None
    assert str(EPAS_BAD_LOGIN) in bad.text
    nokey = epas(lab, epas_otp_body("DEADBEEF"))
    assert epas_result(nokey.text) is None and str(EPAS_INVALID) in nokey.text
    assert epas(lab, "<not-soap/>").status_code == 400
    assert epas(lab, b"\xff").status_code == 400
    assert epas(lab, '<!DOCTYPE x [<!ENTITY a "b">]><x/>').status_code == 400
    assert lab.session().get(f"https://{IMP}:8443{EPAS_PATH}").status_code == 405
    assert lab.session().get(f"https://{IMP}:8443/nothing").status_code == 404
