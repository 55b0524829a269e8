"""uclab.sim.network: routing by host, transport errors, recorded exchanges."""

from uclab.core.clock import Clock
from uclab.core.wire import Request, Response
from uclab.sim.network import Network


class Echo:
    host = "echo.example.com"
    ports = (443,)

    def handle(self, req):
        return Response.make(200, req.path)


class Broken(Echo):
    host = "broken.example.com"

    def handle(self, req):
        raise RuntimeError("secret internal detail")


def net():
    n = Network(Clock())
    n.attach(Echo(), "echo")
    n.attach(Broken(), "broken")
    return n


def test_routes_by_host_and_records():
    n = net()
    ex = n.send("me", Request.make("GET", "https://ECHO.example.com/hello"))
    assert ex.response.text == "/hello" and ex.dst == "echo" and ex.src == "me"
    assert n.exchanges == [ex] and ex.ended_ms > ex.started_ms


def test_unknown_host_and_closed_port_are_transport_errors():
    n = net()
    assert "could not resolve host" in n.send("me", Request.make("GET", "https://x.example/")).error
    assert "port 8443" in n.send("me", Request.make("GET", "https://echo.example.com:8443/")).error
    assert "does not speak http" in n.send("me", Request.make("GET", "http://echo.example.com:443/")).error


def test_node_exception_is_a_plain_500():
    ex = net().send("me", Request.make("GET", "https://broken.example.com/"))
    assert ex.response.status == 500 and "secret" not in ex.response.text
    assert "RuntimeError: secret internal detail" == ex.metadata["exception"]


def test_observer_sees_each_exchange():
    n = net()
    seen = []
    n.observers.append(seen.append)
    n.send("me", Request.make("GET", "https://echo.example.com/"))
    assert len(seen) == 1
