"""Traces: everything a lab recorded (exchanges and log lines), saved as versioned JSON Lines.

The first line of a file is a header ``{"format": "uclab-trace", "format_version": N,
"concealed": true|false, ...}``; every other line is one record, ``{"kind": "exchange", ...}``
or ``{"kind": "log", ...}``, in the order the lab recorded them. Files written by older
versions keep loading through the chain of ``MIGRATIONS`` (mitmproxy's approach, STYLE.md).
Writing is deterministic: the same lab run gives the same bytes.

Secrets are **concealed by default** (RFC 9700 §4.9.3, RFC 6819 §4.6.7: no tokens in logs):
every URL, header, body and log text goes through :mod:`uclab.trace.redact` before it is
written, and a concealed log record keeps no raw secret. ``reveal=True`` writes raw values,
for teaching on a lab of one's own only; the header says which a file holds.

Version history: 1 (always raw), 2 (the ``concealed`` header member; concealed by default).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from uclab.core.errors import UclabError
from uclab.core.wire import Exchange, Headers, Request, Response
from uclab.trace import hop_text
from uclab.trace.logline import MAX_MS, LogLine, render_all
from uclab.trace.redact import redact, redact_header

FORMAT = "uclab-trace"
FORMAT_VERSION = 2
#: a secret a log line holds is also looked for in the exchanges when it has this many
#: characters (shorter ones would mask unrelated text)
SHARED_SECRET_MIN = 6


def _v1_to_v2(record: dict[str, Any]) -> dict[str, Any]:
    """Version 1 files hold raw values: the header says so (``"concealed": false``)."""
    if "kind" in record:
        return record
    return {**record, "format_version": 2, "concealed": False}


#: migrations from version N to N+1, applied to each parsed line (header included)
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}


class TraceError(UclabError, ValueError):
    """A trace file that cannot be read, with the line number and what is wrong."""


@dataclass
class Trace:
    """A recorded scenario: its name, where it came from, its exchanges and log lines.

    ``revealed`` makes :meth:`lines` and :meth:`save` write raw values by default: it is set
    by :meth:`load` for a file saved raw (``"concealed": false``, every version 1 file), so
    that loading and writing again reproduces the file; pass ``reveal=False`` to conceal it.
    """

    name: str
    meta: dict[str, Any] = field(default_factory=dict)
    exchanges: list[Exchange] = field(default_factory=list)
    logs: list[LogLine] = field(default_factory=list)
    revealed: bool = False

    # -- reading --------------------------------------------------------------------------------
    def hops(self) -> list[str]:
        return [hop_text.summary(ex) for ex in self.exchanges]

    def render_logs(self, host: str | None = None, reveal: bool = False) -> str:
        return render_all([ln for ln in self.logs if host is None or ln.host == host], reveal)

    def timeline(self) -> list[Exchange | LogLine]:
        """Exchanges and log lines merged in time order."""
        items: list[tuple[int, int, Exchange | LogLine]] = [
            (ex.started_ms, i, ex) for i, ex in enumerate(self.exchanges)]
        items += [(ln.ms, len(items) + i, ln) for i, ln in enumerate(self.logs)]
        return [item for _, _, item in sorted(items, key=lambda t: (t[0], t[1]))]

    def secrets(self) -> list[str]:
        """The raw secrets the log lines hold (sorted; at least :data:`SHARED_SECRET_MIN`
        characters): what a view of the exchanges conceals besides the recognised ones. A
        concealed trace holds none."""
        return sorted({raw for ln in self.logs for raw, _ in ln.secrets
                       if len(raw) >= SHARED_SECRET_MIN})

    # -- files ----------------------------------------------------------------------------------
    def lines(self, reveal: bool | None = None) -> Iterable[str]:
        """The file's lines: concealed unless ``reveal`` (default: :attr:`revealed`)."""
        raw = self.revealed if reveal is None else reveal
        shared = self.secrets()
        conceal = (lambda v: v) if raw else (lambda v: _redact_json(v, shared))
        header = {"format": FORMAT, "format_version": FORMAT_VERSION, "concealed": not raw,
                  "name": self.name, "meta": conceal(self.meta)}
        yield _dump(header)
        for ex in self.exchanges:
            state = ex.to_state() if raw else _concealed_exchange(ex, shared)
            yield _dump({"kind": "exchange", **state})
        for ln in self.logs:
            yield _dump({"kind": "log", **(ln.to_state() if raw else _concealed_log(ln, shared))})

    def dumps(self, reveal: bool | None = None) -> str:
        """The whole file as text (see :meth:`lines`)."""
        return "\n".join(self.lines(reveal)) + "\n"

    def save(self, path: str | Path, reveal: bool | None = None) -> Path:
        """Write the trace to ``path``: concealed unless ``reveal=True`` (teaching only: the
        file then holds the lab's tokens, codes and passwords in clear)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.dumps(reveal), encoding="utf-8")
        return path

    @classmethod
    def load(cls, path: str | Path) -> Trace:
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise TraceError(f"cannot read trace {path}: {exc}") from None
        return cls.loads(text, str(path))

    @classmethod
    def loads(cls, text: str, where: str = "<string>") -> Trace:
        """Parse a trace file's text; any problem is a :class:`TraceError` naming the line."""
        rows = [(n, row) for n, row in enumerate(text.splitlines(), 1) if row.strip()]
        if not rows:
            raise TraceError(f"{where}: empty file, not a uclab trace")
        records = [(number, _record(row, f"{where} line {number}")) for number, row in rows]
        first, header = records[0]
        at = f"{where} line {first}"
        if header.get("format") != FORMAT:
            raise TraceError(f"{at}: not a uclab trace header (no \"format\": \"{FORMAT}\")")
        version = header.get("format_version")
        if isinstance(version, bool) or not isinstance(version, int) or not (
                1 <= version <= FORMAT_VERSION):
            raise TraceError(f"{at}: format_version {version!r} is not one this uclab reads "
                             f"(1-{FORMAT_VERSION})")
        records = [(n, _migrated(rec, version, f"{where} line {n}")) for n, rec in records]
        header = records[0][1]
        name, meta, concealed = header.get("name", ""), header.get("meta") or {}, \
            header.get("concealed")
        if not isinstance(name, str) or not isinstance(meta, dict) or not isinstance(
                concealed, bool):
            raise TraceError(f"{at}: the header needs a text \"name\", an object \"meta\" "
                             "and \"concealed\": true or false")
        trace = cls(name, dict(meta), revealed=not concealed)
        for number, rec in records[1:]:
            try:
                if rec.get("kind") == "exchange":
                    trace.exchanges.append(_exchange(rec))
                elif rec.get("kind") == "log":
                    trace.logs.append(LogLine.from_state(rec))
                else:
                    raise ValueError(f"unknown kind {rec.get('kind')!r}")
            except (KeyError, TypeError, ValueError, UclabError) as exc:
                raise TraceError(f"{where} line {number}: bad record ({exc})") from None
        return trace


