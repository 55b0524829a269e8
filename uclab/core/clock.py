"""A virtual clock: lab time moves only when someone advances it; nothing ever sleeps."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

from uclab.core.errors import ConfigError

#: Where every lab's clock starts unless told otherwise (a Monday morning, UTC).
DEFAULT_START = datetime(2026, 3, 2, 9, 0, 0, tzinfo=UTC)


class Clock:
    """Lab time in milliseconds since the epoch, advanced explicitly.

    >>> c = Clock(); c.advance(minutes=61); c.iso()
    '2026-03-02T10:01:00.000Z'
    """

    def __init__(self, start: datetime = DEFAULT_START) -> None:
        if start.tzinfo is None:
            raise ConfigError("the clock's start time must be timezone-aware (UTC)")
        self._ms = int(start.timestamp() * 1000)
        self._lock = threading.Lock()

    @property
    def ms(self) -> int:
        """Milliseconds since the epoch."""
        return self._ms

    def now(self) -> int:
        """Whole seconds since the epoch, as JWT ``iat``/``exp`` use them (RFC 7519 §2)."""
        return self._ms // 1000

    def datetime(self) -> datetime:
        return datetime.fromtimestamp(self._ms / 1000, tz=UTC)

    def iso(self) -> str:
        return self.datetime().strftime("%Y-%m-%dT%H:%M:%S.") + f"{self._ms % 1000:03d}Z"

    def advance(self, *, days: float = 0, hours: float = 0, minutes: float = 0,
                seconds: float = 0, ms: int = 0) -> None:
        """Move lab time forward; moving it backwards is refused."""
        step = timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds,
                         milliseconds=ms)
        step_ms = int(step.total_seconds() * 1000)
        if step_ms < 0:
            raise ConfigError(f"lab time only moves forward (asked to move by {step})")
        with self._lock:
            self._ms += step_ms

    def tick(self, ms: int = 1) -> int:
        """Advance by a few milliseconds (the time a hop takes) and return the new time."""
        with self._lock:
            self._ms += ms
            return self._ms


def epoch_to_iso(seconds: int | float) -> str:
    """Human-readable UTC time of an epoch value (for ``exp``/``iat`` in explanations); a value
    no calendar can show is named as such instead of raising."""
    try:
        return time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(seconds))
    except (OverflowError, OSError, ValueError):
        return f"{seconds} (out of range)"
