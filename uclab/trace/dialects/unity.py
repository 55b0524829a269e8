"""Unity Connection log lines: the EvtAuthzKeyRotation alert in CiscoSyslog (S12) and the lab's
own ``syslog`` traces of the Authz Server pages and the voicemail REST API.

S12 names the alert and the file it goes to; the CiscoLog message format is the CUCM Managed
Services Guide's, while the syslog prefix, the facility, the APPNAME and the severity are the
lab's reading of field files [U]. S12 names diagnostic traces for the Authz server but not their
component or line format, so the trace process names are the lab's [U]. The lines are rendered
by :mod:`uclab.trace.logline` (dialects ``ciscosyslog`` and ``syslog``).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from uclab import facts
from uclab.facts import Fact
from uclab.trace.logline import CONCEALED, LogLine

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
