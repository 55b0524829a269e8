"""Traffic into a :class:`uclab.lab.Lab` and what it recorded: sessions and the transport
adapter, the authorization server's URLs, the exchanges, the log lines, traces and hops."""

from __future__ import annotations

import requests

from uclab import facts
from uclab.core.wire import Exchange
from uclab.sim.transport import LabAdapter
from uclab.trace import hop_text
from uclab.trace.file import Trace
from uclab.trace.logline import LogLine


class LabRecords:
    """Mixed into :class:`uclab.lab.Lab` (it uses the lab's context, network and log book)."""

    # -- traffic ----------------------------------------------------------------------------------
    def session(self, src: str = "learner") -> requests.Session:
        """A ``requests.Session`` whose requests go to the lab's nodes in-process."""
        return self.ctx.session(src)

    def adapter(self, src: str = "learner") -> LabAdapter:
        """The ``requests`` transport adapter into the lab, sending as ``src``: mount it on any
        third-party client's session (``oauth.mount("https://", lab.adapter("client"))``) to
        point it at the lab without sockets."""
        return LabAdapter(self.network, src)

    @property
    def issuer(self) -> str:
        """The home cluster publisher's authorization-server issuer URL (its ``/ssosp`` base):
        what an RFC 8414 client is given."""
        return self._publisher_url(str(facts.SSOSP_BASE))

    @property
    def metadata_url(self) -> str:
        """Where the lab publishes RFC 8414 metadata for :attr:`issuer` (a lab extension:
        CUCM publishes none, see ``uclab.facts.LAB_METADATA``)."""
        return self._publisher_url(str(facts.LAB_METADATA))

    @property
    def jwks_url(self) -> str:
        """Where the lab publishes the public signing key as a JWKS (RFC 7517; a lab extension,
        ``uclab.facts.LAB_JWKS``)."""
        return self._publisher_url(str(facts.LAB_JWKS))

    def _publisher_url(self, path: str) -> str:
        return f"https://{self.cucm.publisher.host}:{facts.CUCM_HTTPS_PORT}{path}"

    @property
    def exchanges(self) -> list[Exchange]:
        return self.network.exchanges

    @property
    def logs(self) -> list[LogLine]:
        """Every line the products wrote, in order."""
        return self.logbook.lines

    def render_logs(self, host: str | None = None, dialect: str | None = None,
                    reveal: bool = False) -> str:
        """The recorded log lines of one host and/or dialect, as the product writes them;
        tokens, codes and passwords are concealed unless ``reveal=True``."""
        return self.logbook.render(host, dialect, reveal)

    def trace(self, name: str, since_exchange: int = 0, since_log: int = 0,
              **meta: object) -> Trace:
        """What this lab recorded (from the given positions on) as a :class:`Trace`."""
        info = {"seed": self.seed, "cucm_version": str(self.cucm.version),
                "domain": self.domain, **meta}
        return Trace(name, info, list(self.exchanges[since_exchange:]),
                     list(self.logs[since_log:]))

    def hops(self, since: int = 0) -> list[str]:
        """One line per recorded exchange (from index ``since``), each in its own protocol
        (:func:`uclab.trace.hop_text.summary`: an XMPP hop by its stanzas, a DNS lookup by its
        rcode)."""
        return [hop_text.summary(ex) for ex in self.exchanges[since:]]
