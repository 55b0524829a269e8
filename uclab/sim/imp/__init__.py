"""IM and Presence Service (IM&P): XCP authentication over XMPP SASL, the node's AuthZ key
copies, EPAS one-time tokens, and the centralized deployment (S2, S3, S15, S26-S28, seed).

One concern per module:

* :mod:`.node` — :class:`ImpNode`: ports, wiring, service restarts;
* :mod:`.services` — the Serviceability service names (S35) and their lookup;
* :mod:`.streams` — XMPP streams and SASL negotiation on them (RFC 6120 §4, §6.4);
* :mod:`.sasl_service` — the mechanisms offered (S26, S27) and how each is checked;
* :mod:`.xcp_auth` — the XCP Authentication Service's key copies and token check (S2, S3, S5);
* :mod:`.epas` — EPAS SOAP one-time tokens for CISCO-VTG-TOKEN (S28);
* :mod:`.xcp_log` — the node's XCP_JABBERD lines;
* :mod:`.central` — System > Centralized Deployment (S15).

Below the node layer: stanza building and parsing in :mod:`uclab.protocols.xmpp`, the
XCP_JABBERD grammar in :mod:`uclab.trace.dialects.imp_xcp`, the product names and texts in
:mod:`uclab.facts`. All are re-exported here, so ``from uclab.sim.imp import ...`` keeps working
for every name it offered before the split (``HTTPS_PORT`` is the registry's IMP_HTTPS_PORT,
``OTP_TTL_SECONDS`` its EPAS_OTP_TTL_SECONDS).
"""

from uclab.facts import (
    AUTH_COMPONENT,
    AUTH_FAIL_DETAIL,
    AUTH_OK_DETAIL,
    AXL_AUTH_FAILED,
    BUTTON_ADD_NEW,
    BUTTON_SAVE_SYNC,
    CM_COMPONENT,
    CONNECT_AUTH_COMPONENT,
    DELIVER_DETAIL,
    DELIVER_LOCATION,
    EPAS_BAD_LOGIN,
    EPAS_INVALID,
    EPAS_NS,
    EPAS_OP_LOGIN,
    EPAS_OP_OTP,
    EPAS_PATH,
    EPAS_SHAPE,
    EPAS_SOAPACTION_LOGIN,
    FAILURE_TEXT,
    FIELD_AXL_PASSWORD,
    FIELD_AXL_USERNAME,
    FIELD_PEER_ADDRESS,
    MENU_CENTRALIZED,
    NS_DOMAIN_BASED_NAME,
    NS_SASL,
    NS_SOAP12,
    NS_STREAM_ERRORS,
    NS_STREAMS,
    OAUTHBEARER_CONDITION,
    SDNS_COMPONENT,
    SECRET_MASK,
    STATUS_SYNCHRONIZED,
    STATUS_UNSYNCHRONIZED,
    STREAM_HEADER_XML,
    SVC_CLIENT_PROFILE_AGENT,
    SVC_PRESENCE_ENGINE,
    SVC_SIP_PROXY,
    SVC_TOMCAT,
    SVC_XCP_AUTH,
    SVC_XCP_CM,
    SVC_XCP_ROUTER,
    UNSYNC_UP_TO,
    XCP_LEVEL_INFO,
    XCP_LEVEL_VBOSE,
    XCP_MODULE,
    XCP_PROCESS,
    XDB_AUTH_ID,
    XDB_QUERY_ID,
    XMPP_PORT,
)
from uclab.facts import EPAS_OTP_TTL_SECONDS as OTP_TTL_SECONDS
from uclab.facts import IMP_HTTPS_PORT as HTTPS_PORT
from uclab.protocols.xmpp import (
    STREAM_HEADER,
    XmppReply,
    abort_stanza,
    auth_stanza,
    features_xml,
    parse_reply,
    response_stanza,
    stream_open,
)
from uclab.sim.imp.central import CentralImpCluster, PeerEntry
from uclab.sim.imp.epas import epas_login_body, epas_otp_body, epas_result
from uclab.sim.imp.node import ImpNode
from uclab.sim.imp.services import SERVICES
from uclab.sim.imp.streams import MAX_STREAMS, XmppStream
from uclab.sim.imp.xcp_auth import KeyCopy
from uclab.trace.dialects.imp_xcp import component_name, deliver_detail, xcp_jabberd_line

__all__ = [
    "AUTH_COMPONENT", "AUTH_FAIL_DETAIL", "AUTH_OK_DETAIL", "AXL_AUTH_FAILED", "BUTTON_ADD_NEW",
    "BUTTON_SAVE_SYNC", "CM_COMPONENT", "CONNECT_AUTH_COMPONENT", "DELIVER_DETAIL",
    "DELIVER_LOCATION", "EPAS_BAD_LOGIN", "EPAS_INVALID", "EPAS_NS", "EPAS_OP_LOGIN",
    "EPAS_OP_OTP", "EPAS_PATH", "EPAS_SHAPE", "EPAS_SOAPACTION_LOGIN", "FAILURE_TEXT",
    "FIELD_AXL_PASSWORD", "FIELD_AXL_USERNAME", "FIELD_PEER_ADDRESS", "HTTPS_PORT",
    "MAX_STREAMS", "MENU_CENTRALIZED", "NS_DOMAIN_BASED_NAME", "NS_SASL", "NS_SOAP12",
    "NS_STREAMS", "NS_STREAM_ERRORS", "OAUTHBEARER_CONDITION", "OTP_TTL_SECONDS", "SDNS_COMPONENT",
    "SECRET_MASK", "SERVICES", "STATUS_SYNCHRONIZED", "STATUS_UNSYNCHRONIZED", "STREAM_HEADER",
    "STREAM_HEADER_XML", "SVC_CLIENT_PROFILE_AGENT", "SVC_PRESENCE_ENGINE", "SVC_SIP_PROXY",
    "SVC_TOMCAT", "SVC_XCP_AUTH", "SVC_XCP_CM", "SVC_XCP_ROUTER", "UNSYNC_UP_TO",
    "XCP_LEVEL_INFO", "XCP_LEVEL_VBOSE", "XCP_MODULE", "XCP_PROCESS", "XDB_AUTH_ID",
    "XDB_QUERY_ID", "XMPP_PORT", "CentralImpCluster", "ImpNode", "KeyCopy", "PeerEntry",
    "XmppReply", "XmppStream", "abort_stanza", "auth_stanza", "component_name", "deliver_detail",
    "epas_login_body", "epas_otp_body", "epas_result", "features_xml", "parse_reply",
    "response_stanza", "stream_open", "xcp_jabberd_line",
]
