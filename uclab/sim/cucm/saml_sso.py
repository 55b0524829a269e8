"""CUCM as the SAML SP inside the network (ssosp, T217268): the authorization endpoint
redirects the browser to the IdP with an AuthnRequest, the assertion consumer
``/ssosp/saml/SSO/alias/<fqdn>`` checks the posted Response (:mod:`uclab.sim.saml_sp`), and
every step is written to ``ssosp*.log`` in its real log4j grammar
(:func:`uclab.trace.dialects.cucm_ssosp.ssosp_line`) with the real texts of the sample log.

Over MRA the SP is Expressway (:mod:`uclab.sim.expressway.edge_sso`): CUCM then sees no SAML,
only the relay's request for a code. Used only once ``lab.configure_sso`` imported IdP metadata
(``cluster.saml_sp``); the default lab keeps its minimal IdP path.
"""

from __future__ import annotations

import html
from typing import Any

from uclab import facts
from uclab.core.errors import OAuthError
from uclab.core.wire import Request, Response
from uclab.sim.saml_sp import IdpMetadata, ServiceProvider, Step
from uclab.trace.dialects.cucm_ssosp import ssosp_line

#: the AuthZ endpoints of one node (``uclab.sim.cucm.authz.endpoints.AuthzEndpoints``; not
#: imported, they import this module) and a pending login (``...authz.store.PendingLogin``)
AuthzEndpoints = PendingLogin = Any

_NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache", "X-Frame-Options": "DENY"}


def enable(cluster, metadata: IdpMetadata) -> ServiceProvider:
    """SAML SSO on the cluster with this IdP metadata (System > SAML Single Sign-On); the SP
    entity id is the publisher's FQDN and the consumer its alias URL, as in T217268."""
    host = cluster.publisher.host
    acs = f"https://{host}:{facts.CUCM_HTTPS_PORT}{facts.SSOSP_SAML_ACS}{host}"
    sp = ServiceProvider(host, acs, cluster.clock)
    sp.import_idp_metadata(metadata)
    cluster.saml_sp = sp
    return sp


def _write(cluster, host: str, steps: list[Step]) -> None:
    cluster.ssosp_thread = getattr(cluster, "ssosp_thread", 80) + 1
    thread = facts.SSOSP_THREAD.format(port=facts.CUCM_HTTPS_PORT, n=cluster.ssosp_thread)
    for step in steps:
        cluster.write_log(ssosp_line(cluster.clock.tick(1), host, step.level, thread,
                                     step.logger, step.text, step.block))


def authorize(ep: AuthzEndpoints, pending: PendingLogin) -> Response:
    """The SP-initiated login: SSOAuthAgentFilter, SPSSOFederate, then 302 to the IdP."""
    cluster = ep.node.cluster
    url, steps = cluster.saml_sp.authn_request("s2" + pending.request_id, pending.request_id)
    _write(cluster, ep.node.host, [Step("DEBUG", str(facts.LOG_FILTER), facts.MSG_SERVLET_PATH
                                        .format(path=facts.SSOSP_AUTHORIZE)), *steps])
    return Response.make(302, b"", {"Location": url, **_NO_STORE})


def consume(ep: AuthzEndpoints, req: Request) -> Response:
    """The assertion consumer: check, log, then finish the OAuth login (CUCM issues the code)."""
    cluster = ep.node.cluster
    try:
        form = req.form()
        relay = form.require("RelayState")
        pending = ep.service.store.pending.get(relay)
        waiting = {"s2" + pending.request_id} if pending is not None else set()
        verdict = cluster.saml_sp.check(form.require("SAMLResponse"), relay, waiting)
    except OAuthError as exc:  # a SamlError, or a field missing (InvalidRequest)
        return Response.make(400, f"<html><body><p>{html.escape(exc.description)}</p>"
                             "</body></html>",
                             _NO_STORE)
    steps = list(verdict.steps)
    user = cluster.users.get(verdict.user) if verdict.ok else None
    if verdict.ok and (user is None or not user.active):
        reason = f"user {verdict.user[:64]} is not an active end user"
        steps.append(Step("ERROR", str(facts.LOG_AUTHENTICATOR),
                          facts.MSG_PROCESS_ERROR.format(reason=reason)))
        verdict.failure, verdict.reason = "user", reason
    if not verdict.ok or pending is None or user is None:
        _write(cluster, ep.node.host, steps)
        return Response.make(403, "<html><body><h1>SAML SSO failed</h1><p>"
                             f"{facts.MSG_PROCESS_ERROR.format(reason=verdict.reason)}</p>"
                             "</body></html>", _NO_STORE)
    relay_url = str(facts.SSOSP_AUTHORIZE)
    steps += [Step("INFO", str(facts.LOG_RELAY), facts.MSG_RELAY_URL.format(url=relay_url)),
              Step("INFO", str(facts.LOG_RELAY), facts.MSG_REDIRECTING.format(url=relay_url))]
    _write(cluster, ep.node.host, steps)
    return Response.make(302, b"", {"Location": ep.service.finish_login(pending, user),
                                    **_NO_STORE})
