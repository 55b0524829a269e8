"""A tolerant last-resort grammar: the records of lines no product grammar of
:mod:`uclab.trace.dialects` claims (or of all lines while a dialect's parser is missing).

It opens a record on any line that starts like one of the FORMATS.md §1 record starts (an
ISO or log4j time, a Jabber or SDI prefix, a TC uptime, an Expressway host prefix or bare
``Module=``/``Event=`` copy) and keeps every other line with the record before it (the CJLV
rule, §1.2). The product is named by the grammar the first line shows; what it cannot tell
stays ``unknown``. Nothing is invented: no time is given unless the line carries one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime

from uclab import facts
from uclab.trace.parsing import UNKNOWN, ReadState, Record

_TS, _ECP, _CM, _XCP = (re.escape(str(p)) for p in (
    facts.PROC_TRAFFIC_SERVER, facts.PROC_ECP, facts.PROC_CREDENTIALMANAGER, facts.XCP_PROCESS))

_START = re.compile(
    r"^(?:\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d"          # ISO / log4j / Jabber with a date
    r"|\d\d:\d\d:\d\d[,.]\d+ "                          # Jabber without a date
    r"|\d{8}\.\d{3} \|"                                 # CUCM SDI
    r"|\d+\.\d\d \S"                                    # TC/CE uptime
    r"|[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d "            # syslog
    r"|\(\d\d:\d\d:\d\d\) "                             # Pidgin
    r"|(?:Module|Event|UTCTime)="                        # TAC copies without a prefix
    rf"|[\w.-]+ (?:{_TS}\[|{_XCP}\[|tvcs:|{_ECP})"
    r"|(?:DEBUG|INFO|WARN|WARNING|ERROR|TRACE)\s+\[)")
_PRODUCTS = (
    ("expressway", re.compile(rf"Module=\"|Event=\"|{_TS}\[|tvcs:|{_XCP}|{_ECP}|{_CM}")),
    ("jabber", re.compile(r"(?:DEBUG|INFO|WARN|WARNING|ERROR|TRACE)\s+\[(?:0x)?[0-9a-f]+\] |"
                          r"XmppSDK")),
    ("cucm", re.compile(r"^\d{8}\.\d{3} \||\[http-(?:bio|nio)-\d+-exec-\d+\]")),
    ("tc", re.compile(r"^\d+\.\d\d \S+\s")),
    ("unity", re.compile(r"cuc-authz|cuc-vmrest|%UC_CUC")),
    ("xmpp-client", re.compile(r"\] INFO XMPP - |^\(\d\d:\d\d:\d\d\) jabber:")),
)
_HOST = re.compile(r"^\S+ ([\w.-]+) (?:[\w-]+\[\d+\]:|tvcs:|[\w-]+:? )")
_KV = re.compile(r"([A-Za-z][\w-]*)=\s?\"([^\"]*)\"")
_UTC = re.compile(r"UTCTime=\"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d),(\d{1,3})\"")
_ISO = re.compile(r"^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d:\d\d)[.,](\d{1,3})")


class FallbackGrammar:
    """See the module docstring."""

    name = "fallback"
    product = UNKNOWN

    def starts(self, line: str) -> bool:
        return bool(_START.match(line))

    def continues(self, lines: Sequence[str], line: str) -> bool:
        return False

    def parse(self, lines: Sequence[str], source: str, line: int, state: ReadState) -> Record:
        first = lines[0]
        product = next((p for p, rx in _PRODUCTS if rx.search(first)), UNKNOWN)
        host = _HOST.match(first) if product == "expressway" else None
        fields = tuple(_KV.findall(first))
        return Record(source, line, tuple(lines), product, self.name, time=utc_time(first),
                      host=host.group(1) if host else None, fields=fields,
                      text="\n".join(lines))


def utc_time(text: str) -> datetime | None:
    """The time a line states: Expressway's UTCTime, else a leading date and time (naive:
    local time of an unknown zone); None when it has none."""
    m = _UTC.search(text)
    if m:
        base = datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S")
        return base.replace(microsecond=int(m.group(2).ljust(3, "0")) * 1000, tzinfo=UTC)
    m = _ISO.match(text)
    if m:
        base = datetime.strptime(f"{m.group(1)} {m.group(2)}", "%Y-%m-%d %H:%M:%S")
        return base.replace(microsecond=int(m.group(3).ljust(3, "0")) * 1000)
    return None


def field(record: Record, key: str) -> str | None:
    """A key="value" field of the record (its grammar's, else read off its first line)."""
    value = record.get(key)
    if value is not None:
        return value
    for k, v in _KV.findall(record.lines[0] if record.lines else ""):
        if k == key:
            return v
    return None
