"""What the Unity Connection tests share: URLs, the S12/S14 texts as literals (so a retyped
constant fails), a lab with a CUC node, and the Bearer inbox request."""

import pytest

from uclab.lab import AXL_USER, LAB_PASSWORD
from uclab.sim.unity import AuthzServerError, UnityConnection
from uclab.testing import make_lab

CUCM = "cucm-pub.example.com"
INBOX = "https://cuc-pub.example.com/vmrest/mailbox/folders/inbox/messages"
LIST = "https://cuc-pub.example.com/vmrest/authz/server/"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
MSG_NETWORK = ("Failed to connect to Authz Server. Check network connectivity with Authz "
               "Server. For more details, check error log")
MSG_CONNECT = "Failed to connect to Authz Server"
MSG_AUTH = "Not authorized - Invalid Username or Password"
MSG_CERT = ("Failed to validate certificates. Make sure proper tomcat certificates are "
            "uploaded for the Authz Server")
MSG_NOT_YET = ("Failed to validate certificates. Tomcat certificates uploaded for the Authz "
               "Server are not yet valid")
MSG_EXPIRED = ("Failed to validate certificates. Tomcat certificates uploaded for the Authz "
               "Server have expired")


def cuc_lab(seed=1, *, add=True, oauth=True, **lab_kw):
    lab = make_lab(seed, **lab_kw)
    cuc = UnityConnection(lab.ctx, admin_password=LAB_PASSWORD)
    if add:
        cuc.upload_tomcat_trust(CUCM)
        cuc.add_authz_server("CUCM Pub", CUCM, AXL_USER, LAB_PASSWORD)
    if oauth:
        cuc.enable_refresh_logins()
    return lab, cuc


def inbox(lab, token):
    return lab.session("jabber").get(INBOX, headers={"Authorization": f"Bearer {token}"})


def failed_add(cuc, **over):
    """Add New with ``over`` changed, which must fail with an S12 page error."""
    args = {"display_name": "CUCM Pub", "server_node_address": CUCM, "username": AXL_USER,
            "password": LAB_PASSWORD}
    args.update(over)
    with pytest.raises(AuthzServerError) as info:
        cuc.add_authz_server(**args)
    assert cuc.authz_servers == []  # the New page keeps nothing on an error
    return info.value
