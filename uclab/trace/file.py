"""Traces: everything a lab recorded (exchanges and log lines), saved as versioned JSON Lines.

The first line of a file is a header ``{"format": "uclab-trace", "format_version": N, ...}``;
every other line is one record, ``{"kind": "exchange", ...}`` or ``{"kind": "log", ...}``, in
the order the lab recorded them. Files written by older versions keep loading through the chain
of ``MIGRATIONS`` (mitmproxy's approach, STYLE.md). Writing is deterministic: the same lab run
gives the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from uclab.core.errors import UclabError
from uclab.core.wire import Exchange, Headers, Request, Response
from uclab.trace.logline import LogLine, render_all

FORMAT = "uclab-trace"
FORMAT_VERSION = 1
#: migrations from version N to N+1, applied to each parsed line (header included)
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


class TraceError(UclabError, ValueError):
    """A trace file that cannot be read, with the line number and what is wrong."""


@dataclass
class Trace:
    """A recorded scenario: its name, where it came from, its exchanges and log lines."""

    name: str
    meta: dict[str, Any] = field(default_factory=dict)
    exchanges: list[Exchange] = field(default_factory=list)
    logs: list[LogLine] = field(default_factory=list)

    # -- reading --------------------------------------------------------------------------------
    def hops(self) -> list[str]:
        return [ex.summary() for ex in self.exchanges]

    def render_logs(self, host: str | None = None, reveal: bool = False) -> str:
        return render_all([ln for ln in self.logs if host is None or ln.host == host], reveal)

    def timeline(self) -> list[Exchange | LogLine]:
        """Exchanges and log lines merged in time order."""
        items: list[tuple[int, int, Exchange | LogLine]] = [
            (ex.started_ms, i, ex) for i, ex in enumerate(self.exchanges)]
        items += [(ln.ms, len(items) + i, ln) for i, ln in enumerate(self.logs)]
        return [item for _, _, item in sorted(items, key=lambda t: (t[0], t[1]))]

    # -- files ----------------------------------------------------------------------------------
    def lines(self) -> Iterable[str]:
        header = {"format": FORMAT, "format_version": FORMAT_VERSION, "name": self.name,
                  "meta": self.meta}
        yield _dump(header)
        for ex in self.exchanges:
            yield _dump({"kind": "exchange", **ex.to_state()})
        for ln in self.logs:
            yield _dump({"kind": "log", **ln.to_state()})

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(self.lines()) + "\n", encoding="utf-8")
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
        rows = [ln for ln in text.splitlines() if ln.strip()]
        if not rows:
            raise TraceError(f"{where}: empty file, not a uclab trace")
        records = []
        for number, row in enumerate(rows, 1):
            try:
                obj = json.loads(row)
            except ValueError as exc:
                raise TraceError(f"{where} line {number}: not JSON ({exc.msg})") from None
            if not isinstance(obj, dict):
                raise TraceError(f"{where} line {number}: a record must be a JSON object")
            records.append(obj)
        header = records[0]
        if header.get("format") != FORMAT:
            raise TraceError(f"{where}: line 1 is not a uclab trace header")
        version = header.get("format_version")
        if not isinstance(version, int) or not 1 <= version <= FORMAT_VERSION:
            raise TraceError(f"{where}: format_version {version!r} is not one this uclab reads "
                             f"(1-{FORMAT_VERSION})")
        while version < FORMAT_VERSION:
            records = [MIGRATIONS[version](r) for r in records]
            version += 1
        trace = cls(str(header.get("name", "")), dict(header.get("meta") or {}))
        for number, rec in enumerate(records[1:], 2):
            try:
                if rec.get("kind") == "exchange":
                    trace.exchanges.append(_exchange(rec))
                elif rec.get("kind") == "log":
                    trace.logs.append(LogLine.from_state(rec))
                else:
                    raise ValueError(f"unknown kind {rec.get('kind')!r}")
            except (KeyError, TypeError, ValueError) as exc:
                raise TraceError(f"{where} line {number}: bad record ({exc})") from None
        return trace


def _dump(obj: dict[str, Any]) -> str:
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=True)


def _exchange(rec: dict[str, Any]) -> Exchange:
    rq = rec["request"]
    req = Request(rq["method"], rq["url"], Headers([tuple(h) for h in rq["headers"]]),
                  rq["body"].encode())
    resp = None
    if rec.get("response"):
        rs = rec["response"]
        resp = Response(int(rs["status"]), Headers([tuple(h) for h in rs["headers"]]),
                        rs["body"].encode())
    return Exchange(int(rec["id"]), rec["src"], rec["dst"], req, resp, rec.get("error"),
                    int(rec.get("started_ms", 0)), int(rec.get("ended_ms", 0)),
                    dict(rec.get("metadata") or {}))
