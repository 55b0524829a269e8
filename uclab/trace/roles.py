"""RFC 6749's roles (§1.1), read off a recorded run: who asked for tokens, who answered a token
request, who served a request made with an access token, who carried the user's login, and who
only relayed.

The reading uses wire evidence only, never product names, so it works for Jabber over MRA and
for any third-party client alike:

* a **token request** is a form POST with ``grant_type`` (RFC 6749 §4.1.3, §6);
* an **authorization** hop is one whose answer carries an authorization code: a redirect with
  ``code=`` in its query or fragment, or a JSON body with ``"code"`` (Expressway-C's
  authorize_proxy, seed article, field observation);
* a **resource request** carries ``Authorization: Bearer`` (RFC 6750 §2.1) or an XMPP SASL
  ``<auth mechanism='OAUTHBEARER'>`` (RFC 7628);
* a receiver that made a request of the same kind *while* answering (a nested exchange, by the
  lab's timestamps) **relayed** it, and so does the receiver of an MRA request whose first path
  segment names an inside server (``base64url("<domain>/<scheme>/<host>/<port>")``, S18, S19).
  "relay" is not an RFC 6749 role: it is what Expressway-E and Expressway-C do on most hops;
* the innermost receiver answered: of a token request or an authorization hop, the
  **authorization server**; of a resource request, a **resource server**;
* the sender of an outermost token or resource request is the **client**; the sender of an
  outermost authorization hop answered with a redirect is the **user agent** (the browser the
  user signed in with; in Jabber, its embedded browser, so Jabber shows up as both).

The resource owner is the person (alice), never a node on the wire. A refused request is
answered by whoever refused it, so in a failed run a node shows up in the role it answered in.

Used in: notebooks/01 (where each role shows up in the hop list) and its exercise probes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from uclab.core.errors import ConfigError, UclabError
from uclab.core.wire import Exchange
from uclab.protocols.edge_urls import parse_edge_path
from uclab.trace import hop_text
from uclab.trace.redact import redact

RESOURCE_OWNER = "resource owner"
CLIENT = "client"
AUTHORIZATION_SERVER = "authorization server"
RESOURCE_SERVER = "resource server"
USER_AGENT = "user agent"
#: the four roles of RFC 6749 §1.1, then the user agent it names alongside them
ROLES = (RESOURCE_OWNER, CLIENT, AUTHORIZATION_SERVER, RESOURCE_SERVER, USER_AGENT)
#: not an RFC 6749 role: a node that passes a request on (Expressway-E and -C on most hops)
RELAY = "relay"

TOKEN_REQUEST = "token request"
AUTHORIZATION = "authorization"
RESOURCE_REQUEST = "resource request"
OTHER = "other"
KINDS = (TOKEN_REQUEST, AUTHORIZATION, RESOURCE_REQUEST, OTHER)

_OAUTHBEARER = re.compile(r"<auth\b[^>]*\bmechanism=['\"]OAUTHBEARER['\"]")
_TARGET_WIDTH = 60


@dataclass(frozen=True)
class HopRole:
    """One exchange with what it was (``kind``) and the roles its two ends played in it
    (``""`` when the hop shows none)."""

    index: int
    exchange: Exchange
    kind: str
    src_role: str
    dst_role: str

    def __str__(self) -> str:
        ex = self.exchange
        src = f"{ex.src} [{self.src_role}]" if self.src_role else ex.src
        dst = f"{ex.dst} [{self.dst_role}]" if self.dst_role else ex.dst
        target = redact(ex.request.target)
        if len(target) > _TARGET_WIDTH:
            target = target[:_TARGET_WIDTH - 1] + "…"
        outcome = ex.error if ex.error else (ex.response.status if ex.response else "-")
        kind = f"  ({self.kind})" if self.kind != OTHER else ""
        if hop_text.is_xmpp(ex) or hop_text.is_dns(ex):  # in its own protocol, not as HTTP
            said = f"{hop_text.request_label(ex)} -> {hop_text.outcome(ex).short}"
            return f"{self.index:>3}  {src} -> {dst}: {said}{kind}"
        return f"{self.index:>3}  {src} -> {dst}: {ex.request.method} {target} -> {outcome}{kind}"


def _checked(exchanges: object) -> list[Exchange]:
    if hasattr(exchanges, "exchanges") and not isinstance(exchanges, list | tuple):
        exchanges = exchanges.exchanges  # a Lab or a Trace
    if not isinstance(exchanges, list | tuple):
        raise ConfigError("roles need a list of Exchange (lab.exchanges[i:]), a Trace or a Lab "
                          f"(got {type(exchanges).__name__})")
    for i, ex in enumerate(exchanges):
        if not isinstance(ex, Exchange):
            raise ConfigError(f"roles need Exchange objects; item {i} is a {type(ex).__name__}")
    return list(exchanges)


def _grants_code(ex: Exchange) -> bool:
    resp = ex.response
    if resp is None:
        return False
    location = resp.location or ""
    if location:
        parts = urlsplit(location)
        for raw in (parts.query, parts.fragment):
            if "code" in parse_qs(raw, keep_blank_values=True):
                return True
        return False
    if resp.body[:1] == b"{":
        try:
            body = json.loads(resp.body)
        except ValueError:
            return False
        return isinstance(body, dict) and "code" in body and "access_token" not in body
    return False


def kind_of(ex: Exchange) -> str:
    """What an exchange is, in OAuth terms: one of :data:`KINDS`."""
    req = ex.request
    if req.method == "POST":
        try:
            if req.form().get("grant_type"):
                return TOKEN_REQUEST
        except UclabError:
            pass
    if _grants_code(ex):
        return AUTHORIZATION
    scheme, _, credential = (req.headers.get("authorization") or "").partition(" ")
    if scheme.lower() == "bearer" and credential.strip():
        return RESOURCE_REQUEST
    if req.method == "XMPP" and _OAUTHBEARER.search(req.body.decode("utf-8", "replace")):
        return RESOURCE_REQUEST
    return OTHER


def _proxied(ex: Exchange) -> bool:
    """An MRA request whose path names an inside server (S18, S19): its receiver relays."""
    try:
        return parse_edge_path(ex.request.path).proxied
    except UclabError:
        return False


def _inside(outer: Exchange, inner: Exchange) -> bool:
    return (inner is not outer and inner.src == outer.dst
            and outer.started_ms <= inner.started_ms and inner.ended_ms <= outer.ended_ms)


def hop_roles(exchanges: Sequence[Exchange]) -> list[HopRole]:
    """Each exchange with its kind and the roles of its sender and receiver (see the module
    docstring for the rules; hops of kind :data:`OTHER` show no role). ``index`` counts from
    1, like the fault panel's hop list."""
    items = _checked(exchanges)
    kinds = [kind_of(ex) for ex in items]
    result = []
    for i, (ex, kind) in enumerate(zip(items, kinds, strict=True)):
        relayed = _proxied(ex) or any(
            kinds[j] == kind and _inside(ex, other) for j, other in enumerate(items))
        enclosed = any(kinds[j] == kind and _inside(other, ex) for j, other in enumerate(items))
        src_role = dst_role = ""
        if kind != OTHER:
            if relayed:
                dst_role = RELAY
            elif kind == RESOURCE_REQUEST:
                dst_role = RESOURCE_SERVER
            else:
                dst_role = AUTHORIZATION_SERVER
            if enclosed:
                src_role = RELAY
            elif kind in (TOKEN_REQUEST, RESOURCE_REQUEST):
                src_role = CLIENT
            elif ex.response is not None and ex.response.location:
                src_role = USER_AGENT
        result.append(HopRole(i + 1, ex, kind, src_role, dst_role))
    return result


