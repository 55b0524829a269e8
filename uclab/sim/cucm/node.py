"""A CUCM cluster: publisher and subscribers, users, enterprise parameters, AuthZ keys and CLI.

The publisher alone creates the AuthZ keys and copies them to every node of its cluster (S1,
S2, S3); :meth:`CucmCluster.regen_key` is ``set key regen authz signing|encryption`` and makes
every existing access and refresh token invalid (S2, S3, S1). Products outside the cluster
(Expressway-C, IM&P central clusters, Unity Connection) fetch their own copies with
:meth:`CucmCluster.fetch_keys` and keep the old ones until an admin refreshes them.
"""

from __future__ import annotations

import html
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from uclab import facts
from uclab.core import defaults
from uclab.core.errors import ConfigError, OAuthError
from uclab.core.wire import Request, Response
from uclab.facts.releases import Version, grant_flows
from uclab.protocols import keys
from uclab.protocols.keys import AuthzKeys
from uclab.protocols.validation import Decision, Validation, validate_access_token
from uclab.sim.cucm.authz import AuthzEndpoints, AuthzService, Client, Store
from uclab.sim.cucm.authz.endpoints import CUCM_BASIC_CHALLENGE
from uclab.sim.cucm.params import EnterpriseParameters
from uclab.sim.cucm.users import Directory

if TYPE_CHECKING:
    from uclab.sim.context import NodeContext
    from uclab.sim.idp import IdentityProvider



