"""XCP_JABBERD lines: the XCP router's log on IM&P and on Expressway (seed article; S17).

Field order ``UTCTime ThreadID Module Level CodeLocation Detail`` and the ``DELIVER: type:..,
host:.., packet:..`` detail are the seed article's Expressway-C lines (the same XCP code base
runs on IM&P); component names, xdb ids and the ``XXXXXXX`` payload mask are field
observations [U]. No real XCP Authentication or Connection Manager line of IM&P is published,
so the IM&P lines are modelled on the Expressway grammar, and the auth-outcome texts are lab
wording (each Fact says which).
"""

from __future__ import annotations

from collections.abc import Iterable

from uclab import facts
from uclab.core.entropy import Entropy
from uclab.protocols.xmpp import NS_SASL, escape_attr
from uclab.trace.logline import LogLine

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
