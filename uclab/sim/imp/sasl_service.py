"""The SASL mechanisms an IM&P node offers and how it checks each (fact sheet 3.4).

PLAIN (RFC 4616) and CISCO-VTG-TOKEN (S28) are always offered (S27); OAUTHBEARER (RFC 7628)
while refresh logins are on (S26, seed article; the exact condition is [U], see
:data:`OAUTHBEARER_CONDITION`). PLAIN is checked against the user's CUCM directory,
CISCO-VTG-TOKEN against the one-time tokens of the node's EPAS service, and OAUTHBEARER's bearer
token by the XCP Authentication Service's key copies (:mod:`uclab.sim.imp.xcp_auth`).
"""

from __future__ import annotations

from uclab import facts
from uclab.facts import MECH_OAUTHBEARER, MECH_PLAIN, MECH_VTG
from uclab.protocols.sasl import (
    OAuthBearerServer,
    SaslError,
    SaslStep,
    TokenVerdict,
    parse_plain,
    parse_vtg_token,
)
from uclab.protocols.validation import Validation
from uclab.sim.imp.epas import EpasService
from uclab.sim.imp.xcp_auth import KeyCopies


class SaslMechanisms:
    """The SASL side of one IM&P node's XCP authentication.

    ``hosts`` are the names a client's OAUTHBEARER ``host`` kvpair may carry and ``ports`` the
    ports its ``port`` kvpair may carry (RFC 7628 §3.2); ``last_validation`` is the decision log
    of the last OAUTHBEARER token checked.
    """

    def __init__(self, presence_domain: str, keys: KeyCopies, epas: EpasService,
                 hosts: set[str], ports: tuple[int, ...]) -> None:
        self.presence_domain = presence_domain
        self.keys = keys
        self.epas = epas
        self.hosts = hosts
        self.ports = ports
        self.last_validation: Validation | None = None

    # -- the offer --------------------------------------------------------------------------------
    def refresh_logins_enabled(self) -> bool:
        """Whether OAuth refresh logins are on for this node (see :data:`OAUTHBEARER_CONDITION`)."""
        if self.keys.home.params.refresh_enabled:
            return True
        return any(c.refresh_enabled for c in self.keys.peer_copies())

    def offered(self) -> list[str]:
        """PLAIN and CISCO-VTG-TOKEN always (S27); OAUTHBEARER with refresh logins (S26) [U]."""
        mechs = [str(MECH_PLAIN), str(MECH_VTG)]
        if self.refresh_logins_enabled():
            mechs.append(str(MECH_OAUTHBEARER))
        return mechs

    # -- the checks -------------------------------------------------------------------------------
    def oauthbearer_server(self) -> OAuthBearerServer:
        """A fresh RFC 7628 server for one exchange, over TLS, asking for the UC scope."""
        return OAuthBearerServer(self.verify, hosts=self.hosts, ports=self.ports, tls=True,
                                 scope=str(facts.SCOPE_UC), authorize=self.may_act_as)

    def step(self, mech: str, server: OAuthBearerServer | None, message: bytes) -> SaslStep:
        """One client message of ``mech`` (OAUTHBEARER goes to its exchange's ``server``)."""
        if mech == MECH_OAUTHBEARER and server is not None:
            return server.step(message)
        if mech == MECH_PLAIN:
            return self.plain(message)
        return self.vtg(message)

    def verify(self, token: str) -> TokenVerdict:
        """OAUTHBEARER's token check: the XCP Authentication Service's validation (S2)."""
        result = self.keys.validate_token(token)
        self.last_validation = result
        sub = (result.claims or {}).get("sub")
        return TokenVerdict(result.ok, sub if isinstance(sub, str) else None, result.reason)

    def may_act_as(self, authzid: str, subject: str) -> bool:
        """RFC 4422 authzid policy: a user may act as themself, bare or as a JID."""
        return authzid == subject or authzid.lower() == f"{subject}@{self.presence_domain}".lower()

    def plain(self, message: bytes) -> SaslStep:
        """PLAIN (RFC 4616) checked against the CUCM directory of the user."""
        try:
            creds = parse_plain(message)
        except SaslError as exc:
            return SaslStep("failure", reason=str(exc), malformed=True)
        user_id, domain_ok = self._user_part(creds.authcid)
        directory = self.keys.directory(user_id) if domain_ok else None
        if directory is None or directory.authenticate(user_id, creds.password) is None:
            return SaslStep("failure", reason=f"wrong password, unknown or inactive user "
                                              f"{creds.authcid[:64]!r}", authzid=creds.authcid)
        if creds.authzid is not None and not self.may_act_as(creds.authzid, user_id):
            return SaslStep("failure", reason=f"authzid {creds.authzid[:64]!r} is not "
                                              f"{user_id!r} (RFC 4616 §2)", authzid=user_id)
        return SaslStep("success", reason="password accepted", identity=user_id)

    def _user_part(self, name: str) -> tuple[str, bool]:
        """``alice`` or ``alice@<presence domain>`` -> (``alice``, True) [U: accepted forms]."""
        user, at, domain = name.rpartition("@")
        if not at:
            return name, True
        return user, domain.lower() == self.presence_domain.lower()

    def vtg(self, message: bytes) -> SaslStep:
        """CISCO-VTG-TOKEN (S28): a one-time token this node issued through EPAS, used once."""
        try:
            creds = parse_vtg_token(message)
        except SaslError as exc:
            return SaslStep("failure", reason=str(exc), malformed=True)
        who = f"{creds.user}@{creds.domain}"
        if creds.domain.lower() != self.presence_domain.lower():
            return SaslStep("failure", reason=f"presence domain {creds.domain[:64]!r} is not "
                                              f"{self.presence_domain!r}", authzid=who)
        reason = self.epas.redeem(creds.token, creds.user)
        if reason:
            return SaslStep("failure", reason=reason, authzid=who)
        return SaslStep("success", reason="one-time token accepted", identity=creds.user)
