"""XCP_JABBERD lines: the XCP router's log on IM&P and on Expressway (seed article; S17).

Field order ``UTCTime ThreadID Module Level CodeLocation Detail`` and the ``DELIVER: type:..,
host:.., packet:..`` detail are the seed article's Expressway-C lines (the same XCP code base
runs on IM&P); component names, xdb ids and the ``XXXXXXX`` payload mask are field
observations [U]. No real XCP Authentication or Connection Manager line of IM&P is published,
so the IM&P lines are modelled on the Expressway grammar, and the auth-outcome texts are lab
wording (each Fact says which).

The parser (product ``imp``, grammar ``imp-xcp``: :class:`XcpGrammar`, :data:`GRAMMARS`) reads
the lines back, and :func:`to_logline` turns a parsed record into the simulator's
:class:`~uclab.trace.logline.LogLine`. IM&P's log4j files (Client Profile Agent
``EPASSoap*.log``, Config Manager; FORMATS.md §1.6) have no published line: :data:`IMP_LOG4J`
reads them with CUCM ssosp's log4j grammar under product ``imp`` [U]; it is not in
:data:`GRAMMARS`, because the line alone cannot tell it from CUCM's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from uclab import facts
from uclab.core.errors import ConfigError
from uclab.protocols.xmpp import NS_SASL, escape_attr
from uclab.trace.dialects import keyvalue as kv
from uclab.trace.dialects.cucm_ssosp import log4j_grammar
from uclab.trace.logline import LogLine
from uclab.trace.parsing import LineGrammar, ReadState, Record

if TYPE_CHECKING:
    from uclab.core.entropy import Entropy

XCP_PROCESS = facts.XCP_PROCESS
XCP_MODULE = facts.XCP_MODULE
XCP_LEVEL_VBOSE = facts.XCP_LEVEL_VBOSE
XCP_LEVEL_INFO = facts.XCP_LEVEL_INFO
DELIVER_LOCATION = facts.DELIVER_LOCATION
DELIVER_DETAIL = facts.DELIVER_DETAIL
AUTH_COMPONENT = facts.AUTH_COMPONENT
CONNECT_AUTH_COMPONENT = facts.CONNECT_AUTH_COMPONENT
SDNS_COMPONENT = facts.SDNS_COMPONENT
CM_COMPONENT = facts.CM_COMPONENT
XDB_QUERY_ID = facts.XDB_QUERY_ID
XDB_AUTH_ID = facts.XDB_AUTH_ID
NS_DOMAIN_BASED_NAME = facts.NS_DOMAIN_BASED_NAME
SECRET_MASK = facts.SECRET_MASK
AUTH_OK_DETAIL = facts.AUTH_OK_DETAIL
AUTH_FAIL_DETAIL = facts.AUTH_FAIL_DETAIL


def component_name(component: str, fqdn: str) -> str:
    """An XCP component address as the seed's lines show it: ``auth-1.lab2-imp-lab-com`` [U]."""
    return f"{component}.{fqdn.lower().replace('.', '-')}"


