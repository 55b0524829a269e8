"""SAML assertions are concealed by default everywhere the SSO login is shown: log lines,
saved traces, the raw HTTP view and the ladder; ``reveal=True`` is the explicit opt-in."""

import base64
import re

from uclab import faults
from uclab.lab import Lab
from uclab.workbook import views
from uclab.workbook.widgets.http_text import conceal_http, render_exchange


def _login(fault_id=None):
    if fault_id:
        lab = faults.get(fault_id).build(1)
    else:
        lab = Lab(seed=1)
        lab.configure_sso("entra")
    lab.client.sign_in(xmpp=False)
    values = []
    for ex in lab.exchanges:
        for m in re.finditer(rb"name='SAMLResponse' value='([^']+)'", ex.response.body
                             if ex.response else b""):
            values.append(m[1].decode())
        if b"SAMLResponse=" in ex.request.body:
            values += [v for k, v in ex.request.form().pairs() if k == "SAMLResponse"]
    assert values, "the login carried no SAMLResponse: the test is blind"
    return lab, values


def _assertion_bits(value):
    xml = base64.b64decode(value).decode()
    sig = re.search(r"<ds:SignatureValue>([^<]+)<", xml)[1]
    return [value, value[:40], sig]


def test_no_saml_response_in_rendered_logs_or_traces():
    for fault_id in (None, "sso-no-uid-claim"):
        lab, values = _login(fault_id)
        shown = lab.render_logs() + lab.trace("sso").dumps()
        for value in values:
            for bit in _assertion_bits(value):
                assert bit not in shown
        revealed = lab.trace("sso").dumps(reveal=True)
        assert values[0][:40] in revealed  # the explicit opt-in shows it


def test_the_mfa_code_and_the_idp_session_cookie_are_concealed():
    lab, _ = _login()
    shown = lab.trace("sso").dumps() + "\n".join(conceal_http(render_exchange(ex))
                                                  for ex in lab.exchanges)
    posted = [ex for ex in lab.exchanges if b"stage=mfa" in ex.request.body]
    otp = dict(posted[0].request.form().pairs())["otp"]
    cookie = lab.client._idp_cookie
    assert otp not in shown and cookie and cookie not in shown


def test_no_saml_response_in_the_http_view_or_the_ladder():
    lab, values = _login()
    http = "\n".join(conceal_http(render_exchange(ex)) for ex in lab.exchanges)
    fig = views.ladder(lab.exchanges, title="sso")
    ladder = fig.to_json() if hasattr(fig, "to_json") else str(fig)
    for value in values:
        for bit in _assertion_bits(value):
            assert bit not in http and bit not in ladder
