"""Jabber: discovery, the MRA OAuth login, a token store, silent refresh, re-login, XMPP SASL.

Behaviour from the fact sheet (3.1, 3.2, 3.4) and the seed article, one module per concern:

* :mod:`.device` — the client's state, its HTTP session and PRT log;
* :mod:`.discovery` — outside the network only ``_collab-edge._tls`` answers, so Jabber goes to
  Expressway-E (S17, S33);
* :mod:`.sign_in` — get_edge_sso, authorize, the login form, /OAuthcb and the access_token
  request give Jabber an access and a refresh token; or user credentials (S17, S18);
* :mod:`.token_store`, :mod:`.token_refresh` — the tokens, and their silent refresh; when the
  refresh token has expired, was revoked, or the keys changed, the user must sign in again (S2,
  S1) and PRT shows ``handleRefreshTokenFailure`` (S1);
* :mod:`.services` — UDS and voicemail over MRA, and the wake from hibernation (S8, S11);
* :mod:`.xmpp` — for XMPP Jabber in OAuth mode needs OAUTHBEARER; without it, gloox logs "The
  server doesn't offer any SASL authentication mechanism that we can support" (seed article).

Every name these modules define for the rest of uclab is importable from here too.
"""

from __future__ import annotations

from uclab.sim.jabber.outcome import Outcome
from uclab.sim.jabber.services import MODULES_RECONNECTING_ON_WAKE, Services
from uclab.sim.jabber.sign_in import AUTHENTICATOR, SignIn
from uclab.sim.jabber.token_store import TokenStore

__all__ = ["AUTHENTICATOR", "MODULES_RECONNECTING_ON_WAKE", "Jabber", "Outcome", "TokenStore"]


class Jabber(SignIn, Services):
    """One Jabber client of one user, outside the network (MRA)."""

    def register_sip(self) -> Outcome:
        """Register the SIP line in SIP OAuth mode over MRA (:mod:`.sip_line`; S10): the device
        config file, then REGISTER, the Bearer challenge, REGISTER with the token."""
        from uclab.sim.jabber.sip_line import register

        with self.lock:
            return register(self)
