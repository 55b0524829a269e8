"""The ``Key="value"`` runs of XCP_JABBERD lines and of the lab's Unity Connection traces, and the
times they carry (``shared/real-logs/FORMATS.md`` §1.1).

A value ends at the quote that is followed by the next ``Key="`` or by the end of the text, so
a value may hold quotes and, in a record of several lines, line breaks. TAC copies put a space
after ``=`` now and then (``ThreadID= "…"``, T117811 = S17): it is accepted. Milliseconds may
have fewer than 3 digits (``,92`` is 920 ms, FORMATS.md §1.1).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

__all__ = ["iso_time", "ms_of", "pairs", "utc_time"]

_PAIR = re.compile(r'(?P<key>[A-Za-z][\w.-]*)=[ \t]?"(?P<val>.*?)"(?::)?'
                   r'(?=[ \t]+[A-Za-z][\w.-]*=[ \t]?"|[ \t]*\Z)', re.S)
_UTC = re.compile(r"(?P<d>\d{4}-\d\d-\d\d) (?P<t>\d\d:\d\d:\d\d)(?:,(?P<ms>\d{1,3}))?")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
#: the leading ISO 8601 time of a syslog-style line (local time with offset, or Z)
ISO = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,6})?(?:Z|[+-]\d\d:?\d\d)?"


def pairs(text: str) -> list[tuple[str, str]]:
    """The ``Key="value"`` pairs of ``text``, in order."""
    return [(m["key"], m["val"]) for m in _PAIR.finditer(text)]


def utc_time(value: str) -> datetime | None:
    """A ``UTCTime`` value (``2020-03-24 22:31:00,962``) as an aware UTC time, or ``None``."""
    m = _UTC.fullmatch(value.strip())
    if m is None:
        return None
    try:
        when = datetime.fromisoformat(f"{m['d']} {m['t']}").replace(tzinfo=UTC)
    except ValueError:
        return None
    return when.replace(microsecond=int((m["ms"] or "0").ljust(3, "0")) * 1000)


def iso_time(value: str) -> datetime | None:
    """A leading ISO 8601 time; aware when it has an offset or ``Z``, else naive."""
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def ms_of(when: datetime) -> int:
    """Milliseconds since the epoch of an aware time (a naive one is taken as UTC)."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return (when - _EPOCH) // timedelta(milliseconds=1)
