"""Plain HTTP records: :class:`Request`, :class:`Response` and the :class:`Exchange` between them.

Modelled on mitmproxy's flows: a transport failure (no such host, node down) is an
``Exchange.error``, distinct from an HTTP error response such as a 401.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from uclab.core.errors import InvalidRequest

_DEFAULT_PORTS = {"https": 443, "http": 80, "xmpp": 5222, "dns": 53}
HeaderInput = Mapping[str, str] | Iterable[tuple[str, str]] | None


class Headers:
    """An ordered, case-insensitive list of header fields (repeats allowed).

    The fields are kept in a tuple (of ``(name, value)`` string pairs), which the garbage
    collector stops tracking: a lab keeps every request and response it ever saw."""

    __slots__ = ("_items", "_first")

    def __init__(self, items: HeaderInput = None) -> None:
        #: the first value of each lower-cased name, built on the first look-up
        self._first: dict[str, str] | None = None
        if items is None:
            self._items: tuple[tuple[str, str], ...] = ()
        elif type(items) is list or type(items) is tuple:  # the common case: no ABC check
            self._items = tuple([(str(k), str(v)) for k, v in items])
        elif isinstance(items, Headers):
            self._items = items._items
        elif isinstance(items, Mapping):
            self._items = tuple([(str(k), str(v)) for k, v in items.items()])
        else:
            self._items = tuple([(str(k), str(v)) for k, v in items])

    def _index(self) -> dict[str, str]:
        first: dict[str, str] = {}
        for k, v in self._items:
            first.setdefault(k.lower(), v)
        self._first = first
        return first

    def get(self, name: str, default: str | None = None) -> str | None:
        return (self._first or self._index()).get(name.lower(), default)

    def get_all(self, name: str) -> list[str]:
        low = name.lower()
        return [v for k, v in self._items if k.lower() == low]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.get(name) is not None

    def __getitem__(self, name: str) -> str:
        value = self.get(name)
        if value is None:
            raise KeyError(name)
        return value

    def set(self, name: str, value: str) -> None:
        self.remove(name)
        self._items = (*self._items, (name, value))

    def remove(self, name: str) -> None:
        low = name.lower()
        self._items = tuple([(k, v) for k, v in self._items if k.lower() != low])
        self._first = None

    def items(self) -> list[tuple[str, str]]:
        return list(self._items)

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"Headers({list(self._items)!r})"


class Params:
    """Query or form parameters, keeping repeats so that they can be refused.

    RFC 6749 §3.1/§3.2: request and response parameters MUST NOT be included more than once.
    """

    __slots__ = ("_pairs",)

    def __init__(self, pairs: Iterable[tuple[str, str]] = ()) -> None:
        self._pairs = list(pairs)

    @classmethod
    def parse(cls, text: str, where: str = "query") -> Params:
        if not text:
            return cls()
        try:
            return cls(parse_qsl(text, keep_blank_values=True, strict_parsing=True,
                                 max_num_fields=64))
        except ValueError as exc:
            raise InvalidRequest(f"the {where} is not valid form encoding ({exc})") from None

    def get(self, name: str, default: str | None = None) -> str | None:
        """The single value of ``name``; a repeated parameter is an ``invalid_request``."""
        values = [v for k, v in self._pairs if k == name]
        if len(values) > 1:
            raise InvalidRequest(f"parameter {name!r} is included {len(values)} times "
                                 "(RFC 6749 §3.1 allows it once)")
        return values[0] if values else default

    def require(self, name: str) -> str:
        value = self.get(name)
        if value is None or value == "":
            raise InvalidRequest(f"missing required parameter {name!r}")
        return value

    def names(self) -> list[str]:
        return [k for k, _ in self._pairs]

    def get_all(self, name: str) -> list[str]:
        return [v for k, v in self._pairs if k == name]

    def pairs(self) -> list[tuple[str, str]]:
        return list(self._pairs)

    def __contains__(self, name: object) -> bool:
        return any(k == name for k, _ in self._pairs)

    def encode(self) -> str:
        return urlencode(self._pairs)


@lru_cache(maxsize=1024)
def _url_parts(url: str) -> tuple[str, str, int, str, str, str]:
    """scheme, host (lowercase), port, path, query and fragment of ``url`` (RFC 3986 §3); a
    lab sends the same URLs again and again, so the split is cached. A bad port raises
    ``ValueError``, as ``urlsplit`` does."""
    parts = urlsplit(url)
    return (parts.scheme, (parts.hostname or "").lower(),
            parts.port or _DEFAULT_PORTS.get(parts.scheme, 80), parts.path or "/", parts.query,
            parts.fragment)


@dataclass
class Request:
    """One HTTP request, as a node receives it."""

    method: str
    url: str
    headers: Headers = field(default_factory=Headers)
    body: bytes = b""
    #: the sender's address as the network saw it (set by the network, never by a header)
    remote: str = ""
    remote_port: int = 0

    def __post_init__(self) -> None:
        if not isinstance(self.headers, Headers):
            self.headers = Headers(self.headers)
        (self.scheme, self.host, self.port, self.path, self.query_string,
         self.fragment) = _url_parts(self.url)

    @classmethod
    def make(cls, method: str, url: str, headers: HeaderInput = None,
             body: bytes | str | Mapping[str, str] | None = None) -> Request:
        """Build a request; a mapping body becomes a form post."""
        hdrs = Headers(headers)
        if type(body) is bytes:
            data = body
        elif isinstance(body, Mapping):
            data = urlencode(body).encode()
            if "content-type" not in hdrs:
                hdrs.set("Content-Type", "application/x-www-form-urlencoded")
        elif isinstance(body, str):
            data = body.encode()
        else:
            data = body or b""
        return cls(method.upper(), url, hdrs, data)

    @property
    def query(self) -> Params:
        return Params.parse(self.query_string, "query string")

    @property
    def target(self) -> str:
        """Path plus query, as it appears on the request line."""
        return self.path + (f"?{self.query_string}" if self.query_string else "")

    def form(self) -> Params:
        """The body as ``application/x-www-form-urlencoded`` parameters (RFC 6749 §3.2)."""
        ctype = (self.headers.get("content-type") or "").split(";")[0].strip().lower()
        if ctype != "application/x-www-form-urlencoded":
            raise InvalidRequest("the body must be application/x-www-form-urlencoded "
                                 f"(got {ctype or 'no Content-Type'})")
        try:
            text = self.body.decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidRequest("the form body is not UTF-8") from None
        return Params.parse(text, "form body")

    def basic_auth(self) -> tuple[str, str] | None:
        """The user and password of an ``Authorization: Basic`` header (RFC 7617), if any."""
        value = self.headers.get("authorization")
        if not value:
            return None
        scheme, _, rest = value.partition(" ")
        if scheme.lower() != "basic":
            return None
        try:
            decoded = base64.b64decode(rest.strip(), validate=True).decode()
        except (ValueError, UnicodeDecodeError):
            raise InvalidRequest("the Basic credentials are not base64 of user:password") from None
        user, sep, password = decoded.partition(":")
        if not sep:
            raise InvalidRequest("the Basic credentials have no ':' between user and password")
        from urllib.parse import unquote

        return unquote(user), unquote(password)

    def to_state(self) -> dict[str, Any]:
        return {"method": self.method, "url": self.url, "headers": self.headers.items(),
                "body": self.body.decode("utf-8", "replace")}


@dataclass
class Response:
    """One HTTP response."""

    status: int
    headers: Headers = field(default_factory=Headers)
    body: bytes = b""
    #: what the node that answered noted for the lab's owner (never sent on the wire); the
    #: network files it in the exchange's metadata
    meta: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.headers, Headers):
            self.headers = Headers(self.headers)

    @classmethod
    def make(cls, status: int = 200, body: bytes | str | dict | list = b"",
             headers: HeaderInput = None) -> Response:
        hdrs = Headers(headers)
        if isinstance(body, dict | list):
            data = json.dumps(body).encode()
            if "content-type" not in hdrs:
                hdrs.set("Content-Type", "application/json;charset=UTF-8")
        elif isinstance(body, str):
            data = body.encode()
            if "content-type" not in hdrs:
                hdrs.set("Content-Type", "text/html;charset=UTF-8")
        else:
            data = body
        return cls(status, hdrs, data)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def location(self) -> str | None:
        return self.headers.get("location")

    def to_state(self) -> dict[str, Any]:
        return {"status": self.status, "headers": self.headers.items(), "body": self.text}


@dataclass
class Exchange:
    """One request crossing one hop, with its response or the transport error."""

    id: int
    src: str
    dst: str
    request: Request
    response: Response | None = None
    error: str | None = None
    started_ms: int = 0
    ended_ms: int = 0
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def hop(self) -> str:
        return f"{self.src} -> {self.dst}"

    def summary(self) -> str:
        """One line: who called whom, the request line and the outcome."""
        outcome = self.error if self.error else str(self.response.status if self.response else "-")
        return f"{self.hop}: {self.request.method} {self.request.target} -> {outcome}"

    def to_state(self) -> dict[str, Any]:
        return {"id": self.id, "src": self.src, "dst": self.dst,
                "request": self.request.to_state(),
                "response": self.response.to_state() if self.response else None,
                "error": self.error, "started_ms": self.started_ms, "ended_ms": self.ended_ms,
                "metadata": dict(self.metadata)}
