"""Faults of more than one cluster: two Expressway clusters in front of one CUCM cluster, one of
them not refreshed (S6, S7, S2); and two CUCM clusters without ILS between them, so the
home-cluster lookup finds no home for the second cluster's users (S8, FORMATS.md SIG-17).

Each Expressway cluster fetches its own copy of the CUCM AuthZ keys with its own "Refresh
servers" (S6, S7); a second, separate cluster shares none of the first one's configuration
(Expressway cluster guide X14.3, "Clustering Basics": peers share the primary's configuration,
so a separate cluster has its own [U lab reading]). Which edge a user reaches is the lab's DNS
rotation (:mod:`uclab.sim.dns`): the probe's first sign-in reaches the first edge, the second
one the second edge.
"""

from __future__ import annotations

import json

from uclab import facts
from uclab.core.errors import ConfigError
from uclab.faults.model import Fault
from uclab.faults.probes import failed, sign_in_and_use, sign_in_and_use_no_xmpp
from uclab.lab import Lab
from uclab.sim.jabber.client import Outcome

__all__ = ["FAULTS", "both_edges", "leave_ils", "second_edge_refreshed_before_oauth",
           "shows_split"]

#: "Unified CM servers", the last step of the Unified CM servers page's menu path (S6)
_UCM_SERVERS = facts.UCM_PAGE.rsplit(" > ", 1)[-1]
#: the two sample users the probe signs in, one per edge (the DNS rotation's order)
PROBE_USERS = ("alice", "bob")
#: what Expressway-C's token check says when it holds no keys (the lab's line, modelled)
NO_KEYS = "holds no AuthZ keys"


def _second(lab: Lab):
    if len(lab.edge_pairs) < 2:
        raise ConfigError("this lab has one Expressway cluster; build it with "
                          "Lab(expressway_clusters=2)")
    return lab.edge_pairs[1][0]


def second_edge_refreshed_before_oauth(lab: Lab) -> None:
    """The second Expressway-C's Refresh servers ran while OAuth with refresh was Off there;
    then it was turned On (the first cluster was refreshed after, as it should be)."""
    expc = _second(lab)
    expc.set_access_control(authorize_by_oauth_token_with_refresh=False)
    expc.refresh_servers()
    expc.set_access_control(authorize_by_oauth_token_with_refresh=True)


def refresh_second_edge(lab: Lab) -> None:
    _second(lab).refresh_servers()


def both_edges(lab: Lab) -> Outcome:
    """Two users sign in one after the other (each lookup reaches the next edge); the outcome
    names the edge each reached, and fails if either failed."""
    parts, failure = [], None
    for user in PROBE_USERS:
        outcome = sign_in_and_use(lab, user)
        edge = _edge_of(lab, user)
        parts.append(f"{user} via {edge}: {outcome}")
        if not outcome and failure is None:
            failure = outcome
    detail = "; ".join(parts)
    if failure is None:
        return Outcome(True, "sign-in", detail)
    return Outcome(False, failure.stage, detail, failure.exchanges)


def _edge_of(lab: Lab, user: str) -> str:
    """The edge host the user's last SRV lookup reached (from the recorded DNS answer)."""
    name = f"jabber-{user}"
    for ex in reversed(lab.exchanges):
        if ex.src == name and ex.request.method == "SRV" and ex.response is not None and \
                facts.SRV_COLLAB_EDGE in ex.request.path:
            answers = json.loads(ex.response.body).get("answers") or []
            return answers[0]["target"] if answers else "-"
    return "-"


def shows_split(lab: Lab, outcome: Outcome) -> bool:
    """The first user (first edge) signed in, the second (second edge) failed at the
    access_token request because that Expressway-C holds no keys."""
    first, _, second = outcome.detail.partition("; ")
    return (not outcome and outcome.stage == str(facts.EDGE_TOKEN_REQUEST)
            and ": OK at" in first and NO_KEYS in second
            and lab.edge_pairs[1][1].host in second)


def leave_ils(lab: Lab) -> None:
    """The second CUCM cluster is not part of the ILS network, so the first cluster's UDS does
    not fan out to it (the lab's model of ILS [U])."""
    if len(lab.clusters) < 2:
        raise ConfigError("this lab has one CUCM cluster; build it with Lab(cucm_clusters=2)")
    lab.clusters[1].ils_joined = False


def join_ils(lab: Lab) -> None:
    for cluster in lab.clusters:
        cluster.ils_joined = True


def _second_home_user(lab: Lab) -> Outcome:
    """dave, homed on the second CUCM cluster, signs in (its IM&P is not part of the lab)."""
    return sign_in_and_use_no_xmpp(lab, "dave")


FAULTS = (
    Fault("expc-cluster-not-refreshed",
          "One of two Expressway clusters not refreshed after enabling OAuth",
          "Expressway-C (second cluster)",
          "Two Expressway-C/E clusters sit in front of one CUCM cluster, both behind "
          f"{facts.SRV_COLLAB_EDGE}. After \"{facts.OAUTH_REFRESH}\" was turned on, "
          f"{facts.REFRESH_SERVERS} was run on the first Expressway-C only; the second one's "
          "Unified CM servers were last refreshed before, so it holds no AuthZ keys.",
          "S6, S7, S2",
          "Some users sign in and others do not, depending on the edge their DNS lookup "
          f"reaches: through the second edge CUCM issues the tokens, then the "
          f"{facts.EDGE_TOKEN_REQUEST} request fails (\"{NO_KEYS}\"). The same user can work "
          "on one attempt and fail on the next.",
          f"{_UCM_SERVERS} > {facts.REFRESH_SERVERS} on every Expressway-C cluster (here the "
          "second one).",
          second_edge_refreshed_before_oauth, refresh_second_edge, both_edges, shows_split,
          lab_options=(("expressway_clusters", 2),),
          signature="expc-cluster-not-refreshed"),
    Fault("home-cluster-lookup-no-ils",
          "Home-cluster lookup without ILS between the CUCM clusters",
          "CUCM (ILS) / Expressway-C",
          "Two CUCM clusters, dave homed on the second. ILS is not set up between them, so "
          f"when Expressway-C asks the first cluster {facts.UDS_CLUSTER_USER}, its UDS does not "
          "fan out to the second one and answers found=\"false\".",
          "S8",
          "Users homed on the other cluster cannot sign in over MRA: the login fails with 401 "
          "right after they enter their password (\"Failed to authenticate user against "
          "server\"), while users of the asked cluster sign in. Which users fail depends on "
          "which CUCM node Expressway-C asks.",
          "Configure ILS across the CUCM clusters, so that UDS on every cluster finds the "
          "user's home cluster.",
          leave_ils, join_ils, _second_home_user, failed(facts.EDGE_LOCAL_AUTH, "HTTP 401"),
          lab_options=(("cucm_clusters", 2),),
          signature="home-cluster-not-found"),
)
