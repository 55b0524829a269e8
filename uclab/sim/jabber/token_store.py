"""What Jabber keeps after a login: the access and refresh tokens and when Jabber believes they
expire; its repr never shows a token."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class TokenStore:
    """What Jabber keeps after a login: the tokens and when Jabber believes they expire."""

    access_token: str | None = field(default=None, repr=False)
    refresh_token: str | None = field(default=None, repr=False)
    access_expires_at: int = 0
    refresh_expires_at: int = 0

    def clear(self) -> None:
        self.access_token = self.refresh_token = None
        self.access_expires_at = self.refresh_expires_at = 0

    def __repr__(self) -> str:
        return (f"TokenStore(access={'yes' if self.access_token else 'no'}, "
                f"refresh={'yes' if self.refresh_token else 'no'}, "
                f"access_expires_at={self.access_expires_at})")
