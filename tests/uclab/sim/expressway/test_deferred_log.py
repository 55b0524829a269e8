"""Expressway's deferred HTTP lines are the dialect's eager lines, line for line."""

from __future__ import annotations

import pytest

from uclab import Lab
from uclab.core.wire import Request, Response
from uclab.sim.expressway.deferred_log import LINES, DeferredExpresswayLog, LazySecrets
from uclab.trace.dialects import expressway as xlog
from uclab.trace.dialects.expressway import ExpresswayLog


def _login_lines(eager: bool, monkeypatch: pytest.MonkeyPatch) -> list:
    if eager:  # every Expressway method writes at once, as the dialect does
        for name in LINES:
            monkeypatch.setattr(DeferredExpresswayLog, name, getattr(ExpresswayLog, name))
    lab = Lab(seed="deferred-log")
    lab.configure_oauth()
    assert lab.jabber("alice").sign_in()
    lab.jabber("bob", password="wrong").sign_in()
    return list(lab.logs)


def test_a_login_logs_the_same_lines_deferred_or_eager(monkeypatch: pytest.MonkeyPatch) -> None:
    deferred = _login_lines(False, monkeypatch)
    with monkeypatch.context() as m:
        eager = _login_lines(True, m)
    assert len(deferred) == len(eager) > 40
    assert [ln.to_state() for ln in deferred] == [ln.to_state() for ln in eager]
    assert [ln.render() for ln in deferred] == [ln.render() for ln in eager]


@pytest.mark.parametrize("method", sorted(LINES))
def test_the_reserved_line_counts_match_the_dialect(method: str) -> None:
    """LINES is how many lines each deferred method reserves: count what the dialect writes."""
    out: list = []
    log = ExpresswayLog("expc.example.com", 1, lambda: 0, out.append)
    req = Request.make("POST", "https://expc.example.com:8443/x", {"Content-Type": "text/xml"},
                       b"<a/>")
    resp = Response.make(200, "<b/>", {"Content-Type": "application/xml"})
    args = {"receive": (1, req, []), "respond": (1, req, resp, []),
            "http_send": (xlog.MOD_ECP, req, []),
            "http_received": (xlog.MOD_ECP, "https://x", resp, [])}[method]
    getattr(log, method)(*args)
    assert len(out) == LINES[method]


def test_lazy_secrets_are_the_request_secrets() -> None:
    req = Request.make("POST", "https://expc.example.com:8443/x",
                       {"Authorization": "Basic YWxpY2U6cHc="},
                       {"password": "pa ss", "code": "abc", "other": "x"})
    lazy = LazySecrets(req)
    assert list(lazy) == xlog.request_secrets(req)
    extra = [("tail-secret", "X")]
    assert list(lazy + extra) == xlog.request_secrets(req) + extra
    assert list(LazySecrets(req) + extra) == xlog.request_secrets(req) + extra
    assert lazy + [] is lazy and len(lazy) == len(xlog.request_secrets(req))
    assert lazy == xlog.request_secrets(req)
