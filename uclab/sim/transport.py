"""HTTP into the lab, in-process: a ``requests`` transport adapter, and a small client for nodes.

``lab.session()`` mounts :class:`LabAdapter` for ``https://`` and ``http://``, so any code written
for ``requests`` — a learner's cell, or a third-party OAuth library — talks to the simulated
nodes with real HTTP semantics and no sockets. A transport failure (unknown host, closed port)
raises :class:`requests.ConnectionError`, as a real network would.

:class:`LabClient` is for the simulated products themselves (Jabber): the part of
``requests.Session`` they use — ``get``/``post``/``request`` with ``params``, ``data``,
``headers``, ``auth`` and ``allow_redirects``, and a response with ``status_code``, ``headers``,
``text`` and ``json()`` — putting on the wire the very request that ``requests`` would (same
header fields in the same order, same body, same redirect handling, RFC 9110 §15.4), without a
cookie jar, hooks, proxies or environment look-ups that no lab node needs; ``requests`` spends
about as long preparing a request as a lab node spends answering it. The lab's nodes set no
cookies.
"""

from __future__ import annotations

import base64
import io
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

import requests
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict
from requests.utils import check_header_validity, get_auth_from_url, requote_uri

from uclab.core.wire import Exchange, Request
from uclab.facts import HTTPS_DEFAULT_PORT
from uclab.sim.network import Network

_REASONS = {200: "OK", 201: "Created", 204: "No Content", 302: "Found", 303: "See Other",
            400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
            405: "Method Not Allowed", 413: "Payload Too Large", 429: "Too Many Requests",
            500: "Internal Server Error", 503: "Service Unavailable"}
_REDIRECTS = (301, 302, 303, 307, 308)
#: requests' limit (requests.models.DEFAULT_REDIRECT_LIMIT)
MAX_REDIRECTS = 30
#: ``http(s)://host[:port]/path[?query]``, lowercase host, only characters that ``requests``
#: (urllib3's parse_url, then requote_uri) leaves alone in a path or query; no "%", no fragment
_PLAIN_URL = re.compile(r"https?://[a-z0-9](?:[a-z0-9.\-]*[a-z0-9])?(?::[0-9]+)?"
                        r"/[A-Za-z0-9\-._~!$&'()*+,;=:@/?]*\Z")


class LabAdapter(BaseAdapter):
    """Route a prepared request into a :class:`~uclab.sim.network.Network` as ``src``."""

    def __init__(self, network: Network, src: str) -> None:
        super().__init__()
        self.network = network
        self.src = src

    def send(self, request: requests.PreparedRequest, stream: bool = False, timeout=None,
             verify=True, cert=None, proxies=None) -> requests.Response:
        body = request.body
        if body is None:
            data = b""
        elif isinstance(body, str):
            data = body.encode("utf-8")
        elif isinstance(body, bytes):
            data = body
        else:
            data = b"".join(body)  # an iterable body (generator upload)
        req = Request.make(request.method or "GET", request.url or "",
                           list(request.headers.items()), data)
        ex = self.network.send(self.src, req)
        if ex.error or ex.response is None:
            raise requests.ConnectionError(ex.error or "no response", request=request)
        resp = requests.Response()
        resp.status_code = ex.response.status
        resp.headers = CaseInsensitiveDict(ex.response.headers.items())
        resp._content = ex.response.body
        resp.raw = io.BytesIO(ex.response.body)
        resp.url = request.url or ""
        resp.request = request
        resp.reason = _REASONS.get(ex.response.status, "")
        resp.encoding = "utf-8"
        resp.connection = self
        return resp

    def close(self) -> None:
        pass


def lab_session(network: Network, src: str) -> requests.Session:
    session = requests.Session()
    adapter = LabAdapter(network, src)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    session.trust_env = False
    return session


class LabResponse:
    """What :class:`LabClient` returns: the fields of ``requests.Response`` a product reads."""

    __slots__ = ("status_code", "content", "url", "exchange", "history", "_headers")

    def __init__(self, exchange: Exchange, history: list[LabResponse]) -> None:
        assert exchange.response is not None
        self.exchange = exchange
        self.status_code = exchange.response.status
        self.content = exchange.response.body
        self.url = exchange.request.url
        self.history = history
        self._headers: CaseInsensitiveDict | None = None

    @property
    def headers(self) -> CaseInsensitiveDict:
        """The response's header fields, a repeated one by its last value (as ``requests``)."""
        if self._headers is None:
            assert self.exchange.response is not None
            self._headers = CaseInsensitiveDict(self.exchange.response.headers.items())
        return self._headers

    @property
    def reason(self) -> str:
        return _REASONS.get(self.status_code, "")

    @property
    def ok(self) -> bool:
        return self.status_code < 400

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", "replace")

    def json(self) -> Any:
        """The body as JSON; ``ValueError`` (``json.JSONDecodeError``) if it is none."""
        return json.loads(self.text)

    def __repr__(self) -> str:
        return f"<LabResponse [{self.status_code}]>"


Data = Mapping[str, Any] | Iterable[tuple[str, Any]] | str | bytes | None


def _form(data: Mapping[str, Any] | Iterable[tuple[str, Any]]) -> str:
    """``requests.PreparedRequest._encode_params``: pairs, list values repeated, None dropped."""
    pairs = data.items() if isinstance(data, Mapping) else data
    return urlencode([(k.encode() if isinstance(k, str) else k,
                       v.encode() if isinstance(v, str) else v)
                      for k, vs in pairs
                      for v in (vs if hasattr(vs, "__iter__") and not isinstance(vs, str | bytes)
                                else [vs])
                      if v is not None])


