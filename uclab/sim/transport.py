"""A ``requests`` transport adapter that delivers requests into the lab, in-process.

``lab.session()`` mounts it for ``https://`` and ``http://``, so any code written for
``requests`` — Jabber's model, a learner's cell, or a third-party OAuth library — talks to the
simulated nodes with real HTTP semantics and no sockets. A transport failure (unknown host,
closed port) raises :class:`requests.ConnectionError`, as a real network would.
"""

from __future__ import annotations

import io

import requests
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict

from uclab.core.wire import Request
from uclab.sim.network import Network


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


_REASONS = {200: "OK", 201: "Created", 204: "No Content", 302: "Found", 303: "See Other",
            400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
            405: "Method Not Allowed", 413: "Payload Too Large", 429: "Too Many Requests",
            500: "Internal Server Error", 503: "Service Unavailable"}


def lab_session(network: Network, src: str) -> requests.Session:
    session = requests.Session()
    adapter = LabAdapter(network, src)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    session.trust_env = False
    return session
