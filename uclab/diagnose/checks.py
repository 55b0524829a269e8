"""The context tests rules name in their ``check`` field: what the lines around a matching
record, or elsewhere in the same file, must show. Each reads records only (never lab state):
a hit is a record the prefilter found, ``hits`` all of the file's, in file order.

:data:`ANCHORS` are the literals these tests need to find; the engine adds them to its
prefilter.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from uclab import facts
from uclab.diagnose.fallback import field as kv
from uclab.diagnose.fallback import utc_time
from uclab.facts.releases import REFRESH_FROM
from uclab.trace.parsing import Record

if TYPE_CHECKING:
    from uclab.protocols.uds import ClusterUser

__all__ = ["ANCHORS", "CHECKS", "REFUSED", "Hit"]

_CLUSTER_USER = "<clusterUser"
_CODE_GRANT = "grant_type=authorization_code"
_REFRESH = "grant_type=refresh_token"
#: the status line of a 4xx answer, as Expressway prints it in an HTTPMSG block
_REFUSED = REFUSED = "HTTP/1.1 4"
#: the literals the checks look for (added to the engine's prefilter)
ANCHORS = (_CLUSTER_USER, _CODE_GRANT, _REFRESH, _REFUSED)


@dataclass
class Hit:
    """A record of one file that holds an anchor, with the records read around it."""

    index: int
    record: Record
    context: list[Record] = field(default_factory=list, repr=False)

    @property
    def text(self) -> str:
        return self.record.raw


def when(record: Record) -> datetime | None:
    """The record's time as naive UTC (or naive local when the log gives no zone)."""
    t = record.time or utc_time(record.lines[0] if record.lines else "")
    if t is not None and t.tzinfo is not None:
        t = t.astimezone(UTC).replace(tzinfo=None)
    return t


_CLUSTER_USER_XML = re.compile(r"<clusterUser\b.*?</clusterUser>", re.S)
_UDS_RELEASE = re.compile(r"(\d+)\.(\d+)\.(\d+)\Z")
_RESULT_TAG = re.compile(r"<result\b([^<>]*?)/?>")


def _home_cluster(hit: Hit, hits: list[Hit]) -> tuple[tuple[int, int, int], str, str] | None:
    """(release, home publisher, asked host) of the last clusterUser answer before the hit.

    The release is the ``version`` UDS writes on ``<result>`` (UDSSYS; the lab's reading, see
    :mod:`uclab.protocols.uds`): ``major.minor.maint`` without the SU."""
    for other in reversed(hits[:hit.index]):
        text = other.text
        if _CLUSTER_USER not in text:
            continue
        asked = re.search(r"Request-url=\"https?://([^:/\"]+)", text)
        answer = _cluster_user_answer(text)
        if answer is None:
            return None
        release = _UDS_RELEASE.match(answer.version)
        if not (answer.found and release):
            return None
        numbers = (int(release[1]), int(release[2]), int(release[3]))
        return numbers, answer.home, asked.group(1) if asked else ""
    return None


def _cluster_user_answer(text: str) -> ClusterUser | None:
    """The clusterUser answer in a logged record. Expressway-C logs XML bodies clipped (300
    characters), so a clipped answer is read from its ``<result>`` tag: the home publisher is
    the host of its ``uri`` (the lab's reading of UDSSYS)."""
    from uclab.protocols.uds import ClusterUser, UdsFormatError, parse_cluster_user  # on use

    body = _CLUSTER_USER_XML.search(text)
    if body is not None:
        try:
            return parse_cluster_user(body.group(0))
        except UdsFormatError:
            return None
    tag = _RESULT_TAG.search(text)
    if tag is None:
        return None
    attrs = dict(re.findall(r'(\w+)="([^"]*)"', tag.group(1)))
    home = re.match(r"https?://([^:/]+)", attrs.get("uri", ""))
    if attrs.get("found") != "true" or home is None:
        return None
    return ClusterUser(True, home.group(1), version=attrs.get("version", ""))


def _below_code_grant(release: tuple[int, int, int], hit: Hit, hits: list[Hit]) -> bool:
    """Whether the home cluster lacks the code grant (below 11.5(1)SU3). UDS writes every
    11.5(1) as 11.5.1, without the SU; for that release the CUCM refusal logged just before
    the hit decides: naming the OAuth with Refresh Login Flow, it says the grant is there but
    switched off."""
    floor = (REFRESH_FROM.major, REFRESH_FROM.minor, REFRESH_FROM.maint)
    if release != floor:
        return release < floor
    for other in reversed(hits[:hit.index]):
        if _REFUSED in other.text:
            return str(facts.PARAM_REFRESH_FLOW) not in other.text
    return True


def home_cluster_has_code_grant(hit: Hit, hits: list[Hit]) -> bool:
    found = _home_cluster(hit, hits)
    return found is not None and not _below_code_grant(found[0], hit, hits)


