"""The Lab: one simulated deployment, assembled — its context, its nodes, what it recorded.

Assembly only: the lab builds one :class:`~uclab.sim.context.NodeContext` (clock, entropy, log
book, network and lock, domain, peers by role), hands it to each node it builds, and fills in
the peers. No node sees the Lab. Modules: :mod:`.deployment` (the nodes and their set-up),
:mod:`.variants` (the opt-in deployments of notebook 11: SIP OAuth, SSO, push, Office 365) and
:mod:`.records` (traffic into the lab and what it recorded).

>>> lab = Lab(seed=1)                       # doctest: +SKIP
>>> lab.cucm.enable_refresh_logins()        # doctest: +SKIP
>>> s = lab.session()                       # a requests.Session into the lab, no sockets

Many labs can live in one process; nothing is global except the per-process RSA key cache.
"""

from uclab.lab.deployment import AXL_USER, LAB_PASSWORD, Lab

__all__ = ["AXL_USER", "LAB_PASSWORD", "Lab"]
