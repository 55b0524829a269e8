"""uclab.sim.transport: a requests.Session into the lab, and LabClient sending what it sends."""

import string

import pytest
import requests
from hypothesis import given, settings
from hypothesis import strategies as st

from uclab.core.clock import Clock
from uclab.core.wire import Response
from uclab.sim.network import Network
from uclab.sim.transport import LabClient, basic_auth, lab_session
from uclab.testing import make_lab


def test_session_round_trip_and_headers():
    lab = make_lab(31)
    r = lab.session().get("https://cucm-pub.example.com:8443/ssosp/oauth/jwks")
    assert r.status_code == 200 and r.reason == "OK"
    assert r.headers["content-type"].startswith("application/json")
    assert r.json()["keys"][0]["kty"] == "RSA"


def test_unknown_host_raises_connection_error():
    lab = make_lab(32)
    with pytest.raises(requests.ConnectionError, match="could not resolve host"):
        lab.session().get("https://nowhere.example.com/")
    assert lab.exchanges[-1].error


def test_src_names_the_caller():
    lab = make_lab(33)
    lab.session("jabber").get("https://cucm-pub.example.com:8443/ssosp/oauth/jwks")
    assert lab.exchanges[-1].src == "jabber" and lab.exchanges[-1].dst == "cucm-pub"


# -- LabClient: the request requests would send, without requests ------------------------------




class Mirror:
    """Answers 200 with nothing, or, for ``/r/<status>/<n>``, redirects ``n`` more times."""

    host = "mirror.example.com"
    ports = (443, 80, 8443)
    schemes = ("https", "http")

    def handle(self, req):
        parts = req.path.split("/")
        if len(parts) >= 4 and parts[1] == "r" and parts[3] != "0":
            status, left = parts[2], int(parts[3]) - 1
            where = {"abs": f"https://mirror.example.com/r/{status}/{left}",
                     "rel": f"/r/{status}/{left}?q=a b", "other": "https://other.example.com/",
                     "frag": f"/r/{status}/{left}#f2"}[parts[4] if len(parts) > 4 else "abs"]
            return Response.make(int(status), b"moved", {"Location": where})
        return Response.make(200, {"path": req.path}, {"Set-Thing": "1"})


class Other(Mirror):
    host = "other.example.com"


def both():
    nets = []
    for _ in range(2):
        n = Network(Clock())
        n.attach(Mirror(), "mirror")
        n.attach(Other(), "other")
        nets.append(n)
    session = lab_session(nets[0], "me")
    session.headers.clear()
    session.headers.update({"Accept": "*/*", "User-Agent": "Jabber/14.3 (Windows;)"})
    return session, LabClient(nets[1], "me", session.headers), nets


def wire(net):
    return [(ex.request.method, ex.request.url, ex.request.headers.items(), ex.request.body,
             ex.response.status if ex.response else ex.error) for ex in net.exchanges]


text = st.text(string.ascii_letters + string.digits + " -_.~%/ü&=+:", max_size=12)
fields = st.dictionaries(st.sampled_from(["q", "a b", "ü", "x"]),
                         st.one_of(text, st.lists(text, max_size=2), st.none()), max_size=3)
headers = st.dictionaries(st.sampled_from(["X-A", "x-a", "Accept", "accept", "Content-Type",
                                           "Authorization"]),
                          st.one_of(st.text(string.ascii_letters + " /;=*", max_size=10),
                                    st.none()), max_size=3)


@settings(max_examples=200, deadline=None)
@given(method=st.sampled_from(["GET", "POST", "PUT", "DELETE", "HEAD"]),
       host=st.sampled_from(["mirror.example.com", "MIRROR.Example.com",
                             "u:p%40@mirror.example.com"]),
       path=st.sampled_from(["", "/", "/a/b", "/r/302/2", "/r/303/1", "/r/301/1/rel",
                             "/r/307/2", "/r/308/1/frag", "/r/302/1/other", "/a b/ü",
                             "/a/../b/./c", "/a%41%2f", "/x[1]", "/~a!$'()*+,;=:@"]),
       query=st.sampled_from(["", "?x=1", "?a=%20b", "?a=/./b", "#frag", "?q#f#g"]),
       port=st.sampled_from(["", ":8443", ":443"]),
       params=st.one_of(st.none(), fields), headers=headers,
       data=st.one_of(st.none(), fields, text, text.map(str.encode)),
       auth=st.one_of(st.none(), st.tuples(text, text)), allow_redirects=st.booleans())
def test_labclient_sends_what_requests_sends(method, host, path, query, port, params, headers,
                                             data, auth, allow_redirects):
    session, client, (net_r, net_c) = both()
    url = f"https://{host}{port}{path}{query}"
    kwargs = dict(params=params, data=data, headers=headers, auth=auth,
                  allow_redirects=allow_redirects)
    r = outcome(session.request, method, url, **kwargs)
    c = outcome(client.request, method, url, **kwargs)
    assert wire(net_c) == wire(net_r)
    assert c == r


def outcome(send, *args, **kwargs):
    """What a call gave, comparable across the two clients: the response fields, or the error."""
    try:
        resp = send(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - both must fail alike
        return type(exc)
    return (resp.status_code, resp.content, resp.url, dict(resp.headers), resp.reason, resp.ok,
            [h.status_code for h in resp.history])


def test_labclient_json_text_and_transport_errors():
    session, client, (net_r, net_c) = both()
    resp = client.get("https://mirror.example.com/x")
    assert resp.json() == {"path": "/x"} and resp.text == '{"path": "/x"}'
    assert resp.headers["set-thing"] == "1" and resp.exchange is net_c.exchanges[-1]
    with pytest.raises(ValueError):
        client.get("https://mirror.example.com/r/302/1", allow_redirects=False).json()
    with pytest.raises(requests.ConnectionError, match="could not resolve host"):
        client.get("https://nowhere.example.com/")
    with pytest.raises(requests.TooManyRedirects):
        client.get("https://mirror.example.com/r/302/40")


def test_basic_auth_is_latin1_like_requests():
    assert basic_auth("alice", "pässword") == requests.auth._basic_auth_str("alice", "pässword")
    with pytest.raises(UnicodeEncodeError):
        basic_auth("alice", "€")
