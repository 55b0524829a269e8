"""More than one cluster: the UDS clusterUser answer's parts (DevNet UDS "System Resources",
source key ``UDSSYS``), the home-cluster facts of the UDS production guide (``UDSPROD``), and
the Expressway side is in the notebook text (notebook 11, section 2).

The root element of the clusterUser answer is :data:`uclab.facts.cucm.UDS_CLUSTER_USER_XML`.
"""

from __future__ import annotations

from uclab.facts.entry import Fact

_WHICH_HOST = ("the page writes every host as {host}; that result's uri and serversUri name "
               "the home cluster's publisher is the lab's reading [U]")

UDS_CLUSTER_USER_ROOT = Fact("clusterUser", "UDSSYS", kind="text",
                             note="the root element of the clusterUser answer")
UDS_CLUSTER_USER_FOUND = Fact(
    '<result found="true" uri="https://{home}:{port}/cucm-uds/user/{user}" version="{version}" />',
    "UDSSYS", kind="format",
    note="the user was found; " + _WHICH_HOST + ". The page shows version=\"10.0.0\"; the lab "
    "writes the home cluster's release there (x.y.z, no SU), after UDSPROD: the answer gives "
    "\"the host name of the publisher's home cluster and version number\" [U]")
UDS_CLUSTER_USER_NOT_FOUND = Fact('<result found="false" />', "UDSSYS",
                                  note="the user is in no cluster UDS searched")
UDS_CLUSTER_USER_HOME = Fact(
    '<homeCluster serversUri="https://{home}:{port}/cucm-uds/servers">{home}</homeCluster>',
    "UDSSYS", kind="format",
    note="the home cluster's publisher (\"The response contains the publisher of the home "
    "cluster for that end user\"); " + _WHICH_HOST)
UDS_CLUSTER_USER_DETAILS = Fact(
    "<homeClusterDetails><selfProvisioningSecureMode>true</selfProvisioningSecureMode>"
    "<adminProvisionMode>false</adminProvisionMode></homeClusterDetails>", "UDSSYS",
    confirmed=False,
    note="the element names are documented; the lab always answers the page's example values "
    "(its CUCM has no self-provisioning settings) [U]")
UDS_CLUSTER_USER_END = Fact("</clusterUser>", "UDSSYS")
UDS_SERVERS = Fact("/cucm-uds/servers", "UDSSYS, UDSPROD", kind="path",
                   note="the list of UDS servers (publisher and subscribers, with versions) of "
                   "a cluster; clusterUser's serversUri points to the home cluster's")
HOME_CLUSTER_CHECKBOX = Fact(
    "Home Cluster", "UDSPROD",
    note="End User Configuration check box: check it where the user is homed; \"The end user "
    "should only be homed to one cluster within the enterprise\"")
ILS_HUB_LOOKUP = Fact(
    "ILS Hub Publisher", "UDSPROD",
    note="in a multi-cluster environment the UDS guide sends the clusterUser request to the "
    "ILS hub publisher to find the user's home cluster")
