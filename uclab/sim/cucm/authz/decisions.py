"""The AuthZ decision log: what the authorization and token endpoints decided about one request
and why, in the validator's :class:`~uclab.protocols.validation.Decision` form.

A request's decisions leave with its response (``Response.meta``); the network copies them into
the exchange's metadata under :data:`META_KEY`, so a saved trace, the ladder and the inspector
can show them. Details never carry a code, verifier or token, only names, methods and lengths.
Today the log holds the PKCE decisions (:mod:`.profiles`); a request with nothing to record
adds nothing to its exchange.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from uclab.core.wire import Response
from uclab.protocols.validation import Decision

#: the exchange-metadata key the decisions are filed under
META_KEY = "authz_decisions"


@dataclass
class AuthzDecisions:
    """The decisions about one request to ``endpoint`` under one profile."""

    endpoint: str
    profile: str
    label: str
    lab_only: bool
    decisions: list[Decision] = field(default_factory=list)

    def add(self, check: str, ok: bool, detail: str) -> None:
        self.decisions.append(Decision(check, ok, detail))

    @property
    def ok(self) -> bool:
        return all(d.ok for d in self.decisions)

    def as_meta(self) -> dict[str, Any]:
        """JSON-ready, for the exchange's metadata."""
        return {"endpoint": self.endpoint, "profile": self.profile, "label": self.label,
                "lab_only": self.lab_only, "decisions": [
                    {"check": d.check, "ok": d.ok, "detail": d.detail} for d in self.decisions]}

    @classmethod
    def from_meta(cls, meta: object) -> AuthzDecisions | None:
        """The log an exchange's metadata holds under :data:`META_KEY` (``None`` when it holds
        none, or something that is not a decision log, as from a hand-edited trace file)."""
        raw = meta.get(META_KEY) if isinstance(meta, dict) else None
        if not isinstance(raw, dict) or not isinstance(raw.get("decisions"), list):
            return None
        log = cls(str(raw.get("endpoint", "?")), str(raw.get("profile", "?")),
                  str(raw.get("label", "")), bool(raw.get("lab_only", False)))
        for d in raw["decisions"]:
            if isinstance(d, dict):
                log.add(str(d.get("check", "?")), d.get("ok") is True, str(d.get("detail", "")))
        return log

    def report(self) -> str:
        """The log as text, one decision a line (as :meth:`Validation.report` prints)."""
        head = f"AuthZ {self.endpoint} decisions, {self.label}"
        return "\n".join([head, *(f"  {d}" for d in self.decisions)])


def with_decisions(resp: Response, log: AuthzDecisions) -> Response:
    """``resp``, carrying the request's AuthZ decisions (if any) to the exchange's metadata."""
    if log.decisions:
        resp.meta[META_KEY] = log.as_meta()
    return resp
