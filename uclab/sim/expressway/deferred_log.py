"""Expressway's log writer with the HTTP lines built when first read (:mod:`uclab.trace.deferred`).

The traffic_server and edgeconfigprovisioning lines carry an HTTP message (request line,
headers, a clipped body with its secrets concealed); building that text for every hop is most of
what the simulation spends on logging. :class:`DeferredExpresswayLog` takes each line's time now
(the server's clock ticks as it would) and leaves the text to the dialect's own writer,
:class:`~uclab.trace.dialects.expressway.ExpresswayLog`, run on first read: the lines are
exactly the ones it writes eagerly. :class:`LazySecrets` does the same for the secrets of a
request (form-body parsing) that the lines conceal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from uclab.core.wire import Request, Response
from uclab.facts import Fact
from uclab.trace.deferred import defer
from uclab.trace.dialects import expressway as xlog
from uclab.trace.dialects.expressway import ExpresswayLog
from uclab.trace.logline import LogLine

#: lines each deferred method of ExpresswayLog writes (a test holds these to the dialect);
#: ``respond`` writes one or two, as :func:`~uclab.trace.dialects.expressway.response_line_count`
#: says for the response
LINES = {"receive": 2, "http_send": 1, "http_received": 1}


class LazySecrets:
    """:func:`~uclab.trace.dialects.expressway.request_secrets` of a request, worked out on
    first iteration; ``+`` a list gives another lazy list."""

    __slots__ = ("_req", "_extra", "_pairs")

    def __init__(self, req: Request | None, extra: tuple[tuple[str, str], ...] = ()) -> None:
        self._req = req
        self._extra = extra
        self._pairs: list[tuple[str, str]] | None = None

    def _list(self) -> list[tuple[str, str]]:
        if self._pairs is None:
            base = xlog.request_secrets(self._req) if self._req is not None else []
            self._pairs = base + list(self._extra)
        return self._pairs

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self._list())

    def __len__(self) -> int:
        return len(self._list())

    def __add__(self, other: Any) -> LazySecrets:
        if not other:
            return self
        lazy = LazySecrets(self._req, self._extra + tuple(other))
        lazy._pairs = None if self._pairs is None else self._pairs + list(other)
        return lazy

    def __eq__(self, other: object) -> bool:
        return list(self) == list(other) if isinstance(other, LazySecrets | list) else False

    __hash__ = None  # type: ignore[assignment]  # a list, not a key

    def __repr__(self) -> str:
        return f"LazySecrets({len(self)} secrets)"


def _write(stamp: Callable[[], int], out: Callable[[LogLine], object], host: str, pid: int,
           method: str, options: tuple[tuple[str, Any], ...], *args: Any) -> None:
    """Run the dialect's own ``method`` as it would have run at the time of the call."""
    getattr(ExpresswayLog, method)(ExpresswayLog(host, pid, stamp, out), *(
        list(a) if isinstance(a, LazySecrets) else a for a in args), **dict(options))


class DeferredExpresswayLog(ExpresswayLog):
    """:class:`ExpresswayLog` whose HTTP lines are built on first read; the other lines
    (events, token checks) are short and written at once."""

    def _later(self, method: str, lines: int, options: dict[str, Any], *args: Any) -> None:
        stamps = tuple(self._stamp() for _ in range(lines))
        defer(stamps, _write, (self.host, self.pid, method, tuple(options.items()), *args),
              self._sink)

    def receive(self, txn: int, req: Request, secrets: Any, last_via: str | None = None) -> None:
        self._later("receive", LINES["receive"], {"last_via": last_via}, txn, req, secrets)

    def respond(self, txn: int, req: Request, resp: Response, secrets: Any) -> None:
        self._later("respond", xlog.response_line_count(resp), {}, txn, req, resp, secrets)

    def http_send(self, module: Fact, req: Request, secrets: Any, url: str | None = None) -> None:
        self._later("http_send", LINES["http_send"], {"url": url}, module, req, secrets)

    def http_received(self, module: Fact, url: str, resp: Response, secrets: Any,
                      show_body: bool = False) -> None:
        self._later("http_received", LINES["http_received"], {"show_body": show_body}, module,
                    url, resp, secrets)
