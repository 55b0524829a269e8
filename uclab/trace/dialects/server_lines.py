"""The server-side grammars together (CUCM, pasted CLI output, IM&P, Unity Connection), and
parsed records turned back into the simulator's :class:`~uclab.trace.logline.LogLine`.

Product ids: ``cucm`` (grammars ``cucm-sdi``, ``cucm-ssosp``), ``cucm-cli`` (``cucm-cli``),
``imp`` (``imp-xcp``), ``unity`` (``unity-ciscosyslog``, ``unity-trace``). :data:`GRAMMARS`
orders them most specific first: lines that name their process (XCP_JABBERD, the Unity traces),
CiscoLog, SDI, the CLI prompt, and last the broad log4j grammar. :func:`to_logline` serves the
dialects the simulator renders (``XCP_JABBERD``, ``ciscosyslog``, ``syslog``, CUCM's ``sdi``
for SIP OAuth and CUCM's ssosp SAML lines); CLI records have no LogLine.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from uclab.core.errors import ConfigError
from uclab.trace.dialects import cucm_cli, cucm_sdi, cucm_ssosp, imp_xcp, unity
from uclab.trace.logline import LogLine
from uclab.trace.parsing import Grammar, Record

__all__ = ["GRAMMARS", "PRODUCTS", "SIMULATED", "to_logline", "to_loglines"]

GRAMMARS: tuple[Grammar, ...] = (*imp_xcp.GRAMMARS, *unity.GRAMMARS, *cucm_sdi.GRAMMARS,
                                 *cucm_cli.GRAMMARS, *cucm_ssosp.GRAMMARS)
#: the product ids of these grammars
PRODUCTS = ("cucm", "cucm-cli", "imp", "unity")
#: grammar -> the function turning its records into the simulator's LogLines
SIMULATED = {imp_xcp.NAME: imp_xcp.to_logline, unity.CISCOSYSLOG_NAME: unity.to_logline,
             unity.TRACE_NAME: unity.to_logline, cucm_sdi.NAME: cucm_sdi.to_logline,
             cucm_ssosp.NAME: cucm_ssosp.to_logline}


def to_logline(record: Record, host: str | None = None) -> LogLine:
    """The simulator's LogLine for ``record``; a :class:`~uclab.core.errors.ConfigError`
    names a record of a grammar the simulator does not render, or one that lacks what a LogLine
    needs (a full time)."""
    convert = SIMULATED.get(record.grammar)
    if convert is None:
        raise ConfigError(f"the simulator renders no {record.grammar} lines ({record.where})")
    return convert(record, host)


def to_loglines(records: Iterable[Record], hosts: Mapping[str, str] | None = None
                ) -> list[LogLine]:
    """The LogLines of the records the simulator could have written, in order; ``hosts`` maps
    a short host name as a line shows it to the full one."""
    hosts = hosts or {}
    out = []
    for record in records:
        if record.grammar in SIMULATED and record.time is not None:
            out.append(to_logline(record, hosts.get(record.host or "", record.host)))
    return out
