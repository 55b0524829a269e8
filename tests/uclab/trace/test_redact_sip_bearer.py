"""A Bearer token in a SIP OAuth Proxy-Authorization header (S10) is concealed in every
rendered log, ladder and saved trace, and still reads as a Bearer credential."""

import json

from uclab.lab import Lab
from uclab.trace.redact import CONCEALED, redact, redact_header
from uclab.workbook import views


def _lab():
    lab = Lab(seed=4)
    lab.configure_oauth()
    lab.configure_sip_oauth()
    assert lab.client.sign_in()
    assert lab.client.register_sip()
    return lab, lab.client.tokens.access_token


def test_the_header_and_the_value_anywhere_are_concealed():
    line = 'Proxy-Authorization: Bearer token="abcdefghijklmnop"'
    assert redact(line) == f"Proxy-Authorization: {CONCEALED}"
    assert redact('sent Bearer token="abcdefghijklmnop" on') == \
        f'sent Bearer token="{CONCEALED}" on'
    kept = f'Proxy-Authorization: Bearer token="{CONCEALED}"'
    assert redact(kept) == kept  # already concealed: the scheme stays visible
    assert redact_header("Proxy-Authorization", 'Bearer token="abc"') == f"Bearer {CONCEALED}"


def test_no_log_ladder_or_trace_shows_the_token():
    lab, token = _lab()
    logs = lab.render_logs()
    assert token not in logs and f'Bearer token="{CONCEALED}"' in logs
    assert token in lab.render_logs(reveal=True)  # revealing is an explicit opt-in
    fig = views.ladder(lab.exchanges)
    assert token not in json.dumps(fig.to_plotly_json(), default=str)
    saved = lab.trace("sip").dumps()
    assert token not in saved
