"""How CUCM's SIP OAuth ports answer a REGISTER (S10; fact sheet 1.7): the mutual-TLS checks
on the SIP Mobile and Remote Access Port (tomcat-trust, then the Expressway-C names pushed at
Refresh servers), the 400/405 checks of RFC 3261 §8.1.1, the 403 "SIP OAuth Registration port
Mismatch", the 407 Bearer challenge and the 200 OK once the token validates with the cluster's
AuthZ keys; each step written as a CUCM SDI line (modelled texts, real line grammar).

Part of :class:`uclab.sim.cucm.sip_oauth.SipOAuth` (the state it reads is defined there).
"""

from __future__ import annotations

from typing import Any

from uclab import facts
from uclab.core.errors import TlsAlert
from uclab.core.wire import Request, Response
from uclab.protocols import sip
from uclab.trace.logline import CONCEALED, LogLine

#: a CUCM node (node.py imports this package's modules, so the type is not imported back)
CucmNode = Any


class SipRegistrar:
    """The REGISTER side of :class:`~uclab.sim.cucm.sip_oauth.SipOAuth`."""

    cluster: Any
    profiles: dict
    devices: dict
    expc_entries: dict[str, tuple[str, ...]]
    tomcat_trust: set[str]
    registered: dict[str, str]
    running_mode: int
    _seq: int
    _tag: int

    def node_ports(self, host: str) -> tuple[int, int]:
        raise NotImplementedError

    def _sip(self, node: CucmNode, req: Request) -> Response:
        oauth_port, mra_port = self.node_ports(node.host)
        mra = req.port == mra_port
        peer = req.remote
        cert = sip.read_tls_client(req.headers.get(sip.TLS_CLIENT_HEADER))
        if mra and cert is not None:  # the mutual-TLS handshake comes before any SIP
            issuer, names = cert
            if issuer not in self.tomcat_trust:
                self._sdi(node, facts.SDI_TLS_UNKNOWN_CA.format(port=req.port, peer=peer,
                                                                issuer=issuer))
                raise TlsAlert(f"alert {facts.TLS_UNKNOWN_CA}: {node.host} does not trust "
                               f"{issuer} ({facts.TOMCAT_TRUST})")
            known = {n for entry in self.expc_entries.values() for n in entry}
            if not known.intersection(names):
                self._sdi(node, facts.SDI_TLS_NAME.format(names=",".join(names),
                                                          port=req.port))
                raise TlsAlert(f"{node.host} knows no Expressway-C named "
                               f"{', '.join(names) or '(none)'}")
        fields = sip.sip_fields(req.headers)
        text = sip.message_text(f"{req.method} {_request_uri(fields)} SIP/2.0", fields)
        token = _raw_token(fields)
        secrets = ((token, CONCEALED),) if token else ()
        self._sdi(node, facts.SDI_SIP_IN.format(
            message_kind=req.method[:20], port=req.port, peer=peer,
            transport="mTLS" if cert is not None else "TLS"), text, secrets)
        resp = self._register(node, req.method, fields, mra and cert is None)
        self._sdi(node, facts.SDI_SIP_OUT.format(message_kind=resp.status, port=req.port,
                                                 peer=peer),
                  sip.message_text(f"SIP/2.0 {resp.status} {sip.reason(resp.status)}",
                                   resp.headers.items()))
        return resp

    def _register(self, node: CucmNode, method: str, fields: list[tuple[str, str]],
                  plain_tls_on_mra: bool) -> Response:
        self._tag += 1
        tag = f"{self.cluster.entropy.child(f'sip/tag/{self._tag}').hex(4)}"

        def answer(status: int, extra: tuple[tuple[str, str], ...] = ()) -> Response:
            return Response.make(status, b"", sip.response_headers(fields, tag, extra))

        if method != "REGISTER":
            return answer(405, (("Allow", "REGISTER"),))
        problem = sip.check_register(fields)
        if problem is not None:
            return answer(400, (("Warning", facts.SIP_WARNING.format(
                node=node.host, text=problem.replace('"', "'"))),))
        values = {k.lower(): v for k, v in fields}
        device = self._device_of(values["from"])
        mismatch = ("Warning", facts.SIP_WARNING.format(node=node.host,
                                                        text=facts.SIP_PORT_MISMATCH))
        if device is None:
            return answer(404)
        profile = self.profiles.get(device.profile)
        if plain_tls_on_mra or profile is None or not profile.enable_oauth \
                or self.running_mode != int(facts.SIP_OAUTH_ON):
            return answer(403, (mismatch,))
        try:
            token = sip.bearer_token(values.get("proxy-authorization"))
        except sip.SipError as exc:
            return answer(400, (("Warning", facts.SIP_WARNING.format(
                node=node.host, text=str(exc).replace('"', "'"))),))
        challenge = ("Proxy-Authenticate", facts.SIP_CHALLENGE.format(realm=facts.SIP_REALM))
        if token is None:
            return answer(int(facts.SIP_407), (challenge,))
        result = node.validate_bearer(token)
        user = (result.claims or {}).get("sub") if result.ok else None
        if user is None:
            self._sdi(node, facts.SDI_TOKEN_BAD.format(reason=result.error().description[:80],
                                                       device=device.name))
            return answer(int(facts.SIP_407), (challenge,))
        if user != device.user:
            self._sdi(node, facts.SDI_TOKEN_BAD.format(
                reason=f"the token is {user}'s, the device is {device.user}'s",
                device=device.name))
            return answer(403)
        self._sdi(node, facts.SDI_TOKEN_OK.format(user=user, reason="AuthZ keys",
                                                  device=device.name))
        self.registered[device.name] = values["contact"]
        return answer(200, (("Contact", f"{values['contact']};expires="
                                        f"{values.get('expires', '3600')}"),))

    def _device_of(self, from_value: str) -> Any:
        dn = sip.uri_user(from_value)
        return next((d for d in self.devices.values() if d.dn == dn), None)

    # -- SDI --------------------------------------------------------------------------------------
    def _sdi(self, node: CucmNode, text: str, message: str = "",
             secrets: tuple[tuple[str, str], ...] = ()) -> None:
        self._seq += 1
        ctx = self.cluster.ctx
        start = 8000000 + self.cluster.entropy.child("sip/sdi").below(1000000)
        seq = start + self._seq // 1000
        fields = (("seq", f"{seq:08d}"), ("sub", f"{self._seq % 1000:03d}"),
                  ("category", str(facts.SDI_APPINFO)), ("instance", str(_pid(node))),
                  ("text", text))
        ctx.log(LogLine(ctx.clock.tick(1), node.host, "sdi", str(facts.SDI_SIP_PROCESS),
                        fields, message, secrets))


def _pid(node: CucmNode) -> int:
    return 10000 + node.cluster.entropy.child(f"sip/pid/{node.host}").below(20000)


def _request_uri(fields: list[tuple[str, str]]) -> str:
    to = next((v for k, v in fields if k.lower() == "to"), "")
    try:
        return sip.registrar_uri(to)
    except sip.SipError:
        return "sip:invalid"


def _raw_token(fields: list[tuple[str, str]]) -> str:
    value = next((v for k, v in fields if k.lower() == "proxy-authorization"), None)
    try:
        return sip.bearer_token(value) or ""
    except sip.SipError:
        return ""
