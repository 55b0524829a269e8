"""Jabber's SIP line in SIP OAuth mode over MRA (S10; FORMATS.md §1.8).

Jabber reads its device config file (``<CSF device>.cnf.xml`` from TFTP, proxied by the edge):
``sipOAuthMode`` says whether SIP OAuth is on, ``sipMRAOAuthPort`` / ``sipOAuthPort`` which
port the line uses (S10). With the mode on it sends REGISTER over TLS to Expressway-E; CUCM's
``407`` carries ``Proxy-Authenticate: Bearer realm="ccmsipline"``, and Jabber registers again
with ``Proxy-Authorization: Bearer token="<access token>"``, answered 200 OK (S10). PRT shows
``sip OAuth Mode=1`` and each message after ``sipio-sent--->`` / ``sipio-recv<---`` (S10).
With the mode off Jabber would register on the legacy port (5060/5061) with its LSC or
Digest, which the lab does not simulate.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from uclab import facts
from uclab.core.wire import Request, Response
from uclab.protocols import sip
from uclab.protocols.edge_urls import proxied_url
from uclab.sim.jabber.outcome import Outcome
from uclab.trace.dialects.jabber_prt import PrtMessage
from uclab.trace.logline import CONCEALED

if TYPE_CHECKING:
    from uclab.sim.jabber.services import Services as Jabber

STAGE = "sip-register"
SIP_MODE = PrtMessage("INFO", facts.PRT_SIP_AT, facts.LOGGER_SIP, facts.PRT_SIP_OAUTH_MODE_FN,
                      facts.PRT_SIP_OAUTH_MODE)
SENT = PrtMessage("DEBUG", facts.PRT_SIP_AT, facts.LOGGER_SIP, facts.PRT_SIP_IO_FN,
                  facts.PRT_SIP_SENT_LINE)
RECEIVED = PrtMessage("DEBUG", facts.PRT_SIP_AT, facts.LOGGER_SIP, facts.PRT_SIP_IO_FN,
                      facts.PRT_SIP_RECV_LINE)


def _element(xml: str, name: str) -> str | None:
    m = re.search(rf"<{name}>([^<]*)</{name}>", xml)
    return m[1] if m else None


def device_config(jabber: Jabber) -> tuple[str | None, str]:
    """The device config file over MRA (TFTP proxied by the edge), or None and why not."""
    cucm = jabber.ctx.peers.require("cucm")
    device = facts.LAB_CSF_DEVICE.format(user=jabber.user.upper())
    host = (jabber.edge or "").split(":")[0]
    url = proxied_url(host, jabber.domain, "http", cucm.publisher.host, int(facts.TFTP_PORT),
                      facts.CNF_PATH.format(device=device).lstrip("/"))
    resp = jabber.session.get(url, headers=jabber._bearer())
    if resp.status_code != 200:
        return None, f"{device}.cnf.xml: HTTP {resp.status_code}"
    return resp.text, device


def register(jabber: Jabber) -> Outcome:
    """Read the device config, then register the line (module docstring)."""
    if jabber.state != "signed-in" or not jabber.tokens.access_token:
        return Outcome(False, STAGE, "not signed in with OAuth: sign in first")
    start = len(jabber.ctx.network.exchanges)
    outcome = _register(jabber)
    outcome.exchanges = list(range(start, len(jabber.ctx.network.exchanges)))
    return outcome


def _register(jabber: Jabber) -> Outcome:
    cnf, why = device_config(jabber)
    if cnf is None:
        return Outcome(False, STAGE, f"no device config: {why}")
    mode = _element(cnf, facts.CNF_SIP_OAUTH_MODE) or str(facts.SIP_OAUTH_OFF)
    jabber._log(SIP_MODE, mode=mode)
    if mode != str(facts.SIP_OAUTH_ON):
        return Outcome(False, STAGE, f"{facts.CNF_SIP_OAUTH_MODE}={mode}: SIP OAuth is off, "
                                     f"so Jabber registers on the legacy port "
                                     f"({facts.LEGACY_SIP_PORTS}; not simulated)")
    cucm = _element(cnf, "processNodeName") or ""
    dn = _element(cnf, "name") or ""
    rng = jabber.ctx.entropy.child(f"jabber/{jabber.user}/sip")
    port = 49152 + rng.below(16000)
    ip = jabber.ctx.network.addresses.get(jabber.name, "")
    call_id = f"{rng.hex(16)}@{ip}"
    aor = f"<sip:{dn}@{cucm}>"
    base = [("From", f"{aor};tag={rng.hex(4)}"), ("To", aor), ("Call-ID", call_id),
            ("Max-Forwards", "70")]
    contact = (f"<sip:{jabber.device_id}@{ip}:{port};transport=tls>;"
               f'+sip.instance="<urn:uuid:{jabber.device_id}>"')
    edge = (jabber.edge or "").split(":")[0]
    url = f"sip://{edge}:{facts.EDGE_SIP_TLS_PORT}"
    resp: Response | None = None
    for cseq in (101, 102):
        fields = [("Via", f"SIP/2.0/TLS {ip}:{port};branch=z9hG4bK{rng.hex(8)}"), *base,
                  ("CSeq", f"{cseq} REGISTER"), ("Contact", contact), ("Expires", "3600")]
        token = ""
        if resp is not None:  # answering the Bearer challenge (S10)
            token = jabber.tokens.access_token or ""
            fields.append(("Proxy-Authorization", sip.bearer_credentials(token)))
        fields.append(("Content-Length", "0"))
        secrets = ((token, CONCEALED),) if token else ()
        jabber._log(SENT, secrets, message=sip.message_text(
            f"REGISTER {sip.registrar_uri(aor)} SIP/2.0", fields))
        ex = jabber.ctx.network.send(jabber.name, Request.make("REGISTER", url, fields))
        if ex.response is None:
            return Outcome(False, STAGE, f"REGISTER not answered: {ex.error}")
        resp = ex.response
        jabber._log(RECEIVED, message=sip.message_text(
            f"SIP/2.0 {resp.status} {sip.reason(resp.status)}", resp.headers.items()))
        challenge = resp.headers.get("proxy-authenticate") or ""
        if resp.status != int(facts.SIP_407) or not challenge.lower().startswith("bearer"):
            break
    assert resp is not None
    detail = f"REGISTER {resp.status} {sip.reason(resp.status)}"
    warning = resp.headers.get("warning")
    if warning:
        detail += f" (Warning: {warning})"
    return Outcome(resp.status == 200, STAGE, detail)