def _record(row: str, at: str) -> dict[str, Any]:
    try:
        obj = json.loads(row)
    except ValueError as exc:
        raise TraceError(f"{at}: not JSON ({getattr(exc, 'msg', exc)})") from None
    except RecursionError:
        raise TraceError(f"{at}: not JSON a trace holds (nested too deeply)") from None
    if not isinstance(obj, dict):
        raise TraceError(f"{at}: a record must be a JSON object")
    return obj


def _migrated(record: dict[str, Any], version: int, at: str) -> dict[str, Any]:
    for step in range(version, FORMAT_VERSION):
        try:
            record = MIGRATIONS[step](record)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise TraceError(f"{at}: cannot upgrade from version {step} ({exc})") from None
    return record


def _redact_json(value: Any, secrets: list[str]) -> Any:
    """``value`` with every text in it redacted (meta, metadata)."""
    if isinstance(value, str):
        return redact(value, secrets)
    if isinstance(value, dict):
        return {k: _redact_json(v, secrets) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_redact_json(v, secrets) for v in value]
    return value


def _concealed_message(state: dict[str, Any], secrets: list[str]) -> dict[str, Any]:
    return {**state, "headers": [[k, redact_header(k, v, secrets)] for k, v in state["headers"]],
            "body": redact(state["body"], secrets)}


def _concealed_exchange(ex: Exchange, secrets: list[str]) -> dict[str, Any]:
    state = ex.to_state()
    request = _concealed_message(state["request"], secrets)
    request["url"] = redact(request["url"], secrets)
    response = state["response"] and _concealed_message(state["response"], secrets)
    return {**state, "request": request, "response": response,
            "error": _redact_json(state["error"], secrets),
            "metadata": _redact_json(state["metadata"], secrets)}


def _concealed_log(line: LogLine, shared: list[str]) -> dict[str, Any]:
    """The record of a log line as it renders concealed: its own secrets (with their masks)
    and the trace's are masked in every text, and no raw secret is kept."""
    secrets = [*line.secrets, *shared]
    state = line.to_state()
    return {**state, "fields": [[k, redact(v, secrets) if isinstance(v, str) else v]
                                for k, v in line.fields],
            "message": redact(line.message, secrets), "secrets": []}


def _dump(obj: dict[str, Any]) -> str:
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=True)


def _exchange(rec: dict[str, Any]) -> Exchange:
    rq = _member(rec, "request", dict)
    req = Request(_member(rq, "method", str), _member(rq, "url", str), _headers(rq),
                  _member(rq, "body", str).encode())
    resp = None
    if rec.get("response") is not None:
        rs = _member(rec, "response", dict)
        resp = Response(_member(rs, "status", int), _headers(rs), _member(rs, "body", str).encode())
    error = rec.get("error")
    if error is not None and not isinstance(error, str):
        raise ValueError("'error' must be a text or null")
    started, ended = _member(rec, "started_ms", int, 0), _member(rec, "ended_ms", int, 0)
    if not (0 <= started <= MAX_MS and 0 <= ended <= MAX_MS):
        raise ValueError(f"times must lie between 0 and {MAX_MS} ms")
    return Exchange(_member(rec, "id", int), _member(rec, "src", str), _member(rec, "dst", str),
                    req, resp, error, started, ended, dict(_member(rec, "metadata", dict, {})))


def _member(obj: dict[str, Any], key: str, kind: type, default: Any = ...) -> Any:
    if key not in obj and default is not ...:
        return default
    value = obj[key]
    if value is None and default is not ...:
        return default
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ValueError(f"{key!r} must be a {kind.__name__} (got {type(value).__name__})")
    return value


def _headers(obj: dict[str, Any]) -> Headers:
    items = _member(obj, "headers", list)
    if not all(isinstance(h, list) and len(h) == 2 and all(isinstance(x, str) for x in h)
               for h in items):
        raise ValueError("'headers' must be a list of [name, value] texts")
    return Headers([(k, v) for k, v in items])
