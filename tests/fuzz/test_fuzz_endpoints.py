"""No crash on any HTTP input (issue 12 item 1; checklist C5, K1, F8): every node of a
configured lab, any method, path, query, form, headers and body, and MRA-proxied paths with any
host, scheme and port. The answer is a response below 500 (or a transport error the network
reports, as a real network would), never an unhandled exception, never Python's error text in
a body, and every error response carries ``Cache-Control: no-store``."""

from __future__ import annotations

from urllib.parse import quote, urlencode

import pytest
from _fuzz import INTERNAL, examples
from hypothesis import given
from hypothesis import strategies as st

from uclab import Lab, facts
from uclab.core.wire import Request
from uclab.protocols.edge_urls import b64url, edge_url, proxied_url
from uclab.sim.expressway.intrusion import IntrusionProtection


@pytest.fixture(scope="module")
def lab() -> Lab:
    lab = Lab(seed="fuzz-endpoints")
    lab.configure_oauth()
    jabber = lab.jabber("alice")
    assert jabber.sign_in()
    lab.fuzz_token = jabber.tokens.access_token  # type: ignore[attr-defined]
    return lab


PATHS = [str(p) for p in (
    facts.SSOSP_AUTHORIZE, facts.SSOSP_TOKEN, facts.SSOSP_LOGIN, facts.SSOSP_AUTHORIZE_PROXY,
    facts.SSOSP_REVOKE, facts.LAB_METADATA, facts.LAB_JWKS, facts.UDS_CLUSTER_USER,
    facts.UDS_USER_DEVICES.format(user="alice"), facts.OAUTH_CALLBACK, facts.VMREST_BASE)]
EDGE_REQUESTS = [str(r) for r in (facts.GET_EDGE_SSO, facts.GET_EDGE_CONFIG, facts.EDGE_AUTHORIZE,
                                  facts.EDGE_LOCAL_AUTH, facts.EDGE_TOKEN_REQUEST)]
FIELDS = ["client_id", "response_type", "redirect_uri", "scope", "state", "code", "grant_type",
          "refresh_token", "username", "password", "j_username", "j_password", "request_id",
          "access_token", "user_id", "service_name", "code_challenge", "x"]
text = st.text(max_size=40)
values = st.one_of(text, st.sampled_from(["", "alice", "authorization_code", "refresh_token",
                                          "code", "token", "openid", "%", "%zz", "\x00"]))
pairs = st.lists(st.tuples(st.sampled_from(FIELDS) | text, values), max_size=6)
header_names = st.sampled_from(["Authorization", "Content-Type", "X-Credentials", "Cookie",
                                "X-Forwarded-For", "Accept", "Host", "Content-Length",
                                "X-Stream-Id", "Origin"])
header_values = st.one_of(
    st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=60),
    st.sampled_from(["Bearer ", "Basic ", "Basic !!!", "Basic YWxpY2U=", "bearer x.y.z",
                     "application/x-www-form-urlencoded", "application/json", "text/xml"]))


@st.composite
def bodies(draw) -> bytes:
    kind = draw(st.sampled_from(["form", "bytes", "json", "empty"]))
    if kind == "form":
        return urlencode(draw(pairs)).encode()
    if kind == "json":
        return b'{"a": [' * draw(st.integers(0, 3000)) + b"1"
    if kind == "bytes":
        return draw(st.binary(max_size=200))
    return b""


