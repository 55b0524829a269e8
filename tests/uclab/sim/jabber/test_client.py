"""uclab.sim.jabber.client: the assembled client, and the names importable from it."""

import pytest

import uclab
from uclab.sim.jabber import services
from uclab.testing import configured_lab


@pytest.fixture
def lab():
    return configured_lab(1)


def test_jabber_needs_a_user_id(lab):
    with pytest.raises(uclab.ConfigError, match="Jabber needs a user id"):
        lab.jabber("")



def test_names_stay_importable_from_client():
    from uclab.sim.jabber import client, outcome, sign_in, token_store

    assert client.Outcome is outcome.Outcome and client.TokenStore is token_store.TokenStore
    assert client.AUTHENTICATOR == sign_in.AUTHENTICATOR == "1001"
    assert client.MODULES_RECONNECTING_ON_WAKE == services.MODULES_RECONNECTING_ON_WAKE == 6
    assert sorted(client.__all__) == ["AUTHENTICATOR", "Jabber", "MODULES_RECONNECTING_ON_WAKE",
                                      "Outcome", "TokenStore"]
