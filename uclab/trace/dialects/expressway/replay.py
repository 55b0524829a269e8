"""Parsed Expressway records as the simulator's objects, so the ladder and replay views can show a
real log: each record a :class:`~uclab.trace.logline.LogLine`, and each HTTP request with its
response one :class:`~uclab.core.wire.Exchange`.

Pairing (FORMATS.md §1.1; seed article; S29's Txn-id correlation):

* traffic_server: "Receive Request" (INFO ``Msg`` and the DEBUG HTTPMSG block) and "Sending
  Response" / "Sending response" (status line, headers, body) of one host share a ``Txn-id``;
  the sender is ``Src-ip`` (``Last-via-addr`` on Expressway-C), the receiver the log's host;
* edgeconfigprovisioning: a ``Send`` is answered by the next ``Received`` of the same host and
  module (the latest Send still open); its header values are Python list reprs (``['x']``).

A record without a time takes the time of the record before it (0 at the start): the file's order
is kept and no time is invented for the exchange beyond that.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC
from urllib.parse import urlsplit

from uclab import facts
from uclab.core.wire import Exchange, Request, Response
from uclab.trace.logline import LogLine
from uclab.trace.parsing import Record

__all__ = ["exchanges_of", "log_lines_of", "to_sim"]

_RECEIVE = str(facts.DETAIL_RECEIVE).lower()
_SENDING_RESPONSE = str(facts.DETAIL_SENDING_RESPONSE_HEAD).lower()
_LIST_REPR = re.compile(r"\[\s*'(?P<v>(?:[^'\\]|\\.)*)'\s*\]")
_STATUS = re.compile(r"HTTP/\d(?:\.\d)?\s+(?P<code>\d{3})\b")
_REQUEST = re.compile(r"(?P<method>[A-Z][A-Z_-]{1,15})\s+(?:(?P<url>(?!HTTP/)\S+)\s*)?"
                      r"(?:HTTP/\d(?:\.\d)?)?\s*$")
#: the method of a request whose log lines do not show it (a Send line without its block)
UNSHOWN = "?"


def _ms(record: Record, last: int) -> int:
    t = record.time
    if t is None:
        return last
    if t.tzinfo is None:
        t = t.replace(tzinfo=UTC)
    try:
        return max(0, int(t.timestamp() * 1000))
    except (OverflowError, OSError, ValueError):
        return last


def _process(record: Record) -> str:
    proc = record.process or ""
    pid = record.extra.get("pid")
    tag = f"{proc}[{pid}]" if pid is not None else proc
    return tag + (":" if record.extra.get("colon") else "")


def log_lines_of(records: Iterable[Record]) -> list[LogLine]:
    """One :class:`LogLine` per Expressway record (others are skipped), fields as written (the
    ``UTCTime`` value kept verbatim), the block as the message."""
    out: list[LogLine] = []
    last = 0
    for r in records:
        if r.product != "expressway":
            continue
        last = _ms(r, last)
        out.append(LogLine(last, r.host or r.source, r.process or "", _process(r), r.fields,
                           "\n".join(r.block)))
    return out


def _headers(lines: Sequence[str]) -> tuple[list[tuple[str, str]], str]:
    """Header fields (list reprs unwrapped) and the body of a block's lines after the first."""
    headers: list[tuple[str, str]] = []
    for n, line in enumerate(lines):
        name, sep, value = line.partition(":")
        if not line.strip():
            return headers, "\n".join(lines[n + 1:])
        if not sep or not re.fullmatch(r"[A-Za-z][\w-]*", name):
            return headers, "\n".join(lines[n:])
        value = value.strip()
        m = _LIST_REPR.fullmatch(value)
        headers.append((name, m["v"] if m else value))
    return headers, ""


def _request(method: str, url: str, block: Sequence[str], default_host: str) -> Request:
    headers, body = _headers(block[1:]) if block else ([], "")
    if "://" not in url:
        url = f"https://{default_host or 'unknown'}{url if url.startswith('/') else '/' + url}"
    try:
        return Request.make(method, url, headers, body)
    except ValueError:  # a port that is not a number, and the like: keep the text
        req = Request.make(method, "https://unknown/", headers, body)
        req.headers.set("X-Uclab-Logged-Url", url)
        return req


def _response(block: Sequence[str], code: str | None, body_only: bool) -> Response:
    if body_only:
        return Response(int(code) if code and code.isdigit() else 0, body="\n".join(block).encode())
    m = _STATUS.match(block[0]) if block else None
    status = int(m["code"]) if m else (int(code) if code and code.isdigit() else 0)
    headers, body = _headers(block[1:]) if block else ([], "")
    return Response(status, headers=headers, body=body.encode())


