"""A CUCM cluster: publisher and subscribers, users, enterprise parameters, AuthZ keys and
clients.

The publisher alone creates the AuthZ keys and copies them to every node of its cluster (S1,
S2, S3); :meth:`CucmCluster.regen_key` is ``set key regen authz signing|encryption`` and makes
every existing access and refresh token invalid (S2, S3, S1). Products outside the cluster
(Expressway-C, IM&P central clusters, Unity Connection) fetch their own copies with
:meth:`CucmCluster.fetch_keys` and keep the old ones until an admin refreshes them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from uclab import facts
from uclab.core.errors import ConfigError
from uclab.facts.releases import Version, grant_flows, supports_refresh_renewal
from uclab.protocols import keys
from uclab.protocols.keys import AuthzKeys
from uclab.protocols.validation import Validation
from uclab.sim.cucm.authz import AuthzService, Client, Store
from uclab.sim.cucm.authz.profiles import oauth_profile
from uclab.sim.cucm.node import CucmNode
from uclab.sim.cucm.params import EnterpriseParameters
from uclab.sim.cucm.sip_oauth import SipOAuth
from uclab.sim.cucm.users import Directory

if TYPE_CHECKING:
    from uclab.sim.context import NodeContext
    from uclab.sim.idp import IdentityProvider


class CucmCluster:
    """One CUCM cluster: a publisher, its subscribers, their users, keys and AuthZ service."""

    def __init__(self, ctx: NodeContext, *, version: str | Version, publisher: str,
                 subscribers: tuple[str, ...] = ()) -> None:
        self.ctx = ctx
        self.peers = ctx.peers
        self.clock = ctx.clock
        self.entropy = ctx.entropy.child(f"cucm/{publisher}")
        self.version = Version.parse(version)
        self.params = EnterpriseParameters(self.version)
        self.users = Directory(self.entropy.child("users"))
        self.store = Store(self.entropy.child("authz"))
        #: how strictly the AuthZ service applies OAuth best practice (lab profile)
        self.profile = oauth_profile(ctx.oauth_profile)
        self.cluster_id = self.entropy.uuid4()
        self.idp: IdentityProvider | None = None
        #: CUCM 15's refresh token renewal for Webex clients (S3): off until an admin turns it
        #: on (:meth:`enable_refresh_token_renewal`)
        self.refresh_token_renewal = False
        #: the SAML SP with imported IdP metadata, once ``lab.configure_sso`` ran
        #: (:mod:`uclab.sim.cucm.saml_sso`); ``None``: the minimal IdP path, if any
        self.saml_sp = None
        #: where the cluster's nodes write their log lines (ssosp)
        self.write_log = ctx.log
        #: whether this cluster takes part in the ILS network that UDS clusterUser fans out
        #: over to the other clusters (UDSSYS, UDSPROD; the lab's model of it [U])
        self.ils_joined = True
        self.lock = threading.RLock()
        self.key_listeners: list[Callable[[str, AuthzKeys], None]] = []
        self.publisher = CucmNode(self, publisher, "publisher")
        self.subscribers = [CucmNode(self, h, "subscriber") for h in subscribers]
        self.authz = AuthzService(self)
        #: SIP OAuth mode: off until ``utils sipOAuth-mode enable`` and a CallManager restart
        self.sip = SipOAuth(self)
        seed = ctx.entropy.seed
        self._seed = None if seed is None else f"{seed}/{publisher}"
        self.publisher.keys = AuthzKeys(
            self.cluster_id, keys.rsa_signing_key(self._seed, 0),
            keys.encryption_key_bytes(self.entropy.child("enc/0")))
        self._replicate()

    @property
    def nodes(self) -> list[CucmNode]:
        return [self.publisher, *self.subscribers]

    @property
    def sp_entity_id(self) -> str:
        return facts.CUCM_SP_ENTITY_ID.format(host=self.publisher.host)

    def node(self, host: str) -> CucmNode:
        for n in self.nodes:
            if n.host == host:
                return n
        raise ConfigError(f"{host!r} is not a node of this cluster "
                          f"({', '.join(n.host for n in self.nodes)})")

    # -- keys -------------------------------------------------------------------------------------
    def _replicate(self) -> None:
        """The publisher copies its keys to every node of the cluster (S1, S2)."""
        for node in self.subscribers:
            node.keys = self.publisher.keys

    def fetch_keys(self) -> AuthzKeys:
        """What an outside product receives when it fetches the keys (its own copy)."""
        assert self.publisher.keys is not None
        return self.publisher.keys

    def regen_key(self, kind: str) -> AuthzKeys:
        """``set key regen authz signing|encryption`` on the publisher (S5, S1)."""
        with self.lock:
            current = self.publisher.keys
            assert current is not None
            if kind == "signing":
                new = current.with_new_signing(
                    keys.rsa_signing_key(self._seed, current.signing_generation + 1))
            elif kind == "encryption":
                gen = current.encryption_generation + 1
                new = current.with_new_encryption(
                    keys.encryption_key_bytes(self.entropy.child(f"enc/{gen}")))
            else:
                raise ConfigError(f"set key regen authz takes 'signing' or 'encryption' "
                                  f"(got {kind!r})")
            self.publisher.keys = new
            # Every refresh token dies with the keys, even the (unencrypted) ones an
            # encryption regen would not break cryptographically (S2, S3, S1).
            self.store.revoke_all()
            self._replicate()
        for listener in list(self.key_listeners):
            listener(kind, new)
        return new

    # -- configuration ----------------------------------------------------------------------------
    def set_parameter(self, name: str, value: Any) -> None:
        """System > Enterprise Parameters > SSO and OAuth Configuration."""
        self.params.set(name, value)

    def upgrade(self, version: str | Version) -> None:
        """Upgrade the cluster to a later release; parameters keep their values, and the ones
        the new release adds start at their defaults."""
        new = Version.parse(version)
        if new <= self.version:
            raise ConfigError(f"an upgrade must go to a later release than {self.version} "
                              f"(asked for {new})")
        old = self.params
        self.version = new
        self.params = EnterpriseParameters(new)
        for name, value in old.items():
            self.params.set(name, value)

    def enable_refresh_logins(self, enabled: bool = True) -> None:
        """Set "OAuth with Refresh Login Flow" to Enabled (or Disabled)."""
        self.params.set(str(facts.PARAM_REFRESH_FLOW),
                        str(facts.ENABLED if enabled else facts.DISABLED))

    def enable_refresh_token_renewal(self, enabled: bool = True) -> None:
        """Turn CUCM's side of the refresh token renewal for Webex clients on (or off).

        S3: "applicable from Release 15 onwards and for Webex clients only". The name and page
        of the real setting were not found (fact sheet §6 item 14); the lab models it as one
        switch. A release before 15 has no such feature: :class:`ConfigError`.
        """
        if not isinstance(enabled, bool):
            raise ConfigError(f"{facts.RENEWAL_FEATURE} is on (True) or off (False), not "
                              f"{enabled!r}")
        if not supports_refresh_renewal(self.version):
            raise ConfigError(f"CUCM {self.version} has no {facts.RENEWAL_FEATURE}: it is "
                              f"applicable from Release {facts.RENEWAL_FROM_RELEASE} onwards "
                              "(S3)")
        self.refresh_token_renewal = enabled

    def grant_flows(self) -> list[str]:
        return grant_flows(self.version, refresh_enabled=self.params.refresh_enabled,
                           sso_enabled=self.idp is not None)

    def enable_sso(self, idp: IdentityProvider | None) -> None:
        """Turn SAML SSO on (with the lab's IdP, metadata exchanged) or off (``None``)."""
        self.idp = idp

    def register_client(self, name: str, redirect_uris: list[str] | tuple[str, ...], *,
                        confidential: bool = True,
                        grant_types: tuple[str, ...] = ("authorization_code", "refresh_token"),
                        client_id: str | None = None,
                        secret: str | None = None,
                        webex: bool = False) -> tuple[str, str | None]:
        """Register a third-party OAuth client; returns ``(client_id, client_secret)``.

        Client ids have Cisco's form, ``C`` + 64 hex (S1, S25). The secret is shown once; the
        store keeps only its hash.
        """
        if not isinstance(name, str) or not name.strip():
            raise ConfigError("a client needs a name")
        if isinstance(redirect_uris, str):
            raise ConfigError("redirect_uris must be a list of URIs, not one string")
        known = {"authorization_code", "refresh_token", "implicit"}
        bad = set(grant_types) - known
        if bad:
            raise ConfigError(f"unknown grant type(s) {sorted(bad)}; known: {sorted(known)}")
        if not redirect_uris:
            raise ConfigError("a client needs at least one redirect URI")
        if secret is None and confidential:
            secret = self.store.rng.urlsafe(32)
        client = Client(client_id or self.store.new_client_id(), name, tuple(redirect_uris),
                        frozenset(grant_types),
                        secret_hash=Store.secret_hash(secret) if secret else None,
                        webex=bool(webex))
        self.store.add_client(client)
        return client.client_id, secret

    def revoke_tokens(self, user_id: str, client_id: str | None = None) -> int:
        """The revoke API's effect, for admin code that does not go through HTTP."""
        return self.authz.revoke(user_id, client_id)

    def refresh_token_rows(self) -> list[dict[str, object]]:
        """``run sql select ... from refreshtokendetails`` (S1)."""
        return self.store.rows()

    def validate(self, token: str, at: str | None = None) -> Validation:
        """Validate an access token at a node of this cluster (publisher by default)."""
        node = self.node(at) if at else self.publisher
        return node.validate_bearer(token)
