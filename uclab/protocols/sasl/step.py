"""A SASL server's answer to one client message (RFC 4422 §3.4, §3.6): a challenge, success or
failure, with what the server's logs need and the client never sees."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SaslStep:
    """One server answer: ``success``, ``challenge`` (with ``data``) or ``failure``.

    ``reason`` is for the server's logs; it never goes to the client inside the SASL data.
    """

    outcome: str
    data: bytes = b""
    reason: str = ""
    identity: str | None = None
    authzid: str | None = None
    status: str | None = None
    malformed: bool = False  # the message broke the mechanism's grammar

    @property
    def ok(self) -> bool:
        return self.outcome == "success"
