"""The SIP OAuth registration over MRA as the ladder draws it (S10): the device config file
through the edge, then REGISTER over TLS to Expressway-E, the traversal zone to Expressway-C,
mutual TLS to CUCM's SIP MRA port; 407 with the Bearer challenge, then 200 OK. Each variant of
:meth:`Lab.configure_sip_oauth` ends where S10 says it does."""

import pytest

from uclab import facts
from uclab.core.errors import ConfigError
from uclab.lab import Lab
from uclab.trace import hop_text


def _run(variant):
    lab = Lab(seed=3)
    lab.configure_oauth()
    lab.configure_sip_oauth(variant)
    client = lab.client
    assert client.sign_in()
    start = len(lab.exchanges)
    return lab, client.register_sip(), lab.exchanges[start:]


def test_sip_oauth_on_registers_through_both_expressways():
    lab, outcome, hops = _run("on")
    assert outcome and outcome.stage == "sip-register"
    assert [(e.src, e.dst) for e in hops] == [
        ("jabber-alice", "expe"), ("expe", "expc"), ("expc", "cucm-pub")] * 3
    assert [e.request.method for e in hops] == ["GET"] * 3 + ["REGISTER"] * 6
    assert [e.request.port for e in hops[3:6]] == [5061, 7001, 5091]
    assert [hop_text.outcome(e).short for e in hops[3:]] == ["407"] * 3 + ["200"] * 3
    assert not any(hop_text.outcome(e).failed for e in hops)  # a 407 is a challenge
    assert hop_text.summary(hops[5]) == ("expc -> cucm-pub: SIP REGISTER (CSeq 101) -> "
                                         "407 Proxy Authentication Required")
    challenge = hops[5].response.headers["Proxy-Authenticate"]
    assert challenge == 'Bearer realm="ccmsipline"'
    credentials = hops[8].request.headers["Proxy-Authorization"]
    assert credentials == f'Bearer token="{lab.client.tokens.access_token}"'
    assert hops[8].request.headers.get_all("Via")[0].startswith("SIP/2.0/TLS 192.0.2.20:")
    assert len(hops[6].response.headers.get_all("Via")) == 1  # each proxy took its own off
    prt = lab.client.prt()
    assert "sip OAuth Mode=1" in prt and "sipio-sent---> REGISTER sip:" in prt
    assert "sipio-recv<--- SIP/2.0 407 Proxy Authentication Required" in prt


def test_sip_oauth_off_stops_at_the_device_config_file():
    _, outcome, hops = _run("off")
    assert not outcome and "sipOAuthMode=0" in outcome.detail
    assert [e.request.method for e in hops] == ["GET"] * 3


def test_the_profile_without_oauth_gets_the_403_port_mismatch():
    _, outcome, hops = _run("profile-no-oauth")
    assert not outcome and "403" in outcome.detail
    first = hop_text.first_failure(hops)
    assert first == 3 and facts.SIP_PORT_MISMATCH in hop_text.outcome(hops[first]).reason


def test_an_untrusted_expressway_c_signer_ends_the_handshake_with_unknown_ca():
    _, outcome, hops = _run("unknown-ca")
    assert not outcome and "unknown CA" in outcome.detail
    last = hops[-1]
    assert last.response is None and "unknown CA" in (last.error or "")
    assert hop_text.outcome(last).transport_error
    assert hops[-2].response.status == 503


def test_an_unknown_variant_is_refused_and_without_sign_in_nothing_is_sent():
    lab = Lab(seed=1)
    with pytest.raises(ConfigError, match="variant"):
        lab.configure_sip_oauth("sometimes")
    lab.configure_oauth()
    lab.configure_sip_oauth()
    before = len(lab.exchanges)
    outcome = lab.client.register_sip()
    assert not outcome and "sign in" in outcome.detail and len(lab.exchanges) == before


def test_a_lab_without_sip_oauth_is_unchanged():
    plain, sip = Lab(seed=2), Lab(seed=2)
    plain.configure_oauth()
    sip.configure_oauth()
    assert plain.client.sign_in() and sip.client.sign_in()
    assert plain.hops() == sip.hops()
    assert plain.render_logs() == sip.render_logs()
    assert plain.cucm.publisher.ports == (8443, 443)


def test_expressway_c_names_not_pushed_end_the_handshake_too():
    """CUCM checks Expressway-C's certificate against the names pushed at Refresh servers
    (S10); without them the mutual-TLS leg fails, and Refresh servers puts them back."""
    lab = Lab(seed=3)
    lab.configure_oauth()
    lab.configure_sip_oauth()
    lab.cucm.sip.expc_entries.clear()
    assert lab.client.sign_in()
    outcome = lab.client.register_sip()
    assert not outcome and "knows no Expressway-C" in outcome.detail
    assert "expresswaycconfiguration" in lab.render_logs(host=lab.cucm.publisher.host)
    lab.expc.refresh_servers()
    assert lab.client.register_sip()
