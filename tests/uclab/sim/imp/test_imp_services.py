"""uclab.sim.imp.services and the node's CLI: exact service names, what a restart drops, and
the key commands IM&P refuses (S5, S35)."""

import pytest
from imp_helpers import imp_of, send

import uclab
from uclab.protocols.xmpp import stream_open
from uclab.sim.imp.services import SVC_XCP_CM
from uclab.testing import make_lab


def test_restart_service_names():
    lab = make_lab(55)
    imp = imp_of(lab)
    with pytest.raises(uclab.ConfigError, match="did you mean 'Cisco XCP Authentication Service'"):
        imp.restart_service("cisco xcp authentication service")
    with pytest.raises(uclab.ConfigError, match="known: Cisco XCP Authentication Service; "
                                                "Cisco XCP Connection Manager; Cisco XCP Router"):
        imp.restart_service("XCP Auth")
    send(lab, stream_open("example.com"))
    assert "1 XMPP stream(s) dropped" in imp.restart_service(SVC_XCP_CM)
    assert imp.streams == {}
    with pytest.raises(uclab.ConfigError, match="runs on the CUCM publisher"):
        imp.cli("set key regen authz signing")
    with pytest.raises(uclab.ConfigError, match="'signing' or 'encryption'"):
        imp.show_key("both")
