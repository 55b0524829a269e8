"""What every Jabber action returns: ok, the stage it reached, why it stopped, and the
exchanges it made."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Outcome:
    """The result of a Jabber action: ok, the stage it reached, and why it stopped."""

    ok: bool
    stage: str
    detail: str = ""
    exchanges: list[int] = field(default_factory=list)

    def __bool__(self) -> bool:
        return self.ok

    def __str__(self) -> str:
        return f"{'OK' if self.ok else 'FAILED'} at {self.stage}" + \
            (f": {self.detail}" if self.detail else "")