class CucmNode:
    """One CUCM server: its own key copy, the ssosp and UDS web applications, its CLI."""

    def __init__(self, cluster: CucmCluster, host: str, role: str) -> None:
        self.cluster = cluster
        self.host = host
        self.role = role
        self.keys: AuthzKeys | None = None
        self.implicit_tokens: dict[str, tuple[str, str, int]] = {}
        self.authz = AuthzEndpoints(self)
        self.ports = (facts.CUCM_HTTPS_PORT, 443)

    def __repr__(self) -> str:
        return f"CucmNode({self.host!r}, {self.role})"

    @property
    def is_publisher(self) -> bool:
        return self.role == "publisher"

    # -- HTTP -------------------------------------------------------------------------------------
    def handle(self, req: Request) -> Response:
        resp = self.authz.handle(req)
        if resp is not None:
            return resp
        if req.path.startswith("/cucm-uds/user/"):
            return self._uds_user(req)
        if req.path == str(facts.UDS_CLUSTER_USER) and req.method == "GET":
            return self._uds_cluster_user(req)
        return Response.make(404, {"error": "not_found",
                                   "error_description": f"no resource at {req.path[:80]}"})

    def _uds_user(self, req: Request) -> Response:
        """``GET /cucm-uds/user/<userid>[/devices]`` with a Bearer token (RFC 6750) or Basic."""
        parts = req.path.split("/")
        user_id = parts[3] if len(parts) > 3 else ""
        auth = req.headers.get("authorization") or ""
        scheme, _, credential = auth.partition(" ")
        if scheme.lower() == "bearer":
            result = self.validate_bearer(credential.strip())
            if not result.ok:
                err = result.error()
                return Response.make(401, err.as_dict(), {
                    "WWW-Authenticate": f'Bearer realm="{self.host}", error="invalid_token", '
                                        f'error_description="{err.description}"'})
            caller = (result.claims or {}).get("sub")
        elif scheme.lower() == "basic":
            try:
                creds = req.basic_auth()
            except OAuthError:
                creds = None
            user = self.cluster.users.authenticate(*creds) if creds else None
            if user is None:
                return Response.make(401, b"", {"WWW-Authenticate": CUCM_BASIC_CHALLENGE})
            caller = user.user_id
        else:
            return Response.make(401, b"", {"WWW-Authenticate": CUCM_BASIC_CHALLENGE})
        if caller != user_id:
            return Response.make(403, b"<error>access to another user's data is denied</error>",
                                 {"Content-Type": "application/xml"})
        body = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><user version='
                f'"{self.cluster.version}"><userName>{html.escape(user_id)}</userName>'
                f'<homeCluster>{self.cluster.publisher.host}</homeCluster></user>')
        return Response.make(200, body, {"Content-Type": "application/xml"})

    def _uds_cluster_user(self, req: Request) -> Response:
        """Which cluster is a user's home (the lookup Expressway-C's edgeconfigprovisioning
        makes, seed article); every cluster of the lab answers for all of them (ILS)."""
        try:
            name = req.query.require("username")
        except OAuthError as exc:
            return Response.make(400, exc.as_dict())
        v = self.cluster.version
        head = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><clusterUser '
                f'version="{v.major}.{v.minor}.{v.maint}">')
        for cluster in self.cluster.peers.clusters:
            user = cluster.users.get(name)
            if user is not None and not user.application_user:
                body = (f'{head}<result found="true"/><userName>{html.escape(name)}</userName>'
                        f'<homeCluster><primaryNode>{cluster.publisher.host}</primaryNode>'
                        f'<version>{cluster.version}</version></homeCluster></clusterUser>')
                return Response.make(200, body, {"Content-Type": "application/xml"})
        return Response.make(200, f'{head}<result found="false"/></clusterUser>',
                             {"Content-Type": "application/xml"})

    def validate_bearer(self, token: str) -> Validation:
        """CUCM's own check of a token (S2): the shared validator, or its implicit-token table."""
        entry = self.implicit_tokens.get(token)
        if entry is not None:
            result = Validation("implicit", node=self.host)
            user_id, _, exp = entry
            result.decisions.append(Decision("implicit token", True,
                                             f"held in {self.host}'s memory (proxy mode)"))
            ok = self.cluster.clock.now() <= exp
            result.decisions.append(Decision("expiry", ok, f"exp {exp}"))
            result.claims = {"sub": user_id, "exp": exp} if ok else None
            return result
        return validate_access_token(token, self.keys, now=self.cluster.clock.now(),
                                     user_active=self.cluster.users.is_active, node=self.host)

    def issue_implicit_token(self, user_id: str, client_id: str, scope: str) -> tuple[str, int]:
        """An implicit-grant token: opaque and held in this node's memory (S1, proxy mode)."""
        token = self.cluster.entropy.urlsafe(defaults.RANDOM_BYTES)
        lifetime = self.cluster.params.access_lifetime_s
        self.implicit_tokens[token] = (user_id, client_id, self.cluster.clock.now() + lifetime)
        return token, lifetime

    # -- CLI (S5) ---------------------------------------------------------------------------------
    def show_key(self, kind: str) -> str:
        """``show key authz signing|encryption``: a checksum, never the key."""
        if kind not in ("signing", "encryption"):
            raise ConfigError(f"show key authz takes 'signing' or 'encryption' (got {kind!r})")
        if self.keys is None:
            return f"{self.host}: no authz {kind} key"
        value = self.keys.signing_checksum if kind == "signing" else self.keys.encryption_checksum
        return facts.CLI_CHECKSUM_FORMAT.format(name=f"authz {kind}", checksum=value)

    def cli(self, command: str, *, confirm: bool = False) -> str:
        """Run one of the AuthZ key commands as on the platform CLI (privilege level 4)."""
        words = " ".join(str(command).split())
        for kind in ("signing", "encryption"):
            if words == f"show key authz {kind}":
                return self.show_key(kind)
            if words == f"set key regen authz {kind}":
                if not self.is_publisher:
                    raise ConfigError(f"'{words}' runs on the publisher "
                                      f"({self.cluster.publisher.host}), not on {self.host}")
                if not confirm:
                    return ("Regenerating the key invalidates every access and refresh token; "
                            "all users must sign in again. Continue (yes/no)? "
                            "-> call again with confirm=True")
                self.cluster.regen_key(kind)
                return f"authz {kind} key regenerated: " + self.show_key(kind)
        raise ConfigError(f"unknown command {words[:60]!r}; known: show key authz signing|"
                          "encryption, set key regen authz signing|encryption")


class CucmCluster:
    """One CUCM cluster: a publisher, its subscribers, their users, keys and AuthZ service."""

    def __init__(self, ctx: NodeContext, *, version: str | Version, publisher: str,
                 subscribers: tuple[str, ...] = ()) -> None:
        self.peers = ctx.peers
        self.clock = ctx.clock
        self.entropy = ctx.entropy.child(f"cucm/{publisher}")
        self.version = Version.parse(version)
        self.params = EnterpriseParameters(self.version)
        self.users = Directory(self.entropy.child("users"))
        self.store = Store(self.entropy.child("authz"))
        self.cluster_id = self.entropy.uuid4()
        self.idp: IdentityProvider | None = None
        self.lock = threading.RLock()
        self.key_listeners: list[Callable[[str, AuthzKeys], None]] = []
        self.publisher = CucmNode(self, publisher, "publisher")
        self.subscribers = [CucmNode(self, h, "subscriber") for h in subscribers]
        self.authz = AuthzService(self)
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
        return f"https://{self.publisher.host}:8443/ssosp"

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
                        secret: str | None = None) -> tuple[str, str | None]:
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
                        secret_hash=Store.secret_hash(secret) if secret else None)
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

