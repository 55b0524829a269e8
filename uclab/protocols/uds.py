"""The UDS ``clusterUser`` answer: which CUCM cluster is a user's home, as CUCM writes it and as
a client (Expressway-C's edgeconfigprovision) reads it.

The form is Cisco DevNet's "User Data Services — System Resources" (clusterUser; source key
``UDSSYS``): ``GET https://{host}:8443/cucm-uds/clusterUser?username={userId}`` (or ``email=``,
``useridentifier=``; no authentication, at least one filter), answered with::

    <clusterUser version="10.0.0" uri="https://{host}/cucm-uds/clusterUser?username={userId}">
      <result found="true" uri="https://{host}:8443/cucm-uds/user/{userId}" version="10.0.0" />
      <homeCluster serversUri="https://{host}:8443/cucm-uds/servers">{host}</homeCluster>
      <homeClusterDetails>...</homeClusterDetails>
    </clusterUser>

or ``<result found="false" />``. "UDS first scans the local cluster and then fans out to search
remote clusters"; the answer names the home cluster's publisher (UDSSYS). The page writes every
host as ``{host}``: which host each one is (the asked node in the root ``uri``, the home
publisher elsewhere) and which release each ``version`` carries (the asked cluster's on the root,
as the seed article shows ``version="11.5.1"``; the home cluster's on ``result``, "the host name
of the publisher's home cluster and version number", DevNet UDS production guide ``UDSPROD``)
are the lab's reading [U].

Pure protocol code: no node, no lab. A malformed answer is a :class:`UdsFormatError`, never a
parser exception.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import quote

from uclab import facts
from uclab.core.errors import UclabError

__all__ = ["ClusterUser", "UdsFormatError", "cluster_user_xml", "parse_cluster_user",
           "uds_version"]

_XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
#: what the parser refuses outright: document types and entities (no expansion attacks)
_RESTRICTED = re.compile(r"<!DOCTYPE|<!ENTITY", re.I)
#: what stays as it is in the echoed query (the rest is percent-encoded, as on the wire)
_QUERY_SAFE = "=&@:+%,;/-._~"
#: the longest answer the parser reads (a real one is well under 1 KB)
MAX_ANSWER = 64 * 1024


class UdsFormatError(UclabError):
    """A clusterUser answer that is not the documented form (says what is wrong)."""


@dataclass(frozen=True)
class ClusterUser:
    """What a clusterUser answer says: found or not, and where the user's home cluster is."""

    found: bool
    #: the home cluster's publisher (the ``<homeCluster>`` text); empty when not found
    home: str = ""
    servers_uri: str = ""
    user_uri: str = ""
    #: the ``version`` of ``<result>`` (the lab writes the home cluster's release there)
    version: str = ""
    #: the root's ``version`` (the asked cluster's release, as the seed shows it)
    root_version: str = ""


def uds_version(major: int, minor: int, maint: int) -> str:
    """A release as UDS writes it in ``version="…"`` (``11.5.1``: no SU, seed article)."""
    return f"{major}.{minor}.{maint}"


def cluster_user_xml(asked: str, query: str, root_version: str, *, home: str = "",
                     user: str = "", home_version: str = "") -> str:
    """The answer ``asked`` gives for ``query`` (``username=alice``): the documented found form
    naming ``home`` (the home cluster's publisher) when given, else ``<result found="false" />``
    (UDSSYS)."""
    head = _XML_DECLARATION + facts.UDS_CLUSTER_USER_XML.format(
        version=html.escape(root_version), host=html.escape(asked),
        query=html.escape(quote(query, safe=_QUERY_SAFE), quote=True))
    if not home:
        return head + facts.UDS_CLUSTER_USER_NOT_FOUND + facts.UDS_CLUSTER_USER_END
    port = facts.CUCM_HTTPS_PORT
    return (head + facts.UDS_CLUSTER_USER_FOUND.format(
                home=html.escape(home), port=port, user=html.escape(quote(user, safe="")),
                version=html.escape(home_version))
            + facts.UDS_CLUSTER_USER_HOME.format(home=html.escape(home), port=port)
            + facts.UDS_CLUSTER_USER_DETAILS + facts.UDS_CLUSTER_USER_END)


def parse_cluster_user(text: str | bytes) -> ClusterUser:
    """Read a clusterUser answer; anything but the documented form is a UdsFormatError."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise UdsFormatError("the clusterUser answer is not UTF-8 text") from None
    if not isinstance(text, str):
        raise UdsFormatError(f"a clusterUser answer is text, not {type(text).__name__}")
    if len(text) > MAX_ANSWER:
        raise UdsFormatError(f"the clusterUser answer is {len(text)} characters long; a real "
                             f"one is well under {MAX_ANSWER}")
    if _RESTRICTED.search(text):
        raise UdsFormatError("the clusterUser answer holds a DOCTYPE or ENTITY declaration")
    try:
        root = ET.fromstring(text.strip())
    except ET.ParseError as exc:
        raise UdsFormatError(f"the clusterUser answer is not well-formed XML ({exc})") from None
    except ValueError as exc:  # e.g. a character XML cannot hold
        raise UdsFormatError(f"the clusterUser answer cannot be read as XML ({exc})") from None
    if root.tag != facts.UDS_CLUSTER_USER_ROOT:
        raise UdsFormatError(f"the root element is <{root.tag[:40]}>, not "
                             f"<{facts.UDS_CLUSTER_USER_ROOT}>")
    result = root.find("result")
    if result is None:
        raise UdsFormatError("the clusterUser answer has no <result> element")
    found = result.get("found")
    if found not in ("true", "false"):
        raise UdsFormatError(f'<result found="…"> must be "true" or "false" (got {found!r})')
    root_version = root.get("version", "")
    if found == "false":
        return ClusterUser(False, root_version=root_version)
    home = root.find("homeCluster")
    name = (home.text or "").strip() if home is not None else ""
    if not name:
        raise UdsFormatError('found="true" but <homeCluster> names no host')
    return ClusterUser(True, name, home.get("serversUri", ""), result.get("uri", ""),
                       result.get("version", ""), root_version)
