"""Automated intrusion protection on Expressway-E (S8).

Expressway-E counts "HTTP proxy authorization failure" events per client IP; more than the
trigger level (5 by default) within the detection window blocks the IP for the block duration
(10 minutes). Cisco's workaround for Jabber clients that send expired tokens after a hibernate is
to raise the trigger to 10 or add an exemption (S8, S11). The detection window is not in the
fact sheet; uclab uses 60 seconds [U].
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from uclab.core.errors import ConfigError
from uclab.facts import (
    INTRUSION_BLOCK_SECONDS,
    INTRUSION_CATEGORY,
    INTRUSION_DETECTION_WINDOW_S,
    INTRUSION_TRIGGER_LEVEL,
)

#: The registry's names for these are INTRUSION_*; tests and notebook 07 read these two.
CATEGORY = INTRUSION_CATEGORY
DETECTION_WINDOW_S = INTRUSION_DETECTION_WINDOW_S


@dataclass
class IntrusionProtection:
    trigger_level: int = int(INTRUSION_TRIGGER_LEVEL)
    block_duration_s: int = int(INTRUSION_BLOCK_SECONDS)
    detection_window_s: int = int(INTRUSION_DETECTION_WINDOW_S)
    exemptions: set[str] = field(default_factory=set)
    _events: dict[str, deque[int]] = field(default_factory=dict)
    _blocked_until: dict[str, int] = field(default_factory=dict)

    def configure(self, *, trigger_level: int | None = None,
                  exemption: str | None = None) -> None:
        if trigger_level is not None:
            if isinstance(trigger_level, bool) or not isinstance(trigger_level, int) or \
                    not 1 <= trigger_level <= 1000:
                raise ConfigError(f"trigger level must be a whole number 1-1000 "
                                  f"(got {trigger_level!r})")
            self.trigger_level = trigger_level
        if exemption is not None:
            self.exemptions.add(exemption)

    def blocked(self, ip: str, now: int) -> bool:
        until = self._blocked_until.get(ip)
        if until is not None and now >= until:
            del self._blocked_until[ip]
            return False
        return until is not None

    def record_failure(self, ip: str, now: int) -> bool:
        """Count one failure; True when this one blocks the address."""
        if ip in self.exemptions:
            return False
        events = self._events.setdefault(ip, deque())
        events.append(now)
        while events and events[0] <= now - self.detection_window_s:
            events.popleft()
        if len(events) > self.trigger_level:
            self._blocked_until[ip] = now + self.block_duration_s
            events.clear()
            return True
        return False

    def unblock(self, ip: str) -> None:
        self._blocked_until.pop(ip, None)
