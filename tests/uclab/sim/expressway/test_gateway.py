"""Expressway's 502 when the server it relays to is down: a fixed body naming the peer's role,
never the network's error text (host names, ports, "this lab"), and never cached."""

import pytest

from uclab.lab import Lab

NETWORK_TEXT = ("could not resolve", "connection refused", "no such node", "this lab",
                "does not listen", "does not speak")


@pytest.mark.parametrize("down", ["cucm-pub.example.com", "expc.example.com",
                                  "imp-pub.example.com"])
def test_no_answer_from_a_server_that_is_down_carries_network_text(down):
    lab = Lab(seed=3)
    lab.configure_oauth()
    lab.network.detach(down)
    lab.client.sign_in()
    answered = [ex for ex in lab.exchanges if ex.response is not None]
    assert answered
    for ex in answered:
        body = ex.response.text.casefold()
        assert not [t for t in NETWORK_TEXT if t in body], (ex.request.url, body)


@pytest.mark.parametrize("down", ["expc.example.com", "imp-pub.example.com"])
def test_a_relay_to_a_server_that_is_down_says_502_and_names_its_role(down):
    lab = Lab(seed=3)
    lab.configure_oauth()
    lab.network.detach(down)
    lab.client.sign_in()
    gateways = [ex for ex in lab.exchanges if ex.response is not None
                and ex.response.status == 502]
    assert gateways, f"no 502 with {down} down"
    for ex in gateways:
        body = ex.response.text.casefold()
        assert "did not answer" in body
        assert not [t for t in NETWORK_TEXT if t in body], body
        assert ex.response.headers.get("cache-control") == "no-store"


def test_the_oauth_relay_answers_temporarily_unavailable():
    from uclab.sim.expressway.gateway import bad_gateway

    resp = bad_gateway("Unified CM", oauth=True)
    assert resp.status == 502
    assert resp.json() == {"error": "temporarily_unavailable",
                           "error_description": "Unified CM did not answer"}
