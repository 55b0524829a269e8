"""uclab.sim.jabber.services: UDS and voicemail over MRA, and the hibernate problem (S8,
S11)."""

import pytest

import uclab
from uclab.sim.jabber import services
from uclab.sim.jabber.client import Outcome
from uclab.testing import configured_lab


@pytest.fixture
def lab():
    return configured_lab(1)


def test_use_service_before_sign_in(lab):
    client = lab.client
    start = len(lab.exchanges)
    assert client.use_service("uds") == Outcome(False, "uds", "not signed in")
    assert client.use_service("voicemail") == Outcome(False, "voicemail", "not signed in")
    assert len(lab.exchanges) == start  # nothing sent


def test_unknown_service_is_a_config_error(lab):
    client = lab.client
    client.sign_in(xmpp=False)
    with pytest.raises(uclab.ConfigError) as err:
        client.use_service("fax")
    assert str(err.value) == "unknown service 'fax': use 'uds' or 'voicemail'"


def test_voicemail_over_mra(lab):
    client = lab.client
    client.sign_in(xmpp=False)
    start = len(lab.exchanges)
    assert client.use_service("voicemail") == Outcome(True, "voicemail", "HTTP 200")
    assert [e.dst for e in lab.exchanges[start:]] == ["expe", "expc", "cuc-pub"]


# -- hibernate (S8, S11) -----------------------------------------------------------------------
def test_resume_after_hibernate_with_the_bug_gets_the_ip_blocked(lab):
    client = lab.client
    assert client.sign_in().ok
    client.refreshes_before_reconnect = False  # an affected build
    ip = lab.network.addresses[client.name]
    start = len(lab.exchanges)
    outcome = client.resume_after_hibernate(hours=2)
    assert not outcome and outcome.stage == "network"
    assert outcome.detail == (f"connection refused by expe.example.com: {ip} is blocked by "
                              "intrusion protection (HTTP proxy authorization failure)")
    expired = [e for e in lab.exchanges[start:] if e.src == client.name and e.response]
    assert [e.response.status for e in expired] == [403] * 6
    assert lab.edge.intrusion.blocked(ip, lab.edge.now)


@pytest.mark.parametrize("modules", [0, 5])
def test_resume_after_hibernate_without_blocking(lab, modules, monkeypatch):
    client = lab.client
    client.sign_in(xmpp=False)
    # 0: a build without the problem; 5 stale reconnects are not "more than 5"
    client.refreshes_before_reconnect = modules == 0
    monkeypatch.setattr(services, "MODULES_RECONNECTING_ON_WAKE", modules)
    outcome = client.resume_after_hibernate(hours=2)
    assert outcome == Outcome(True, "uds", "HTTP 200")
    assert not lab.edge.intrusion.blocked(lab.network.addresses[client.name], lab.edge.now)


def test_trigger_level_10_lets_the_affected_build_through(lab):
    lab.edge.intrusion.configure(trigger_level=10)
    client = lab.client
    client.sign_in(xmpp=False)
    client.refreshes_before_reconnect = False
    assert client.resume_after_hibernate(hours=2).ok

