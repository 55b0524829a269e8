"""uclab.sim.imp as a package: the names ``from uclab.sim.imp import ...`` offered before the
split are still there, and the moved ones are the lower layers' own objects, not copies."""

import uclab.sim.imp as imp
from uclab import facts
from uclab.protocols import xmpp
from uclab.trace.dialects import imp_xcp


def test_every_exported_name_resolves():
    assert sorted(imp.__all__) == sorted(set(imp.__all__))
    assert [n for n in imp.__all__ if not hasattr(imp, n)] == []


def test_moved_names_are_the_lower_layers_objects():
    for name in ("STREAM_HEADER", "XmppReply", "features_xml", "parse_reply",
                 "stream_open", "auth_stanza", "response_stanza", "abort_stanza"):
        assert getattr(imp, name) is getattr(xmpp, name), name
    for name in ("xcp_jabberd_line", "deliver_detail", "component_name"):
        assert getattr(imp, name) is getattr(imp_xcp, name), name


def test_product_names_are_the_registry_entries():
    for name in ("NS_SASL", "XCP_PROCESS", "DELIVER_DETAIL", "SECRET_MASK", "NS_DOMAIN_BASED_NAME",
                 "SVC_XCP_AUTH", "EPAS_PATH", "OAUTHBEARER_CONDITION", "XMPP_PORT"):
        assert getattr(imp, name) is getattr(facts, name), name
    assert imp.HTTPS_PORT is facts.IMP_HTTPS_PORT
    assert imp.OTP_TTL_SECONDS is facts.EPAS_OTP_TTL_SECONDS
