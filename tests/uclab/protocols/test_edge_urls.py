"""uclab.protocols.edge_urls: the MRA URL forms on Expressway-E (S18, S17, S19)."""

import pytest

import uclab
from uclab.protocols.edge_urls import (
    EdgeTarget,
    b64url,
    edge_url,
    parse_edge_path,
    proxied_url,
    unb64url,
)

# S18: the config request of a TC endpoint, domain "tbtp.com"
S18_DOMAIN = "dGJ0cC5jb20"
# S19: a TFTP file proxied through the edge for domain hpcl.co.in
S19_TARGET = "hpcl.co.in/http/10.15.0.33/6970"
S19_SEGMENT = "aHBjbC5jby5pbi9odHRwLzEwLjE1LjAuMzMvNjk3MA"


def test_b64url_of_the_s18_domain():
    assert b64url("tbtp.com") == S18_DOMAIN
    assert unb64url(S18_DOMAIN) == "tbtp.com"


def test_b64url_of_the_s19_proxied_target():
    assert b64url(S19_TARGET) == S19_SEGMENT
    assert unb64url(S19_SEGMENT) == S19_TARGET


def test_b64url_is_urlsafe_and_unpadded():
    assert b64url("example.com") == "ZXhhbXBsZS5jb20"  # "ZXhhbXBsZS5jb20=" padded
    assert b64url("a") == "YQ"
    assert b64url("\xfb\xff") == "w7vDvw"  # "+" and "/" become "-" and "_" when they occur
    assert b64url("\u00fe\u00ff?") == "w77Dvz8"
    assert b64url("??>") == "Pz8-" and unb64url("Pz8-") == "??>"
    assert b64url("???") == "Pz8_" and unb64url("Pz8_") == "???"


def test_edge_url_and_proxied_url():
    assert edge_url("expe.tbtp.com", "tbtp.com", "/get_edge_config/") == (
        f"https://expe.tbtp.com:8443/{S18_DOMAIN}/get_edge_config/")
    assert edge_url("e", "tbtp.com", "get_edge_sso", port=9443) == (
        f"https://e:9443/{S18_DOMAIN}/get_edge_sso")
    assert proxied_url("expe.hpcl.co.in", "hpcl.co.in", "http", "10.15.0.33", 6970,
                       "/Jabber/update.xml") == (
        f"https://expe.hpcl.co.in:8443/{S19_SEGMENT}/Jabber/update.xml")


def test_parse_edge_path_plain():
    target = parse_edge_path(f"/{S18_DOMAIN}/get_edge_config/?service_name=_cisco-uds")
    assert target == EdgeTarget("tbtp.com", rest="get_edge_config/?service_name=_cisco-uds")
    assert not target.proxied
    assert (target.scheme, target.host, target.port) == (None, None, None)
    assert parse_edge_path(S18_DOMAIN) == EdgeTarget("tbtp.com", rest="")


def test_parse_edge_path_proxied():
    target = parse_edge_path(f"/{S19_SEGMENT}/Jabber/update.xml")
    assert target == EdgeTarget("hpcl.co.in", "http", "10.15.0.33", 6970, "Jabber/update.xml")
    assert target.proxied
    upper = parse_edge_path("/" + b64url("example.com/https/CUCM-PUB.example.com/8443") + "/x")
    assert upper.host == "cucm-pub.example.com"  # host names compare case-insensitively


@pytest.mark.parametrize("segment", ["A", "ZXhhbXBsZS5jb20!", "ZXhh.bXBsZS5jb20", "_w",
                                     "!!!", "@@@@", "ZXhh+bXBs", "__8"])
def test_bad_base64_is_an_invalid_request(segment):
    with pytest.raises(uclab.InvalidRequest, match="is not base64url text") as err:
        parse_edge_path(f"/{segment}/get_edge_sso")
    assert err.value.error == "invalid_request"


@pytest.mark.parametrize("decoded", [
    "hpcl.co.in/http/10.15.0.33",          # no port
    "hpcl.co.in/http/10.15.0.33/6970/x",   # one part too many
    "hpcl.co.in/10.15.0.33/6970",          # no scheme
    "hpcl.co.in/http/10.15.0.33/tftp",     # port not a number
    "hpcl.co.in/http/10.15.0.33/-1",
    "hpcl.co.in/http/10.15.0.33/0",        # outside 1-65535
    "hpcl.co.in/http/10.15.0.33/65536",
    "hpcl.co.in/http/10.15.0.33/99999",
    "hpcl.co.in/http/10.15.0.33/\u00b2",   # str.isdigit() is True, int() refuses it
    "hpcl.co.in/http//6970",               # empty host
    "hpcl.co.in//10.15.0.33/6970",         # empty scheme
])
def test_bad_proxied_target_is_an_invalid_request(decoded):
    with pytest.raises(uclab.InvalidRequest, match="is not domain/scheme/host/port"):
        parse_edge_path(f"/{b64url(decoded)}/Jabber/update.xml")


@pytest.mark.parametrize("port", [1, 65535])
def test_proxied_port_bounds(port):
    assert parse_edge_path(f"/{b64url(f'a.com/https/h/{port}')}/x").port == port


def test_empty_segment_and_non_utf8_are_invalid_requests():
    for segment in ("", "__4"):  # "__4" is base64url of b"\xff\xfe", not UTF-8 text
        with pytest.raises(uclab.InvalidRequest, match="is not base64url text"):
            unb64url(segment)


@pytest.mark.parametrize("decoded", ["example.com/https/cucm-pub.example.com/99999",
                                     "example.com/https/cucm-pub.example.com/0"])
def test_edge_answers_a_bad_port_with_400_not_500(decoded):
    lab = uclab.Lab(seed=1)
    lab.configure_oauth()
    url = f"https://expe.example.com:8443/{b64url(decoded)}/cucm-uds/user/alice/devices"
    resp = lab.session("tester").get(url, auth=("alice", uclab.LAB_PASSWORD))
    assert resp.status_code == 400
    assert resp.json()["error"] == "invalid_request"
    assert "is not domain/scheme/host/port" in resp.json()["error_description"]
    assert not any(e.src == "expc" and e.dst == "cucm-pub" and e.request.path.startswith(
        "/cucm-uds/user/") for e in lab.exchanges)  # nothing was proxied