def home_cluster_too_old_same(hit: Hit, hits: list[Hit]) -> bool:
    found = _home_cluster(hit, hits)
    return found is not None and _below_code_grant(found[0], hit, hits) and found[1] == found[2]


def home_cluster_too_old_other(hit: Hit, hits: list[Hit]) -> bool:
    found = _home_cluster(hit, hits)
    return found is not None and _below_code_grant(found[0], hit, hits) and found[1] != found[2]


def home_cluster_not_found(hit: Hit, hits: list[Hit]) -> bool:
    """The last clusterUser answer before the hit says ``found="false"`` (UDSSYS): the node
    Expressway-C asked knows no home cluster for the user."""
    for other in reversed(hits[:hit.index]):
        if _CLUSTER_USER in other.text:
            answer = _cluster_user_answer(other.text)
            if answer is None and 'found="false"' in other.text:
                return True  # a clipped answer: its <result> tag is all there is
            return answer is not None and not answer.found
    return False


def _held_clusters(text: str) -> int:
    m = re.search(r"this node holds ([^\"\n]+)", text)
    if not m:
        return 0
    # each key a node holds is named by its cluster id (a UUID, cut) and its checksum
    return len(set(re.findall(r"\b([0-9a-f]{8})-[0-9a-f]{4}-", m.group(1))))


def keys_of_one_cluster(hit: Hit, hits: list[Hit]) -> bool:
    return _held_clusters(hit.text) == 1


def keys_of_several_clusters(hit: Hit, hits: list[Hit]) -> bool:
    return _held_clusters(hit.text) > 1


def _refused_later(hit: Hit, hits: list[Hit]) -> bool:
    """Whether the request of this hit's transaction was answered with a 4xx later."""
    txn = kv(hit.record, "Txn-id")
    return txn is not None and any(
        _REFUSED in h.text and kv(h.record, "Txn-id") == txn for h in hits[hit.index + 1:])


def _grant_age(hit: Hit, hits: list[Hit]) -> timedelta | None:
    """How long before this hit the last code grant of the file was asked for."""
    now = when(hit.record)
    for other in reversed(hits[:hit.index]):
        if _CODE_GRANT in other.text:
            then = when(other.record)
            return now - then if now is not None and then is not None else None
    return None


_LIFETIME = timedelta(days=int(facts.PARAM_REFRESH_EXPIRY_DEFAULT))


def refresh_refused_after_lifetime(hit: Hit, hits: list[Hit]) -> bool:
    age = _grant_age(hit, hits)
    return _refused_later(hit, hits) and age is not None and age >= _LIFETIME


def refresh_refused_within_lifetime(hit: Hit, hits: list[Hit]) -> bool:
    age = _grant_age(hit, hits)
    return _refused_later(hit, hits) and age is not None and age < _LIFETIME


def refused_after_token_accepted(hit: Hit, hits: list[Hit]) -> bool:
    """A 401 from CUCM UDS for a request whose token Expressway-C had accepted, and a refresh
    refused later in the same file."""
    txn = kv(hit.record, "Txn-id")
    if txn is None:
        return False
    accepted = asked_uds = False
    records = hit.context
    at = next((i for i, r in enumerate(records) if r.line == hit.record.line), len(records))
    for record in reversed(records[:at]):
        text = record.raw
        if str(facts.REASON_MATCHED) in text:
            accepted = True
        if kv(record, "Txn-id") == txn and str(facts.DETAIL_RECEIVE) in text:
            asked_uds = str(facts.UDS_USER_PREFIX) in text
            break
    later_refresh = any(_REFRESH in h.text and _refused_later(h, hits)
                        for h in hits[hit.index + 1:])
    return accepted and asked_uds and later_refresh


def expired_in_code_grant(hit: Hit, hits: list[Hit]) -> bool:
    """The expiry refusal answers a code-grant request: the token was minted moments ago."""
    refusal = next((h for h in hits[hit.index + 1:] if _REFUSED in h.text), None)
    txn = kv(refusal.record, "Txn-id") if refusal else None
    return txn is not None and any(_CODE_GRANT in h.text and kv(h.record, "Txn-id") == txn
                                   for h in hits[:hit.index])


def sso_db_mode_disabled(hit: Hit, hits: list[Hit]) -> bool:
    """``run sql ... tkssomode from processnode`` shows a node row with mode 0 (Disable)."""
    rows = re.compile(r"[0-9a-f]{8}-[0-9a-f-]{27}\s+\S+\s+0(?:\s|$)")
    return any("tkssomode" in h.text and rows.search(h.text) for h in hits)


CHECKS: dict[str, Callable[[Hit, list[Hit]], bool]] = {f.__name__: f for f in (
    home_cluster_has_code_grant, home_cluster_too_old_same, home_cluster_too_old_other,
    keys_of_one_cluster, keys_of_several_clusters, refresh_refused_after_lifetime,
    refresh_refused_within_lifetime, refused_after_token_accepted, expired_in_code_grant,
    sso_db_mode_disabled, home_cluster_not_found)}
