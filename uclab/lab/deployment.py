"""The lab's deployment: the nodes a :class:`Lab` builds, their peers and their set-up
(see :mod:`uclab.lab`)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from uclab import facts
from uclab.core.clock import DEFAULT_START, Clock
from uclab.core.entropy import Entropy
from uclab.lab.records import LabRecords
from uclab.lab.variants import LabVariants
from uclab.sim import topology
from uclab.sim.context import LogBook, NodeContext
from uclab.sim.cucm.authz.profiles import oauth_profile
from uclab.sim.cucm.cluster import CucmCluster
from uclab.sim.dns import DnsServer
from uclab.sim.expressway import ExpresswayC, ExpresswayE
from uclab.sim.idp import IdentityProvider
from uclab.sim.imp import CentralImpCluster, ImpNode
from uclab.sim.jabber.client import Jabber
from uclab.sim.network import Network
from uclab.sim.unity import UnityConnection

if TYPE_CHECKING:
    from uclab.sim.microsoft import GraphMail, MicrosoftIdentityPlatform

#: Password of the lab's sample users: a lab value, printed in the notebooks on purpose.
LAB_PASSWORD = "Lab-Passw0rd!"
#: The lab's AXL application user, allowed to call the revoke API (S2, S4).
AXL_USER = "axladmin"


def _last(menu_path: str) -> str:
    """The page a GUI menu path ends on (``... > MRA Access Control``)."""
    return menu_path.rsplit(" > ", 1)[-1]


class Lab(LabVariants, LabRecords):
    """A deployment: a CUCM cluster (publisher + one subscriber), an IdP, sample users.

    ``seed`` makes ids, codes, keys, token ids and times reproducible; without it every secret
    comes from :mod:`secrets`. ``cucm_version`` picks the release (it decides the grant flows).
    ``profile`` picks how CUCM's AuthZ applies OAuth best practice: ``"cisco"`` (default, the
    product as documented) or ``"rfc9700"`` (a lab-only contrast: PKCE S256 required, no
    implicit grant; :mod:`uclab.sim.cucm.authz.profiles`).
    ``client`` picks what :attr:`client` is: ``"jabber"`` (the default) or ``"webex"`` (the Webex
    app, the same OAuth flow), and ``client_renewal`` turns the Webex app's side of CUCM 15's
    refresh token renewal on (S3).
    ``expressway_clusters=2`` adds a second Expressway-C/E pair in front of the same CUCM
    cluster, ``cucm_clusters=2`` a second CUCM cluster (``cucm2``, same release) where the user
    ``dave`` is homed (:mod:`uclab.sim.topology`); the default is one of each.
    """

    def __init__(self, seed: int | str | None = None, *, cucm_version: str = "14.0(1)SU3",
                 domain: str = "example.com", start: datetime = DEFAULT_START,
                 profile: str = str(facts.PROFILE_CISCO), client: str = "jabber",
                 client_renewal: bool = False, expressway_clusters: int = 1,
                 cucm_clusters: int = 1) -> None:
        from uclab.core.errors import ConfigError
        from uclab.sim.jabber.device import check_client_kind

        if seed is not None and not isinstance(seed, int | str):
            raise ConfigError(f"seed must be an int or a string (got {type(seed).__name__})")
        for what, n in (("expressway_clusters", expressway_clusters),
                        ("cucm_clusters", cucm_clusters)):
            if type(n) is not int or n not in (1, 2):
                raise ConfigError(f"{what} must be 1 or 2 (got {n!r})")
        #: the AuthZ profile every CUCM cluster of this deployment applies
        self.profile = oauth_profile(profile).name
        check_client_kind(client, client_renewal)
        self._client_kind = client
        self._client_renewal = client_renewal
        self._webex_client: tuple[str, str] | None = None
        self._microsoft: tuple[MicrosoftIdentityPlatform, GraphMail] | None = None
        self.seed = seed
        self.domain = domain
        self.clock = Clock(start)
        self.entropy = Entropy(seed)
        self.network = Network(self.clock)
        self.lock = self.network.lock
        self.logbook = LogBook(self.lock)
        #: what every node of this deployment is built with
        self.ctx = NodeContext(self.clock, self.entropy, self.network, self.logbook, domain,
                               oauth_profile=self.profile)
        self._client: Jabber | None = None
        #: the central IM&P cluster, when the deployment has one (:meth:`add_central_imp`)
        self.central_imp: CentralImpCluster | None = None
        self.cucm = self._cluster(cucm_version, f"cucm-pub.{domain}", (f"cucm-sub1.{domain}",))
        self.ctx.peers.set("cucm", self.cucm)
        self.idp = IdentityProvider(f"idp.{domain}", self.cucm.users.authenticate, self.clock,
                                    self.entropy.child("idp"))
        self.network.attach(self.idp, "idp")
        users = self.cucm.users
        users.add_ldap("alice", LAB_PASSWORD)
        users.add_ldap("bob", LAB_PASSWORD)
        users.add_local("carol", LAB_PASSWORD)
        users.add_application_user(AXL_USER, LAB_PASSWORD, (str(facts.ROLE_AXL),))
        self.jabber_client_id = facts.JABBER_CLIENT_ID
        _, secret = self.cucm.register_client(
            facts.JABBER_CLIENT_NAME, [facts.JABBER_REDIRECT_URI],
            grant_types=("authorization_code", "refresh_token", "implicit"),
            client_id=str(facts.JABBER_CLIENT_ID))
        #: Jabber's built-in client secret: the real one is not public, this is the lab's [U]
        self.jabber_client_secret: str = secret or ""
        self._build_edge(domain)
        #: every Expressway-C/E pair (Expressway cluster) of the deployment, the first one is
        #: (:attr:`expc`, :attr:`edge`)
        self.edge_pairs: list[tuple[ExpresswayC, ExpresswayE]] = [(self.expc, self.edge)]
        #: the CUCM clusters :meth:`configure_oauth` turns OAuth on in (the home cluster, and
        #: ``cucm2`` with ``cucm_clusters=2``; clusters added later are the caller's)
        self.oauth_clusters: list[CucmCluster] = [self.cucm]
        if cucm_clusters == 2:
            home = self.add_cluster("cucm2", cucm_version)
            self.oauth_clusters.append(home)
            home.users.add_ldap(topology.SECOND_HOME_USER, LAB_PASSWORD)
            self.expc.add_ucm_server(home.publisher.host, AXL_USER, LAB_PASSWORD)
        if expressway_clusters == 2:
            self.edge_pairs.append(topology.add_edge_pair(
                self.ctx, self.public_dns, self.clusters, self.imp, self.unity,
                (AXL_USER, LAB_PASSWORD)))

    def _build_edge(self, domain: str) -> None:
        """DNS (inside and public views), Expressway-C and Expressway-E, as installed: MRA on
        with the Access Control defaults, the publisher added as a Unified CM server, but no
        "Refresh servers" yet — that is an admin step (see :meth:`configure_oauth`)."""
        self.dns = DnsServer(f"dns.{domain}", "internal")
        self.public_dns = DnsServer("dns.example.net", "public")
        self.expc = ExpresswayC(self.ctx, f"expc.{domain}")
        self.edge = ExpresswayE(self.ctx, f"expe.{domain}", self.expc)
        for node, name in ((self.dns, "dns"), (self.public_dns, "public-dns"),
                           (self.expc, "expc"), (self.edge, "expe")):
            self.network.attach(node, name)
            self.ctx.peers.set(name, node)
        for name, ip in (("cucm-pub", "192.0.2.11"), ("cucm-sub1", "192.0.2.12"),
                         ("expc", "192.0.2.20"), ("expe", "203.0.113.20")):
            self.network.addresses[name] = ip
        self.dns.add_srv(f"{facts.SRV_CISCO_UDS}.{domain}", self.cucm.publisher.host,
                         facts.CUCM_HTTPS_PORT)
        self.public_dns.add_srv(f"{facts.SRV_COLLAB_EDGE}.{domain}", self.edge.host,
                                facts.EDGE_HTTPS_PORT)
        self.expc.add_ucm_server(self.cucm.publisher.host, AXL_USER, LAB_PASSWORD)
        self.imp = ImpNode(self.ctx, f"imp-pub.{domain}", self.cucm)
        self.ctx.peers.set("imp", self.imp)
        self.imp.sasl_hosts.add(self.edge.host)
        self.expc.add_imp_server(self.imp.host)
        self.unity = UnityConnection(self.ctx, f"cuc-pub.{domain}", admin_password=LAB_PASSWORD)
        self.ctx.peers.set("unity", self.unity)
        self.expc.add_unity_server(self.unity.host)
        for name, ip in (("imp-pub", "192.0.2.31"), ("cuc-pub", "192.0.2.41")):
            self.network.addresses[name] = ip

    def configure_oauth(self) -> list[str]:
        """The admin steps that turn OAuth with refresh on across the deployment, in order, as
        the guides give them (S9, S6, S13, S12); returns the steps as text.

        Expressway-C's "Authorize by user credentials" is set On as in the seed article's
        deployment (``LegacyCred: On``), so that clients without OAuth still sign in.
        """
        from uclab.core.errors import UclabError

        steps = []
        for n, cluster in enumerate(self.oauth_clusters):
            name = "CUCM" if n == 0 else f"CUCM {cluster.publisher.host.split('.')[0]}"
            try:
                cluster.enable_refresh_logins()
                steps.append(f"{name}: {facts.PARAM_SECTION} > {facts.PARAM_REFRESH_FLOW} = "
                             f"{facts.ENABLED}")
            except UclabError as exc:
                steps.append(f"{name}: cannot enable refresh logins ({exc})")
        for n, (expc, _) in enumerate(self.edge_pairs):
            name = "Expressway-C" if n == 0 else f"Expressway-C {expc.name}"
            expc.set_access_control(authorize_by_oauth_token_with_refresh=True,
                                    authorize_by_user_credentials=True)
            steps.append(f"{name}: {_last(facts.MRA_PAGE)} > {facts.OAUTH_REFRESH} = "
                         f"{facts.ON}, {facts.USER_CREDS} = {facts.ON}")
            expc.refresh_servers()
            steps.append(f"{name}: {_last(facts.UCM_PAGE)} > {facts.REFRESH_SERVERS} (fetches "
                         "the keys)")
            expc.refresh_imp_servers()
            steps.append(f"{name}: IM and Presence Service nodes > {facts.REFRESH_SERVERS}")
        self.unity.enable_refresh_logins()
        steps.append(f"Unity Connection: {facts.PARAM_SECTION} > {facts.PARAM_REFRESH_FLOW} = "
                     f"{facts.ENABLED}")
        self.unity.upload_tomcat_trust(self.cucm.publisher.host)
        try:
            self.unity.add_authz_server("CUCM", self.cucm.publisher.host, AXL_USER, LAB_PASSWORD)
            steps.append("Unity Connection: Authz Servers > Add New (CUCM publisher, AXL "
                         "account; keys are fetched)")
        except UclabError as exc:
            steps.append(f"Unity Connection: Authz Servers > Add New failed ({exc})")
        return steps

    def add_cluster(self, prefix: str, version: str) -> CucmCluster:
        """Another CUCM cluster in the deployment (publisher ``<prefix>-pub.<domain>``)."""
        cluster = self._cluster(version, f"{prefix}-pub.{self.domain}")
        cluster.users.add_application_user(AXL_USER, LAB_PASSWORD, (str(facts.ROLE_AXL),))
        cluster.register_client(facts.JABBER_CLIENT_NAME, [facts.JABBER_REDIRECT_URI],
                                grant_types=("authorization_code", "refresh_token", "implicit"),
                                client_id=str(facts.JABBER_CLIENT_ID),
                                secret=self.jabber_client_secret)
        return cluster

    def _cluster(self, version: str, publisher: str, subscribers: tuple[str, ...] = (), *,
                 telephony: bool = True) -> CucmCluster:
        """A CUCM cluster on the network; a telephony cluster is every node's peer cluster."""
        cluster = CucmCluster(self.ctx, version=version, publisher=publisher,
                              subscribers=subscribers)
        for node in cluster.nodes:
            self.network.attach(node, node.host.split(".")[0])
        if telephony:
            self.ctx.peers.add_cluster(cluster)
        return cluster

    @property
    def clusters(self) -> list[CucmCluster]:
        """Every CUCM cluster of the deployment, the home cluster first."""
        return self.ctx.peers.clusters

    def add_central_imp(self, imp_host: str, local_cucm: str | CucmCluster) -> CentralImpCluster:
        """An IM&P central cluster (S15) with its own non-telephony CUCM (a host name builds
        one at the home cluster's release); it joins the network but no telephony cluster
        knows it until an admin adds it (System > Centralized Deployment)."""
        if isinstance(local_cucm, str):
            local_cucm = self._cluster(str(self.cucm.version), local_cucm, telephony=False)
        self.central_imp = CentralImpCluster(self.ctx, imp_host, local_cucm)
        return self.central_imp

    @property
    def client(self) -> Jabber:
        """The learner's own client (alice): Jabber, or the Webex app for ``Lab(client="webex")``;
        created on first use and kept."""
        if self._client is None:
            self._client = (self.jabber("alice") if self._client_kind == "jabber" else
                            self.webex("alice", refresh_token_renewal=self._client_renewal))
        return self._client

    def webex(self, user: str = "alice", password: str = LAB_PASSWORD, *,
              refresh_token_renewal: bool = False, **kwargs) -> Jabber:
        """The Webex app for ``user`` in on-premises mode, outside the network (MRA): the same
        OAuth flow as Jabber (fact sheet 3), registered on CUCM as a Webex client of its own
        (its real client id is not public: the lab draws one, see ``facts.WEBEX_CLIENT_NAME``).
        ``refresh_token_renewal`` is the app's side of CUCM 15's renewal (S3)."""
        if self._webex_client is None:
            client_id, secret = self.cucm.register_client(
                facts.WEBEX_CLIENT_NAME, [facts.JABBER_REDIRECT_URI],
                grant_types=("authorization_code", "refresh_token"), webex=True)
            self._webex_client = (client_id, secret or "")
        client_id, secret = self._webex_client
        return Jabber(self.ctx, user, password, client_id=client_id, client_secret=secret,
                      kind="webex", refresh_token_renewal=refresh_token_renewal, **kwargs)

    def jabber(self, user: str = "alice", password: str = LAB_PASSWORD, **kwargs) -> Jabber:
        """A Jabber client for ``user``, outside the network (MRA)."""
        client = Jabber(self.ctx, user, password, client_id=str(self.jabber_client_id),
                        client_secret=self.jabber_client_secret, **kwargs)
        self._give_authenticator(client)
        return client

    def __repr__(self) -> str:
        return (f"Lab(seed={self.seed!r}, cucm={self.cucm.version}, time={self.clock.iso()}, "
                f"{len(self.exchanges)} exchanges)")

    # -- time -------------------------------------------------------------------------------------
    def advance(self, *, days: float = 0, hours: float = 0, minutes: float = 0,
                seconds: float = 0) -> str:
        """Move lab time forward and return the new time."""
        return self.ctx.advance(days=days, hours=hours, minutes=minutes, seconds=seconds)

    @property
    def now(self) -> int:
        return self.clock.now()
