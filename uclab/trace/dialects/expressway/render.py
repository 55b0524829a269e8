"""Expressway log lines in the product's dialect (S17, S18, S21; seed article;
``shared/real-logs/FORMATS.md`` §1.1).

The traffic_server "Receive Request" / "Sending Response" lines, the edgeconfigprovisioning
Send/Received and event lines, and the credentialmanager token lines. Module names that only
the seed article shows (``network.http.sso.server``,
``developer.credentialmanager.OAuthinspector``, the "Matched AuthZ key" reason) are field
observations [U]. Where the real layout is not published the line is modelled, and its registry
entry says so (``confirmed=False``): the body line after "Sending Response"
(:data:`~uclab.facts.RESPONSE_BODY_LINE`), the event lines' ``Local-port``
(:data:`~uclab.facts.EVENT_LOCAL_PORT`), the HTTPMSG terminator (:data:`~uclab.facts.BLOCK_END`).
"""

from __future__ import annotations

from collections.abc import Callable

from uclab import facts
from uclab.core.wire import Request, Response
from uclab.facts import Fact
from uclab.protocols.xmpp import NS_SASL, escape_attr
from uclab.trace.logline import CONCEALED, LogLine, clip, http_message
from uclab.trace.redact import CREDENTIAL_HEADERS, SECRET_NAMES

#: the registry's entries under the names the Expressway nodes use (``xlog.MOD_ECP``)
MOD_TRAFFIC = facts.MOD_TRAFFIC
MOD_ECP = facts.MOD_ECP
MOD_SSO_SERVER = facts.MOD_SSO_SERVER
MOD_OAUTH_INSPECTOR = facts.MOD_OAUTH_INSPECTOR
REASON_MATCHED = facts.REASON_MATCHED
ACCESS_ACCEPTED = facts.ACCESS_ACCEPTED
EVENT_OAUTH = facts.EVENT_OAUTH
EVENT_SSO = facts.EVENT_SSO
SERVICE_OAUTH = facts.SERVICE_OAUTH
DETAIL_AUTHORIZED = facts.DETAIL_AUTHORIZED
DETAIL_REDIRECTED = facts.DETAIL_REDIRECTED
CODE_HIDDEN = facts.CODE_HIDDEN
USER_AGENT = facts.EXPRESSWAY_USER_AGENT
SENSITIVE_HEADERS = CREDENTIAL_HEADERS
SENSITIVE_FIELDS = SECRET_NAMES
_TS, _ECP, _CM = (str(facts.PROC_TRAFFIC_SERVER), str(facts.PROC_ECP),
                  str(facts.PROC_CREDENTIALMANAGER))


def request_secrets(req: Request) -> list[tuple[str, str]]:
    """The parts of a request Expressway conceals: credential headers, and passwords, codes and
    tokens in a form body (each in raw and URL-encoded form)."""
    from urllib.parse import parse_qsl, quote_plus

    out = [(v, CONCEALED) for k, v in req.headers if k.lower() in SENSITIVE_HEADERS and v]
    if "x-www-form-urlencoded" in (req.headers.get("content-type") or ""):
        try:
            pairs = parse_qsl(req.body.decode("utf-8"), keep_blank_values=True)
        except (UnicodeDecodeError, ValueError):
            pairs = []
        for k, v in pairs:
            if k in SENSITIVE_FIELDS and v:
                out += [(quote_plus(v), CONCEALED), (v, CONCEALED)]
    return out


