"""The client: Jabber over MRA (HTTP login, token store, refresh) and its XMPP sign-in."""
