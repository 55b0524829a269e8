"""Jabber's XMPP sign-in over MRA: stream features, SASL mechanism choice, authentication.

Jabber opens an XMPP stream to Expressway-E on 5222, which relays it through Expressway-C to
IM&P (S6, seed article). With OAuth tokens Jabber needs OAUTHBEARER (RFC 7628); with user
credentials it uses CISCO-VTG-TOKEN with a one-time password from IM&P's EPAS service (S28).
When no usable mechanism is advertised, gloox logs the seed article's line "The server doesn't
offer any SASL authentication mechanism that we can support" (field observation). If IM&P
refuses a token, Jabber refreshes it once and retries (lab model [U]). Only a refresh that
fails logs ``handleRefreshTokenFailure`` ("Failed to get valid access token from refresh token",
S1; written by :meth:`~uclab.sim.jabber.token_refresh.TokenRefresh.refresh`): when the refresh
works and IM&P refuses the new token too, that line is not written, and what a real Jabber logs
then is not published [U].
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from uclab.core.errors import ConfigError
from uclab.core.wire import Exchange, Request
from uclab.facts import EDGE_XMPP_PORT, EPAS_PATH, IMP_HTTPS_PORT, MECH_OAUTHBEARER, MECH_VTG
from uclab.protocols.edge_urls import proxied_url
from uclab.protocols.sasl import (
    SaslError,
    encode_oauthbearer,
    encode_vtg_token,
    from_base64,
)
from uclab.protocols.xmpp import (
    STREAM_HEADER,
    auth_stanza,
    parse_reply,
    response_stanza,
    stream_open,
)
from uclab.sim.imp import epas_login_body, epas_otp_body, epas_result
from uclab.sim.jabber.outcome import Outcome
from uclab.trace.dialects import jabber_prt as prt

if TYPE_CHECKING:
    from uclab.sim.jabber.token_refresh import TokenRefresh as Jabber


def _send(jabber: Jabber, stanza: str, sid: str = "") -> tuple[str, str]:
    host = (jabber.edge or "").split(":")[0]
    headers = {STREAM_HEADER: sid} if sid else {}
    ex = jabber.ctx.network.send(jabber.name, Request.make("XMPP", f"xmpp://{host}:{EDGE_XMPP_PORT}/",
                                                           headers, stanza))
    if ex.response is None:
        return f"<error>{ex.error}</error>", sid
    return ex.response.text, ex.response.headers.get(STREAM_HEADER) or sid


def _vtg_token(jabber: Jabber) -> str | None:
    """EPAS login + get-onetime-password, proxied through the edge with Basic credentials."""
    imp = jabber.ctx.peers.require("imp")
    host = (jabber.edge or "").split(":")[0]
    url = proxied_url(host, jabber.domain, "https", imp.host, IMP_HTTPS_PORT, str(EPAS_PATH))
    auth = (jabber.user, jabber.password)
    headers = {"Content-Type": "application/soap+xml"}
    key = epas_result(jabber.session.post(url, data=epas_login_body(jabber.user,
                                                                    jabber.password),
                                          headers=headers, auth=auth).text)
    if not key:
        return None
    return epas_result(jabber.session.post(url, data=epas_otp_body(key), headers=headers,
                                           auth=auth).text)


def _authenticate(jabber: Jabber, mechanism: str, sid: str | None = None) -> tuple[bool, str]:
    """SASL on the stream ``sid``, or on a new stream (a new connection) when None."""
    if sid is None:
        text, sid = _send(jabber, stream_open(jabber.domain))
        features = parse_reply(text)
        if features.kind != "features":
            return False, f"no stream features ({features.kind}: {features.text or text[:80]})"
    if mechanism == MECH_OAUTHBEARER:
        token = jabber.tokens.access_token or ""
        message = encode_oauthbearer(token, authzid=f"{jabber.user}@{jabber.domain}",
                                     host=(jabber.edge or "").split(":")[0], port=EDGE_XMPP_PORT)
    else:
        otp = _vtg_token(jabber)
        if not otp:
            return False, "could not get a one-time password from IM&P (EPAS)"
        message = encode_vtg_token(jabber.user, jabber.domain, otp)
    reply = parse_reply(_send(jabber, auth_stanza(mechanism, message), sid)[0])
    if reply.kind == "challenge":  # RFC 7628 §3.2.3: answer the error challenge with \x01
        reply = parse_reply(_send(jabber, response_stanza(b"\x01"), sid)[0])
    if reply.kind == "success":
        return True, f"SASL {mechanism} success"
    return False, f"SASL {mechanism} {reply.kind} {reply.condition}: {reply.text}".strip()


def jabber_xmpp_login(jabber: Jabber) -> Outcome:
    """Open the stream, choose the mechanism the way Jabber does, and authenticate."""

    text, sid = _send(jabber, stream_open(jabber.domain))
    features = parse_reply(text)
    oauth = bool(jabber.tokens.access_token)
    if features.kind == "features":
        stanza = text[text.find("<stream:features"):]
        jabber._log(prt.XMPP_RECV, length=len(stanza), stanza=stanza)
    want = MECH_OAUTHBEARER if oauth else MECH_VTG
    chosen = want if want in features.mechanisms else ""
    jabber._log(prt.SASL_TOKEN_EMPTY, empty=0 if oauth else 1)
    jabber._log(prt.SASL_MECHANISM, mechanism=chosen)
    if not chosen:
        jabber._log(prt.NO_SASL)
        offered = ", ".join(features.mechanisms) or "none"
        return Outcome(False, "xmpp", f"no supported SASL mechanism (offered: {offered}; "
                                      f"Jabber needs {want})")
    ok, detail = _authenticate(jabber, chosen, sid)
    if not ok and chosen == MECH_OAUTHBEARER:
        # a failed refresh logs handleRefreshTokenFailure itself (S1); a refresh that worked
        # does not, even when IM&P refuses the new token as well
        if jabber.refresh():
            ok, detail = _authenticate(jabber, chosen)
    return Outcome(ok, "xmpp", detail)


def sent_auth(exchanges: Iterable[Exchange], src: str) -> tuple[str, bytes] | None:
    """The first SASL ``<auth>`` that ``src`` sent among ``exchanges`` (for example
    ``lab.exchanges[start:]`` and ``lab.client.name``): its mechanism and its decoded initial
    response (base64 of RFC 6120 §6.4.2 undone), or None when ``src`` sent no ``<auth>``.

    The message is returned raw, secrets included (an OAUTHBEARER message carries the access
    token): mask it before showing it. Used in: notebooks/06.
    """
    if not isinstance(src, str) or not src:
        raise ConfigError(f"sent_auth needs the sender's name, e.g. lab.client.name (got {src!r})")
    for ex in exchanges:
        if not isinstance(ex, Exchange):
            raise ConfigError(f"sent_auth needs Exchange objects (lab.exchanges[i:]); got a "
                              f"{type(ex).__name__}")
        if ex.src != src or ex.request.method != "XMPP":
            continue
        m = _AUTH.match(ex.request.body.decode("utf-8", "replace"))
        if m:
            try:
                return m["mech"], from_base64(m["data"] or "=")
            except SaslError as exc:
                raise ConfigError(f"exchange {ex.id}: the <auth> data is not valid base64 "
                                  f"({exc})") from None
    return None


_AUTH = re.compile(r"\s*<auth\b[^>]*\bmechanism=['\"](?P<mech>[^'\"]+)['\"][^>]*?"
                   r"(?:/>|>(?P<data>[^<]*)</auth>)")