def thread_ids(ent: Entropy) -> tuple[int, ...]:
    """Four pthread ids in the range the seed's ThreadID values have (0x7fc6xxxxxxxx)."""
    return tuple(0x7FC600000000 + ent.below(1 << 32) // 4096 * 4096 for _ in range(4))


def xcp_jabberd_line(ms: int, host: str, pid: int, thread_id: int, detail: str, *,
                     level: str = XCP_LEVEL_VBOSE, code_location: str | None = DELIVER_LOCATION,
                     secrets: Iterable[str] = ()) -> LogLine:
    """One XCP_JABBERD line in the seed's field order; each secret renders as ``XXXXXXX``."""
    fields: list[tuple[str, object]] = [("UTCTime", None), ("ThreadID", str(thread_id)),
                                        ("Module", str(XCP_MODULE)), ("Level", str(level))]
    if code_location is not None:
        fields.append(("CodeLocation", str(code_location)))
    fields.append(("Detail", detail.replace('"', "'")))
    return LogLine(ms, host, str(XCP_PROCESS), f"{XCP_PROCESS}[{pid}]:", tuple(fields),
                   secrets=tuple((s, str(SECRET_MASK)) for s in secrets if len(s) >= 8))


def deliver_detail(type_: int, host: str, packet: str) -> str:
    """The ``DELIVER`` detail: packet ``type`` (8 routed in, 1 result out) to component ``host``."""
    return DELIVER_DETAIL.format(type=type_, host=host, packet=packet)


# ==== packets inside DELIVER details =============================================================
def sasl_route_packet(auth: str, cm: str, xdb_id: str, element: str, mechanism: str,
                      body: str) -> str:
    """A client's ``<auth>``/``<response>`` routed from the connection manager ``cm`` to the
    auth component ``auth`` inside an xdb ``set``; ``body`` is the escaped SASL payload [U]."""
    attr = f"mechanism='{escape_attr(mechanism)}' " if element == "auth" else ""
    return (f"<route type='redirect' to='{auth}' from='{cm}'><xdb from='{cm}' "
            f"id='{xdb_id}' ns='' to='' type='set'>"
            f"<{element} {attr}xmlns='{NS_SASL}'>{body}</{element}></xdb></route>")


def sasl_result_packet(auth: str, cm: str, xdb_id: str, reply: str) -> str:
    """The auth component's xdb ``result`` carrying its SASL ``reply`` back to ``cm`` [U]."""
    return f"<xdb from='{auth}' id='{xdb_id}' ns='' to='{cm}' type='result'>{reply}</xdb>"


def mechanisms_query_packets(imp_host: str, requester: str, jid: str, xdb_id: str,
                             mechanisms: Iterable[str]) -> list[tuple[int, str, str]]:
    """The seed's two DELIVER packets when ``requester`` (an Expressway-C) asks the auth
    component of ``imp_host`` for the SASL mechanisms: the xdb ``get`` routed in (type 8) and the
    ``result`` (type 1), as ``(type, component, packet)``."""
    auth = component_name(AUTH_COMPONENT, imp_host)
    conn = component_name(CONNECT_AUTH_COMPONENT, requester)
    sdns = component_name(SDNS_COMPONENT, requester)
    j = escape_attr(jid)
    get = (f"<route type='redirect' to='{auth}' from='{sdns}'><xdb from='{conn}' "
           f"id='{xdb_id}' ns='' to='{j}' type='get'><jid>{j}</jid></xdb></route>")
    names = "".join(f"<mechanism>{m}</mechanism>" for m in mechanisms)
    result = (f"<xdb from='{j}' id='{xdb_id}' ns='' to='{conn}' type='result'><jid>{j}</jid>"
              f"<mechanisms xmlns='{NS_SASL}'>{names}<hostname xmlns='{NS_DOMAIN_BASED_NAME}'>"
              f"{imp_host}</hostname></mechanisms></xdb>")
    return [(8, auth, get), (1, conn, result)]


# ==== the parser: XCP_JABBERD lines back into records and LogLines ===============================
#: product and grammar ids of the parsed lines (IM&P's XCP router; FORMATS.md §1.6)
PRODUCT = "imp"
NAME = "imp-xcp"
_XCP_LINE = re.compile(rf"(?:(?P<stamp>{kv.ISO})[ \t]+)?(?:(?P<host>[^\s:]+)[ \t]+)?"
                       rf"{re.escape(XCP_PROCESS)}\[(?P<pid>\d+)\]:[ \t]*(?P<rest>.*)", re.S)


class XcpGrammar(LineGrammar):
    """``[<ISO time> <host>] XCP_JABBERD[<pid>]: UTCTime="…" ThreadID="…" Module="Jabber"
    Level="…" [CodeLocation="…"] Detail="…"`` (seed article, S17; FORMATS.md §1.1).

    The grammar is the real one of Expressway's XCP router; on IM&P no real XCP Authentication
    or Connection Manager line is published (FORMATS.md §1.6 [U]), so the IM&P lines this parses
    back are the simulator's modelled ones, and records say so (``extra["modelled"]``). A
    ``Detail`` left open at the end of a line (the seed prints a packet over several lines)
    takes the indented or ``<``-led lines after it. Fields: every ``Key="value"`` pair, in
    order; ``time`` is ``UTCTime`` (UTC), else the leading time (with its offset).
    """

    name = NAME
    product = PRODUCT
    opening = _XCP_LINE
    modelled = True

    def continues(self, lines: Sequence[str], line: str) -> bool:
        open_detail = 'Detail="' in lines[0] and not lines[-1].rstrip().endswith('"')
        return open_detail and line[:1] in (" ", "\t", "<")

    def parse(self, lines: Sequence[str], source: str, line: int, state: ReadState) -> Record:
        m = _XCP_LINE.match("\n".join(lines))
        if m is None:
            raise ValueError(f"not an {XCP_PROCESS} line")
        fields = kv.pairs(m["rest"])
        values = dict(fields)
        when = kv.utc_time(values.get("UTCTime", ""))
        if when is None and m["stamp"]:
            when = kv.iso_time(m["stamp"])
        return Record(source, line, tuple(lines), self.product, self.name, time=when,
                      host=m["host"], process=str(XCP_PROCESS),
                      level=values.get("Level", "").strip() or None,
                      component=values.get("Module"), fields=tuple(fields),
                      text=values.get("Detail", m["rest"]), block=tuple(lines[1:]),
                      extra={"pid": int(m["pid"]), "modelled": self.modelled,
                             "stamp": m["stamp"]})


XCP = XcpGrammar()
#: IM&P's Tomcat log4j files, read with the ssosp grammar (module docstring) [U]
IMP_LOG4J = log4j_grammar("imp-log4j", PRODUCT)
#: this module's grammars, most specific first
GRAMMARS = (XCP,)


def to_logline(record: Record, host: str | None = None) -> LogLine:
    """The simulator's :class:`LogLine` for a parsed XCP_JABBERD ``record``, so that views show
    parsed and simulated lines alike. ``host`` is the full host name (a line shows only the
    short one); ``UTCTime`` is left to the renderer when it agrees with the record's time. The
    renderer writes the lab's zone (UTC), so a real line with another offset renders in UTC; a
    secret the product printed masked stays masked. A
    :class:`~uclab.core.errors.ConfigError` names what is missing."""
    if record.grammar != NAME or record.time is None:
        raise ConfigError(f"not a timed {NAME} record: {record.where}")
    ms = kv.ms_of(record.time)
    utc = _utc_text(ms)
    fields = tuple((k, None if k == "UTCTime" and v == utc else v) for k, v in record.fields)
    pid = record.extra.get("pid", 0)
    return LogLine(ms, host or record.host or "", str(XCP_PROCESS), f"{XCP_PROCESS}[{pid}]:",
                   fields)


def _utc_text(ms: int) -> str:
    dt = datetime.fromtimestamp(ms / 1000, tz=UTC)
    return dt.strftime("%Y-%m-%d %H:%M:%S,") + f"{ms % 1000:03d}"
