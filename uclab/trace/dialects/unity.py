"""Unity Connection log lines: the EvtAuthzKeyRotation alert in CiscoSyslog (S12) and the lab's
own ``syslog`` traces of the Authz Server pages and the voicemail REST API.

S12 names the alert and the file it goes to; the CiscoLog message format is the CUCM Managed
Services Guide's, while the syslog prefix, the facility, the APPNAME and the severity are the
lab's reading of field files [U]. S12 names diagnostic traces for the Authz server but not their
component or line format, so the trace process names are the lab's [U]. The lines are rendered
by :mod:`uclab.trace.logline` (dialects ``ciscosyslog`` and ``syslog``).

The parsers (product ``unity``; grammars ``unity-ciscosyslog`` and ``unity-trace``, both
modelled: :data:`GRAMMARS`) read those lines back, and :func:`to_logline` turns a parsed record
into the simulator's :class:`~uclab.trace.logline.LogLine`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from uclab import facts
from uclab.core.errors import ConfigError
from uclab.facts import Fact
from uclab.trace.dialects import keyvalue as kv
from uclab.trace.dialects.cucm_ssosp import log4j_grammar
from uclab.trace.logline import CONCEALED, LogLine
from uclab.trace.parsing import LineGrammar, ReadState, Record

# --- CiscoSyslog alert (S12) ----------------------------------------------------------------------
CISCO_SYSLOG_PATH = facts.CISCO_SYSLOG_PATH
ALARM_KEY_ROTATION = facts.ALARM_KEY_ROTATION
CISCOLOG_FORMAT = facts.CISCOLOG_FORMAT
CISCOLOG_FACILITY = facts.CISCOLOG_FACILITY
CISCOLOG_APP = facts.CISCOLOG_APP
ALARM_KEY_ROTATION_SEVERITY = int(facts.ALARM_KEY_ROTATION_SEVERITY)

# --- Lab traces -----------------------------------------------------------------------------------
TRACE_AUTHZ = facts.TRACE_AUTHZ
TRACE_VMREST = facts.TRACE_VMREST


class UnityLog:
    """Writes one Unity Connection server's lines: ``stamp()`` gives each line's time in ms,
    ``sink`` takes the finished :class:`LogLine` (and returns it)."""

    def __init__(self, host: str, stamp: Callable[[], int],
                 sink: Callable[[LogLine], LogLine]) -> None:
        self.host = host
        self._stamp = stamp
        self._sink = sink
        self._seq = itertools.count()  # the CiscoLog sequence number of this server

    def key_rotation(self, display_name: str, address: str, kind: str, text: str) -> LogLine:
        """The EvtAuthzKeyRotation alert, written to CiscoSyslog (S12; line format [U])."""
        fields = (("seq", next(self._seq)), ("app", CISCOLOG_APP),
                  ("severity", ALARM_KEY_ROTATION_SEVERITY), ("name", ALARM_KEY_ROTATION),
                  ("AuthzServer", display_name), ("ServerNodeAddress", address),
                  ("KeyType", kind), ("NodeID", self.host.split(".")[0]), ("text", text))
        return self._sink(LogLine(self._stamp(), self.host, "ciscosyslog",
                                  str(CISCOLOG_FACILITY), fields))

    def trace(self, process: Fact, *fields: tuple[str, Any], secret: str = "") -> LogLine:
        """One line of the lab's own trace (dialect ``syslog``; format [U]); ``secret`` is
        concealed unless the reader asks to reveal it."""
        secrets = ((secret, CONCEALED),) if secret else ()
        return self._sink(LogLine(self._stamp(), self.host, "syslog", str(process),
                                  tuple(fields), secrets=secrets))


# ==== the parsers: CiscoSyslog and the lab's traces back into records and LogLines ==============
PRODUCT = "unity"
CISCOSYSLOG_NAME = "unity-ciscosyslog"
TRACE_NAME = "unity-trace"
_CISCOLOG = re.compile(
    r"(?:(?P<mon>[A-Z][a-z]{2}) +(?P<day>\d{1,2}) (?P<hms>\d\d:\d\d:\d\d) (?P<host>\S+) "
    r"(?P<facility>\S+) (?P<psev>\d+) )?[: ]*(?P<seq>\d+): (?:(?P<fqdn>[^\s:]+): )?"
    r"\*?(?P<stamp>[A-Z][a-z]{2} +\d{1,2}(?: \d{4})? \d\d:\d\d:\d\d(?:\.\d{1,3})?)"
    r"(?: (?P<tz>[A-Z]{2,5}|[+-]\d{4}))?[ \t]?:[ \t]+%(?P<app>[\w-]+?)-(?P<sev>\d)-"
    r"(?P<name>[^:\s]+):[ \t]*(?:%(?P<tags>(?:\[[^\]=]*=(?:\\.|[^\]\\])*\])*):[ \t]?)?"
    r"(?P<text>.*)", re.S)
_TAG = re.compile(r"\[(?P<key>[^\]=]*)=(?P<val>(?:\\.|[^\]\\])*)\]")
_TRACE_PROCESSES = tuple(str(p) for p in (TRACE_AUTHZ, TRACE_VMREST))
_TRACE = re.compile(rf"(?P<stamp>{kv.ISO})[ \t]+(?P<host>\S+)[ \t]+"
                    rf"(?P<proc>{'|'.join(re.escape(p) for p in _TRACE_PROCESSES)})"
                    r"[ \t]*(?P<rest>.*)", re.S)


class CiscoSyslogGrammar(LineGrammar):
    """A CiscoLog message in CiscoSyslog (module docstring)::

        [<Mon dd HH:MM:SS> <host> <facility> <sev> :] <seq>: <fqdn>:
            <Mon DD YYYY HH:MM:SS.mmm> UTC :  %<APP>-<sev>-<NAME>: %[tag=value]...: <text>

    The CiscoLog part is the CUCM Managed Services Guide's format, which CUCM and IM&P
    CiscoSyslog files share. The guide writes ``UTC: %`` (one colon, one space; an optional
    ``*`` before the time; tag brackets escaped with a backslash); the field copies the lab
    renders write ``UTC :  %``: both parse. The prefix, and the EvtAuthzKeyRotation line the
    simulator writes, are modelled (FORMATS.md §1.7, §5: no real line is published), and
    records say so (``extra["modelled"]``). Fields: ``seq``, ``app``, ``severity``, ``name``,
    each tag, ``text``. ``time`` is aware for UTC, GMT and ``+HHMM``, naive for another zone,
    and ``None`` when the stamp has no year (the third-party remote form, FORMATS.md §1.5)."""

    name = CISCOSYSLOG_NAME
    product = PRODUCT
    opening = _CISCOLOG
    modelled = True

    def parse(self, lines: Sequence[str], source: str, line: int, state: ReadState) -> Record:
        m = _CISCOLOG.match("\n".join(lines))
        if m is None:
            raise ValueError("not a CiscoLog line")
        when = None
        stamp = " ".join(m["stamp"].split())
        if len(stamp.split()) == 4:  # with its year
            fmt = "%b %d %Y %H:%M:%S.%f" if "." in stamp else "%b %d %Y %H:%M:%S"
            try:
                when = datetime.strptime(stamp, fmt)
            except ValueError:
                when = None
            if when is not None and m["tz"] in ("UTC", "GMT"):
                when = when.replace(tzinfo=UTC)
            elif when is not None and m["tz"] and m["tz"][0] in "+-":
                hours, minutes = int(m["tz"][1:3]), int(m["tz"][3:])
                sign = -1 if m["tz"][0] == "-" else 1
                when = when.replace(tzinfo=timezone(sign * timedelta(hours=hours,
                                                                      minutes=minutes)))
        tags = [(t["key"], t["val"]) for t in _TAG.finditer(m["tags"] or "")]
        fields = (("seq", m["seq"]), ("app", m["app"]), ("severity", m["sev"]),
                  ("name", m["name"]), *tags, ("text", m["text"]))
        return Record(source, line, tuple(lines), self.product, self.name, time=when,
                      host=m["fqdn"] or m["host"], process=m["facility"], level=m["sev"],
                      component=m["app"], fields=fields, text=m["text"],
                      block=tuple(lines[1:]), extra={"modelled": self.modelled})


class TraceGrammar(LineGrammar):
    """The lab's own Unity Connection traces (``<ISO time> <host> cuc-authz: Key="value"...``):
    modelled, as S12 names the traces but not their format [U]. Fields: the pairs, in order."""

    name = TRACE_NAME
    product = PRODUCT
    opening = _TRACE
    modelled = True

    def parse(self, lines: Sequence[str], source: str, line: int, state: ReadState) -> Record:
        m = _TRACE.match("\n".join(lines))
        if m is None:
            raise ValueError("not a Unity Connection trace line")
        fields = kv.pairs(m["rest"])
        return Record(source, line, tuple(lines), self.product, self.name,
                      time=kv.iso_time(m["stamp"]), host=m["host"],
                      process=m["proc"].rstrip(":"), fields=tuple(fields),
                      text=dict(fields).get("Detail", m["rest"]), block=tuple(lines[1:]),
                      extra={"modelled": self.modelled})


CISCOSYSLOG = CiscoSyslogGrammar()
TRACE = TraceGrammar()
#: Unity Connection's Tomcat log4j files (``ssosp*.log``, FORMATS.md §1.7) read with CUCM
#: ssosp's grammar under product ``unity`` [U]; not in :data:`GRAMMARS`, because the line alone
#: cannot tell it from CUCM's
UNITY_LOG4J = log4j_grammar("unity-log4j", PRODUCT)
#: this module's grammars, most specific first
GRAMMARS = (CISCOSYSLOG, TRACE)


def to_logline(record: Record, host: str | None = None) -> LogLine:
    """The simulator's :class:`LogLine` for a parsed CiscoSyslog or trace ``record`` (for
    views); ``host`` is the full host name when the line shows only the short one. A
    :class:`~uclab.core.errors.ConfigError` names a record that cannot be one (no full time,
    another grammar)."""
    if record.time is None or record.grammar not in (CISCOSYSLOG_NAME, TRACE_NAME):
        raise ConfigError(f"not a timed Unity Connection record: {record.where}")
    ms = kv.ms_of(record.time)
    if record.grammar == CISCOSYSLOG_NAME:
        fields = tuple((k, int(v) if k in ("seq", "severity") and v.isdigit() else v)
                       for k, v in record.fields)
        return LogLine(ms, host or record.host or "", "ciscosyslog", record.process or "",
                       fields)
    return LogLine(ms, host or record.host or "", "syslog", f"{record.process}:", record.fields)