def _encode(data: Data) -> tuple[bytes | None, str | None]:
    """The body and its default Content-Type, as ``requests.PreparedRequest.prepare_body``."""
    if not data:
        return None, None
    if isinstance(data, str):
        return data.encode("utf-8"), None
    if isinstance(data, bytes):
        return data, None
    return _form(data).encode(), "application/x-www-form-urlencoded"  # may be b"" ({"a": []})


def _prepare_url(url: str, params: Mapping[str, Any] | None) -> str:
    """The URL ``requests`` sends (``PreparedRequest.prepare_url``: host and scheme lowercased,
    dot segments removed, params appended, then re-quoted), with a fast path for the plain URLs
    products build, which it leaves as they are."""
    if not params and _PLAIN_URL.match(url) and "/." not in url[url.index("//") + 2:]:
        return url
    prepared = requests.PreparedRequest()
    prepared.prepare_url(url, params)
    return prepared.url or url


def basic_auth(user: str, password: str) -> str:
    """``Basic base64(user:password)``, latin-1 encoded as ``requests`` does (RFC 7617 §2)."""
    raw = b":".join(x.encode("latin1") if isinstance(x, str) else x for x in (user, password))
    return "Basic " + base64.b64encode(raw).decode()


class LabClient:
    """An HTTP client of one lab sender (``src``): the request ``requests`` would send, faster.

    ``headers`` are the client's own fields, sent first on every request (as a Session's).
    """

    def __init__(self, network: Network, src: str,
                 headers: Mapping[str, str] | None = None) -> None:
        self.network = network
        self.src = src
        self.headers: CaseInsensitiveDict = CaseInsensitiveDict(headers or {})

    def get(self, url: str, **kwargs: Any) -> LabResponse:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, data: Data = None, **kwargs: Any) -> LabResponse:
        return self.request("POST", url, data=data, **kwargs)

    def request(self, method: str, url: str, *, params: Mapping[str, Any] | None = None,
                data: Data = None, headers: Mapping[str, str] | None = None,
                auth: tuple[str, str] | None = None,
                allow_redirects: bool = True) -> LabResponse:
        """Send one request (and follow redirects unless ``allow_redirects`` is False)."""
        method = method.upper()
        # requests' merge_setting into a CaseInsensitiveDict: a repeated name keeps its first
        # position and takes the last spelling and value; None removes the field
        fields = {k.lower(): (k, v) for k, v in self.headers.items()}
        for name, value in (headers or {}).items():
            fields[name.lower()] = (name, value)
        for low, (name, value) in list(fields.items()):
            if value is None:
                del fields[low]
            else:
                check_header_validity((name, value))  # requests.InvalidHeader, as requests
        body, ctype = _encode(data)
        if body:
            fields["content-length"] = ("Content-Length", str(len(body)))
        elif body is None and method not in ("GET", "HEAD"):
            fields["content-length"] = ("Content-Length", "0")
        if ctype and "content-type" not in fields:
            fields["content-type"] = ("Content-Type", ctype)
        url = _prepare_url(url, params)
        if auth is None and "@" in url:  # requests takes user:password from the URL
            auth = get_auth_from_url(url)
            auth = auth if any(auth) else None
        if auth is not None:
            fields["authorization"] = ("Authorization", basic_auth(*auth))
        history: list[LabResponse] = []
        while True:
            ex = self.network.send(self.src, Request(method, url, list(fields.values()),
                                                     body or b""))
            if ex.error or ex.response is None:
                raise requests.ConnectionError(ex.error or "no response")
            resp = LabResponse(ex, history)
            if not allow_redirects or resp.status_code not in _REDIRECTS:
                return resp
            locations = ex.response.headers.get_all("location")
            if not locations or not locations[-1]:
                return resp
            if len(history) >= MAX_REDIRECTS:
                raise requests.TooManyRedirects(f"Exceeded {MAX_REDIRECTS} redirects.")
            history = [*history, resp]
            method, url, body = self._redirect(fields, method, url, body, resp.status_code,
                                               locations[-1])

    @staticmethod
    def _redirect(fields: dict[str, tuple[str, str]], method: str, url: str, body: bytes | None,
                  status: int, location: str) -> tuple[str, str, bytes | None]:
        """``requests.Session.resolve_redirects``: the next method, URL and body."""
        if location.startswith("//"):
            location = f"{urlsplit(url).scheme}:{location}"
        new = urlsplit(location)
        if not new.fragment and urlsplit(url).fragment:
            new = new._replace(fragment=urlsplit(url).fragment)
        target = requote_uri(new.geturl()) if new.netloc else urljoin(url, requote_uri(
            new.geturl()))
        if (status in (302, 303) and method != "HEAD") or (status == 301 and method == "POST"):
            method = "GET"
        if status not in (307, 308):
            for name in ("content-length", "content-type", "transfer-encoding"):
                fields.pop(name, None)
            body = None
        if _strip_auth(url, target):
            fields.pop("authorization", None)
        return method, target, body


def _strip_auth(old_url: str, new_url: str) -> bool:
    """``requests.Session.should_strip_auth``: drop Authorization when the origin changes."""
    old, new = urlsplit(old_url), urlsplit(new_url)
    if old.hostname != new.hostname:
        return True
    if (old.scheme == "http" and old.port in (80, None)
            and new.scheme == "https" and new.port in (HTTPS_DEFAULT_PORT, None)):
        return False
    default = {"http": 80, "https": int(HTTPS_DEFAULT_PORT), None: None}
    changed_port = old.port != new.port
    changed_scheme = old.scheme != new.scheme
    if not changed_scheme and old.port in (default.get(old.scheme), None) \
            and new.port in (default.get(new.scheme), None):
        return False
    return changed_port or changed_scheme
