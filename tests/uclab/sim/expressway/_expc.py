"""Helpers shared by the Expressway-C tests: edge URLs, the seed's get_edge_sso body, a mixed
rollout, and the hops Expressway-C made."""

from uclab.lab import AXL_USER, LAB_PASSWORD
from uclab.protocols.edge_urls import edge_url, proxied_url

EDGE = "expe.example.com"
UDS_PATH = "cucm-uds/user/{}/devices"
OAUTH_REFRESH = "Authorize by OAuth token with refresh"
USER_CREDS = "Authorize by user credentials"


def sso_body(status: bool, reuse: bool) -> str:
    """The get_edge_sso answer (seed article)."""
    return ("<?xml version='1.0' encoding='UTF-8'?>\n<SSOResult version=\"1.0\">\n"
            f"  <Status enabled=\"{str(status).lower()}\"/>\n"
            f"  <Token reuse=\"{str(reuse).lower()}\"/>\n</SSOResult>")


def mixed(lab):
    """A second cluster still on 11.5(1)SU2 (no refresh logins) with dave homed on it."""
    old = lab.add_cluster("cucm2", "11.5(1)SU2")
    old.users.add_ldap("dave", LAB_PASSWORD)
    lab.expc.add_ucm_server(old.publisher.host, AXL_USER, LAB_PASSWORD)
    lab.expc.refresh_servers()
    return old


def get_edge_sso(lab, email=None):
    url = edge_url(EDGE, lab.domain, "get_edge_sso")
    return lab.session("tester").get(url, params={"email": email} if email else None)


def uds(lab, user="alice", host="cucm-pub.example.com", **kwargs):
    url = proxied_url(EDGE, lab.domain, "https", host, 8443, UDS_PATH.format(user))
    return lab.session("tester").get(url, **kwargs)


def bearer(token):
    return {"headers": {"Authorization": f"Bearer {token}"}}


def hops_from(lab, start, src="expc"):
    return [(e.dst, e.request.method, e.request.path) for e in lab.exchanges[start:]
            if e.src == src]