def _name(address: str | None, names: Mapping[str, str], fallback: str) -> str:
    if not address:
        return fallback
    return names.get(address, address)


def to_sim(records: Iterable[Record], names: Mapping[str, str] | None = None
           ) -> tuple[list[LogLine], list[Exchange]]:
    """The :class:`LogLine`\\ s and :class:`Exchange`\\ s of parsed Expressway ``records``;
    ``names`` maps addresses to the names the ladder shows (the address otherwise)."""
    names = dict(names or {})
    recs = [r for r in records if r.product == "expressway"]
    lines = log_lines_of(recs)
    exchanges: list[Exchange] = []
    txns: dict[tuple[str, str], Exchange] = {}
    sends: dict[tuple[str, str], list[Exchange]] = {}
    ids: list[int | None] = [None] * len(recs)

    def new(src: str, dst: str, req: Request, ms: int) -> Exchange:
        ex = Exchange(len(exchanges) + 1, src, dst, req, started_ms=ms, ended_ms=ms,
                      metadata={"from_log": True})
        exchanges.append(ex)
        return ex

    for n, (r, line) in enumerate(zip(recs, lines, strict=True)):
        host = r.host or r.source
        detail = r.get("Detail", "") or ""
        proc = r.process or ""
        if proc == str(facts.PROC_TRAFFIC_SERVER) and r.get("Txn-id") is not None:
            key = (host, r.get("Txn-id") or "")
            low = detail.strip().lower()
            if low == _RECEIVE:
                msg = r.get("Msg")
                first = r.block[0] if r.block else (msg or "")
                m = _REQUEST.match(first) or _REQUEST.match(msg or "")
                ex = txns.get(key)
                if ex is None or ex.response is not None:
                    method, url = (m["method"], m["url"] or "/") if m else (UNSHOWN, "/")
                    src = _name(r.get(str(facts.FIELD_LAST_VIA)) or r.get("Src-ip"), names,
                                "client")
                    ex = txns[key] = new(src, _name(host, names, host),
                                         _request(method, url, r.block, host), line.ms)
                    ex.request.remote = r.get("Src-ip") or ""
                    ex.request.remote_port = int(r.get("Src-port") or 0) if (
                        r.get("Src-port") or "").isdigit() else 0
                elif r.block and len(r.block) > 1:  # the DEBUG line brings the headers
                    ex.request = _request(ex.request.method, ex.request.url, r.block, host)
                ids[n] = ex.id
            elif low.startswith(_SENDING_RESPONSE) and key in txns:
                ex = txns[key]
                body_only = r.get("Response-code") is not None and not (
                    r.block and _STATUS.match(r.block[0]))
                resp = _response(r.block, r.get("Response-code"), body_only)
                if ex.response is None:
                    ex.response = resp
                elif body_only and not ex.response.body:
                    ex.response.body = resp.body
                ex.ended_ms = line.ms
                ids[n] = ex.id
        elif proc == str(facts.PROC_ECP) and r.get("Action") in (facts.ACTION_SEND,
                                                                facts.ACTION_RECEIVED):
            key = (host, r.component or "")
            if r.get("Action") == facts.ACTION_SEND:
                m = _REQUEST.match(r.block[0]) if r.block else None
                method, target = (m["method"], m["url"] or "/") if m else (UNSHOWN, "/")
                logged = r.get("Url") or ""
                req = _request(method, target, r.block,
                               urlsplit(logged).hostname or "" if "://" in logged else logged)
                peer = req.headers.get("host") or req.host or "server"
                ex = new(_name(host, names, host), _name(peer, names, peer), req, line.ms)
                sends.setdefault(key, []).append(ex)
                ids[n] = ex.id
            else:
                open_ = sends.get(key) or []
                if open_:
                    ex = open_.pop()
                    ex.response = _response(r.block, None, False)
                    ex.ended_ms = line.ms
                    ids[n] = ex.id
    for ex in exchanges:
        if ex.response is None:
            ex.error = "no response in the log"
    out = [LogLine(ln.ms, ln.host, ln.dialect, ln.process, ln.fields, ln.message, (), i)
           for ln, i in zip(lines, ids, strict=True)]
    return out, exchanges


def exchanges_of(records: Iterable[Record], names: Mapping[str, str] | None = None
                 ) -> list[Exchange]:
    """Only the :class:`Exchange`\\ s of :func:`to_sim`."""
    return to_sim(records, names)[1]

