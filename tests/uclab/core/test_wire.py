"""uclab.core.wire: requests, responses, exchanges, strict parameter parsing."""

import base64

import pytest

from uclab.core.errors import InvalidRequest
from uclab.core.wire import Exchange, Headers, Params, Request, Response


def test_headers_case_insensitive_and_repeatable():
    h = Headers([("Set-Cookie", "a"), ("set-cookie", "b"), ("X", "1")])
    assert h.get("SET-COOKIE") == "a"
    assert h.get_all("set-cookie") == ["a", "b"]
    h.set("x", "2")
    assert h["X"] == "2" and "x" in h and len(h) == 3


def test_request_parts():
    r = Request.make("get", "https://Host.Example.com:8443/a/b?x=1&y=2#frag")
    assert (r.method, r.host, r.port, r.path, r.query_string) == \
        ("GET", "host.example.com", 8443, "/a/b", "x=1&y=2")
    assert r.target == "/a/b?x=1&y=2"
    assert r.query.get("y") == "2"


def test_repeated_parameter_is_invalid_request():
    with pytest.raises(InvalidRequest, match="included 2 times"):
        Params.parse("scope=a&scope=b").get("scope")


def test_require_names_the_missing_parameter():
    with pytest.raises(InvalidRequest, match="'code'"):
        Params.parse("a=1").require("code")


def test_form_needs_form_content_type():
    r = Request.make("POST", "https://h/", {"Content-Type": "application/json"}, b"{}")
    with pytest.raises(InvalidRequest, match="application/x-www-form-urlencoded"):
        r.form()


def test_form_parsing():
    r = Request.make("POST", "https://h/", None, {"a": "1", "b": "two words"})
    assert r.form().get("b") == "two words"


def test_non_utf8_form_is_refused():
    r = Request.make("POST", "https://h/", {"Content-Type": "application/x-www-form-urlencoded"},
                     b"a=\xff\xfe")
    with pytest.raises(InvalidRequest, match="UTF-8"):
        r.form()


def test_basic_auth():
    value = base64.b64encode(b"user:pa:ss").decode()
    r = Request.make("GET", "https://h/", {"Authorization": f"Basic {value}"})
    assert r.basic_auth() == ("user", "pa:ss")
    assert Request.make("GET", "https://h/").basic_auth() is None
    bad = Request.make("GET", "https://h/", {"Authorization": "Basic !!!"})
    with pytest.raises(InvalidRequest, match="base64"):
        bad.basic_auth()


def test_response_make_json_and_text():
    r = Response.make(400, {"error": "x"})
    assert r.json() == {"error": "x"} and r.headers["content-type"].startswith("application/json")
    assert Response.make(200, "<p>").text == "<p>"


def test_exchange_summary_and_state():
    ex = Exchange(1, "jabber", "cucm-pub", Request.make("GET", "https://h/x"),
                  Response.make(200, b"ok"))
    assert ex.summary() == "jabber -> cucm-pub: GET /x -> 200"
    state = ex.to_state()
    assert state["response"]["status"] == 200 and state["request"]["url"] == "https://h/x"
    failed = Exchange(2, "a", "b", Request.make("GET", "https://h/"), error="refused")
    assert failed.summary().endswith("-> refused")