class ExpresswayLog:
    """Writes one Expressway server's lines: ``stamp()`` gives each line's time in ms (the
    server's own clock), ``sink`` takes the finished :class:`LogLine`."""

    def __init__(self, host: str, pid: int, stamp: Callable[[], int],
                 sink: Callable[[LogLine], object]) -> None:
        self.host = host
        self.pid = pid
        self._stamp = stamp
        self._sink = sink

    def _emit(self, dialect: str, process: str, fields: tuple, message: str = "",
              secrets: list[tuple[str, str]] | tuple = (), exchange_id: int | None = None) -> None:
        self._sink(LogLine(self._stamp(), self.host, dialect, process, fields, message,
                           tuple(secrets), exchange_id))

    def receive(self, txn: int, req: Request, secrets: list[tuple[str, str]],
                last_via: str | None = None) -> None:
        """The INFO and DEBUG "Receive Request" lines (seed article); ``last_via`` is the
        ``Last-via-addr`` Expressway-C writes on the INFO line of a request relayed by
        Expressway-E (seed article, field observation)."""
        msg = f"{req.method} {req.url} HTTP/1.1"
        base = (("UTCTime", None), ("Module", str(MOD_TRAFFIC)))
        where = (("Txn-id", str(txn)), ("Src-ip", req.remote), ("Src-port", str(req.remote_port)))
        via = () if last_via is None else ((str(facts.FIELD_LAST_VIA), last_via),)
        proc = f"{_TS}[{self.pid}]:"
        receive = str(facts.DETAIL_RECEIVE)
        self._emit(_TS, proc, (*base, ("Level", "INFO"), ("Detail", receive), *where, *via,
                               ("Msg", msg)), secrets=secrets)
        headers = [(k, v) for k, v in req.headers if k.lower() != "content-length"]
        self._emit(_TS, proc, (*base, ("Level", "DEBUG"), ("Detail", receive), *where),
                   http_message(msg, headers,
                                clip(req.body.decode("utf-8", "replace"), 400, secrets)),
                   secrets)

    def respond(self, txn: int, req: Request, resp: Response,
                secrets: list[tuple[str, str]]) -> None:
        """The response lines: "Sending Response" with the status line and headers (S17, S18,
        S21; the seed's 302 lines), then, when the response has a body the lab shows, the
        seed's "Sending response" line with ``Response-code`` and the body alone
        (:data:`~uclab.facts.RESPONSE_BODY_LINE`: the pairing is modelled)."""
        first = f"HTTP/1.1 {resp.status} {_reason(resp.status)}"
        headers = [(k, v) for k, v in resp.headers if k.lower() != "content-length"]
        where = (("Txn-id", str(txn)), ("Dst-ip", req.remote), ("Dst-port", str(req.remote_port)))
        base = (("UTCTime", None), ("Module", str(MOD_TRAFFIC)), ("Level", "DEBUG"))
        proc = f"{_TS}[{self.pid}]:"
        self._emit(_TS, proc, (*base, ("Detail", str(facts.DETAIL_SENDING_RESPONSE_HEAD)),
                               *where), http_message(first, headers), secrets)
        body = clip(resp.text, 300, secrets) if _shows_body(resp) else ""
        if body:
            self._emit(_TS, proc, (*base, ("Detail", str(facts.DETAIL_SENDING_RESPONSE)),
                                   ("Response-code", str(resp.status)), *where), body, secrets)

    def http_send(self, module: Fact, req: Request, secrets: list[tuple[str, str]],
                  url: str | None = None) -> None:
        """An edgeconfigprovisioning ``Action="Send"`` line; ``url`` adds the ``Url`` field the
        seed's OAuthvalidator request line has."""
        headers = [(k, v) for k, v in req.headers if k.lower() != "content-length"]
        body = clip(req.body.decode("utf-8", "replace"), 300, secrets) if "json" in (
            req.headers.get("content-type") or "") else ""
        self._emit(_ECP, _ECP, (
            ("UTCTime", None), ("Module", str(module)), ("Level", "DEBUG"),
            ("Action", str(facts.ACTION_SEND)), *((("Url", url),) if url is not None else ())),
            http_message(f"{req.method} {req.target} HTTP/1.1", headers, body,
                         quote_headers=True), secrets)

    def http_received(self, module: Fact, url: str, resp: Response,
                      secrets: list[tuple[str, str]], show_body: bool = False) -> None:
        """An edgeconfigprovisioning ``Action="Received"`` line: XML bodies are shown, others
        only with ``show_body`` (the token answer, whose tokens ``secrets`` conceal)."""
        if show_body:  # whole: its length is the tokens', which render as the mask
            body = resp.text
        else:
            body = clip(resp.text, 300, secrets) if "xml" in (
                resp.headers.get("content-type") or "") else ""
        self._emit(_ECP, _ECP, (
            ("UTCTime", None), ("Module", str(module)), ("Level", "DEBUG"),
            ("Action", str(facts.ACTION_RECEIVED)), ("Request-url", url)),
            http_message(f"HTTP/1.1 {resp.status} {_reason(resp.status)}",
                         [(k, v) for k, v in resp.headers if k.lower() == "content-type"],
                         body, quote_headers=True), secrets)

    def event(self, event: Fact, detail: str, username: str, server: str,
              redirect: str | None = None, secrets: list[tuple[str, str]] | tuple = (),
              level: str = "INFO", peer: Request | None = None, local_ip: str = "") -> None:
        """An edgeconfigprovisioning event line in the seed's field order: ``Level Event
        Service Detail Dst-ip Dst-port Local-ip Local-port`` then ``Server`` (or ``Redirect``
        on the redirect line, which has no ``Server``), ``Username``, ``UTCTime`` last.
        ``peer`` is the request whose sender the line names (Dst-ip/Dst-port); the
        Local-port is the seed's (:data:`~uclab.facts.EVENT_LOCAL_PORT`, modelled)."""
        fields = [("Level", level), ("Event", str(event)), ("Service", str(SERVICE_OAUTH)),
                  ("Detail", detail),
                  ("Dst-ip", peer.remote if peer is not None else ""),
                  ("Dst-port", str(peer.remote_port) if peer is not None else ""),
                  ("Local-ip", local_ip), ("Local-port", str(facts.EVENT_LOCAL_PORT))]
        fields.append(("Redirect", redirect) if redirect is not None else ("Server", server))
        fields += [("Username", username), ("UTCTime", None)]
        self._emit(_ECP, f"{_ECP}:", tuple(fields), secrets=secrets)

    def token_check(self, user: str, ok: bool, reason: str, issuer: str) -> None:
        if ok:
            self._emit(_CM, f"{_CM}:", (
                ("Level", "INFO"), ("Detail", str(ACCESS_ACCEPTED)), ("User", user),
                ("UTCTime", None)))
        self._emit(_CM, f"{_CM}:", (
            ("UTCTime", None), ("Module", str(MOD_OAUTH_INSPECTOR)),
            ("Level", "INFO" if ok else "ERROR"), ("CodeLocation", str(facts.INSPECTOR_LOCATION)),
            ("Detail", str(facts.DETAIL_TOKEN_VALIDATION)),
            ("Type", str(facts.TYPE_ACCESS_TOKEN)),
            ("Reason", str(REASON_MATCHED) if ok else reason), ("Issuer", issuer)))