def _target(lab: Lab, draw) -> str:
    kind = draw(st.sampled_from(["node", "edge", "proxied", "proxied-raw"]))
    query = draw(st.one_of(st.just(""), pairs.map(urlencode),
                           text.map(lambda t: quote(t, safe="=&%"))))
    suffix = f"?{query}" if query else ""
    if kind == "node":
        host = draw(st.sampled_from(sorted(lab.network.nodes)))
        node = lab.network.nodes[host]
        port = draw(st.sampled_from(node.ports))
        scheme = draw(st.sampled_from(getattr(node, "schemes", ("https",))))
        path = draw(st.sampled_from(PATHS) | text.map(lambda t: "/" + quote(t)))
        return f"{scheme}://{host}:{port}{path}{suffix}"
    domain = draw(st.sampled_from([lab.domain, "example.org", ""]))
    if kind == "edge":
        request = draw(st.sampled_from(EDGE_REQUESTS) | text.map(quote))
        return edge_url(lab.edge.host, domain, request) + suffix
    host = draw(st.sampled_from([lab.cucm.publisher.host, lab.imp.host, lab.unity.host,
                                 lab.expc.host, "evil.example.net", "127.0.0.1", ""]))
    scheme = draw(st.sampled_from(["https", "http", "xmpp", "ftp", "HTTPS", "", "a b"]))
    port = draw(st.sampled_from([8443, 443, 80, 5222, 1, 65535, 9999]))
    path = draw(st.sampled_from(PATHS) | text.map(quote)).lstrip("/")
    if kind == "proxied":
        return proxied_url(lab.edge.host, domain, scheme, host, port, path) + suffix
    raw = draw(st.sampled_from([f"{domain}/{scheme}/{host}/{port}", f"{domain}/{scheme}/{host}",
                                f"{domain}/{scheme}/{host}/0{port}", f"{domain}///", "////"]))
    return f"https://{lab.edge.host}:{facts.EDGE_HTTPS_PORT}/{b64url(raw)}/{path}{suffix}"


def _check(lab: Lab, req: Request) -> None:
    lab.edge.intrusion = IntrusionProtection()  # each example starts unblocked
    before = len(lab.exchanges)
    ex = lab.network.send("fuzzer", req)
    for hop in lab.exchanges[before:]:
        assert "exception" not in hop.metadata, (hop.summary(), hop.metadata)
    if ex.response is None:
        assert ex.error  # the network's own report (unknown host, closed port), not a crash
        return
    resp = ex.response
    assert resp.status < 500, (ex.summary(), resp.text[:300])
    assert not INTERNAL.search(resp.text), resp.text[:300]
    if resp.status >= 400:
        assert "no-store" in (resp.headers.get("cache-control") or ""), (ex.summary(),
                                                                         resp.headers.items())


@examples(300)
@given(st.data())
def test_any_http_request_gets_a_clean_answer(lab: Lab, data) -> None:
    url = _target(lab, data.draw)
    method = data.draw(st.sampled_from(["GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS",
                                        "XMPP", "get", "BREW"]))
    headers = data.draw(st.lists(st.tuples(header_names, header_values), max_size=5))
    if data.draw(st.booleans()):
        headers.append(("Authorization", f"Bearer {lab.fuzz_token}"))  # type: ignore[attr-defined]
    _check(lab, Request.make(method, url, headers, data.draw(bodies())))


def test_a_huge_body_gets_413_with_no_store(lab: Lab) -> None:
    """K1 / C5: the size cap answers before any node, and the answer is not cacheable."""
    url = f"https://{lab.cucm.publisher.host}:{facts.CUCM_HTTPS_PORT}{facts.SSOSP_TOKEN}"
    ex = lab.network.send("fuzzer", Request.make("POST", url, {}, b"a" * (1 << 21)))
    assert ex.response is not None and ex.response.status == 413
    assert ex.response.headers.get("cache-control") == "no-store"


@pytest.mark.parametrize(("scheme", "port"), [("https", 9999), ("http", 8443), ("ftp", 21),
                                              ("xmpp", 5222)])
def test_a_proxied_path_to_a_port_or_scheme_nobody_serves_is_403_without_internals(
        lab: Lab, scheme: str, port: int) -> None:
    url = proxied_url(lab.edge.host, lab.domain, scheme, lab.cucm.publisher.host, port,
                      "cucm-uds/users")
    ex = lab.network.send("fuzzer", Request.make(
        "GET", url, {"Authorization": f"Bearer {lab.fuzz_token}"}))  # type: ignore[attr-defined]
    assert ex.response is not None and ex.response.status == 403, ex.response
    assert "listen" not in ex.response.text and "refused" not in ex.response.text
    assert ex.response.headers.get("cache-control") == "no-store"
