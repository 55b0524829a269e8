"""What every Jabber action returns: ok, the stage it reached, why it stopped, and the
exchanges it made."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Outcome:
    """The result of a Jabber action: ok, the stage it reached, and why it stopped.

    A stage is uclab's name for a step of the sign-in, taken from the request it sends
    (get_edge_sso, authorize, access_token, get_edge_config: S6, S7, S17, S18 or the seed
    article) or the service it opens (xmpp, uds, voicemail). The order of the steps partly follows
    the guides; the full sequence is shown only in the seed article (field observation), and no
    product prints a "stage" [U]. ``detail`` is the lab's wording, not a product message."""

    ok: bool
    stage: str
    detail: str = ""
    exchanges: list[int] = field(default_factory=list)

    def __bool__(self) -> bool:
        return self.ok

    def __str__(self) -> str:
        return f"{'OK' if self.ok else 'FAILED'} at {self.stage}" + \
            (f": {self.detail}" if self.detail else "")
