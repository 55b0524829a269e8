"""Randomness for the lab: reproducible from a seed, or from :mod:`secrets` without one.

A seeded lab draws every id, code and key from an HMAC-SHA256 counter stream (a simple
deterministic generator in the spirit of NIST SP 800-90A HMAC_DRBG), so the same seed gives the
same lab. Without a seed every value comes from :func:`secrets.token_bytes`; RFC 6749 §10.10
asks codes and tokens to be unguessable (≤ 2^-128, better 2^-160), which is why codes carry 192
random bits either way.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading

from uclab.core.errors import ConfigError


class Entropy:
    """A source of random bytes, ids and numbers."""

    def __init__(self, seed: int | str | None = None) -> None:
        self.seed = seed
        self._key = None if seed is None else hashlib.sha256(f"uclab:{seed}".encode()).digest()
        self._counter = 0
        self._lock = threading.Lock()

    @property
    def deterministic(self) -> bool:
        return self._key is not None

    def bytes(self, n: int) -> bytes:
        if self._key is None:
            return secrets.token_bytes(n)
        out = bytearray()
        with self._lock:
            while len(out) < n:
                self._counter += 1
                out += hmac.digest(self._key, self._counter.to_bytes(8, "big"), "sha256")
        return bytes(out[:n])

    @property
    def position(self) -> int:
        """How many HMAC blocks a seeded stream has used so far (its counter)."""
        return self._counter

    def bytes_at(self, position: int, n: int) -> bytes:
        """The ``n`` bytes :meth:`bytes` returns when the stream is at ``position``.

        Stateless (the stream does not move): lets a seeded computation whose search was done
        ahead of time jump to the draw it found (see :mod:`uclab.protocols.keys`).
        """
        if self._key is None:
            raise ConfigError("an unseeded stream has no positions")
        blocks = (n + 31) // 32
        return b"".join(hmac.digest(self._key, (position + i).to_bytes(8, "big"), "sha256")
                        for i in range(1, blocks + 1))[:n]

    def hex(self, n_bytes: int) -> str:
        return self.bytes(n_bytes).hex()

    def urlsafe(self, n_bytes: int) -> str:
        """Base64url text of ``n_bytes`` random bytes (no padding)."""
        import base64

        return base64.urlsafe_b64encode(self.bytes(n_bytes)).rstrip(b"=").decode()

    def uuid4(self) -> str:
        import uuid  # on first use: it loads platform (~10 ms of every `uclab` start)

        return str(uuid.UUID(bytes=self.bytes(16), version=4))

    def below(self, n: int) -> int:
        """A uniform-enough integer in ``[0, n)`` (64 extra bits make the bias negligible)."""
        width = (n.bit_length() + 7) // 8 + 8
        return int.from_bytes(self.bytes(width), "big") % n

    def child(self, label: str) -> Entropy:
        """An independent stream for one purpose (so adding a draw elsewhere shifts nothing)."""
        if self._key is None:
            return Entropy(None)
        return Entropy(f"{self.seed}/{label}")