def _shows_body(resp: Response) -> bool:
    return bool(resp.text) and resp.headers.get("content-type", "").startswith(
        ("application/xml", "text/html"))


def response_line_count(resp: Response) -> int:
    """How many lines :meth:`ExpresswayLog.respond` writes for ``resp`` (1, or 2 with a body)."""
    return 2 if _shows_body(resp) else 1


def _reason(status: int) -> str:
    return {200: "OK", 302: "Found", 400: "Bad Request", 401: "Unauthorized",
            403: "Forbidden", 404: "Not Found", 502: "Bad Gateway"}.get(status, "")


def sasl_routed_packet(auth: str, connect: str, cm: str, xdb_id: str, element: str,
                       mechanism: str, body: str) -> str:
    """The packet Expressway-C's XCP router delivers to IM&P's auth component over MRA: a
    client's ``<auth>``/``<response>`` from Expressway-E's connection manager ``cm`` in an xdb
    ``set``, routed from Expressway-C's ``connect`` component to ``auth`` (the seed article's
    Expressway-C line; field observation). ``body`` is the escaped SASL payload."""
    attr = f"mechanism='{escape_attr(mechanism)}' " if element == "auth" else ""
    return (f"<route type='redirect' to='{auth}' from='{connect}'><xdb from='{cm}' "
            f"id='{xdb_id}' ns='' to='' type='set'>"
            f"<{element} {attr}xmlns='{NS_SASL}'>{body}</{element}></xdb></route>")
