"""The opt-in deployments of notebook 11, as methods of :class:`uclab.lab.Lab`: SIP OAuth
mode, SAML SSO with an IdP profile, push notifications for suspended iOS clients, and Unity
Connection's unified messaging with Office 365. A lab that calls none of them is the basic
deployment of notebooks 00-10, byte for byte."""

from __future__ import annotations

from typing import TYPE_CHECKING

from uclab import facts

if TYPE_CHECKING:  # each variant loads its modules when it is switched on
    from uclab.sim.jabber.client import Jabber
    from uclab.sim.push import PushNotifications
    from uclab.sim.unity.unified_messaging import UnifiedMessagingService


class LabVariants:
    """Mixed into :class:`uclab.lab.Lab` (it uses the lab's nodes, context and network)."""

    def configure_sip_oauth(self, variant: str = "on") -> list[str]:
        """SIP OAuth mode on the home cluster and the MRA SIP leg, as S10 orders the steps
        (:mod:`uclab.sim.sip_oauth_setup`; ``variant`` = ``"on"``, ``"off"``,
        ``"profile-no-oauth"`` or ``"unknown-ca"``); call after :meth:`configure_oauth`. Opt-in:
        a lab without it has no SIP. Then ``lab.client.register_sip()``."""
        from uclab.sim.sip_oauth_setup import configure

        return configure(self.cucm, self.expc, self.edge, variant)

    def add_push(self, *, enabled: bool = True) -> PushNotifications:
        """IM&P push notifications for suspended iOS clients, with stand-ins for Cisco's and
        Apple's clouds on the network (lab model of IMPPUSH14; see :mod:`uclab.sim.push`)."""
        from uclab.sim.push import PushNotifications

        return PushNotifications(self.ctx, self.network.name_of(self.imp.host), enabled=enabled)

    def add_office365(self, tenant: str = "example.onmicrosoft.com", *,
                      consented: bool = True) -> UnifiedMessagingService:
        """Unity Connection's unified messaging with an Office 365 tenant: an app registration
        in the tenant (admin consent unless ``consented=False``) and a unified messaging service
        on Unity Connection that uses it (lab model of CUCUM15 / MSCLIENTCREDS, see
        :mod:`uclab.sim.unity.unified_messaging`)."""
        from uclab.sim.microsoft import GraphMail, MicrosoftIdentityPlatform
        from uclab.sim.unity.unified_messaging import UnifiedMessagingService

        if self._microsoft is None:
            identity = MicrosoftIdentityPlatform(self.clock, self.entropy.child("microsoft"))
            graph = GraphMail(identity)
            for node, name in ((identity, "ms-login"), (graph, "ms-graph")):
                self.network.attach(node, name)
            self._microsoft = (identity, graph)
        identity, graph = self._microsoft
        app = identity.register(tenant, consented=consented)
        return UnifiedMessagingService(self.ctx, self.network.name_of(self.unity.host),
                                       identity, graph, app)

    def configure_sso(self, idp: str = "adfs") -> list[str]:
        """SAML SSO with the lab IdP in the ``adfs`` or ``entra`` profile, inside the network
        (CUCM's ssosp is the SP) and over MRA (Expressway is the SP: MRA guide, MRASSO), as
        the guides order it; returns the steps as text. Runs :meth:`configure_oauth` first if
        refresh logins are not on yet: the IdP authenticates, CUCM still issues the tokens."""
        from uclab.sim.cucm import saml_sso

        steps = [] if self.cucm.params.refresh_enabled else self.configure_oauth()
        saml = self.idp.use_profile(idp, self.domain)
        if saml.profile.host != self.idp.host:  # Entra ID: its own sign-in host
            self.network.nodes[saml.profile.host] = self.idp
            self.network.names[saml.profile.host] = "idp"
        sp = saml_sso.enable(self.cucm, saml.metadata())
        self.cucm.enable_sso(self.idp)
        saml.add_relying_party(sp.entity_id, sp.acs_url)
        steps.append(f"CUCM: System > SAML Single Sign-On: import the {saml.profile.title} "
                     f"metadata (IdP {saml.profile.entity_id}), export CUCM's SP metadata")
        edge = self.expc.enable_edge_sso(saml.metadata(), self.edge.host)
        saml.add_relying_party(edge.entity_id, edge.acs_url)
        self.expc.set_access_control(authentication_path=str(facts.PATH_BOTH))
        steps.append(f"Expressway-C: {facts.EXPC_IDP_PAGE}: import the IdP metadata; "
                     f"{facts.EXPC_EXPORT_SAML} for the IdP; {facts.AUTH_PATH} = "
                     f"{facts.PATH_BOTH}")
        rule = "uid" if idp == "adfs" else f"uid = {facts.ENTRA_UID_SOURCE}"
        steps.append(f"IdP: relying parties for CUCM and Expressway-E, claim rule {rule} "
                     f"({saml.profile.uid_source}), MFA on (modelled)")
        for client in [c for c in (self._client,) if c is not None]:
            self._give_authenticator(client)
        return steps

    def _give_authenticator(self, client: Jabber) -> None:
        saml = self.idp.saml
        if saml is not None:
            client.authenticator = lambda user=client.user: saml.authenticator_code(user)
