"""CUCM CallManager SDI trace lines: the parser (product ``cucm``, grammar ``cucm-sdi``).

Grammar (``shared/real-logs/FORMATS.md`` §1.5; S18 = TAC 211304)::

    <8-digit seq>.<3-digit sub> |HH:MM:SS.mmm |<Category> |<text>
    08080021.043 |16:31:15.937 |AppInfo  |SIPStationD(18400) - validTLSConnection:TLS ...

The line holds a **time of day only** (local time [I]); the date is not in the line. A record's
:attr:`~uclab.trace.parsing.Record.time` is therefore set only from context: the date the
reader hands in as ``ReadState.notes["date"]`` (the file's name, RTMT) or, failing that, the
date of the record before it in the same stream when that one is local time too (naive; a UTC
date may be another day than the local one); a time of day more than 12 hours earlier than
the previous SDI line's is taken as the next day. With no context the time stays ``None`` and
the time of day is kept in the ``time_of_day`` field: a date is never invented.

Fields: ``seq``, ``sub``, ``time_of_day``; the category is the record's ``component``. A text
that starts ``Name(n) - `` gives ``process`` ``Name`` and the field ``instance``; an
``AlarmErr`` text (``AlarmClass: CallManager, AlarmName: ConnectionFailure, ...,
AlarmParameters: DeviceName:SEP..., IPAddress:..., ...``) gives each ``Alarm*`` value and each
parameter as a field. The layout CUCM uses to print SIP messages in SDI was not captured
(FORMATS.md §1.5 [U]): lines that do not start a record stay with the record before them.

The simulator writes SDI lines for SIP OAuth registrations (:mod:`uclab.sim.cucm.sip_oauth`):
the line grammar is the real one, the texts are modelled (``uclab.facts.SDI_SIP_*``), a SIP
message follows its line on lines with no prefix; :func:`to_logline` turns such a record back
into the simulator's :class:`~uclab.trace.logline.LogLine` once it has a date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta

from uclab import facts
from uclab.core.errors import ConfigError
from uclab.trace.logline import LogLine
from uclab.trace.parsing import LineGrammar, ReadState, Record

__all__ = ["DIALECT", "GRAMMARS", "PRODUCT", "SDI", "SdiGrammar", "to_logline"]

#: the simulator's LogLine dialect of these lines
DIALECT = "sdi"

PRODUCT = "cucm"
NAME = "cucm-sdi"
CATEGORIES = (str(facts.SDI_APPINFO), str(facts.SDI_ALARMERR))

_LINE = re.compile(r"(?P<seq>\d{8})\.(?P<sub>\d{3})[ \t]*\|(?P<tod>\d\d:\d\d:\d\d\.\d{1,3})"
                   r"[ \t]*\|(?P<cat>[^|]*?)[ \t]*\|(?P<text>.*)")
_PROCESS = re.compile(r"(?P<name>[A-Za-z][\w]*)(?:\((?P<instance>\d+)\))? - ")
_ALARM_KEY = re.compile(r"(?:^|, )(?P<key>Alarm[A-Za-z]+): ")
_PARAM = re.compile(r"(?P<key>[A-Za-z][\w]*):(?P<val>[^,]*)")
#: a time of day this much earlier than the previous line's means the date has turned
_ROLLOVER = timedelta(hours=12)


def _time_of_day(text: str) -> time | None:
    hms, _, frac = text.partition(".")
    try:
        h, m, s = (int(x) for x in hms.split(":"))
        return time(h, m, s, int(frac.ljust(3, "0")[:3]) * 1000)
    except ValueError:  # 25:61:61 and the like: keep the text, no time
        return None


def _alarm_fields(text: str) -> list[tuple[str, str]]:
    """``AlarmClass: X, AlarmName: Y, ..., AlarmParameters: k:v, k:v,`` as fields."""
    marks = list(_ALARM_KEY.finditer(text))
    out: list[tuple[str, str]] = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        value = text[m.end():end]
        if m["key"] == "AlarmParameters":
            out.append((m["key"], value.strip()))
            out.extend((p["key"], p["val"].strip()) for p in _PARAM.finditer(value))
        else:
            out.append((m["key"], value.strip()))
    return out


class SdiGrammar(LineGrammar):
    """The CallManager SDI trace line (module docstring)."""

    name = NAME
    product = PRODUCT
    opening = _LINE
    #: real lines (S18) define the grammar; no line of it is modelled
    modelled = False

    def parse(self, lines: Sequence[str], source: str, line: int, state: ReadState) -> Record:
        m = _LINE.match(lines[0])
        if m is None:
            raise ValueError("not an SDI line")
        text = m["text"]
        fields: list[tuple[str, str]] = [("seq", m["seq"]), ("sub", m["sub"]),
                                         ("time_of_day", m["tod"])]
        process = None
        p = _PROCESS.match(text)
        if p is not None:
            process = p["name"]
            if p["instance"]:
                fields.append(("instance", p["instance"]))
        if m["cat"] == facts.SDI_ALARMERR or text.startswith("AlarmClass: "):
            fields.extend(_alarm_fields(text))
        tod = _time_of_day(m["tod"])
        when = self._dated(tod, state) if tod is not None else None
        return Record(source, line, tuple(lines), self.product, self.name, time=when,
                      process=process, component=m["cat"], fields=tuple(fields),
                      text="\n".join([text, *lines[1:]]), block=tuple(lines[1:]),
                      extra={"time_of_day": tod})

    @staticmethod
    def _dated(tod: time, state: ReadState) -> datetime | None:
        """The time of day on the context's date (module docstring), or ``None``."""
        day = state.notes.get("sdi_date")
        if not isinstance(day, date):
            given = state.notes.get("date")
            if isinstance(given, datetime):
                day = given.date()
            elif isinstance(given, date):
                day = given
            elif state.last_date is not None and state.last_date.tzinfo is None:
                day = state.last_date.date()  # a local time before it, as SDI's own
            else:
                return None
        when = datetime.combine(day, tod)
        last = state.notes.get("sdi_last")
        if isinstance(last, datetime) and when < last - _ROLLOVER:
            when += timedelta(days=1)
        state.notes["sdi_date"], state.notes["sdi_last"] = when.date(), when
        return when


SDI = SdiGrammar()
#: this module's grammars, most specific first
GRAMMARS = (SDI,)


def to_logline(record: Record, host: str | None = None) -> LogLine:
    """The simulator's ``sdi`` LogLine of an SDI record; a ConfigError when the record has no
    date (an SDI line gives only the time of day: hand the date in, ``notes["date"]``)."""
    if record.grammar != NAME:
        raise ConfigError(f"{record.where} is not a {NAME} record")
    if record.time is None:
        raise ConfigError(f"{record.where}: an SDI line gives no date; read the file with its "
                          "date (ReadState notes['date'])")
    first = record.text.split("\n", 1)[0]
    p = _PROCESS.match(first)
    body = first[p.end():] if p is not None else first
    when = record.time if record.time.tzinfo else record.time.replace(tzinfo=UTC)
    fields = (("seq", record.get("seq", "")), ("sub", record.get("sub", "")),
              ("category", record.component or ""), ("instance", record.get("instance", "")),
              ("text", body))
    return LogLine(int(when.timestamp() * 1000), host or record.source, DIALECT,
                   record.process or "", fields, message="\n".join(record.block))