def node_roles(exchanges: Sequence[Exchange]) -> dict[str, list[str]]:
    """Every participant (in order of first appearance) with the roles it played in the run,
    in the order of :data:`ROLES`, then :data:`RELAY`."""
    found: dict[str, set[str]] = {}
    for hop in hop_roles(exchanges):
        for name, role in ((hop.exchange.src, hop.src_role), (hop.exchange.dst, hop.dst_role)):
            found.setdefault(name, set())
            if role:
                found[name].add(role)
    order = (*ROLES, RELAY)
    return {name: [r for r in order if r in roles] for name, roles in found.items()}


def token_issuer(exchanges: Sequence[Exchange]) -> str | None:
    """The participant that answered a token request itself with tokens (HTTP 200 and an
    ``access_token``): the authorization server. ``None`` when no token was issued."""
    for hop in hop_roles(exchanges):
        resp = hop.exchange.response
        if (hop.kind == TOKEN_REQUEST and hop.dst_role == AUTHORIZATION_SERVER
                and resp is not None and resp.status == 200 and b'"access_token"' in resp.body):
            return hop.exchange.dst
    return None


def annotate(exchanges: Sequence[Exchange]) -> str:
    """The hop list with each end's role, one line per exchange (secrets in query strings
    concealed, long targets shortened)."""
    return "\n".join(str(hop) for hop in hop_roles(exchanges))
