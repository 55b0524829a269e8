"""uclab.sim.jabber.token_store: what Jabber keeps, never shown in a repr."""

import pytest

from uclab.sim.jabber.client import TokenStore
from uclab.testing import configured_lab


@pytest.fixture
def lab():
    return configured_lab(1)


# -- the token store ---------------------------------------------------------------------------
def test_token_store_repr_hides_tokens(lab):
    client = lab.client
    client.sign_in(xmpp=False)
    tokens = client.tokens
    text = repr(tokens)
    assert text == (f"TokenStore(access=yes, refresh=yes, "
                    f"access_expires_at={tokens.access_expires_at})")
    for shown in (repr(tokens), str(tokens), repr(client)):
        assert tokens.access_token not in shown and tokens.refresh_token not in shown
    assert repr(client) == f"Jabber('alice', state='signed-in', {text})"


def test_token_store_clear():
    store = TokenStore("a" * 20, "r" * 20, 100, 200)
    store.clear()
    assert store == TokenStore()
    assert repr(store) == "TokenStore(access=no, refresh=no, access_expires_at=0)"

