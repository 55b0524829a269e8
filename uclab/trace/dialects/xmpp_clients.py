"""Reading third-party XMPP clients' logs against IM&P (``shared/real-logs/FORMATS.md`` §1.9):
useful for SASL signatures (SIG-29, SIG-30), since these clients log what Jabber does not.

Product id ``xmpp-client``; grammars (:data:`GRAMMARS`, most specific first):

* ``cuac`` [C] (T220242; sample ``cuac-xmpp-sasl-plain-not-authorized-wrong-domain.log``):
  Cisco Unified Attendant Console Standard's log4net lines, ``YYYY-MM-DD HH:MM:SS,mmm [<thread>]
  LEVEL <logger> - <message>``, e.g. ``… [33] INFO XMPP - XMPPWrapper.IsValidLogin: Log
  Event:SEND: <auth mechanism="PLAIN" …>BASE64</auth>``. Local time with no offset (naive).
  ``fields``: ``thread``, ``function`` (``XMPPWrapper.IsValidLogin``), and for ``Log Event:SEND:``
  / ``RECV:`` lines ``direction`` and ``stanza``;
* ``pidgin`` [C] (S27): Pidgin's debug log, ``(HH:MM:SS) <category>: <message>`` —
  ``jabber: Recv (ssl)(n): <stanza>``, ``sasl: Mechs found: PLAIN CISCO-VTG-TOKEN``. Only a time
  of day: the date is the previous record's if the file gave one, else there is none
  (``extra["time_of_day"]``); a date is never invented.

**Secrets.** CUAC logs the SASL PLAIN payload in clear base64 (``\\0user\\0password``):
:func:`uclab.trace.redact.redact` conceals it (as the ``<auth>`` payload, and anywhere else it
stands, by decoding it: :func:`uclab.protocols.sasl.plain.find_plain`), and
:func:`clear_passwords` says which records hold one, so a report can warn that the log holds a
password.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime, time

from uclab import facts
from uclab.protocols.sasl.plain import PlainCredentials, find_plain
from uclab.trace.parsing import LineGrammar, ReadState, Record

__all__ = ["GRAMMARS", "PRODUCT", "clear_passwords"]

PRODUCT = "xmpp-client"
_CUAC = re.compile(r"^(?P<date>\d{4}-\d\d-\d\d) (?P<time>\d\d:\d\d:\d\d),(?P<ms>\d{3}) "
                   r"\[(?P<thread>[^\[\]]+)\] (?P<level>[A-Z]+) +(?P<logger>[^\s\[\]]+) - "
                   r"(?P<message>.*)$")
_CUAC_FUNCTION = re.compile(r"^(?P<function>[\w.]+): ")
_CUAC_EVENT = re.compile(r"Log Event:(?P<direction>SEND|RECV): (?P<stanza><.*)$")
_PIDGIN = re.compile(r"^\((?P<time>\d\d:\d\d:\d\d)\) (?P<category>[\w.+-]+): (?P<message>.*)$")


class _Grammar(LineGrammar):
    product = PRODUCT

    def __init__(self, name: str, pattern: re.Pattern[str], form: str) -> None:
        self.name, self.opening = name, pattern
        #: the registry entry of the line grammar, with its source and evidence label
        self.form = form


class CuacGrammar(_Grammar):
    """CUAC Standard's log4net lines (T220242)."""

    def __init__(self) -> None:
        super().__init__("cuac", _CUAC, facts.CUAC_LINE)

    def parse(self, lines: Sequence[str], source: str, line: int, state: ReadState) -> Record:
        m = self.opening.match(lines[0])
        if m is None:
            return Record(source, line, tuple(lines), self.product, self.name,
                          text="\n".join(lines))
        try:
            when: datetime | None = datetime.strptime(f"{m['date']} {m['time']}",
                                                      "%Y-%m-%d %H:%M:%S").replace(
                microsecond=int(m["ms"]) * 1000)
        except ValueError:
            when = None
        message = m["message"]
        fields = [("thread", m["thread"])]
        if f := _CUAC_FUNCTION.match(message):
            fields.append(("function", f["function"]))
        if e := _CUAC_EVENT.search(message):
            fields += [("direction", e["direction"]), ("stanza", e["stanza"])]
        return Record(source, line, tuple(lines), self.product, self.name, time=when,
                      level=m["level"], component=m["logger"], fields=tuple(fields),
                      text=message, block=tuple(lines[1:]))


class PidginGrammar(_Grammar):
    """Pidgin's debug log (S27)."""

    def __init__(self) -> None:
        super().__init__("pidgin", _PIDGIN, facts.PIDGIN_LINE)

    def parse(self, lines: Sequence[str], source: str, line: int, state: ReadState) -> Record:
        m = self.opening.match(lines[0])
        if m is None:
            return Record(source, line, tuple(lines), self.product, self.name,
                          text="\n".join(lines))
        clock = m["time"]
        extra: dict = {}
        when = None
        try:
            of_day = time(int(clock[:2]), int(clock[3:5]), int(clock[6:8]))
        except ValueError:
            extra["stamp"] = clock
        else:
            if state.last_date is None:
                extra["time_of_day"] = of_day
            else:
                when = datetime.combine(state.last_date.date(), of_day)
        return Record(source, line, tuple(lines), self.product, self.name, time=when,
                      component=m["category"], text=m["message"], block=tuple(lines[1:]),
                      extra=extra)


def clear_passwords(records: Iterable[Record]) -> list[tuple[Record, PlainCredentials]]:
    """Each record whose lines hold a SASL PLAIN message in clear base64 (``\\0user\\0password``,
    RFC 4616 §2), with the credentials decoded (their ``repr`` hides the password): the log holds
    a password, and whoever has it should be told (FORMATS.md §2, SIG-29)."""
    found = []
    for rec in records:
        for line in rec.lines:
            found += [(rec, creds) for _, creds in find_plain(line)]
    return found


#: the third-party XMPP client grammars
GRAMMARS = (CuacGrammar(), PidginGrammar())
