"""Reading Jabber desktop PRT logs (``csf-unified.log``, ``jabber.log``): the line grammars of
``shared/real-logs/FORMATS.md`` §1.2, as :class:`uclab.trace.parsing.Grammar` objects.

Records are product ``jabber``. Grammars, most specific first (:data:`GRAMMARS`):

* ``jabber-prt`` — ``YYYY-MM-DD HH:MM:SS,mmm LEVEL [0x…] [path(line)] [logger] [function] -
  message`` (S1, S10, S19, T221845); the level is padded to 5, but TAC copies collapse it, so one
  space or more is read;
* ``jabber-prt-time`` — the same with ``HH:MM:SS,mmm`` only (S10's ``13:03:19,013 INFO``): the
  date is the previous record's (:attr:`~uclab.trace.parsing.ReadState.last_date`), else there
  is none and the time of day stays in ``extra["time_of_day"]`` — a date is never invented;
* ``jabber-prt-bare`` — no time at all, ``LEVEL [0x…] [path(line)] …`` (every T221845 excerpt);
* ``jabber-prt-fragment`` — ``[logger] [function] - message`` or ``[function] - message``, the
  way the fact sheet and TAC prose quote lines;
* ``jabber-prt-old`` — the older style ``WARNING [9134000] - [csf.edge][function] message``
  (S17, Jabber 9.x/10.x by its date, inferred);
* ``jabber-xmppsdk`` — ``XmppSDK.dll #0, 201, Recv:<iq …>``, written with no time (S8).

A line none of them starts belongs to the record before it (SIP messages after
``sipio-sent--->``, XML after ``Device Config:``; FORMATS.md §1.2, as CJLV does); those lines are
the record's :attr:`~uclab.trace.parsing.Record.block`, and the one empty line that separates a
SIP message's headers from its body stays in the record. Jabber writes local time with no
offset, so times are naive. Fields: ``level``; ``component`` = the logger; ``text`` = the first
line's message; ``fields`` = ``thread``, ``source`` (``path(line)``), ``function``;
``extra["stamp"]`` = the time stamp as written (``""`` when there is none).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, time

from uclab import facts
from uclab.trace.parsing import ReadState, Record

__all__ = ["GRAMMARS", "PRODUCT", "PrtGrammar", "prt_time"]

#: the product id of every record these grammars read
PRODUCT = "jabber"
_LEVELS = "|".join(str(facts.PRT_LEVELS).split())
_DATE = r"(?P<date>\d{4}-\d\d-\d\d)"
_TIME = r"(?P<time>\d\d:\d\d:\d\d,\d{3})"
_HEAD = (rf"(?P<level>{_LEVELS}) +\[(?P<thread>0x[0-9A-Fa-f]+)\] +\[(?P<source>[^\[\]]*)\] +"
         r"\[(?P<logger>[^\[\]]*)\] +\[(?P<function>.*?)\] +-(?: (?P<message>.*))?$")
_SIP = (str(facts.PRT_SIP_SENT), str(facts.PRT_SIP_RECV))


def _naive(date: str, clock: str) -> datetime | None:
    """``YYYY-MM-DD`` and ``HH:MM:SS,mmm`` as a naive datetime; ``None`` if no such time."""
    try:
        return datetime(int(date[:4]), int(date[5:7]), int(date[8:10]), int(clock[:2]),
                        int(clock[3:5]), int(clock[6:8]), int(clock[9:12]) * 1000)
    except ValueError:
        return None


def _clock(text: str) -> time | None:
    try:
        return time(int(text[:2]), int(text[3:5]), int(text[6:8]), int(text[9:12]) * 1000)
    except ValueError:
        return None


def prt_time(match: re.Match[str], state: ReadState, extra: dict) -> datetime | None:
    """The time of a header match: its date and time; its time of day on the last date read;
    or ``None`` (the time of day, if any, kept in ``extra["time_of_day"]``)."""
    groups = match.groupdict()
    date, clock = groups.get("date"), groups.get("time")
    if not clock:
        return None
    if date:
        return _naive(date, clock)
    of_day = _clock(clock)
    if of_day is None:
        return None
    if state.last_date is None:
        extra["time_of_day"] = of_day
        return None
    return datetime.combine(state.last_date.date(), of_day)


class PrtGrammar:
    """One PRT line style: a header pattern, and the record fields its groups give."""

    product = PRODUCT

    def __init__(self, name: str, pattern: str, form: str) -> None:
        self.name = name
        #: the registry entry of the line grammar, with its source and evidence label
        self.form = form
        self._header = re.compile(pattern)

    def starts(self, line: str) -> bool:
        return self._header.match(line) is not None

    def continues(self, lines: Sequence[str], line: str) -> bool:
        # the empty line between a SIP message's headers and its body (S10)
        return (not line.strip() and any(mark in lines[0] for mark in _SIP)
                and all(ln.strip() for ln in lines[1:]) and len(lines) > 1)

    def parse(self, lines: Sequence[str], source: str, line: int, state: ReadState) -> Record:
        m = self._header.match(lines[0])
        if m is None:  # split only opens a record on a header; keep odd input whole
            return Record(source, line, tuple(lines), self.product, self.name,
                          text="\n".join(lines))
        g = m.groupdict()
        extra: dict = {"stamp": _stamp(g)}
        when = prt_time(m, state, extra)
        fields = tuple((k, g[k]) for k in ("thread", "source", "function", "session")
                       if g.get(k) is not None)
        return Record(source, line, tuple(lines), self.product, self.name, time=when,
                      level=g.get("level"), component=g.get("logger") or g.get("library"),
                      fields=fields, text=g.get("message") or "", block=tuple(lines[1:]),
                      extra=extra)


def _stamp(groups: dict) -> str:
    return " ".join(p for p in (groups.get("date"), groups.get("time")) if p)


_FRAGMENT = re.compile(r"^(?:\[(?P<source>[^\[\]\s][^\[\]]*)\] +(?=\[[^\[\]]*\] +\[))?"
                       r"(?:\[(?P<logger>[^\[\]\s][^\[\]]*)\] +)?"
                       r"\[(?P<function>[^\[\]\s][^\[\]]*)\] +-(?: (?P<message>.*))?$")
_OLD_LEVELS = f"{_LEVELS}|{facts.PRT_OLD_LEVEL_WARNING}"

#: the PRT grammars, most specific first
GRAMMARS: tuple[PrtGrammar, ...] = (
    PrtGrammar("jabber-prt", rf"^{_DATE} {_TIME} +{_HEAD}", facts.PRT_LINE),
    PrtGrammar("jabber-prt-time", rf"^{_TIME} +{_HEAD}", facts.PRT_LINE),
    PrtGrammar("jabber-prt-bare", rf"^{_HEAD}", facts.PRT_LINE),
    PrtGrammar("jabber-prt-old",
               rf"^(?:(?:{_DATE} )?{_TIME} +)?(?P<level>{_OLD_LEVELS}) +\[(?P<thread>\d+)\] +- +"
               r"\[(?P<logger>[^\[\]]*)\] ?\[(?P<function>[^\[\]]*)\] ?(?P<message>.*)$",
               facts.PRT_OLD_LINE),
    PrtGrammar("jabber-xmppsdk",
               rf"^(?:(?:{_DATE} )?{_TIME} +)?(?P<library>{re.escape(facts.PRT_XMPPSDK_DLL)}) "
               r"#(?P<session>\d+), ?(?P<message>.*)$", facts.XMPPSDK_LINE),
    PrtGrammar("jabber-prt-fragment", _FRAGMENT.pattern, facts.PRT_LINE),
)
#: the grammars whose records carry the current style's six fields (and render back as PRT)
CURRENT_STYLE = ("jabber-prt", "jabber-prt-time", "jabber-prt-bare", "jabber-prt-fragment")
