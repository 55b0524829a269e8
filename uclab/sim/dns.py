"""DNS SRV records (RFC 2782) as MRA uses them, with an inside and an outside view.

Jabber looks up ``_cisco-uds._tcp.<domain>`` (CUCM UDS, answered only inside the network) and
``_collab-edge._tls.<domain>`` (Expressway-E on 8443, published on the Internet) (S17, S33, S8);
which one answers tells Jabber whether it is inside or outside. Queries travel the lab network as
``SRV dns://<server>/<name>`` exchanges, so they show up in traces.

Several records of one name at the same (lowest) priority — two Expressway-E clusters behind one
``_collab-edge._tls`` name — are answered in turn: each query starts the group one record
further on (round robin), and the lab's Jabber takes the first answer. RFC 2782 §"Usage rules"
has the client pick among equal priorities at random by weight; how Jabber picks is not in the
sources, so the rotation is the lab's model [U]: it makes "which edge a user reaches"
deterministic (the first lookup reaches the first edge, the next one the second, ...).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from uclab.core.errors import ConfigError
from uclab.core.wire import Request, Response
from uclab.facts import DNS_PORT, SRV_CISCO_UDS, SRV_COLLAB_EDGE

__all__ = ["SRV_CISCO_UDS", "SRV_COLLAB_EDGE", "DnsServer", "SrvRecord", "parse_answers"]


@dataclass(frozen=True)
class SrvRecord:
    """One SRV answer: ``priority weight port target`` (RFC 2782)."""

    name: str
    priority: int
    weight: int
    port: int
    target: str

    def __str__(self) -> str:
        return f"{self.name} SRV {self.priority} {self.weight} {self.port} {self.target}."


class DnsServer:
    """A DNS server holding one view (internal or public) of the lab's SRV records."""

    ports = (DNS_PORT,)
    schemes = ("dns",)

    def __init__(self, host: str, view: str) -> None:
        self.host = host
        self.view = view
        self.records: dict[str, list[SrvRecord]] = {}
        #: queries answered so far per name with several records at the lowest priority
        self._turns: dict[str, int] = {}

    def add_srv(self, name: str, target: str, port: int, priority: int = 10,
                weight: int = 10) -> SrvRecord:
        labels = name.split(".")  # RFC 2782: _Service._Proto.Name
        if len(labels) < 3 or not all(labels) or not all(
                len(label) > 1 and label.startswith("_") for label in labels[:2]):
            raise ConfigError(f"{name!r} is not an SRV owner name like _service._proto.domain")
        if not 0 < port < 65536:
            raise ConfigError(f"SRV port {port} is out of range 1-65535")
        record = SrvRecord(name.lower(), priority, weight, port, target)
        self.records.setdefault(record.name, []).append(record)
        return record

    def remove_srv(self, name: str) -> None:
        self.records.pop(name.lower(), None)

    def lookup(self, name: str) -> list[SrvRecord]:
        return sorted(self.records.get(name.lower(), []), key=lambda r: (r.priority, -r.weight))

    def handle(self, req: Request) -> Response:
        if req.method != "SRV":
            return Response.make(400, {"rcode": "FORMERR", "detail": "only SRV queries"})
        name = req.path.strip("/")
        answers = self._in_turn(name.lower(), self.lookup(name))
        body = {"name": name, "rcode": "NOERROR" if answers else "NXDOMAIN",
                "answers": [r.__dict__ for r in answers]}
        return Response(200, body=json.dumps(body).encode())


    def _in_turn(self, name: str, answers: list[SrvRecord]) -> list[SrvRecord]:
        """The lowest-priority group rotated by one per query (round robin, lab model)."""
        top = [r for r in answers if answers and r.priority == answers[0].priority]
        if len(top) < 2:
            return answers
        turn = self._turns.get(name, 0)
        self._turns[name] = turn + 1
        k = turn % len(top)
        return top[k:] + top[:k] + answers[len(top):]


def parse_answers(resp: Response) -> list[SrvRecord]:
    data = json.loads(resp.body)
    return [SrvRecord(**a) for a in data.get("answers", [])]
