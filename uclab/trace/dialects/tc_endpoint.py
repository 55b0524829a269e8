"""Reading TC/CE video endpoint logs over MRA (``shared/real-logs/FORMATS.md`` §1.4; S18 = TAC
211304; samples ``tc-*.log``).

One grammar (:data:`GRAMMARS`): ``tc-uptime``, product ``tc`` [C]:
``<seconds since boot>.<centiseconds> <Component> <message>``, e.g. ``15975.89 HttpClient
SSL certificate problem: self signed certificate in certificate chain``. Runs of spaces pad the
component column (``HttpClient``, ``PROV``, ``CertificateVerification``); an XML response can
sit on the same line after ``PROV``. The line has **no wall-clock time**: the record's
``uptime`` is the seconds since boot (relative, FORMATS.md §5.3) and its ``time`` is ``None``.
A leading ``ERROR:`` / ``I:`` after the component is read as the level (S18's
``CertificateVerification ERROR: [verify_edge_domain_in_san]: …``, ``PROV I: notify_http_done``);
the text stays whole. A line that does not start a record belongs to the one before it.

Secrets: the endpoint masks ``Authorization: xxxxxx`` but logs ``Cookie: JSESSIONIDSSO=<value>``
in clear (S18): :func:`uclab.trace.redact.redact` conceals the cookie and keeps the mask.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from uclab import facts
from uclab.trace.parsing import LineGrammar, ReadState, Record

__all__ = ["GRAMMARS", "PRODUCT", "UptimeGrammar"]

PRODUCT = "tc"
_LINE = re.compile(r"^(?P<uptime>\d{1,10}\.\d{2,3}) (?P<component>[A-Za-z][\w.-]*)"
                   r"(?: +(?P<message>.*))?$")
_LEVEL = re.compile(r"^(?P<level>ERROR|WARNING|WARN|INFO|DEBUG|[EWID]):(?: |$)")


class UptimeGrammar(LineGrammar):
    """``<uptime> <Component> <message>`` (S18)."""

    name = "tc-uptime"
    product = PRODUCT
    opening = _LINE
    #: the registry entry of the line grammar, with its source and evidence label
    form = facts.TC_LINE

    def parse(self, lines: Sequence[str], source: str, line: int, state: ReadState) -> Record:
        m = _LINE.match(lines[0])
        if m is None:
            return Record(source, line, tuple(lines), self.product, self.name,
                          text="\n".join(lines))
        message = m["message"] or ""
        level = _LEVEL.match(message)
        return Record(source, line, tuple(lines), self.product, self.name,
                      uptime=float(m["uptime"]), component=m["component"],
                      level=level["level"] if level else None, text=message,
                      block=tuple(lines[1:]))


#: the TC/CE grammar
GRAMMARS = (UptimeGrammar(),)
